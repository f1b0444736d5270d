#!/usr/bin/env python3
"""Runs the interest-subsidy job on the same generated loans with Huiqi (`huiqi batch`), a C
program on int64 fixed point (-O2), Python's decimal module and Foundation.Decimal; prints each
one's time, records/s and Huiqi's speed relative to it; fails if any per-loan subsidy differs.

    python3 Scripts/compare_subsidy.py [LOANS]        (default 1,000,000)

Builds what it needs: huiqi (release) in the root package, FoundationSubsidy (release) in
Benchmarks/, the C program with `cc -O2`. Work files go to a temporary folder.
"""
import csv
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)

def timed(command):
    start = time.perf_counter()
    completed = run(command, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - start, completed.stderr

def main():
    loans = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    work = tempfile.mkdtemp(prefix="huiqi-compare-")
    source = os.path.join(work, "loans.csv")
    with open(source, "w") as out:
        run([sys.executable, os.path.join(ROOT, "Scripts/generate_loans.py"), str(loans)], stdout=out)
    megabytes = os.path.getsize(source) / 1e6
    print(f"{loans:,} loans, {megabytes:.1f} MB of CSV in {work}", flush=True)

    run(["swift", "build", "-c", "release", "--product", "huiqi"], cwd=ROOT, stdout=subprocess.DEVNULL)
    for product in ("FoundationSubsidy", "HuiqiKernel"):
        run(["swift", "build", "-c", "release", "--product", product], cwd=os.path.join(ROOT, "Benchmarks"), stdout=subprocess.DEVNULL)
    c_program = os.path.join(work, "subsidy")
    run(["cc", "-O2", "-o", c_program, os.path.join(ROOT, "Benchmarks/Compare/subsidy.c")])

    results = {}
    huiqi_out = os.path.join(work, "huiqi.csv")
    seconds, _ = timed([os.path.join(ROOT, ".build/release/huiqi"), "batch", "interest-subsidy", source, "-o", huiqi_out])
    with open(huiqi_out, newline="") as rows:
        subsidies = [f"{row['line']},{row['subsidy_computed']}" for row in csv.DictReader(rows)]
    results["Huiqi (huiqi batch)"] = (seconds, subsidies)
    kernels = {}
    for name, command in [
        ("Huiqi kernel (SubsidyColumns)", [os.path.join(ROOT, "Benchmarks/.build/release/HuiqiKernel")]),
        ("C, int64 fixed point (-O2)", [c_program]),
        ("Python decimal", [sys.executable, os.path.join(ROOT, "Benchmarks/Compare/subsidy.py")]),
        ("Swift Foundation.Decimal", [os.path.join(ROOT, "Benchmarks/.build/release/FoundationSubsidy")]),
    ]:
        out = os.path.join(work, name.split()[0].lower() + ".csv")
        seconds, log = timed(command + [source, out])
        with open(out) as lines:
            results[name] = (seconds, [line.rstrip("\n") for line in lines])
        if log.strip().startswith("kernel "):
            kernels[name] = float(log.split()[1])

    huiqi_seconds, reference = results["Huiqi (huiqi batch)"]
    print(f"\n{'implementation':32} {'seconds':>9} {'records/s':>12} {'MB/s':>7} {'Huiqi is':>10}")
    failed = False
    for name, (seconds, subsidies) in results.items():
        differences = sum(1 for a, b in zip(reference, subsidies) if a != b) + abs(len(reference) - len(subsidies))
        failed = failed or differences > 0
        ratio = f"{seconds / huiqi_seconds:.2f}x" if name != "Huiqi (huiqi batch)" else ""
        note = "" if differences == 0 else f"  {differences} subsidies DIFFER"
        print(f"{name:32} {seconds:9.3f} {loans / seconds:12,.0f} {megabytes / seconds:7.1f} {ratio:>10}{note}")
    if len(kernels) == 2:
        huiqi_kernel, c_kernel = kernels["Huiqi kernel (SubsidyColumns)"], kernels["C, int64 fixed point (-O2)"]
        print(f"\nkernel alone, loans in memory, one core: Huiqi {huiqi_kernel * 1000:.2f} ms, C {c_kernel * 1000:.2f} ms;"
              f" Huiqi runs at {c_kernel / huiqi_kernel:.2f}x the C program's speed")
    print("\nall per-loan subsidies identical" if not failed else "\nFAILED: results differ")
    sys.exit(1 if failed else 0)

if __name__ == "__main__":
    main()
