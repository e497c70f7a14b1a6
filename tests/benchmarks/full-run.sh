#!/usr/bin/env bash
# Benchmark: a full first run of N users (default 10,000) from slapd to the SCIM test service, then a run with no
# change, then a run after CHANGED users changed. Prints wall time, writes per second and peak memory of each.
# With HASHES (nt: sambaNTPassword sent as PPH1_MD4; rfc2307: userPassword {SSHA} passed through) password hash sync
# is on, and a last run sends every user's hash again (updraft-cli hashes --resync).
#   tests/benchmarks/full-run.sh [USERS] [GROUPS] [none|nt|rfc2307] [CHANGED]   (CHANGED: users given a new title,
#                                                                            default 1 % of USERS)
# Uses the release build (cmake --preset release && cmake --build --preset release -j2), or UPDRAFT_BUILD=DIR.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$PWD"
users="${1:-10000}"
groups="${2:-50}"
hashes="${3:-none}"
changed="${4:-$((users / 100))}"
case "$hashes" in none|nt|rfc2307) ;; *) echo "HASHES is none, nt or rfc2307" >&2; exit 64 ;; esac
cli="${UPDRAFT_BUILD:-$root/build/release}/app/cli/updraft-cli"
[[ -x "$cli" ]] || { echo "build the release preset first (or set UPDRAFT_BUILD)" >&2; exit 1; }

. tests/benchmarks/servers.sh
gen=(--users "$users" --groups "$groups")
[[ "$hashes" == nt ]] && gen+=(--nt-hash)
bench_servers "$([[ "$hashes" == none ]] && echo false || echo true)" "${gen[@]}"
measure() { # label, then the command
    local label="$1"
    shift
    curl -fsS -X POST "$control/stats/reset" >/dev/null
    # Exit code 2 (some objects failed: e.g. users without the email a strict service requires) is measured too.
    local code=0
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" --json >"$work/out.json" || code=$?
    ((code <= 2)) || return "$code"
    read -r seconds kib < <(tail -n 1 "$work/time") # after "Command exited with non-zero status 2"
    python3 - "$label" "$seconds" "$kib" "$work/out.json" "$(curl -fsS "$control/stats")" <<'PY'
import json, sys
label, seconds, kib, out, stats = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4], json.loads(sys.argv[5])
r = json.load(open(out))
req = stats["requests"]
writes = req["POST"] + req["PATCH"] + req["PUT"] + req["DELETE"]
u, g = r["users"], r["groups"]
hashes = " ".join(f"{k} {v}" for k, v in r.get("passwordHashes", {}).items())
print(f"{label:<24} {r['status']:<8} {seconds:7.2f} s  read {r['objectsRead']:>6}  "
      f"users +{u['created']} ~{u['updated']} -{u['deleted']} ={u['unchanged']} !{u['failed']}  "
      f"groups +{g['created']} ~{g['updated']} ={g['unchanged']}  "
      f"requests {sum(req.values()):>6} (writes {writes}, {writes / seconds:6.0f}/s)  peak RSS {kib / 1024:.0f} MiB"
      + (f"\n{'':<24} password hashes: {hashes}; sent {stats['credentialWrites']}, "
         f"{stats['credentialWrites'] / seconds:.0f}/s" if hashes else ""))
PY
}

echo "Updraft full-run benchmark: $users users, $groups groups ($(nproc) cores, $(uname -r))"
measure "first run" "$cli" run --config "$work/config.json" --state "$work/state"
measure "no change" "$cli" run example.com --state "$work/state"
# CHANGED users, spread over the directory, get a new title.
python3 - "$work/directory.ldif" "$changed" >"$work/change.ldif" <<'PY'
import sys
dns = [l[4:].strip() for l in open(sys.argv[1]) if l.startswith("dn: uid=")]
n = int(sys.argv[2])
for dn in dns[:: max(1, len(dns) // max(1, n))][:n]:
    print(f"dn: {dn}\nchangetype: modify\nreplace: title\ntitle: Benchmark Title\n")
PY
ldapmodify -x -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_ADMIN_DN" -w "$UPDRAFT_LDAP_ADMIN_PASSWORD" -f "$work/change.ldif" >/dev/null
measure "$changed changed" "$cli" run example.com --state "$work/state"
if [[ "$hashes" != none ]]; then
    "$cli" hashes example.com --resync --state "$work/state" >/dev/null
    measure "every hash again" "$cli" run example.com --state "$work/state"
fi
