#!/usr/bin/env bash
# Stop the SCIM 2.0 test peer started by start.sh (by its PID only).
#   stop.sh STATE_DIR
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 STATE_DIR" >&2
    exit 2
fi
# shellcheck source=ports.sh
. "$(dirname "${BASH_SOURCE[0]}")/ports.sh"
stop_pidfile "$1/scim.pid"
