#!/usr/bin/env bash
# The main job on a demo directory: starts a slapd with sample people and groups and a SCIM 2.0 service on free
# loopback ports, then runs Updraft's sync against them: a dry run, a first run, a change, and a quiet run.
#   scripts/demo.sh [--keep]     --keep leaves both servers running and prints how to use them
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
keep=""
[[ "${1:-}" == "--keep" ]] && keep=1

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j2
cli="$root/build/release/app/cli/updraft-cli"

state="$root/demo-state"
tests/servers/slapd/stop.sh "$state/ldap" 2>/dev/null || true
tests/servers/scim/stop.sh "$state/scim" 2>/dev/null || true
rm -rf "$state"
mkdir -p "$state"
stop_servers() {
    tests/servers/scim/stop.sh "$state/scim" >/dev/null 2>&1 || true
    tests/servers/slapd/stop.sh "$state/ldap" >/dev/null 2>&1 || true
}
[[ -n "$keep" ]] || trap stop_servers EXIT

tests/servers/slapd/start.sh "$state/ldap" --ldif tests/fixtures/demo.ldif >/dev/null
tests/servers/scim/start.sh "$state/scim" >/dev/null
. "$state/ldap/slapd.env"
scim_url="$(cat "$state/scim/scim.url")"
export UPDRAFT_DEMO_BIND_PASSWORD="$UPDRAFT_LDAP_SYNC_PASSWORD"
UPDRAFT_DEMO_SCIM_TOKEN="$(cat "$state/scim/scim.token")"
export UPDRAFT_DEMO_SCIM_TOKEN

cat >"$state/example.com.json" <<JSON
{
  "name": "example.com",
  "source": {
    "type": "openldap",
    "url": "$UPDRAFT_LDAP_URL",
    "bindDn": "$UPDRAFT_LDAP_SYNC_DN",
    "bindPassword": {"env": "UPDRAFT_DEMO_BIND_PASSWORD"},
    "baseDn": "$UPDRAFT_LDAP_BASE_DN"
  },
  "scope": {
    "organizationalUnits": ["ou=People,$UPDRAFT_LDAP_BASE_DN"],
    "groups": ["cn=VPN Users,ou=Groups,$UPDRAFT_LDAP_BASE_DN"]
  },
  "target": {
    "type": "scim",
    "url": "$scim_url",
    "token": {"env": "UPDRAFT_DEMO_SCIM_TOKEN"}
  }
}
JSON

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "${*/#$root\//}"; "$@"; }
export QT_LOGGING_RULES="updraft.*.info=false"

step "Directory: slapd at $UPDRAFT_LDAP_URL with $(grep -c '^dn: uid=' tests/fixtures/demo.ldif) people; cloud: SCIM 2.0 at $scim_url"
step "1. What would happen (dry run: nothing is written)"
run "$cli" run --config "$state/example.com.json" --state "$state/store" --dry-run | head -n 12
step "2. First run: people, groups, managers and memberships are provisioned"
run "$cli" run --config "$state/example.com.json" --state "$state/store"
step "3. Nothing changed: the second run makes no writes"
run "$cli" run example.com --state "$state/store"
step "4. A promotion in the directory, a leaver, a person moved out of scope"
ldapmodify -x -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_ADMIN_DN" -w "$UPDRAFT_LDAP_ADMIN_PASSWORD" >/dev/null <<LDIF
dn: uid=li.lei,ou=Engineering,ou=People,$UPDRAFT_LDAP_BASE_DN
changetype: modify
replace: title
title: Staff Engineer

dn: uid=logan.ward,ou=Sales,ou=People,$UPDRAFT_LDAP_BASE_DN
changetype: delete

dn: uid=roger.yang,ou=Sales,ou=People,$UPDRAFT_LDAP_BASE_DN
changetype: modrdn
newrdn: uid=roger.yang
deleteoldrdn: 1
newsuperior: ou=Contractors,$UPDRAFT_LDAP_BASE_DN
LDIF
echo "li.lei promoted; logan.ward deleted; roger.yang moved to ou=Contractors"
run "$cli" run example.com --state "$state/store"
step "5. The run history and what the last run did"
run "$cli" history --state "$state/store"
last="$("$cli" history example.com --state "$state/store" --json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["run"])')"
run "$cli" results "$last" --state "$state/store"
step "6. In the cloud directory"
curl -fsS -H "Authorization: Bearer $UPDRAFT_DEMO_SCIM_TOKEN" "$scim_url/Users?filter=userName%20eq%20%22li.lei@example.com%22" |
    python3 -c 'import json,sys; u=json.load(sys.stdin)["Resources"][0]; print(json.dumps({k: u[k] for k in ("userName","displayName","title","externalId")}, ensure_ascii=False, indent=2))'

if [[ -n "$keep" ]]; then
    step "The servers keep running"
    cat <<TXT
Directory  $UPDRAFT_LDAP_URL  (admin $UPDRAFT_LDAP_ADMIN_DN / $UPDRAFT_LDAP_ADMIN_PASSWORD)
SCIM       $scim_url  (bearer token in $state/scim/scim.token)
Sync again:  UPDRAFT_DEMO_BIND_PASSWORD=$UPDRAFT_LDAP_SYNC_PASSWORD UPDRAFT_DEMO_SCIM_TOKEN=\$(cat $state/scim/scim.token) \\
             $cli run example.com --state $state/store
Stop:        tests/servers/slapd/stop.sh $state/ldap; tests/servers/scim/stop.sh $state/scim
TXT
fi
