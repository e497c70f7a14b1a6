#!/usr/bin/env bash
# Scale benchmark: Updraft's own cost against a floor measured in the same run.
#   tests/benchmarks/scale.sh [USERS] [GROUPS] [AVG_MEMBERS] [CHANGED]      (defaults 10000 500 20, 1 % of USERS)
#
# Generates USERS users in 20 OUs under ou=People (every 50th with a manager) and GROUPS groupOfNames in ou=Groups
# with about AVG_MEMBERS members each (tests/fixtures/gen-directory.py --ous 20 --contractors 0 --manager-every 50
# --avg-members M; the three department groups hold their whole OU, at most 1,000), loads them into slapd and
# starts the fast in-memory SCIM service (tests/benchmarks/fastscim: the SCIM test peer is far slower than any real
# cloud and would hide the engine's cost), all on 127.0.0.1, stopped by PID when the script exits.
#
# The floor, measured first: a paged ldapsearch of the same entries (users and groups, same base; once to warm slapd
# up, then the best of three), and USERS plain POST /Users over 16 keep-alive connections (fastscim/post-floor.mjs,
# after 2,000 untimed ones that warm Node's JIT up; the store is emptied afterwards, so the runs start on an empty
# service). Then three phases of updraft-cli run --json:
#   first run                    everything is created
#   no change                    run again
#   CHANGED changed              after CHANGED users (spread over the directory) got a new title
# Each prints wall time, CPU (user+sys, and as % of wall), peak RSS, the run's status and counts, the requests the
# service answered by method (and Bulk operations), when the first and last came, the service's and slapd's CPU,
# and wall / floor (first run: ldapsearch + POST floor; later runs: the ldapsearch floor). Nothing asserts a time:
# this is for reading, not for CI.
#
# The configuration is full-run.sh's (servers.sh) but for the scope: the 20 OUs of ou=People and ou=Groups. Hash
# sync off, source pages of 1000, and safety.deleteThreshold 1,000,000 so that nothing is held.
# Environment:
#   UPDRAFT_BUILD=DIR        build directory (default build/release, else build/debug with a warning)
#   BENCH_SCIM_OPTIONS=...   options for fastscim/server.mjs, e.g. "--bulk --bulk-max-operations 100",
#                            "--patch-no-content", "--max-results 100", "--no-updraft-extension"
#   BENCH_MAX_IN_FLIGHT=N    target.maxInFlight (1-16; default: Updraft's own, 4)
#   BENCH_TLS=1              the service over https, as every real cloud (a certificate made for the run, trusted
#                            through target.caFile); the POST floor goes over https too
#   BENCH_PERF=DIR           record each phase with perf (DIR/<phase>.data; the times then include perf's cost)
#   BENCH_HEAPTRACK=DIR      record each phase's allocations with heaptrack (DIR/<phase>.zst; slow)
#   BENCH_LOG=DIR            run each phase with --verbose, its log (with times) kept as DIR/<phase>.log
#   BENCH_STORE=postgresql   keep the state in a PostgreSQL store (tests/servers/postgresql on 127.0.0.1, TLS
#                            verified) instead of the SQLite file: the shared store's cost against SQLite
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$PWD"
users="${1:-10000}"
groups="${2:-500}"
avg_members="${3:-20}"
changed="${4:-$((users / 100))}"
for n in "$users" "$groups" "$avg_members" "$changed"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "usage: $0 [USERS] [GROUPS] [AVG_MEMBERS] [CHANGED] (numbers)" >&2; exit 64; }
done
((users >= 22 && avg_members >= 1)) || { echo "USERS must be >= 22 (2 fixed users and 20 OUs), AVG_MEMBERS >= 1" >&2; exit 64; }
build_note=""
if [[ -n "${UPDRAFT_BUILD:-}" ]]; then
    build="$UPDRAFT_BUILD"
elif [[ -x "$root/build/release/app/cli/updraft-cli" ]]; then
    build="$root/build/release"
else
    build="$root/build/debug"
    build_note=" (DEBUG build: the engine's times are not representative; build the release preset)"
fi
cli="$build/app/cli/updraft-cli"
[[ -x "$cli" ]] || { echo "no $cli: build the release preset first (or set UPDRAFT_BUILD)" >&2; exit 1; }
[[ -z "${BENCH_MAX_IN_FLIGHT:-}" || "${BENCH_MAX_IN_FLIGHT}" =~ ^[0-9]+$ ]] || { echo "BENCH_MAX_IN_FLIGHT is a number" >&2; exit 64; }

