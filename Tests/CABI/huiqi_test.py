#!/usr/bin/env python3
"""Calls every function of include/huiqi.h through ctypes and compares what it returns with
the `huiqi` command line, byte for byte.

    python3 Tests/CABI/huiqi_test.py BUILD_DIR     (run from the repository; BUILD_DIR holds
                                                    libHuiqi.so and huiqi)
"""
import ctypes
import json
import os
import subprocess
import sys
import tempfile
import threading

BUILD = sys.argv[1] if len(sys.argv) > 1 else ".build/debug"
LIBRARY = os.path.join(BUILD, "libHuiqi.dylib" if sys.platform == "darwin" else "libHuiqi.so")
HUIQI = os.path.join(BUILD, "huiqi")
EXAMPLES = ["interest-subsidy", "guarantee-fee", "small-scale-vat", "small-profit-cit", "rd-super-deduction"]
OK, ARGUMENT, INPUT, PARAMETERS, FILE, DECIMAL = range(6)

lib = ctypes.CDLL(LIBRARY)
c_char_pp = ctypes.POINTER(ctypes.c_char_p)
# Outputs are char ** filled by the library: declared as c_void_p so that ctypes leaves the
# pointer alone and it can be passed back to huiqi_free.
out_p = ctypes.POINTER(ctypes.c_void_p)
size_p = ctypes.POINTER(ctypes.c_size_t)
params_p = ctypes.c_void_p
signatures = {
    "huiqi_version": ([], ctypes.c_char_p),
    "huiqi_status_message": ([ctypes.c_int], ctypes.c_char_p),
    "huiqi_free": ([ctypes.c_void_p], None),
    "huiqi_parameters_bundled": ([ctypes.POINTER(params_p), out_p], ctypes.c_int),
    "huiqi_parameters_overriding": ([params_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(params_p), out_p], ctypes.c_int),
    "huiqi_parameters_free": ([params_p], None),
    "huiqi_parameters_audit": ([params_p, out_p, size_p, out_p], ctypes.c_int),
    "huiqi_parameters_list": ([params_p, ctypes.c_char_p, out_p, size_p, out_p], ctypes.c_int),
    "huiqi_measures": ([out_p, size_p, out_p], ctypes.c_int),
    "huiqi_calculate": ([params_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t, out_p, size_p, out_p], ctypes.c_int),
    "huiqi_batch": ([params_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t,
                     ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, out_p, size_p, out_p, size_p, out_p, size_p, out_p], ctypes.c_int),
    "huiqi_batch_files": ([params_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int,
                           out_p, size_p, out_p, size_p, out_p, size_p, out_p], ctypes.c_int),
    "huiqi_decimal_parse": ([ctypes.c_char_p, out_p, out_p], ctypes.c_int),
    "huiqi_decimal_format": ([ctypes.c_char_p, ctypes.c_int, out_p, out_p], ctypes.c_int),
    "huiqi_decimal_add": ([ctypes.c_char_p, ctypes.c_char_p, out_p, out_p], ctypes.c_int),
    "huiqi_decimal_subtract": ([ctypes.c_char_p, ctypes.c_char_p, out_p, out_p], ctypes.c_int),
    "huiqi_decimal_multiply": ([ctypes.c_char_p, ctypes.c_char_p, out_p, out_p], ctypes.c_int),
    "huiqi_decimal_divide": ([ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int32, ctypes.c_char_p, out_p, out_p], ctypes.c_int),
    "huiqi_decimal_compare": ([ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int32), out_p], ctypes.c_int),
}
for name, (arguments, result) in signatures.items():
    function = getattr(lib, name)
    function.argtypes = arguments
    function.restype = result
called = set()
failures = []


class HuiqiError(Exception):
    def __init__(self, status, message):
        super().__init__(f"status {status}: {message}")
        self.status = status
        self.message = message


def take(pointer, length=None):
    """The bytes of a buffer the library returned, then the buffer freed."""
    if not pointer.value:
        return None
    data = ctypes.string_at(pointer.value, length.value if length is not None else -1)
    lib.huiqi_free(pointer.value)
    called.add("huiqi_free")
    return data


