#!/usr/bin/env python3
"""Rows per CPU-second of `huiqi batch` for the four core record measures, on one core, for one or
more huiqi binaries measured in the same run.

    python3 Scripts/bench_records.py HUIQI [HUIQI ...] [--rows N] [--runs N] [--measure M ...]

For each measure (guarantee-fee, small-scale-vat, small-profit-cit, rd-super-deduction, or those
given with --measure), generates N records (default 200,000) with Scripts/generate_records.py
(mixed spellings, a fixed seed), then runs `taskset -c 0 HUIQI batch MEASURE FILE -o OUT` (with
`--summary` for the guarantee fee) --runs times for each binary (default 7), alternating binaries
run by run. It prints, per binary, the medians of CPU time (user + system) and of user time, of
wall time and of peak resident memory, the rows per CPU-second they give, and the ratio to the
first binary. The run fails unless every binary's output file (and summary) is byte-identical to
the first's. Work files go to a temporary folder, removed at the end.
"""
import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time

MEASURES = ["guarantee-fee", "small-scale-vat", "small-profit-cit", "rd-super-deduction"]
SCRIPTS = os.path.dirname(os.path.abspath(__file__))


def run_once(binary, measure, source, output, summary):
    """One run on core 0: (CPU seconds, user seconds, wall seconds, peak MB)."""
    command = ["taskset", "-c", "0", binary, "batch", measure, source, "-o", output]
    if measure == "guarantee-fee":
        command += ["--summary", summary]
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        sys.exit(f"{binary} {measure}: exit status {status}")
    return usage.ru_utime + usage.ru_stime, usage.ru_utime, wall, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binaries", nargs="+", help="huiqi binaries; the first is the reference")
    parser.add_argument("--rows", type=int, default=200_000, help="records per measure (default 200,000)")
    parser.add_argument("--runs", type=int, default=7, help="runs of each binary (default 7)")
    parser.add_argument("--measure", action="append", choices=MEASURES, help="only this measure (repeatable)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        for measure in arguments.measure or MEASURES:
            source = os.path.join(work, f"{measure}.csv")
            with open(source, "w") as file:
                subprocess.run([sys.executable, os.path.join(SCRIPTS, "generate_records.py"), measure, str(arguments.rows)], stdout=file, check=True)
            runs = {index: [] for index in range(len(arguments.binaries))}
            for _ in range(arguments.runs):
                for index, binary in enumerate(arguments.binaries):
                    output = os.path.join(work, f"out-{index}.csv")
                    summary = os.path.join(work, f"summary-{index}.csv")
                    runs[index].append(run_once(binary, measure, source, output, summary))
            for index in range(1, len(arguments.binaries)):
                for name in ["out", "summary"] if measure == "guarantee-fee" else ["out"]:
                    if not filecmp.cmp(os.path.join(work, f"{name}-0.csv"), os.path.join(work, f"{name}-{index}.csv"), shallow=False):
                        sys.exit(f"{measure}: {arguments.binaries[index]} wrote another {name} file than {arguments.binaries[0]}")
            reference = None
            for index, binary in enumerate(arguments.binaries):
                cpu, user, wall, peak = (statistics.median(run[field] for run in runs[index]) for field in range(4))
                rate = arguments.rows / cpu
                reference = reference or rate
                print(f"{measure:20s} {binary:40s} {rate:10,.0f} rows/CPU-s  CPU {cpu:.3f} s  user {user:.3f} s  "
                      f"wall {wall:.3f} s  {peak:.0f} MB  ×{rate / reference:.2f}")


if __name__ == "__main__":
    main()
