#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The four engine defects the reliability campaign found and that were fixed, each reproduced alone and
# deterministically on a 50-user directory (README.md, "Defects it found, fixed"). Prints "fixed" or "DEFECT" for
# each; exits 1 if any is back.
#   tests/reliability/found-defects.sh        (UPDRAFT_BUILD as for campaign.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
cli="${UPDRAFT_BUILD:-$PWD/build/release}/app/cli/updraft-cli"
[[ -x "$cli" ]] || { echo "no $cli" >&2; exit 2; }
work="" control="" # set by bench_servers
# shellcheck source=../benchmarks/servers.sh
. tests/benchmarks/servers.sh
bench_servers false --users 50 --groups 4
set -a
. "$work/ldap/slapd.env"
set +a
scim="$(cat "$work/scim/scim.url")"
dn="uid=li.lei,ou=Engineering,ou=People,dc=example,dc=com" # has a title and a manager (jose.muller)
modify() { ldapmodify -x -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_ADMIN_DN" -w "$UPDRAFT_LDAP_ADMIN_PASSWORD" >/dev/null; }
run() { "$cli" run example.com --state "$work/state" "$@" >/dev/null 2>&1 || true; }
faults() { curl -fsS -X POST "$control/faults" -H 'Content-Type: application/json' -d "$1" >/dev/null; }
cloud_user() { # UID: "title|manager id" as the cloud has them
    curl -fsS "$control/dump" | python3 -c 'import json,sys
u = [u for u in json.load(sys.stdin)["Users"] if u["userName"].startswith(sys.argv[1] + "@")][0]
m = (u.get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User") or {}).get("manager")
print("title %s, manager %s" % (u.get("title"), m["value"] if m else None))' "$1"
}
defects=0
verdict() { # NAME GOT WANT
    if [[ "$2" == "$3" ]]; then echo "fixed   $1"; else echo "DEFECT  $1: $2, expected $3"; defects=$((defects + 1)); fi
}
reset() { # a fresh cloud and store, everything provisioned
    curl -fsS -X POST "$control/reset" >/dev/null
    rm -rf "$work/state"
    "$cli" run --config "$work/config.json" --state "$work/state" >/dev/null 2>&1
}
clear_title_and_manager() { printf 'dn: %s\nchangetype: modify\ndelete: title\n-\ndelete: manager\n' "$dn" | modify; }
restore_title_and_manager() {
    printf 'dn: %s\nchangetype: modify\nreplace: title\ntitle: Software Engineer\n-\nreplace: manager\nmanager: %s\n' \
        "$dn" "uid=jose.muller,ou=Engineering,ou=People,dc=example,dc=com" | modify
}

# 1. A run killed while its PATCH of li.lei (title and manager removed) was being retried leaves an open write
#    intent; the next run resolves it from the cloud, keeping only the attributes li.lei still has in the directory.
reset
clear_title_and_manager
faults '{"status": 503, "count": 100, "methods": ["PATCH"]}'
"$cli" run example.com --state "$work/state" >/dev/null 2>&1 &
pid=$!
sleep 1.5
{ kill -KILL "$pid" && wait "$pid"; } 2>/dev/null || true
curl -fsS -X DELETE "$control/faults" >/dev/null
run
run --full
verdict "1. attribute removed while a write was open (kill -9 during the PATCH's retries)" "$(cloud_user li.lei)" "title None, manager None"

# 2. A 200 answer to the PATCH whose body is an HTML page (the peer did not apply it) counts as applied.
restore_title_and_manager
reset
clear_title_and_manager
faults '{"status": 200, "count": 1, "methods": ["PATCH"], "contentType": "text/html", "body": "<html><body>Maintenance</body></html>"}'
run
curl -fsS -X DELETE "$control/faults" >/dev/null
run --full
verdict "2. PATCH answered 200 with an HTML page" "$(cloud_user li.lei)" "title None, manager None"

# 3. A user deleted and added again under the same uid (new entryUUID, same userName) before one run.
restore_title_and_manager
reset
uid=$(grep -m 1 '^dn: uid=' "$work/directory.ldif" | sed 's/^dn: uid=\([^,]*\),.*/\1/')
udn=$(grep -m 1 '^dn: uid=' "$work/directory.ldif" | cut -c5-)
printf 'dn: %s\nchangetype: delete\n\ndn: %s\nchangetype: add\nobjectClass: inetOrgPerson\nuid: %s\ncn: Again\nsn: Again\nmail: %s@example.com\n' \
    "$udn" "$udn" "$uid" "$uid" | modify
code=0
"$cli" run example.com --state "$work/state" >/dev/null 2>&1 || code=$?
verdict "3. user deleted and added again under the same uid, one run" "exit $code" "exit 0"

# 4. /ResourceTypes answered with an empty list (200, valid SCIM) during one run: the run takes the enterprise and
#    Updraft extensions as absent and removes their attributes from what it writes; the next (delta) run restores
#    nothing. Through faultproxy.py, which can aim at one path.
reset
python3 -S tests/reliability/faultproxy.py --upstream "${scim%/scim/v2}" --port-file "$work/proxy.port" &
proxy_pid=$!
trap 'kill "$proxy_pid" 2>/dev/null; bench_cleanup' EXIT
for _ in $(seq 50); do [[ -s "$work/proxy.port" ]] && break; sleep 0.1; done
proxy="http://127.0.0.1:$(cat "$work/proxy.port")"
sed "s|$scim|$proxy/scim/v2|" "$work/config.json" >"$work/proxied.json"
"$cli" import --config "$work/proxied.json" --state "$work/state" >/dev/null
printf 'dn: %s\nchangetype: modify\nreplace: title\ntitle: Changed\n' "$dn" | modify
curl -fsS -X POST "$proxy/_proxy/rules" -d '{"kind": "huge", "path": "ResourceTypes", "methods": ["GET"], "size": 300}' >/dev/null
run
run
verdict "4. an empty /ResourceTypes list during one run (li.lei's manager)" "$(cloud_user li.lei | sed 's/manager [0-9a-f-]\{36\}/manager set/')" "title Changed, manager set"
[[ $defects -eq 0 ]]
