#!/usr/bin/env bash
# Install what is needed, build, and run every test (unit and integration against a real slapd and SCIM service,
# which the tests start themselves on free loopback ports and stop by PID).
#   scripts/test.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh --tests
# The Active Directory tests start a Samba AD DC, which needs root: as root (CI) they must run, and fail rather
# than skip; as another user they are skipped.
[[ $(id -u) -ne 0 ]] || export UPDRAFT_REQUIRE_SAMBA=1
cmake --preset debug
cmake --build --preset debug -j2
ctest --preset debug --output-on-failure "$@"
