#!/usr/bin/env python3
"""Compares `huiqi batch interest-subsidy` with a C program doing the same whole job, on the same
generated loans, and checks that both write the same output file byte for byte.

    python3 Scripts/compare_subsidy.py [LOANS] [--runs N] [--no-build] [--huiqi PATH] [--one-core]

LOANS defaults to 1,000,000; --runs to 5. Two input files are generated (Scripts/generate_loans.py):
the clean one (plain spellings) and the --messy one (the spellings of docs/POLICY.md §1, a BOM,
CRLF, quoted cells, interest_paid on ~40% of the loans). On each file, `huiqi batch
interest-subsidy FILE -o OUT` and Benchmarks/Compare/subsidy_full.c (the whole job in C11 on one
core, `cc -O2`) run alternately N times each; the table gives the median wall time, the median
CPU time (user + system), the peak resident memory, and huiqi's time ÷ the C program's. The run
fails unless every output file of the C program is byte-identical to huiqi's (all columns). With
--one-core both run on core 0 (`taskset -c 0`): the single-thread comparison; otherwise huiqi
uses every core.

Smaller jobs, on the clean file only, as secondary rows: each reads the CSV and writes
`line,subsidy_computed` (no cap, no other column, no spelling but the clean file's) — the simple
C kernel (Benchmarks/Compare/subsidy.c), Python's decimal (subsidy.py), Foundation.Decimal
(FoundationSubsidy) and Huiqi's columnar kernel over loans held in memory (HuiqiKernel). Each
must give huiqi's subsidy_computed for every loan.

Builds huiqi (release) in the root package and FoundationSubsidy and HuiqiKernel (release) in
Benchmarks/ unless --no-build; --huiqi PATH uses that binary instead of .build/release/huiqi.
Rows whose program is missing are skipped, and say so. The C programs are always compiled here
(`cc -O2`). Work files go to a temporary folder, removed at the end unless --keep.
"""
import argparse
import csv
import filecmp
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMPARE = os.path.join(ROOT, "Benchmarks", "Compare")


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def measured(command, log):
    """Runs `command` (stdout and stderr to `log`); its exit status, wall seconds, CPU seconds
    (user + system) and peak resident memory in MB (the kernel's ru_maxrss, as /usr/bin/time
    reports it)."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=out)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def generate(loans, path, messy):
    with open(path, "w", newline="") as out:
        run([sys.executable, os.path.join(ROOT, "Scripts/generate_loans.py"), str(loans)] + (["--messy"] if messy else []), stdout=out)


def audit_identity(huiqi, source):
    """`ENGINE_VERSION,PARAMETERS_SHA256`, as huiqi's `audit:` line names them: the last two
    cells of every output row, which the C program is given."""
    completed = subprocess.run([huiqi, "batch", "interest-subsidy", source, "-o", "/dev/null", "--lang", "en"], capture_output=True, text=True)
    match = re.search(r"^audit: engine (\S+), parameters sha256 ([0-9a-f]{64})", completed.stderr, re.M)
    if not match:
        sys.exit(f"huiqi printed no audit line:\n{completed.stderr[-2000:]}")
    return f"{match.group(1)},{match.group(2)}"


def compare_whole_job(name, source, huiqi, c_program, runs, work, one_core):
    """huiqi and the C program alternately on `source` (both on core 0 if `one_core`); their
    timings, and whether every output of the C program equals huiqi's byte for byte."""
    timings = {"huiqi": [], "C": []}
    audit = audit_identity(huiqi, source)
    identical = True
    reference = os.path.join(work, f"{name}-huiqi.csv")
    for attempt in range(runs):
        pinned = ["taskset", "-c", "0"] if one_core else []
        for program, command in [("huiqi", pinned + [huiqi, "batch", "interest-subsidy", source, "-o", reference]),
                                 ("C", pinned + [c_program, source, "-o", os.path.join(work, f"{name}-c.csv"), audit])]:
            log = os.path.join(work, f"{name}-{program}.log")
            status, seconds, cpu, megabytes = measured(command, log)
            if status not in (0, 1):  # 1: some rows failed, which both report the same way
                with open(log, errors="replace") as text:
                    sys.exit(f"{program} failed on the {name} file (exit status {status}):\n{text.read()[-2000:]}")
            timings[program].append((seconds, cpu, megabytes))
            print(f"  {name} run {attempt + 1}/{runs}: {program:5} {seconds:7.3f} s, CPU {cpu:7.3f} s, {megabytes:6.0f} MB", flush=True)
        if not filecmp.cmp(reference, os.path.join(work, f"{name}-c.csv"), shallow=False):
            identical = False
            print(f"  {name} run {attempt + 1}: the C program's output DIFFERS from huiqi's", flush=True)
    return timings, identical