work="$(mktemp -d)"
scim_pid=""
cleanup() {
    if [[ -n "$scim_pid" ]] && kill -0 "$scim_pid" 2>/dev/null; then
        kill -TERM "$scim_pid" 2>/dev/null || true
        wait "$scim_pid" 2>/dev/null || true
    fi
    tests/servers/slapd/stop.sh "$work/ldap" >/dev/null 2>&1 || true
    [[ -d "$work/pg" ]] && tests/servers/postgresql/stop.sh "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

store_args=()
case "${BENCH_STORE:-sqlite}" in
    sqlite) ;;
    postgresql)
        chmod go+x "$work" # the server runs as the postgres user when this runs as root
        export UPDRAFT_TEST_PG_PASSWORD="${UPDRAFT_TEST_PG_PASSWORD:-bench-secret}"
        store_args=(--store "$(tests/servers/postgresql/start.sh "$work/pg")&password=env:UPDRAFT_TEST_PG_PASSWORD")
        echo "store: PostgreSQL, ${store_args[1]%%\?*}" >&2
        ;;
    *) echo "BENCH_STORE is sqlite or postgresql" >&2; exit 64 ;;
esac

seconds_since() { python3 -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.1f}")' "$1"; }

# --- the directory in slapd ---
t0="$(date +%s.%N)"
python3 tests/fixtures/gen-directory.py --users "$users" --groups "$groups" --ous 20 --contractors 0 \
    --manager-every 50 --avg-members "$avg_members" -o "$work/directory.ldif"
generated="$(seconds_since "$t0")"
t0="$(date +%s.%N)"
tests/servers/slapd/start.sh "$work/ldap" --ldif "$work/directory.ldif" >"$work/slapd-start.log" 2>&1 ||
    { cat "$work/slapd-start.log" >&2; exit 1; }
loaded="$(seconds_since "$t0")"
# shellcheck source=/dev/null # written by start.sh
. "$work/ldap/slapd.env"

# --- the fast SCIM service ---
token="bench-$RANDOM$RANDOM"
mkdir -p "$work/scim"
scheme=http
tls_options=()
curl=(curl -fsS)
ca_option=()
if [[ -n "${BENCH_TLS:-}" ]]; then
    scheme=https
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
        -addext subjectAltName=IP:127.0.0.1 -keyout "$work/scim/key.pem" -out "$work/scim/cert.pem" 2>/dev/null
    tls_options=(--tls-cert "$work/scim/cert.pem" --tls-key "$work/scim/key.pem")
    curl+=(--cacert "$work/scim/cert.pem")
    ca_option=(--ca "$work/scim/cert.pem")
fi
# shellcheck disable=SC2086 # the options are words
node tests/benchmarks/fastscim/server.mjs --token "$token" --port-file "$work/scim/port" ${BENCH_SCIM_OPTIONS:-} \
    "${tls_options[@]}" </dev/null >"$work/scim/log" 2>&1 &
scim_pid=$!
for _ in $(seq 1 100); do
    [[ -s "$work/scim/port" ]] && break
    kill -0 "$scim_pid" 2>/dev/null || { cat "$work/scim/log" >&2; exit 1; }
    sleep 0.1
done
[[ -s "$work/scim/port" ]] || { echo "the fast SCIM service did not start within 10 s" >&2; cat "$work/scim/log" >&2; exit 1; }
scim_url="$scheme://127.0.0.1:$(cat "$work/scim/port")/scim/v2"
control="${scim_url%/scim/v2}/_test"

# --- configuration ---
export BENCH_BIND_PASSWORD="$UPDRAFT_LDAP_SYNC_PASSWORD" BENCH_TOKEN="$token"
ous="$(grep '^dn: ou=[^,]*,ou=People,' "$work/directory.ldif" | sed 's/^dn: //' |
    python3 -c 'import json, sys; print(json.dumps([l.strip() for l in sys.stdin] + [sys.argv[1]]))' \
    "ou=Groups,$UPDRAFT_LDAP_BASE_DN")"
target_extra=""
[[ -n "${BENCH_MAX_IN_FLIGHT:-}" ]] && target_extra=", \"maxInFlight\": $BENCH_MAX_IN_FLIGHT"
[[ -n "${BENCH_TLS:-}" ]] && target_extra+=", \"caFile\": \"$work/scim/cert.pem\""
cat >"$work/config.json" <<JSON
{"name": "example.com",
 "source": {"type": "openldap", "url": "$UPDRAFT_LDAP_URL", "bindDn": "$UPDRAFT_LDAP_SYNC_DN",
            "bindPassword": {"env": "BENCH_BIND_PASSWORD"}, "baseDn": "$UPDRAFT_LDAP_BASE_DN", "pageSize": 1000},
 "scope": {"organizationalUnits": $ous},
 "passwordHashSync": {"enabled": false},
 "safety": {"deleteThreshold": 1000000},
 "target": {"type": "scim", "url": "$scim_url", "token": {"env": "BENCH_TOKEN"}$target_extra}}
