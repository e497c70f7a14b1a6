#!/usr/bin/env bash
# Password hash replication (MS-DRSR) benchmark: the helper's full pass and delta pass against a Samba AD DC.
#   tests/benchmarks/replication.sh [USERS] [CHANGED]        (defaults 10000 and 1 % of USERS)
#
# Starts a throwaway Samba AD DC (tests/servers/samba/start.sh, as root) on 127.0.0.78 with USERS bulk users that
# each have a password (--bulk-passwords), and stops it by its PID on exit. Then, with the fixture's replication
# account, over the network as any client:
#   full pass     every bulk user wanted: the whole domain limited to unicodePwd, the others dropped
#   no change     a delta pass from the position the full pass left
#   CHANGED       a delta pass after CHANGED users got a new password (one ldapmodify over the DC's ldapi socket)
# Each prints wall time, the helper's own time, hashes returned, objects dropped, and hashes per second, and
# checks that every wanted user came back (full pass) and exactly the changed ones (delta). Nothing asserts a time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$PWD"
users="${1:-10000}"
changed="${2:-$((users / 100))}"
helper="$root/app/replication/updraft-replication-helper"
[[ $(id -u) -eq 0 ]] || { echo "replication.sh: must run as root (the Samba AD DC needs it)" >&2; exit 2; }

work=$(mktemp -d /tmp/updraft-bench-repl.XXXXXX)
dc=""
cleanup() {
    [[ -n "$dc" ]] && "$root/tests/servers/samba/stop.sh" "$dc" >/dev/null 2>&1 || true
    rm -rf -- "$work"
}
trap cleanup EXIT

echo "starting a Samba AD DC with $users users with passwords (this takes a while) …" >&2
start=$(date +%s.%N)
"$root/tests/servers/samba/start.sh" --address 127.0.0.78 --bulk "$users" --bulk-passwords --loader samdb \
    >"$work/samba.env" 2>"$work/samba.log" || { tail -n 20 "$work/samba.log" >&2; exit 1; }
# shellcheck disable=SC1091
. "$work/samba.env"
dc="$SAMBA_DIR"
printf 'DC ready in %.0f s (%s)\n' "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" \
    "$(grep 'timings' "$work/samba.log" | cut -d: -f3-)"

# Every bulk user's objectGUID, as the helper names it.
ldapsearch -x -H "$SAMBA_URL" -D "$SAMBA_BIND_DN" -w "$SAMBA_BIND_PASSWORD" -b "OU=Bulk,$SAMBA_BASE_DN" \
    -E pr=1000/noprompt -LLL '(objectClass=user)' objectGUID sAMAccountName >"$work/bulk.ldif"
python3 - "$work" <<'EOF'
import base64, json, sys, uuid
work = sys.argv[1]
guids, sams, entry = [], [], {}
for line in open(work + "/bulk.ldif").read().split("\n") + [""]:
    if not line:
        if "objectGUID" in entry:
            guids.append(str(uuid.UUID(bytes_le=base64.b64decode(entry["objectGUID"]))))
            sams.append(entry["sAMAccountName"])
        entry = {}
    elif line.startswith("objectGUID:: "):
        entry["objectGUID"] = line[13:]
    elif line.startswith("sAMAccountName: "):
        entry["sAMAccountName"] = line[16:]
json.dump({"guids": guids, "sams": sams}, open(work + "/bulk.json", "w"))
EOF

# One pass: prints its figures; $1 phase name, $2 position file ("" for a full pass), $3 expected hashes.
pass() {
    local phase=$1 position=$2 expected=$3
    python3 - "$work" "$phase" "$position" "$SAMBA_ADDRESS" "$SAMBA_BASE_DN" "$SAMBA_REPLICATOR_UPN" \
        "$SAMBA_REPLICATOR_PASSWORD" >"$work/$phase.request" <<'EOF'
import json, sys
work, phase, position, server, nc, account, password = sys.argv[1:]
guids = json.load(open(work + "/bulk.json"))["guids"]
print(json.dumps({"protocol": 1, "op": "hashes", "server": server, "namingContext": nc, "account": account,
                  "password": password, "want": guids, "fetch": [],
                  "position": open(position).read().strip() if position else ""}))
EOF
    local t0 t1
    t0=$(date +%s.%N)
    "$helper" <"$work/$phase.request" >"$work/$phase.out"
    t1=$(date +%s.%N)
    rm -f -- "$work/$phase.request"
    python3 - "$work" "$phase" "$expected" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" <<'EOF'
import json, sys
work, phase, expected, wall = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
hashes, end = 0, None
for line in open("%s/%s.out" % (work, phase)):
    m = json.loads(line)
    if "hash" in m and m["hash"]["nt"]:
        hashes += 1
    if "end" in m:
        end = m["end"]
    if "error" in m:
        sys.exit("%s: %s" % (phase, m["error"]))
open("%s/%s.position" % (work, phase), "w").write(end["position"])
rate = hashes / wall if wall > 0 else 0
print("%-10s %-5s wall %6.2f s  helper %6.2f s  hashes %6d (expected %d)%s  dropped %6d  %8.0f hashes/s"
      % (phase, end["pass"], wall, end["seconds"], hashes, expected, "" if hashes == expected else " MISMATCH",
         end["discarded"], rate))
EOF
    : >"$work/$phase.out" # the hashes do not stay on disk
}

pass full "" "$users"
pass unchanged "$work/full.position" 0

python3 - "$work" "$changed" "$SAMBA_BASE_DN" >"$work/changes.ldif" <<'EOF'
import base64, json, sys
work, changed, base = sys.argv[1], int(sys.argv[2]), sys.argv[3]
bulk = json.load(open(work + "/bulk.json"))
step = max(1, len(bulk["sams"]) // max(1, changed))
for n, sam in enumerate(bulk["sams"][::step][:changed]):
    pw = base64.b64encode(('"Changed-%05d-Updraft!"' % n).encode("utf-16-le")).decode()
    dn = "CN=Bulk User %s,OU=Bulk,%s" % (sam[4:], base)
    print("dn: %s\nchangetype: modify\nreplace: unicodePwd\nunicodePwd:: %s\n-\n" % (dn, pw))
EOF
ldapmodify -x -H "$SAMBA_LDAPI_URL" -D "$SAMBA_BIND_DN" -w "$SAMBA_BIND_PASSWORD" -f "$work/changes.ldif" >/dev/null
pass changed "$work/unchanged.position" "$changed"
