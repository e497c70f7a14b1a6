#!/usr/bin/env bash
# Benchmark: explain one user of a directory of N users (default 10,000), and provision one on demand, with the
# CLI (updraft-cli explain), after a first full run. An explanation reads the whole scope, as a run does, so its
# time grows with the scope; provisioning one object writes one object. Prints wall time, SCIM writes and peak
# memory of each.
#   tests/benchmarks/explain.sh [USERS]     uses build/release (or UPDRAFT_BUILD=DIR)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$PWD"
users="${1:-10000}"
build="${UPDRAFT_BUILD:-$root/build/release}"
cli="$build/app/cli/updraft-cli"
[[ -x "$cli" ]] || { echo "build first (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }

. tests/benchmarks/servers.sh
bench_servers false --users "$users" --groups 50
"$cli" run --config "$work/config.json" --state "$work/state" >/dev/null

# The last user of the directory, given a new title: the explanation proposes an update, provisioning writes it.
dn=$(grep '^dn: uid=' "$work/directory.ldif" | tail -1 | cut -c5-)
uid=${dn#uid=}
uid=${uid%%,*}
printf 'dn: %s\nchangetype: modify\nreplace: title\ntitle: Benchmark Title\n' "$dn" |
    ldapmodify -x -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_ADMIN_DN" -w "$UPDRAFT_LDAP_ADMIN_PASSWORD" >/dev/null

measure() { # label, then the arguments of updraft-cli
    local label="$1"
    shift
    curl -fsS -X POST "$control/stats/reset" >/dev/null
    /usr/bin/time -f '%e %M' -o "$work/time" "$cli" "$@" --state "$work/state" >/dev/null || true
    read -r seconds kib <"$work/time"
    writes=$(curl -fsS "$control/stats" | python3 -c '
import json, sys
r = json.load(sys.stdin)["requests"]
print(r["POST"] + r["PATCH"] + r["PUT"] + r["DELETE"])')
    printf '%-34s %7.2f s  SCIM writes %3d  peak RSS %4.0f MiB\n' "$label" "$seconds" "$writes" "$((kib / 1024))"
}

echo "Updraft explain benchmark: $users users in scope ($(nproc) cores, $(uname -r))"
measure "explain $uid" explain example.com "$uid"
measure "provision $uid now" explain example.com "$uid" --provision
measure "explain it again" explain example.com "$uid"
