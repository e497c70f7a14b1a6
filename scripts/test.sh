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
fuzz_build=""
if (($# == 0)); then
    # The fuzz targets' build, at the lowest priority while the tests run: they mostly wait for their servers.
    cmake --preset fuzz >/dev/null
    setsid nice -n 19 cmake --build --preset fuzz >build/fuzz/build.log 2>&1 &
    fuzz_build=$!
    # If the tests fail, the build stops with them (its own process group).
    trap '[[ -z "$fuzz_build" ]] || kill -- "-$fuzz_build" 2>/dev/null || true' EXIT
fi
# Two tests at a time: most of them wait for their servers (slapd, the SCIM peer, the DC). The tests start each
# server on a port they checked was free, the Samba DC on an address of its own; tst_consolestall runs alone.
ctest --preset debug -j2 --output-on-failure "$@"
phase "tested"
if [[ -n "$fuzz_build" ]]; then
    code=0
    wait "$fuzz_build" || code=$?
    fuzz_build=""
    ((code == 0)) || { tail -n 40 build/fuzz/build.log; exit 1; }
    phase "fuzz targets built"
    tests/fuzz/run.sh --seconds "${UPDRAFT_FUZZ_SECONDS:-10}"
    phase "fuzzed"
fi