JSON

echo "Updraft scale benchmark: $users users in 20 OUs, $groups groups (~$avg_members members), $changed changed"
echo "  $(nproc) cores, $(uname -r), node $(node --version); $cli$build_note"
echo "  directory: $(grep -c '^manager:' "$work/directory.ldif") managers, $(grep -c '^member:' "$work/directory.ldif") memberships;" \
    "generated in $generated s, loaded into slapd in $loaded s"
echo "  service: tests/benchmarks/fastscim/server.mjs ${BENCH_SCIM_OPTIONS:-(no options)} over $scheme;" \
    "target.maxInFlight ${BENCH_MAX_IN_FLIGHT:-4 (default)}"

# --- the floor ---
search=(ldapsearch -x -LLL -o ldif-wrap=no -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_SYNC_DN"
    -w "$UPDRAFT_LDAP_SYNC_PASSWORD" -b "$UPDRAFT_LDAP_BASE_DN" -E pr=1000/noprompt
    '(|(objectClass=inetOrgPerson)(objectClass=groupOfNames))' '*' entryUUID)
"${search[@]}" >/dev/null # warms slapd up, as the runs after it find it
for i in 1 2 3; do # the best of three: a 2-core machine is noisy
    /usr/bin/time -f '%e %U %S' -o "$work/ldap.time$i" "${search[@]}" >"$work/floor.ldif"
done
node tests/benchmarks/fastscim/post-floor.mjs --url "$scim_url" --token "$token" --count "$users" --connections 16 \
    --warmup 2000 "${ca_option[@]}" >"$work/post.json"
"${curl[@]}" -X POST "$control/reset" >/dev/null # the runs start on an empty service
best="$(tail -q -n 1 "$work"/ldap.time? | sort -n | head -n 1)"
python3 - "$best" "$(grep -c '^dn:' "$work/floor.ldif")" "$work/post.json" "$work/floors" <<'PY'
import json, sys
wall, user, sys_ = map(float, sys.argv[1].split())
entries, post = int(sys.argv[2]), json.load(open(sys.argv[3]))
print(f"floor  ldapsearch of {entries} entries, pages of 1000: {wall:.2f} s wall, best of 3 "
      f"({user + sys_:.2f} s CPU in ldapsearch)")
print(f"floor  {post['count']} POST /Users over {post['connections']} connections: {post['seconds']:.2f} s wall "
      f"({post['perSecond']:.0f}/s; the load generator's CPU {post['cpuSeconds']:.2f} s)")
print(f"floor  first run: {wall + post['seconds']:.2f} s (both); later runs: {wall:.2f} s (ldapsearch)")
open(sys.argv[4], "w").write(f"{wall} {wall + post['seconds']}\n")
PY
read -r floor_later floor_first <"$work/floors"

# --- the phases ---
slapd_ticks() { # utime + stime of slapd, in clock ticks
    local stat f
    stat="$(cat "/proc/$UPDRAFT_LDAP_PID/stat")"
    read -r -a f <<<"${stat##*) }"
    echo $((f[11] + f[12]))
}
echo
printf '%-22s %-8s %8s %8s %5s %8s %8s  %s\n' phase status "wall s" "CPU s" "CPU%" "RSS MiB" "x floor" \
    "requests by method"
