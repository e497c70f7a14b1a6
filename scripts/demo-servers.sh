#!/usr/bin/env bash
# The demo directory and cloud on loopback, shared by scripts/demo.sh and tests/screenshots.sh:
#   scripts/demo-servers.sh start STATE_DIR   slapd with tests/fixtures/demo.ldif and the SCIM 2.0 test service on
#                                             free ports; writes STATE_DIR/example.com.json (the demo
#                                             configuration) and STATE_DIR/demo.env (what it needs: source it)
#   scripts/demo-servers.sh change STATE_DIR  the directory's news: li.lei promoted, logan.ward deleted,
#                                             roger.yang moved out of scope to ou=Contractors
#   scripts/demo-servers.sh stop STATE_DIR    stops both by their PIDs
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[[ $# -eq 2 ]] || { echo "usage: $0 start|change|stop STATE_DIR" >&2; exit 2; }
action=$1
state=$2

stop() {
    tests/servers/scim/stop.sh "$state/scim" >/dev/null 2>&1 || true
    tests/servers/slapd/stop.sh "$state/ldap" >/dev/null 2>&1 || true
}

case "$action" in
stop) stop; exit 0 ;;
start) ;;
change)
    . "$state/demo.env"
    base=$UPDRAFT_LDAP_BASE_DN
    ldapmodify -x -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_ADMIN_DN" -w "$UPDRAFT_LDAP_ADMIN_PASSWORD" >/dev/null <<LDIF
dn: uid=li.lei,ou=Engineering,ou=People,$base
changetype: modify
replace: title
title: Staff Engineer

dn: uid=logan.ward,ou=Sales,ou=People,$base
changetype: delete

dn: uid=roger.yang,ou=Sales,ou=People,$base
changetype: modrdn
newrdn: uid=roger.yang
deleteoldrdn: 1
newsuperior: ou=Contractors,$base
LDIF
    echo "li.lei promoted; logan.ward deleted; roger.yang moved to ou=Contractors"
    exit 0 ;;
*) echo "usage: $0 start|change|stop STATE_DIR" >&2; exit 2 ;;
esac

stop
mkdir -p "$state"
state="$(cd "$state" && pwd)"
tests/servers/slapd/start.sh "$state/ldap" --fresh --ldif tests/fixtures/demo.ldif >/dev/null
tests/servers/scim/start.sh "$state/scim" >/dev/null
. "$state/ldap/slapd.env"
scim_url="$(cat "$state/scim/scim.url")"

# Secrets stay out of the configuration: it names the environment variables that hold them.
cat >"$state/demo.env" <<ENV
export UPDRAFT_DEMO_BIND_PASSWORD='$UPDRAFT_LDAP_SYNC_PASSWORD'
export UPDRAFT_DEMO_SCIM_TOKEN='$(cat "$state/scim/scim.token")'
export UPDRAFT_DEMO_SCIM_URL='$scim_url'
export UPDRAFT_LDAP_URL='$UPDRAFT_LDAP_URL'
export UPDRAFT_LDAP_BASE_DN='$UPDRAFT_LDAP_BASE_DN'
export UPDRAFT_LDAP_ADMIN_DN='$UPDRAFT_LDAP_ADMIN_DN'
export UPDRAFT_LDAP_ADMIN_PASSWORD='$UPDRAFT_LDAP_ADMIN_PASSWORD'
ENV
chmod 600 "$state/demo.env"

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
  },
  "passwordHashSync": {"enabled": true},
  "schedule": {"enabled": true, "intervalSeconds": 120}
}
JSON
echo "directory $UPDRAFT_LDAP_URL ($(grep -c '^dn: uid=' tests/fixtures/demo.ldif) people), cloud $scim_url"
