#!/usr/bin/env bash
# Stop the independent SCIM 2.0 peer started by start.sh (by PID: TERM, then KILL after 3 s).
#   stop.sh STATE_DIR
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 STATE_DIR" >&2
    exit 2
fi
pidfile="$1/scim.pid"
if [[ ! -f "$pidfile" ]]; then
    echo "stop.sh: no $pidfile; nothing to stop" >&2
    exit 0
fi
pid="$(cat "$pidfile")"
if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
fi
rm -f "$pidfile"
