#!/usr/bin/env bash
# Self-test of the Entra ID inbound-provisioning imitation (start.sh, server.mjs, stop.sh): starts services in
# temporary state directories, exercises every documented behaviour, stops them and checks that no process is
# left. The assertions live in selftest.mjs (node's test runner; CTest entra_peer_selftest runs that file).
#   bash tests/servers/entra/selftest.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in node curl openssl; do
    command -v "$tool" >/dev/null || { echo "selftest.sh: $tool is required" >&2; exit 1; }
done
exec node --test "$here/selftest.mjs"
