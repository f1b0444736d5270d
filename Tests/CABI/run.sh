#!/usr/bin/env bash
# The C interface from outside Swift: a C program and a Python ctypes script call every
# function of include/huiqi.h against the built libHuiqi, and what they get is compared byte for
# byte with what the `huiqi` command line prints for the same worked examples and batch files.
#
#   Tests/CABI/run.sh [BUILD_DIR]      (default .build/debug; run after swift build)
set -euo pipefail
cd "$(dirname "$0")/../.."
build="$(cd "${1:-.build/debug}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cc -std=c11 -Wall -Wextra -Werror -Iinclude Tests/CABI/huiqi_test.c -L"$build" -lHuiqi -Wl,-rpath,"$build" -lpthread \
    -o "$work/huiqi_test"
mkdir "$work/out"
"$work/huiqi_test" "$work/out"

compare() {  # compare NAME FILE-FROM-C: the C caller's bytes against the command line's (stdin)
    if cmp -s - "$2"; then echo "same bytes: $1"; else echo "DIFFERENT: $1" >&2; exit 1; fi
}
for example in interest-subsidy guarantee-fee small-scale-vat small-profit-cit rd-super-deduction; do
    "$build/huiqi" calc "$example" --input "Tests/CABI/examples/$example.json" --format json | compare "calc $example" "$work/out/$example.json"
done
"$build/huiqi" list --format json | compare "list" "$work/out/list.json"
"$build/huiqi" params --format json | compare "params" "$work/out/params.json"
"$build/huiqi" params --at 2023-05-01 --format json | compare "params --at" "$work/out/params-2023-05-01.json"
status=0
"$build/huiqi" batch interest-subsidy Examples/loans.csv --repayments Examples/repayments.csv -o "$work/rows.csv" \
    --summary "$work/summary.csv" 2>/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "huiqi batch exited $status, expected 1 (one bad row)" >&2; exit 1; }
compare "batch rows" "$work/out/batch-rows.csv" < "$work/rows.csv"
compare "batch summary" "$work/out/batch-summary.csv" < "$work/summary.csv"
"$build/huiqi" batch interest-subsidy Examples/loans.csv --repayments Examples/repayments.csv --format jsonl \
    -o "$work/rows.jsonl" 2>/dev/null || true  # exit 1: the bad row
compare "batch rows (JSON lines)" "$work/out/batch-rows.jsonl" < "$work/rows.jsonl"

python3 Tests/CABI/huiqi_test.py "$build"
