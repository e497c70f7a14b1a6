#!/usr/bin/env bash
# Benchmark: N users (default 10,000) from slapd to the local imitation of Entra's inbound provisioning
# (tests/servers/entra) at its documented limits (40 bulkUpload calls per 5 s, 50 records a call, 2,000 calls a
# day): a first run, then (once Entra has processed the records) a run that reads the provisioning logs and
# attaches every outcome, then a run after CHANGED users changed. Prints wall time, requests and peak memory.
#   tests/benchmarks/entra-run.sh [USERS] [CHANGED]
# Uses the release build (cmake --preset release && cmake --build --preset release -j2), or UPDRAFT_BUILD=DIR.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$PWD"
users="${1:-10000}"
changed="${2:-$((users / 100))}"
cli="${UPDRAFT_BUILD:-$root/build/release}/app/cli/updraft-cli"
[[ -x "$cli" ]] || { echo "build the release preset first (or set UPDRAFT_BUILD)" >&2; exit 1; }

work="$(mktemp -d)"
cleanup() {
    tests/servers/entra/stop.sh "$work/entra" >/dev/null 2>&1 || true
    tests/servers/slapd/stop.sh "$work/ldap" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
python3 tests/fixtures/gen-directory.py --users "$users" --groups 10 -o "$work/directory.ldif"
tests/servers/slapd/start.sh "$work/ldap" --ldif "$work/directory.ldif" >/dev/null 2>&1
tests/servers/entra/start.sh "$work/entra" --log-delay 0 >/dev/null
. "$work/ldap/slapd.env"
e="$work/entra"
url="$(cat "$e/entra.url")"
export BENCH_BIND_PASSWORD="$UPDRAFT_LDAP_SYNC_PASSWORD" BENCH_SECRET="$(cat "$e/entra.secret")"
cat >"$work/config.json" <<JSON
{"name": "example.com",
 "source": {"type": "openldap", "url": "$UPDRAFT_LDAP_URL", "bindDn": "$UPDRAFT_LDAP_SYNC_DN",
            "bindPassword": {"env": "BENCH_BIND_PASSWORD"}, "baseDn": "$UPDRAFT_LDAP_BASE_DN", "pageSize": 1000},
 "scope": {"organizationalUnits": ["$UPDRAFT_LDAP_BASE_DN"]},
 "target": {"type": "entra-inbound", "graph": "$url", "authority": "$url", "tenant": "$(cat "$e/entra.tenant")",
            "clientId": "$(cat "$e/entra.client")", "clientSecret": {"env": "BENCH_SECRET"},
            "servicePrincipalId": "$(cat "$e/entra.sp")", "jobId": "$(cat "$e/entra.job")"}}
JSON

measure() { # label, then the command
    local label="$1"
    shift
    local before
    before="$(curl -fsS "$url/_test/stats")"
    local code=0
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" --json >"$work/out.json" || code=$?
    ((code <= 2)) || return "$code"
    read -r seconds kib < <(tail -n 1 "$work/time")
    python3 - "$label" "$seconds" "$kib" "$work/out.json" "$before" "$(curl -fsS "$url/_test/stats")" <<'PY'
import json, sys
label, seconds, kib, out = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
before, after = json.loads(sys.argv[5]), json.loads(sys.argv[6])
r = json.load(open(out))
d = lambda k: after[k] - before[k]
req = sum(after["requests"].values()) - sum(before["requests"].values())
u = r["users"]
print(f"{label:<22} {r['status']:<8} {seconds:7.2f} s  users +{u['created']} ~{u['updated']} ={u['unchanged']} !{u['failed']}  "
      f"requests {req:>5} (bulkUpload {d('bulkCallsAccepted')}, records {d('operationsAccepted')}, "
      f"max {after['maxOperationsInRequest']} a call, max {after['maxCallsInWindow']} calls in 5 s, "
      f"throttled {d('throttled')})  peak RSS {kib / 1024:.0f} MiB")
PY
}

echo "Updraft Entra inbound benchmark: $users users ($(nproc) cores, $(uname -r))"
measure "first run" "$cli" run --config "$work/config.json" --state "$work/state"
curl -fsS -X POST "$url/_test/flush" >/dev/null
measure "results attached" "$cli" run example.com --state "$work/state"
python3 - "$work/directory.ldif" "$changed" >"$work/change.ldif" <<'PY'
import sys
dns = [l[4:].strip() for l in open(sys.argv[1]) if l.startswith("dn: uid=")]
n = int(sys.argv[2])
for dn in dns[:: max(1, len(dns) // max(1, n))][:n]:
    print(f"dn: {dn}\nchangetype: modify\nreplace: title\ntitle: Benchmark Title\n")
PY
ldapmodify -x -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_ADMIN_DN" -w "$UPDRAFT_LDAP_ADMIN_PASSWORD" -f "$work/change.ldif" >/dev/null
measure "$changed changed" "$cli" run example.com --state "$work/state"
echo "tokens issued: $(curl -fsS "$url/_test/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tokensIssued"])')"
