#!/usr/bin/env bash
# Start the independent SCIM 2.0 peer (upstream @better-auth/scim, in memory) on a free port of 127.0.0.1.
#   start.sh STATE_DIR [TOKEN]
# Writes STATE_DIR/scim.pid, scim.port, scim.url (base URL, .../scim/v2), scim.token; logs to STATE_DIR/scim.log.
# The store is in memory and starts empty; it is gone when the process stops.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 STATE_DIR [TOKEN]" >&2
    exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="$1"
token="${2:-updraft-test-token}"
host=127.0.0.1
mkdir -p "$state"
state="$(cd "$state" && pwd)"
log="$state/scim.log"

if [[ -f "$state/scim.pid" ]] && kill -0 "$(cat "$state/scim.pid")" 2>/dev/null; then
    echo "start.sh: a SCIM peer is already running from $state (pid $(cat "$state/scim.pid"))" >&2
    exit 1
fi

if [[ ! -d "$here/node_modules/better-auth" || ! -d "$here/node_modules/@better-auth/scim" \
      || ! -d "$here/node_modules/@better-auth/memory-adapter" ]]; then
    echo "start.sh: installing npm dependencies" >&2
    npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
fi

# shellcheck source=../scim/ports.sh
. "$here/../scim/ports.sh"

pid=""
for attempt in 1 2 3 4 5; do
    port="$(pick_port)"
    if port_in_use "$port"; then continue; fi
    : >"$log"
    # Run from STATE_DIR so nothing the server might write lands in the repo.
    (cd "$state" && BETTER_AUTH_TELEMETRY=0 exec nohup node "$here/server.mjs" \
        --host "$host" --port "$port" --token "$token" </dev/null >>"$log" 2>&1) &
    pid=$!
    # Wait (<= 15 s) for our ready line and for an authenticated discovery request to answer.
    ok=""
    for _ in $(seq 1 150); do
        if ! kill -0 "$pid" 2>/dev/null; then break; fi
        if grep -q "^ready http://$host:$port/scim/v2\$" "$log" 2>/dev/null; then
            if curl -fsS --max-time 2 -H "Authorization: Bearer $token" \
                    "http://$host:$port/scim/v2/ServiceProviderConfig" 2>/dev/null \
                    | grep -q '"authenticationSchemes"'; then
                ok=1
                break
            fi
        fi
        sleep 0.1
    done
    if [[ -n "$ok" ]]; then
        echo "$pid" >"$state/scim.pid"
        echo "$port" >"$state/scim.port"
        echo "http://$host:$port/scim/v2" >"$state/scim.url"
        echo "$token" >"$state/scim.token"
        echo "http://$host:$port/scim/v2"
        exit 0
    fi
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        sleep 0.5
        kill -KILL "$pid" 2>/dev/null || true
        echo "start.sh: SCIM peer did not become ready within 15 s" >&2
        break
    fi
    # The server exited: port raced away (EADDRINUSE) -> try another one, anything else -> give up.
    if ! grep -q "EADDRINUSE" "$log"; then break; fi
done

echo "start.sh: failed to start the SCIM peer; last lines of $log:" >&2
tail -n 20 "$log" >&2 || true
exit 1
