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
# One target: its summary line in $work/NAME.line, its log's tail on stderr if it failed.
fuzz_one() {
    local name=$1 binary="$root/build/fuzz/tests/fuzz/fuzz_$1" code=0 result=ok
    mkdir -p "$work/$name"
    cp "tests/fuzz/corpus/$name"/* "$work/$name/"
    # -timeout: one input taking longer is a hang; -rss_limit_mb: one taking more memory is a leak or a blowup.
    # (Past half that limit libFuzzer returns ASan's free memory to the system every second, which slowed
    # directoryvalues from 1,500 to 35 executions a second once its peak passed 1 GiB: hence 4 GiB.)
    "$binary" "$work/$name" "${limit[@]}" -timeout=20 -rss_limit_mb=4096 -max_len=131072 -print_final_stats=1 \
        -artifact_prefix="$artifacts/$name-" >"$work/$name.log" 2>&1 || code=$?
    stat() { sed -n "s/^stat::$1: *//p" "$work/$name.log" | tail -n 1; }
    if ((code)); then
        result="FAILED (exit $code): $(grep -m1 -E 'ERROR|property broken|SUMMARY' "$work/$name.log" || true)"
        { tail -n 40 "$work/$name.log"; echo "the input is in $artifacts/ (prefix $name-)"; } >&2
    fi
    printf '%-16s %12s %10s %8s %8s  %s\n' "$name" "$(stat number_of_executed_units)" \
        "$(stat average_exec_per_sec)" "$(ls "$work/$name" | wc -l)" "$(stat peak_rss_mb)" "$result" >"$work/$name.line"
    return "$code"
}

for name in "${targets[@]}"; do
    [[ -x "$root/build/fuzz/tests/fuzz/fuzz_$name" ]] || { echo "no fuzz target $name" >&2; exit 64; }
done
# Two targets at a time (one per core): each is a single process.
failed=0
for name in "${targets[@]}"; do
    while (($(jobs -rp | wc -l) >= 2)); do wait -n || failed=1; done
    fuzz_one "$name" &
done
while (($(jobs -rp | wc -l) > 0)); do wait -n || failed=1; done
printf '%-16s %12s %10s %8s %8s  %s\n' target executions "exec/s" corpus "peak MB" result
for name in "${targets[@]}"; do
    cat "$work/$name.line" 2>/dev/null || printf '%-16s  FAILED: no summary\n' "$name"
    grep -q '  ok$' "$work/$name.line" 2>/dev/null || failed=1
done
exit "$failed"
