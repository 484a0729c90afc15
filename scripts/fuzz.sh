#!/usr/bin/env bash
# Runs each libFuzzer target built by `make fuzz-build` for a set time, one after another (one core
# each), and prints what each did. Usage: scripts/fuzz.sh SECONDS TARGET...
#
# New inputs go to fuzz-artifacts/corpus/TARGET (the committed seeds in Fuzz/Corpus/TARGET are only
# read); a crash, leak or hang (over 10 s) stops that target and is written to
# fuzz-artifacts/TARGET/; the log is fuzz-artifacts/TARGET.log. Exits non-zero if any target failed.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=$1
shift
bin=Fuzz/.build/release
out=fuzz-artifacts
mkdir -p "$out"
# libFuzzer's own handler must report a crash: Swift's backtracer would take the signal first and,
# under AddressSanitizer, hang reading memory.
export SWIFT_BACKTRACE=enable=no

status=0
summary=()
for target in "$@"; do
    case "$target" in
        FuzzCSV) dict=Fuzz/Dictionaries/csv.dict ;;
        FuzzNPY) dict=Fuzz/Dictionaries/npy.dict ;;
        *) dict=Fuzz/Dictionaries/json.dict ;;
    esac
    mkdir -p "$out/corpus/$target" "$out/$target"
    echo "fuzz: $target for ${seconds} s (log: $out/$target.log)"
    "$bin/$target" "$out/corpus/$target" "Fuzz/Corpus/$target" -dict="$dict" -timeout=10 \
        -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/$target/" \
        >"$out/$target.log" 2>&1
    code=$?
    # The last status line (DONE, or the last progress line before a crash).
    done_line=$(grep -E '^#[0-9]+[[:space:]].* cov: ' "$out/$target.log" | tail -1)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$target.log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\) .*/\1/p' <<<"$done_line")
    ft=$(sed -n 's/.* ft: \([0-9]*\) .*/\1/p' <<<"$done_line")
    corpus=$(ls "$out/corpus/$target" | wc -l)
    if [ "$code" -eq 0 ]; then
        result="ok"
    else
        result="FAILED (exit $code; see $out/$target.log and $out/$target/)"
        status=1
    fi
    summary+=("$(printf '%-15s %12s runs  cov %-6s ft %-6s corpus %-6s %s' "$target" "${runs:-?}" "${cov:-?}" "${ft:-?}" "$corpus" "$result")")
done
printf '%s\n' "${summary[@]}" | tee "$out/summary.txt"
exit $status
