#!/usr/bin/env bash
# Stop the Entra ID inbound-provisioning imitation started by start.sh (by its PID only).
#   stop.sh STATE_DIR
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 STATE_DIR" >&2
    exit 2
fi
# shellcheck source=../scim/ports.sh
. "$(dirname "${BASH_SOURCE[0]}")/../scim/ports.sh"
stop_pidfile "$1/entra.pid"
