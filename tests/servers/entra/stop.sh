#!/usr/bin/env bash
# Stop the Entra ID inbound-provisioning imitation started by start.sh (by its PID only).
#   stop.sh STATE_DIR
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 STATE_DIR" >&2
    exit 2
fi
pidfile="$1/entra.pid"
if [[ ! -f "$pidfile" ]]; then
    echo "stop.sh: no $pidfile; nothing to stop" >&2
    exit 0
fi
pid="$(cat "$pidfile")"
# True while the process exists and has not exited: an exited server that its new parent (init, after start.sh
# returned) has not reaped yet is a zombie (ps state Z) and counts as stopped.
running() {
    kill -0 "$1" 2>/dev/null || return 1
    [[ "$(ps -o stat= -p "$1" 2>/dev/null || true)" != Z* ]]
}
if [[ "$pid" =~ ^[0-9]+$ ]] && running "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
        running "$pid" || break
        sleep 0.1
    done
    if running "$pid"; then
        kill -KILL "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do
            running "$pid" || break
            sleep 0.1
        done
    fi
fi
rm -f "$pidfile"
