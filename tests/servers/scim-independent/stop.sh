#!/usr/bin/env bash
# Stop the independent SCIM 2.0 peer started by start.sh: the same pid file as the project's peer, stopped the same
# way (TERM, then KILL after 3 s; see ../scim/ports.sh).
#   stop.sh STATE_DIR
exec "$(dirname "${BASH_SOURCE[0]}")/../scim/stop.sh" "$@"