def call(name, *arguments, outputs=1, lengths=True):
    """Calls `name` with `arguments` then its outputs (buffer, length pairs) and the error;
    returns the outputs' bytes or raises HuiqiError."""
    called.add(name)
    buffers = [ctypes.c_void_p() for _ in range(outputs)]
    sizes = [ctypes.c_size_t() for _ in range(outputs)]
    error = ctypes.c_void_p()
    extra = []
    for buffer, size in zip(buffers, sizes):
        extra += [ctypes.byref(buffer), ctypes.byref(size)] if lengths else [ctypes.byref(buffer)]
    status = getattr(lib, name)(*arguments, *extra, ctypes.byref(error))
    message = take(error)
    if status != OK:
        for buffer in buffers:
            assert not buffer.value, f"{name}: an output was written on failure"
        raise HuiqiError(status, message.decode())
    assert message is None, f"{name}: an error message on success"
    data = [take(buffer, size if lengths else None) for buffer, size in zip(buffers, sizes)]
    return data[0] if outputs == 1 else data


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL", what, file=sys.stderr)


def expect_error(status, fragment, what, function, *arguments, **options):
    try:
        call(function, *arguments, **options)
        check(False, f"{what}: no error")
    except HuiqiError as error:
        check(error.status == status and fragment in error.message, f"{what}: {error}")


def cli(*arguments):
    return subprocess.run([HUIQI, *arguments], capture_output=True, env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})