def subsidy_column(path):
    with open(path, newline="") as rows:
        return [f"{row['line']},{row['subsidy_computed']}" for row in csv.DictReader(rows)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("loans", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5, help="runs of each program on each file (default 5)")
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built; skip the rows of missing ones")
    parser.add_argument("--huiqi", help="the huiqi binary (default: .build/release/huiqi)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--one-core", action="store_true", help="run huiqi and the C program of the whole job on core 0 (taskset)")
    arguments = parser.parse_args()

    work = tempfile.mkdtemp(prefix="huiqi-compare-")
    try:
        failed = compare(arguments, work)
    finally:
        if arguments.keep:
            print(f"work files kept in {work}")
        else:
            shutil.rmtree(work)
    print("\nall outputs identical" if not failed else "\nFAILED: outputs differ")
    sys.exit(1 if failed else 0)


def compare(arguments, work):
    """Everything but the work folder; True if any output differs."""
    files = {"clean": os.path.join(work, "loans.csv"), "messy": os.path.join(work, "messy.csv")}
    for name, path in files.items():
        generate(arguments.loans, path, messy=name == "messy")
        print(f"{name}: {arguments.loans:,} loans, {os.path.getsize(path) / 1e6:.1f} MB of CSV", flush=True)

    if not arguments.no_build:
        if not arguments.huiqi:
            run(["swift", "build", "-c", "release", "--product", "huiqi"], cwd=ROOT, stdout=subprocess.DEVNULL)
        for product in ("FoundationSubsidy", "HuiqiKernel"):
            run(["swift", "build", "-c", "release", "--product", product], cwd=os.path.join(ROOT, "Benchmarks"), stdout=subprocess.DEVNULL)
    huiqi = arguments.huiqi or os.path.join(ROOT, ".build/release/huiqi")
    if not os.access(huiqi, os.X_OK):
        sys.exit(f"no huiqi binary at {huiqi} (build it, or give --huiqi PATH)")
    programs = {}
    for program, flags in [("subsidy_full", ["-std=c11"]), ("subsidy", [])]:
        programs[program] = os.path.join(work, program)
        run(["cc", "-O2"] + flags + ["-o", programs[program], os.path.join(COMPARE, program + ".c")])

    # The whole job: huiqi against the C program, alternating, on both files.
    print(f"\nthe whole job, {arguments.runs} runs each, alternating (huiqi {huiqi}):", flush=True)
    results = {}
    failed = False
    for name, path in files.items():
        results[name] = compare_whole_job(name, path, huiqi, programs["subsidy_full"], arguments.runs, work, arguments.one_core)
        failed = failed or not results[name][1]

    print(f"\n{'the whole job (median of ' + str(arguments.runs) + ')':34} {'seconds':>8} {'CPU s':>8} {'peak MB':>8} "
          f"{'records/s':>11} {'MB/s':>7} {'huiqi ÷ C':>10} {'(CPU)':>7}")
    for name, path in files.items():
        timings, identical = results[name]
        megabytes = os.path.getsize(path) / 1e6
        medians = {program: statistics.median(seconds for seconds, _, _ in runs) for program, runs in timings.items()}
        cpus = {program: statistics.median(cpu for _, cpu, _ in runs) for program, runs in timings.items()}
        for program, label in [("huiqi", f"huiqi batch, {name} file"), ("C", f"C, subsidy_full.c, {name} file")]:
            seconds = medians[program]
            peak = max(memory for _, _, memory in timings[program])
            ratios = f"{medians['huiqi'] / medians['C']:9.2f}x {cpus['huiqi'] / cpus['C']:6.2f}x" if program == "C" else ""
            print(f"{label:34} {seconds:8.3f} {cpus[program]:8.3f} {peak:8.0f} {arguments.loans / seconds:11,.0f} "
                  f"{megabytes / seconds:7.1f} {ratios}")
        print(f"{'':34} output files {'byte-identical' if identical else 'DIFFER'} ({name})")

    # Smaller jobs on the clean file: read, subsidy_computed, two columns out; once each.
    print("\nsmaller jobs, clean file only (read the CSV, compute subsidy_computed, write line,subsidy; no cap,"
          " no other column), one run each:")
    reference = subsidy_column(os.path.join(work, "clean-huiqi.csv"))
    huiqi_seconds = statistics.median(seconds for seconds, _, _ in results["clean"][0]["huiqi"])
    kernels = {}
    rows = [
        ("C, int64 fixed point (subsidy.c)", [programs["subsidy"]]),
        ("Python decimal (subsidy.py)", [sys.executable, os.path.join(COMPARE, "subsidy.py")]),
        ("Swift Foundation.Decimal", [os.path.join(ROOT, "Benchmarks/.build/release/FoundationSubsidy")]),
        ("Huiqi kernel (SubsidyColumns)", [os.path.join(ROOT, "Benchmarks/.build/release/HuiqiKernel")]),
    ]
    print(f"{'implementation':34} {'seconds':>8} {'CPU s':>8} {'peak MB':>8} {'records/s':>11} {'time ÷ huiqi':>14}")
    for name, command in rows:
        if not os.access(command[0], os.X_OK):
            print(f"{name:34} skipped: {command[0]} is not built")
            continue
        out = os.path.join(work, name.split()[0].lower() + "-subsidies.csv")
        log = os.path.join(work, name.split()[0].lower() + ".log")
        status, seconds, cpu, megabytes = measured(command + [files["clean"], out], log)
        if status != 0:
            print(f"{name:34} FAILED (exit status {status})")
            failed = True
            continue
        with open(out) as lines:
            subsidies = [line.rstrip("\n") for line in lines]
        differences = sum(1 for a, b in zip(reference, subsidies) if a != b) + abs(len(reference) - len(subsidies))
        failed = failed or differences > 0
        note = "" if differences == 0 else f"  {differences} subsidies DIFFER"
        print(f"{name:34} {seconds:8.3f} {cpu:8.3f} {megabytes:8.0f} {arguments.loans / seconds:11,.0f} {seconds / huiqi_seconds:13.2f}x{note}")
        with open(log) as text:
            first = text.readline()
        if first.startswith("kernel "):
            kernels[name] = float(first.split()[1])
    if len(kernels) == 2:
        huiqi_kernel, c_kernel = kernels["Huiqi kernel (SubsidyColumns)"], kernels["C, int64 fixed point (subsidy.c)"]
        print(f"\nkernel alone, loans in memory, one core: Huiqi {huiqi_kernel * 1000:.2f} ms, C {c_kernel * 1000:.2f} ms;"
              f" Huiqi runs at {c_kernel / huiqi_kernel:.2f}x the C program's speed")
    return failed


if __name__ == "__main__":
    main()
