#!/usr/bin/env bash
# The main job on a demo directory: installs what is needed, builds, starts a slapd with sample people and groups
# and a SCIM 2.0 service on free loopback ports, and opens the console (updraft) on them. The demo configuration
# is already imported: its first run starts at once, then one every 2 minutes, while the directory changes a
# little every minute (a promotion, a new hire, a leaver). Closing the console stops everything.
#   scripts/demo.sh              the console (without a display, the headless walk-through below runs instead)
#   scripts/demo.sh --headless   the same directory synced by updraft-cli, step by step
#   scripts/demo.sh --headless --keep   … and leave both servers running
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
headless=""
keep=""
for a in "$@"; do
    case "$a" in
    --headless) headless=1 ;;
    --keep) keep=1 ;;
    *) echo "usage: $0 [--headless [--keep]]" >&2; exit 64 ;;
    esac
done
if [[ -z "$headless" && -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    echo "demo.sh: no display for the console; running the headless walk-through instead." >&2
    headless=1
fi

scripts/install-deps.sh
cmake --preset release >/dev/null
# Only what the demo runs: the console and the CLI (the test command builds the tests).
cmake --build --preset release -j2 --target updraft updraft-cli
cli="$root/build/release/app/cli/updraft-cli"
console="$root/build/release/app/gui/updraft"

state="$root/demo-state"
scripts/demo-servers.sh stop "$state"
rm -rf "$state"
activity=""
stop_all() {
    [[ -z "$activity" ]] || kill "$activity" 2>/dev/null || true
    scripts/demo-servers.sh stop "$state"
}
[[ -n "$keep" ]] || trap stop_all EXIT
scripts/demo-servers.sh start "$state"
. "$state/demo.env"
base=$UPDRAFT_LDAP_BASE_DN
ldap() { ldapmodify -x -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_ADMIN_DN" -w "$UPDRAFT_LDAP_ADMIN_PASSWORD" >/dev/null; }
export QT_LOGGING_RULES="updraft.*.info=false"

if [[ -z "$headless" ]]; then
    "$cli" import --config "$state/example.com.json" --state "$state/store"
    # The directory's own life while the console watches: one change a minute.
    (
        titles=("Senior Engineer" "Team Lead" "Principal Engineer" "Engineering Manager")
        n=0
        while sleep 60; do
            n=$((n + 1))
            case $((n % 3)) in
            1) printf 'dn: uid=li.lei,ou=Engineering,ou=People,%s\nchangetype: modify\nreplace: title\ntitle: %s\n' \
                   "$base" "${titles[$((n % ${#titles[@]}))]}" | ldap ;;
            2) printf 'dn: uid=new.hire%d,ou=Engineering,ou=People,%s\nchangetype: add\nobjectClass: inetOrgPerson\nuid: new.hire%d\ncn: New Hire %d\nsn: Hire\ngivenName: New\nmail: new.hire%d@example.com\ntitle: Engineer\n' \
                   "$n" "$base" "$n" "$n" "$n" | ldap ;;
            0) printf 'dn: uid=new.hire%d,ou=Engineering,ou=People,%s\nchangetype: delete\n' "$((n - 1))" "$base" | ldap ;;
            esac
        done
    ) &
    activity=$!
    echo "Opening the console; the first run starts now. Close the window to stop the demo."
    "$console" --state "$state/store"
    exit 0
fi

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "${*/#$root\//}"; "$@"; }

step "Directory: slapd at $UPDRAFT_LDAP_URL with $(grep -c '^dn: uid=' tests/fixtures/demo.ldif) people; cloud: SCIM 2.0 at $UPDRAFT_DEMO_SCIM_URL"
step "1. What would happen (dry run: nothing is written)"
run "$cli" run --config "$state/example.com.json" --state "$state/store" --dry-run | head -n 12
step "2. First run: people, groups, managers, memberships and password hashes are provisioned"
run "$cli" run --config "$state/example.com.json" --state "$state/store"
step "3. Nothing changed: the second run makes no writes"
run "$cli" run example.com --state "$state/store"
step "4. A promotion in the directory, a leaver, a person moved out of scope"
scripts/demo-servers.sh change "$state"
run "$cli" run example.com --state "$state/store"
step "5. The run history and what the last run did"
run "$cli" history --state "$state/store"
last="$("$cli" history example.com --state "$state/store" --json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["run"])')"
run "$cli" results "$last" --state "$state/store"
step "6. In the cloud directory"
curl -fsS -H "Authorization: Bearer $UPDRAFT_DEMO_SCIM_TOKEN" "$UPDRAFT_DEMO_SCIM_URL/Users?filter=userName%20eq%20%22li.lei@example.com%22" |
    python3 -c 'import json,sys; u=json.load(sys.stdin)["Resources"][0]; print(json.dumps({k: u[k] for k in ("userName","displayName","title","externalId")}, ensure_ascii=False, indent=2))'

if [[ -n "$keep" ]]; then
    step "The servers keep running"
    cat <<TXT
Directory  $UPDRAFT_LDAP_URL  (admin $UPDRAFT_LDAP_ADMIN_DN / $UPDRAFT_LDAP_ADMIN_PASSWORD)
SCIM       $UPDRAFT_DEMO_SCIM_URL  (bearer token in $state/scim/scim.token)
Console:     . $state/demo.env && $console --state $state/store
Sync again:  . $state/demo.env && $cli run example.com --state $state/store
Stop:        scripts/demo-servers.sh stop $state
TXT
fi
