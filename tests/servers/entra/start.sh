#!/usr/bin/env bash
# Start the Entra ID inbound-provisioning imitation (server.mjs) on a free port of 127.0.0.1.
#   start.sh STATE_DIR [SERVER OPTIONS...]
# SERVER OPTIONS go to server.mjs unchanged (--client-secret, --job-state, --log-delay, ...; see README.md or
# `node server.mjs --help`); --host and --port are start.sh's to choose.
# Creates, if missing, a test RSA 2048 key pair and self-signed certificate STATE_DIR/client.key and client.crt
# (PEM) and registers the certificate with the server (--certificate).
# Writes STATE_DIR/entra.pid, entra.port, entra.url (base URL http://127.0.0.1:PORT), entra.secret, entra.tenant,
# entra.client, entra.sp, entra.job, entra.options (one option a line); logs to STATE_DIR/entra.log.
set -euo pipefail

if [[ $# -lt 1 || "$1" == -* ]]; then
    echo "usage: $0 STATE_DIR [SERVER OPTIONS...]" >&2
    echo "  SERVER OPTIONS: --tenant ID --client-id ID --client-secret SECRET --secret-expired --certificate PATH" >&2
    echo "                  --service-principal ID --job ID --job-state Active|Paused|Quarantine --token-lifetime S" >&2
    echo "                  --log-delay S --calls-per-window N --window-seconds S --daily-cap N --domains a.com,b.com" >&2
    echo "                  --no-upload-permission --no-log-permission --log  (see README.md)" >&2
    exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="$1"
server_opts=("${@:2}")
for opt in "${server_opts[@]}"; do
    case "$opt" in
        --host|--host=*|--port|--port=*)
            echo "start.sh: $opt is chosen by start.sh (loopback host, free port)" >&2
            exit 2 ;;
    esac
done
host=127.0.0.1
mkdir -p "$state"
state="$(cd "$state" && pwd)"
log="$state/entra.log"

if [[ -f "$state/entra.pid" ]] && kill -0 "$(cat "$state/entra.pid")" 2>/dev/null; then
    echo "start.sh: an Entra imitation is already running from $state (pid $(cat "$state/entra.pid"))" >&2
    exit 1
fi

# The client certificate for client assertions (self-signed, RSA 2048, PEM; the key unencrypted).
if [[ ! -s "$state/client.key" || ! -s "$state/client.crt" ]]; then
    ( umask 077
      openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=updraft-entra-test-client" \
          -keyout "$state/client.key" -out "$state/client.crt" >/dev/null 2>&1 ) || {
        echo "start.sh: openssl could not create $state/client.key and client.crt" >&2
        exit 1
    }
    chmod 644 "$state/client.crt"
fi

# shellcheck source=../scim/ports.sh
. "$here/../scim/ports.sh"

pid=""
for _ in 1 2 3 4 5; do
    port="$(pick_port)"
    if port_in_use "$port"; then continue; fi
    : >"$log"
    nohup node "$here/server.mjs" --host "$host" --port "$port" --certificate "$state/client.crt" "${server_opts[@]}" \
        </dev/null >>"$log" 2>&1 &
    pid=$!
    # Wait (<= 10 s) for our own ready line and for the control API to answer.
    ok=""
    for _ in $(seq 1 100); do
        if ! kill -0 "$pid" 2>/dev/null; then break; fi
        if grep -q "^ready http://$host:$port\$" "$log" 2>/dev/null; then
            if curl -fsS --max-time 2 "http://$host:$port/_test/stats" 2>/dev/null | grep -q '"requests"'; then
                ok=1
                break
            fi
        fi
        sleep 0.1
    done
    if [[ -n "$ok" ]]; then
        echo "$pid" >"$state/entra.pid"
        # The identifiers the server was configured with (defaults or options), from its control API.
        # shellcheck disable=SC2016  # JavaScript, not shell
        if ! curl -fsS --max-time 2 "http://$host:$port/_test/config" | node -e '
            const fs = require("fs"), dir = process.argv[1];
            const c = JSON.parse(fs.readFileSync(0, "utf8"));
            fs.writeFileSync(`${dir}/entra.secret`, c.clientSecret + "\n", {mode: 0o600});
            fs.writeFileSync(`${dir}/entra.tenant`, c.tenant + "\n");
            fs.writeFileSync(`${dir}/entra.client`, c.clientId + "\n");
            fs.writeFileSync(`${dir}/entra.sp`, c.servicePrincipal + "\n");
            fs.writeFileSync(`${dir}/entra.job`, c.job + "\n");
        ' "$state"; then
            echo "start.sh: could not read the configuration from the control API; stopping" >&2
            "$here/stop.sh" "$state"
            exit 1
        fi
        echo "$port" >"$state/entra.port"
        echo "http://$host:$port" >"$state/entra.url"
        if [[ ${#server_opts[@]} -gt 0 ]]; then printf '%s\n' "${server_opts[@]}"; fi >"$state/entra.options"
        echo "http://$host:$port"
        exit 0
    fi
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        sleep 0.5
        kill -KILL "$pid" 2>/dev/null || true
        echo "start.sh: the Entra imitation did not become ready within 10 s" >&2
        break
    fi
    # The server exited: port raced away (EADDRINUSE) -> try another one, anything else (such as a bad
    # option: exit status 2 and a usage text in the log) -> give up.
    if ! grep -q "EADDRINUSE" "$log"; then break; fi
done

echo "start.sh: failed to start the Entra imitation; last lines of $log:" >&2
tail -n 20 "$log" >&2 || true
exit 1
