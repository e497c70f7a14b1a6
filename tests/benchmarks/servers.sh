# Sourced by the benchmark scripts: a generated directory in slapd and the SCIM test service, both on loopback
# in a temporary directory removed (servers stopped by PID) when the script exits, and a configuration of the
# whole directory for them.
#   bench_servers HASH_SYNC GEN_ARGS...   HASH_SYNC true|false; GEN_ARGS for tests/fixtures/gen-directory.py
# BENCH_SCIM_OPTIONS: options for the SCIM test service (tests/servers/scim/README.md), e.g. "--bulk" or "--strict".
# Sets: work (the directory), control (the SCIM service's test-control URL), the slapd.env variables, and writes
# $work/config.json (secrets from BENCH_BIND_PASSWORD and BENCH_TOKEN, exported here).

bench_cleanup() {
    tests/servers/scim/stop.sh "$work/scim" >/dev/null 2>&1 || true
    tests/servers/slapd/stop.sh "$work/ldap" >/dev/null 2>&1 || true
    rm -rf "$work"
}

bench_servers() {
    local hashSync="$1"
    shift
    work="$(mktemp -d)"
    trap bench_cleanup EXIT
    python3 tests/fixtures/gen-directory.py "$@" -o "$work/directory.ldif"
    tests/servers/slapd/start.sh "$work/ldap" --ldif "$work/directory.ldif" >/dev/null 2>&1
    # shellcheck disable=SC2086 # the options are words
    tests/servers/scim/start.sh "$work/scim" updraft-test-token ${BENCH_SCIM_OPTIONS:-} >/dev/null
    . "$work/ldap/slapd.env"
    export BENCH_BIND_PASSWORD="$UPDRAFT_LDAP_SYNC_PASSWORD" BENCH_TOKEN="$(cat "$work/scim/scim.token")"
    cat >"$work/config.json" <<JSON
{"name": "example.com",
 "source": {"type": "openldap", "url": "$UPDRAFT_LDAP_URL", "bindDn": "$UPDRAFT_LDAP_SYNC_DN",
            "bindPassword": {"env": "BENCH_BIND_PASSWORD"}, "baseDn": "$UPDRAFT_LDAP_BASE_DN", "pageSize": 1000},
 "scope": {"organizationalUnits": ["$UPDRAFT_LDAP_BASE_DN"]},
 "passwordHashSync": {"enabled": $hashSync},
 "target": {"type": "scim", "url": "$(cat "$work/scim/scim.url")", "token": {"env": "BENCH_TOKEN"}}}
JSON
    control="$(cat "$work/scim/scim.url")"
    control="${control%/scim/v2}/_test"
}