def main():
    called.add("huiqi_version")
    check(lib.huiqi_version().decode() == cli("--version").stdout.decode().strip(), "version is huiqi --version")
    called.add("huiqi_status_message")
    check(lib.huiqi_status_message(INPUT) == b"invalid input", "status message")

    bundled = params_p()
    called.add("huiqi_parameters_bundled")
    error = ctypes.c_void_p()
    check(lib.huiqi_parameters_bundled(ctypes.byref(bundled), ctypes.byref(error)) == OK, "bundled")

    # The worked examples: the same bytes as `huiqi calc --input FILE --format json`.
    for name in EXAMPLES:
        path = f"Tests/CABI/examples/{name}.json"
        with open(path, "rb") as file:
            data = file.read()
        mine = call("huiqi_calculate", bundled, name.encode(), data, len(data))
        theirs = cli("calc", name, "--input", path, "--format", "json").stdout
        check(mine == theirs, f"calc {name}: differs from huiqi calc --format json")

    # Parameters, measures, audit.
    check(call("huiqi_parameters_list", bundled, None) == cli("params", "--format", "json").stdout, "params")
    check(call("huiqi_parameters_list", bundled, b"2023-05-01") == cli("params", "--at", "2023-05-01", "--format", "json").stdout,
          "params --at")
    check(call("huiqi_measures") == cli("list", "--format", "json").stdout, "list")
    audit = json.loads(call("huiqi_parameters_audit", bundled))
    example = json.loads(cli("calc", "interest-subsidy", "--input", "Tests/CABI/examples/interest-subsidy.json", "--format", "json").stdout)
    check(audit == example["audit"], "audit is the one calc prints")

    # Parameters laid over.
    with open("Examples/floor-mode.yaml", "rb") as file:
        yaml = file.read()
    floor = params_p()
    called.add("huiqi_parameters_overriding")
    check(lib.huiqi_parameters_overriding(bundled, yaml, len(yaml), ctypes.byref(floor), ctypes.byref(error)) == OK, "overriding")
    check(json.loads(call("huiqi_parameters_audit", floor))["parameters_source"] == "overridden", "overridden audit")
    check(call("huiqi_parameters_list", floor, None) == cli("params", "--format", "json", "--parameters", "Examples/floor-mode.yaml").stdout,
          "params --parameters")

    # Batch: the same files as `huiqi batch`.
    with tempfile.TemporaryDirectory() as directory:
        rows_file, summary_file = os.path.join(directory, "rows.csv"), os.path.join(directory, "summary.csv")
        run = cli("batch", "interest-subsidy", "Examples/loans.csv", "--repayments", "Examples/repayments.csv", "-o", rows_file,
                  "--summary", summary_file)
        check(run.returncode == 1, "huiqi batch exits 1 (a bad row)")
        with open(rows_file, "rb") as file:
            rows_cli = file.read()
        with open(summary_file, "rb") as file:
            summary_cli = file.read()
        rows, summary, report = call("huiqi_batch_files", bundled, b"interest-subsidy", b"Examples/loans.csv", b"Examples/repayments.csv",
                                     None, 0, outputs=3)
        check(rows == rows_cli, "batch rows")
        check(summary == summary_cli, "batch summary")
        report = json.loads(report)
        check(report["rows_failed"] == 1 and report["row_errors"][0]["line"] == 5, "batch report")
        check(report["audit"] == audit, "batch audit")
        with open("Examples/loans.csv", "rb") as file:
            loans = file.read()
        with open("Examples/repayments.csv", "rb") as file:
            repayments = file.read()
        buffered = call("huiqi_batch", bundled, b"interest-subsidy", loans, len(loans), repayments, len(repayments), None, 0, 0, outputs=3)
        check(buffered[0] == rows_cli and buffered[1] == summary_cli, "batch from buffers")
        run = cli("batch", "interest-subsidy", "Examples/loans.csv", "--format", "jsonl", "-o", rows_file)
        with open(rows_file, "rb") as file:
            jsonl_cli = file.read()
        check(call("huiqi_batch", bundled, b"interest-subsidy", loans, len(loans), None, 0, None, 0, 2, outputs=3)[0] == jsonl_cli,
              "batch jsonl")

    # Errors: a status and a sentence, never a crash.
    bad = b'{"loans": [{"enterprise_id": "E1", "loan_id": "L1", "principal": "0", "annual_rate": "3.65%", ' \
          b'"drawdown_date": "2022-11-01", "end_date": "2023-11-01", "guaranteed_by_fund": true, ' \
          b'"first_inclusive_loan": true, "lender_in_shanghai": true}]}'
    expect_error(INPUT, "loans[0].principal: must be greater than 0", "zero principal", "huiqi_calculate", bundled, b"interest-subsidy", bad, len(bad))
    expect_error(ARGUMENT, "unknown measure", "unknown measure", "huiqi_calculate", bundled, b"nope", b"{}", 2)
    expect_error(INPUT, "JSON", "not JSON", "huiqi_calculate", bundled, b"interest-subsidy", b"[1,", 3)
    expect_error(FILE, "required column", "batch header", "huiqi_batch", bundled, b"interest-subsidy", b"a,b\n1,2\n", 8, None, 0, None, 0, 0, outputs=3)

    # Exact decimals.
    decimal = {"lengths": False}
    check(call("huiqi_decimal_parse", b"3000000.00", **decimal) == b"3000000.00", "parse")
    check(call("huiqi_decimal_format", b"1234567.891", 1, **decimal) == b"1,234,567.891", "format grouped")
    check(call("huiqi_decimal_add", b"0.1", b"0.2", **decimal) == b"0.3", "add (not 0.30000000000000004)")
    check(call("huiqi_decimal_subtract", b"100", b"0.01", **decimal) == b"99.99", "subtract")
    check(call("huiqi_decimal_multiply", b"1.1", b"1.1", **decimal) == b"1.21", "multiply")
    check(call("huiqi_decimal_divide", b"200000", b"3", 0, 2, b"halfUp", **decimal) == b"66666.67", "divide")
    order = ctypes.c_int32()
    called.add("huiqi_decimal_compare")
    check(lib.huiqi_decimal_compare(b"2.0", b"2", ctypes.byref(order), ctypes.byref(error)) == OK and order.value == 0, "compare")
    expect_error(DECIMAL, "zero", "divide by zero", "huiqi_decimal_divide", b"1", b"0", 0, 2, b"halfUp", **decimal)

    # Threads: one table shared by many callers.
    with open("Tests/CABI/examples/guarantee-fee.json", "rb") as file:
        data = file.read()
    results = []

    def worker():
        for _ in range(20):
            results.append(call("huiqi_calculate", bundled, b"guarantee-fee", data, len(data)))
    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check(len(results) == 160 and len(set(results)) == 1, "threads")

    called.add("huiqi_parameters_free")
    lib.huiqi_parameters_free(floor)
    lib.huiqi_parameters_free(bundled)
    missing = set(signatures) - called
    check(not missing, f"functions not called: {sorted(missing)}")
    print("Python ctypes caller:", "every function called, all checks passed" if not failures else f"{len(failures)} FAILED")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
