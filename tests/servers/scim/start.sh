#!/usr/bin/env bash
# Start the SCIM 2.0 test peer on a free port of 127.0.0.1.
#   start.sh STATE_DIR [TOKEN [SERVER OPTIONS...]]
# SERVER OPTIONS go to server.js unchanged (--strict, --bulk, --etag, ...; see README.md or `node server.js --help`);
# TOKEN must be given when they are.
# Writes STATE_DIR/scim.pid, scim.port, scim.url (base URL, .../scim/v2), scim.token, scim.options (one option a
# line); logs to STATE_DIR/scim.log.
set -euo pipefail

if [[ $# -lt 1 || "$1" == -* || ( $# -ge 2 && "$2" == -* ) ]]; then
    echo "usage: $0 STATE_DIR [TOKEN [SERVER OPTIONS...]]" >&2
    echo "  SERVER OPTIONS: --strict --drop-attribute NAME --no-enterprise --bulk --bulk-max-operations N" >&2
    echo "                  --bulk-max-payload BYTES --etag --no-patch --no-discovery --unique-group-names" >&2
    echo "                  --lenient-members --log --tls-cert FILE --tls-key FILE  (see README.md)" >&2
    exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="$1"
token="${2:-updraft-test-token}"
server_opts=("${@:3}")
for opt in "${server_opts[@]}"; do
    case "$opt" in
        --host|--host=*|--port|--port=*|--token|--token=*)
            echo "start.sh: $opt is chosen by start.sh (loopback host, free port, TOKEN argument)" >&2
            exit 2 ;;
    esac
done
host=127.0.0.1
scheme=http
for opt in "${server_opts[@]}"; do
    if [[ "$opt" == --tls-cert || "$opt" == --tls-cert=* ]]; then scheme=https; fi
done
mkdir -p "$state"
state="$(cd "$state" && pwd)"
log="$state/scim.log"

if [[ -f "$state/scim.pid" ]] && kill -0 "$(cat "$state/scim.pid")" 2>/dev/null; then
    echo "start.sh: a SCIM peer is already running from $state (pid $(cat "$state/scim.pid"))" >&2
    exit 1
fi

if [[ ! -d "$here/node_modules/scimmy" || ! -d "$here/node_modules/scimmy-routers" || ! -d "$here/node_modules/express" ]]; then
    echo "start.sh: installing npm dependencies" >&2
    npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
fi

# shellcheck source=../scim/ports.sh
. "$here/ports.sh"

pid=""
for attempt in 1 2 3 4 5; do
    port="$(pick_port)"
    if port_in_use "$port"; then continue; fi
    : >"$log"
    nohup node "$here/server.js" --host "$host" --port "$port" --token "$token" "${server_opts[@]}" \
        </dev/null >>"$log" 2>&1 &
    pid=$!
    # Wait (<= 10 s) for our own ready line and for the control API to answer.
    ok=""
    for _ in $(seq 1 100); do
        if ! kill -0 "$pid" 2>/dev/null; then break; fi
        if grep -q "^ready $scheme://$host:$port/scim/v2\$" "$log" 2>/dev/null; then
            # Our own server on loopback, just started: its certificate is the test's to check, not this probe's.
            if curl -fsSk --max-time 2 "$scheme://$host:$port/_test/stats" 2>/dev/null | grep -q '"requests"'; then
                ok=1
                break
            fi
        fi
        sleep 0.1
    done
    if [[ -n "$ok" ]]; then
        echo "$pid" >"$state/scim.pid"
        echo "$port" >"$state/scim.port"
        echo "$scheme://$host:$port/scim/v2" >"$state/scim.url"
        echo "$token" >"$state/scim.token"
        if [[ ${#server_opts[@]} -gt 0 ]]; then printf '%s\n' "${server_opts[@]}"; fi >"$state/scim.options"
        echo "$scheme://$host:$port/scim/v2"
        exit 0
    fi
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        sleep 0.5
        kill -KILL "$pid" 2>/dev/null || true
        echo "start.sh: SCIM peer did not become ready within 10 s" >&2
        break
    fi
    # The server exited: port raced away (EADDRINUSE) -> try another one, anything else (such as a bad
    # option: exit status 2 and a usage text in the log) -> give up.
    if ! grep -q "EADDRINUSE" "$log"; then break; fi
done

echo "start.sh: failed to start the SCIM peer; last lines of $log:" >&2
tail -n 20 "$log" >&2 || true
exit 1