measure() { # label, floor seconds, then the command
    local label="$1" floor="$2"
    shift 2
    "${curl[@]}" -X POST "$control/stats/reset" >/dev/null
    local ticks started code=0
    ticks="$(slapd_ticks)"
    started="$(date +%s%3N)"
    local profile=()
    [[ -n "${BENCH_PERF:-}" ]] && profile=(perf record -q -F 499 -g -o "$BENCH_PERF/${label// /-}.data" --)
    # Debian's heaptrack has no -o: it writes heaptrack.updraft-cli.PID.zst where it runs, renamed below.
    [[ -n "${BENCH_HEAPTRACK:-}" ]] && profile=(env -C "$BENCH_HEAPTRACK" heaptrack)
    local verbose=()
    [[ -n "${BENCH_LOG:-}" ]] && verbose=(--verbose)
    QT_MESSAGE_PATTERN='%{time process} %{category}: %{message}' /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
        "${profile[@]}" "$@" "${verbose[@]}" --json >"$work/out.json" 2>"$work/err.log" || code=$?
    [[ -n "${BENCH_LOG:-}" ]] && cp "$work/err.log" "$BENCH_LOG/${label// /-}.log"
    if [[ -n "${BENCH_HEAPTRACK:-}" ]]; then
        local recorded
        recorded="$(ls -t "$BENCH_HEAPTRACK"/heaptrack.updraft-cli.* 2>/dev/null | head -n 1)"
        [[ -z "$recorded" ]] || mv "$recorded" "$BENCH_HEAPTRACK/${label// /-}.${recorded##*.}"
    fi
    if ((code == 1 || code > 3)); then
        echo "$label: updraft-cli exited with $code" >&2
        tail -n 20 "$work/err.log" >&2
        cat "$work/out.json" >&2
        return 1
    fi
    python3 - "$label" "$floor" "$(tail -n 1 "$work/time")" "$work/out.json" "$("${curl[@]}" "$control/stats")" \
        "$(($(slapd_ticks) - ticks))" "$(getconf CLK_TCK)" "$started" <<'PY'
import json, sys
label, floor, times, out, stats = sys.argv[1], float(sys.argv[2]), sys.argv[3].split(), sys.argv[4], json.loads(sys.argv[5])
slapd_cpu, started = int(sys.argv[6]) / int(sys.argv[7]), int(sys.argv[8])
wall, cpu, kib = float(times[0]), float(times[1]) + float(times[2]), int(times[3])
text = open(out).read()  # heaptrack (BENCH_HEAPTRACK) writes lines of its own around the JSON
r = json.JSONDecoder().raw_decode(text[text.index('{'):])[0]
u, g = r["users"], r["groups"]
req = stats["requests"]
total = sum(req.values())
methods = "  ".join(f"{m} {n}" for m, n in req.items())
bulk = stats["bulk"]
if bulk["requests"]:
    methods += f"  (Bulk: {bulk['requests']} requests, " + " ".join(f"{m} {n}" for m, n in bulk["operations"].items()) + ")"
errors = {s: n for s, n in stats["statuses"].items() if int(s) >= 400}
objects = sum(u[k] + g[k] for k in ("created", "updated", "deleted", "unchanged", "failed"))
print(f"{label:<22} {r['status']:<8} {wall:8.2f} {cpu:8.2f} {100 * cpu / wall if wall else 0:4.0f}% {kib / 1024:8.0f} "
      f"{wall / floor if floor else 0:8.1f}  {methods}")
print(f"{'':<22} users +{u['created']} ~{u['updated']} -{u['deleted']} ={u['unchanged']} !{u['failed']}  "
      f"groups +{g['created']} ~{g['updated']} -{g['deleted']} ={g['unchanged']} !{g['failed']}  read {r['objectsRead']}; "
      f"{total} requests ({total / objects if objects else 0:.2f} an object)" + (f", errors {errors}" if errors else ""))
print(f"{'':<22} " + (f"requests from {(stats['firstRequest'] - started) / 1000:.1f} s to "
                      f"{(stats['lastRequest'] - started) / 1000:.1f} s; " if stats["firstRequest"] else "")
      + f"service CPU {stats['cpuSeconds']:.2f} s, RSS {stats['rssMiB']} MiB; slapd CPU {slapd_cpu:.2f} s")
if r.get("message"):
    print(f"{'':<22} {r['message']}")
PY
}

measure "first run" "$floor_first" "$cli" run --config "$work/config.json" --state "$work/state" "${store_args[@]}"
measure "no change" "$floor_later" "$cli" run example.com --state "$work/state" "${store_args[@]}"
# CHANGED users, spread over the directory, get a new title.
python3 - "$work/directory.ldif" "$changed" >"$work/change.ldif" <<'PY'
import sys
dns = [l[4:].strip() for l in open(sys.argv[1], encoding="utf-8") if l.startswith("dn: uid=")]
n = int(sys.argv[2])
for dn in dns[:: max(1, len(dns) // max(1, n))][:n]:
    print(f"dn: {dn}\nchangetype: modify\nreplace: title\ntitle: Benchmark Title\n")
PY
if ((changed > 0)); then
    ldapmodify -x -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_ADMIN_DN" -w "$UPDRAFT_LDAP_ADMIN_PASSWORD" \
        -f "$work/change.ldif" >/dev/null
fi
measure "$changed changed" "$floor_later" "$cli" run example.com --state "$work/state" "${store_args[@]}"
