#!/usr/bin/env bash
# Install what is needed, build, and run every test: unit and integration against a real slapd, SCIM service,
# Samba AD DC and the rest (the tests start them on free loopback ports and stop them by PID), the reliability
# campaign's short form, then each fuzz target for a short while (its own clang build with the sanitizers).
#   scripts/test.sh [extra ctest arguments]      (with arguments, only CTest runs: no fuzzing)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
phase() { echo "== $1 after ${SECONDS} s"; }

scripts/install-deps.sh --tests
phase "installed"
# The Active Directory tests start a Samba AD DC, which needs root: as root (CI) they must run, and fail rather
# than skip; as another user they are skipped.
[[ $(id -u) -ne 0 ]] || export UPDRAFT_REQUIRE_SAMBA=1
cmake --preset debug
cmake --build --preset debug -j2
phase "built"
ctest --preset debug --output-on-failure "$@"
phase "tested"
if (($# == 0)); then
    tests/fuzz/run.sh --seconds "${UPDRAFT_FUZZ_SECONDS:-10}"
    phase "fuzzed"
fi
