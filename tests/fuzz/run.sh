#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer, AddressSanitizer and UBSan (the `fuzz` preset: clang) and runs each
# one from its seed corpus (tests/fuzz/corpus/NAME, copied: the repository is not written to). Prints each
# target's executions; fails if any target crashes, leaks, breaks a property or hangs, and says where the input
# that did it was saved (put it in corpus/NAME/ as crash-WHAT, fix, and fuzz_replay_NAME keeps it fixed).
#   tests/fuzz/run.sh [--seconds N | --runs N] [NAME...]     (default: --seconds 10, every target)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$PWD"
limit=(-max_total_time=10)
targets=()
while (($#)); do
    case "$1" in
    --seconds) limit=(-max_total_time="$2"); shift 2 ;;
    --runs) limit=(-runs="$2"); shift 2 ;;
    -*) echo "usage: $0 [--seconds N | --runs N] [NAME...]" >&2; exit 64 ;;
    *) targets+=("$1"); shift ;;
    esac
done
((${#targets[@]})) || targets=($(ls tests/fuzz/corpus))

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
artifacts="${TMPDIR:-/tmp}/updraft-fuzz-artifacts"
mkdir -p "$artifacts"
failed=0
printf '%-16s %12s %10s %8s %8s  %s\n' target executions "exec/s" corpus "peak MB" result
for name in "${targets[@]}"; do
    binary="$root/build/fuzz/tests/fuzz/fuzz_$name"
    [[ -x "$binary" ]] || { echo "no fuzz target $name" >&2; exit 64; }
    mkdir -p "$work/$name"
    cp "tests/fuzz/corpus/$name"/* "$work/$name/"
    # -timeout: one input taking longer is a hang; -rss_limit_mb: one taking more memory is a leak or a blowup.
    # (Past half that limit libFuzzer returns ASan's free memory to the system every second, which slowed
    # directoryvalues from 1,500 to 35 executions a second once its peak passed 1 GiB: hence 4 GiB.)
    code=0
    "$binary" "$work/$name" "${limit[@]}" -timeout=20 -rss_limit_mb=4096 -max_len=131072 -print_final_stats=1 \
        -artifact_prefix="$artifacts/$name-" >"$work/$name.log" 2>&1 || code=$?
    stat() { sed -n "s/^stat::$1: *//p" "$work/$name.log" | tail -n 1; }
    result=ok
    if ((code)); then
        result="FAILED (exit $code): $(grep -m1 -E 'ERROR|property broken|SUMMARY' "$work/$name.log" || true)"
        failed=1
    fi
    printf '%-16s %12s %10s %8s %8s  %s\n' "$name" "$(stat number_of_executed_units)" \
        "$(stat average_exec_per_sec)" "$(ls "$work/$name" | wc -l)" "$(stat peak_rss_mb)" "$result"
    if ((code)); then
        tail -n 40 "$work/$name.log" >&2
        echo "the input is in $artifacts/ (prefix $name-)" >&2
    fi
done
exit "$failed"
