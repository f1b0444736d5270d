#!/usr/bin/env bash
# Builds the fuzz targets (libFuzzer + AddressSanitizer, release) and runs each for a while.
#
#   Fuzz/run.sh                     every target for 60 s
#   Fuzz/run.sh 600 FuzzBatch       one target for 10 minutes
#   Fuzz/run.sh -runs=20000         every target for 20,000 executions (a smoke run)
#
# The first argument is a number of seconds or a libFuzzer option; the rest name targets. New
# inputs go to a working corpus under .build/corpus/TARGET (the seeds in Corpus/ are read, not
# written); a crash is saved as .build/crash-TARGET-* and ends the run with the crash's status.
set -euo pipefail
cd "$(dirname "$0")"

limit="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(FuzzDecimal FuzzJSONInput FuzzBatch FuzzYAML FuzzEval FuzzWorkbook); fi
case "$limit" in
    -*) option="$limit" ;;
    *) option="-max_total_time=$limit" ;;
esac

swift build -c release -Xswiftc -sanitize=fuzzer,address
binaries="$(swift build -c release -Xswiftc -sanitize=fuzzer,address --show-bin-path)"

# A trap (SIGILL) must reach libFuzzer, which saves the input; the Swift runtime's backtracer
# would take it first, print a backtrace and exit 132, and the input would be lost.
export SWIFT_BACKTRACE=enable=no

for target in "${targets[@]}"; do
    echo "== $target ($option)"
    mkdir -p ".build/corpus/$target"
    # -detect_leaks=0: libFuzzer would run LeakSanitizer after every input that leaves memory
    # allocated (Dispatch's worker threads keep theirs), 20 times slower for FuzzBatch; leaks
    # are the AddressSanitizer run of the test suite's to find (.ci/run). The check at exit stays,
    # with the suite's suppressions (a dependency's leak per workbook opened, .ci/lsan.supp).
    LSAN_OPTIONS="suppressions=$PWD/../.ci/lsan.supp:print_suppressions=0" "$binaries/$target" "$option" -detect_leaks=0 -max_len=4096 -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 \
        -artifact_prefix=".build/crash-$target-" ".build/corpus/$target" "Corpus/$target"
done
