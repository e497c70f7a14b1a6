#!/usr/bin/env bash
# Screenshots of the console for the README: starts the demo directory and cloud, gives them a short history
# (a first run, a promotion, a leaver, a person moved out of scope, a password reset, a clash of user names),
# then starts the console under Xvfb and saves a PNG of each page into docs/screenshots/ (or DIR); then the
# dashboard and the scope tab again in the dark palette at 200 % scale (dark-200-*.png).
#   tests/screenshots.sh [DIR]        needs a build in build/release (scripts/demo.sh makes one)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
out="${1:-$root/docs/screenshots}"
build="${UPDRAFT_BUILD:-$root/build/release}"
cli="$build/app/cli/updraft-cli"
console="$build/app/gui/updraft"
[[ -x "$cli" && -x "$console" ]] || { echo "screenshots.sh: build first (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }

state="$(mktemp -d /tmp/updraft-screenshots.XXXXXX)"
cleanup() {
    scripts/demo-servers.sh stop "$state"
    rm -rf "$state"
}
trap cleanup EXIT
scripts/demo-servers.sh start "$state" >/dev/null
. "$state/demo.env"
store="$state/store"
export XDG_CONFIG_HOME="$state/config" # the console's saved window and page: not the user's own
export QT_LOGGING_RULES="updraft.*.info=false"
ldap() { ldapmodify -x -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_ADMIN_DN" -w "$UPDRAFT_LDAP_ADMIN_PASSWORD" >/dev/null; }
run() { "$cli" run example.com --state "$store" >/dev/null || true; }
base=$UPDRAFT_LDAP_BASE_DN

"$cli" import --config "$state/example.com.json" --state "$store" >/dev/null
run
run
scripts/demo-servers.sh change "$state" >/dev/null
run
# An administrator resets a password (must change at next logon), and a new hire's mail clashes with a colleague's.
ldappasswd -x -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_ADMIN_DN" -w "$UPDRAFT_LDAP_ADMIN_PASSWORD" \
    -s 'Temp-Reset-1' "uid=mary.foster,ou=Engineering,ou=People,$base" >/dev/null
ldap <<LDIF
dn: uid=lei.li,ou=Engineering,ou=People,$base
changetype: add
objectClass: inetOrgPerson
uid: lei.li
cn: Lei Li
sn: Li
givenName: Lei
mail: li.lei@example.com
title: Intern
userPassword: {SSHA}p+g0RUeudj5sBeuEoUZwQrUwlR//JVVH4fyy0g==
LDIF
run
run

# The console, on a virtual display of a common laptop size.
xvfb-run -a -s "-screen 0 ${UPDRAFT_SCREEN:-1440x900}x24" "$console" --state "$store" --no-schedule --screenshots "$out"
# The same laptop at 200 % (a 2880 × 1800 panel), in the dark palette.
QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2880x1800x24" "$console" --state "$store" --no-schedule --theme dark \
    --screenshots "$state/dark-200"
for page in dashboard editor-scope; do cp "$state/dark-200/$page.png" "$out/dark-200-$page.png"; done

# The same store shared on PostgreSQL (docs/shared-store.md), an agent leading its configuration, and the console
# of an admin's desktop looking at it (shared-store-dashboard.png).
if [[ -x /usr/lib/postgresql/15/bin/postgres || -n "$(ls /usr/lib/postgresql/*/bin/postgres 2>/dev/null)" ]]; then
    chmod go+x "$state"
    export UPDRAFT_TEST_PG_PASSWORD=demo-store-secret
    pg_url="$(tests/servers/postgresql/start.sh "$state/pg")&password=env:UPDRAFT_TEST_PG_PASSWORD"
    stop_pg() { tests/servers/postgresql/stop.sh "$state/pg" >/dev/null 2>&1 || true; }
    trap 'kill "${agent_pid:-0}" 2>/dev/null || true; stop_pg; cleanup' EXIT
    "$cli" store migrate --to "$pg_url" --state "$store" >/dev/null
    "$cli" agent --store "$pg_url" --state "$state/agent" >"$state/agent.log" 2>&1 &
    agent_pid=$!
    for _ in $(seq 50); do grep -q "leading example.com" "$state/agent.log" && break; sleep 0.2; done
    xvfb-run -a -s "-screen 0 ${UPDRAFT_SCREEN:-1440x900}x24" "$console" --store "$pg_url" --state "$state/desk" \
        --page dashboard --screenshots "$state/shared"
    cp "$state/shared/dashboard.png" "$out/shared-store-dashboard.png"
fi
ls -1 "$out"/*.png
