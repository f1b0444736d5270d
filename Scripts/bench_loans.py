#!/usr/bin/env python3
"""`huiqi batch interest-subsidy` on loan files, on one core, for one or more huiqi binaries
measured in the same run.

    python3 Scripts/bench_loans.py HUIQI [HUIQI ...] [--loans N] [--runs N]

Generates N loans (default 1,000,000) with Scripts/generate_loans.py twice — the clean file and
the --messy one — then runs `taskset -c 0 HUIQI batch interest-subsidy FILE -o OUT --summary SUM`
--runs times for each binary (default 7), alternating binaries run by run. It prints, per file
and binary, the medians of wall, CPU (user + system) and user seconds and of peak resident
memory, and the ratio of wall time to the first binary's. The run fails unless every binary's
output and summary are byte-identical to the first's. Work files go to a temporary folder,
removed at the end.
"""
import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time

SCRIPTS = os.path.dirname(os.path.abspath(__file__))


def run_once(binary, source, output, summary):
    """One run on core 0: (wall seconds, CPU seconds, user seconds, peak MB)."""
    command = ["taskset", "-c", "0", binary, "batch", "interest-subsidy", source, "-o", output, "--summary", summary]
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        sys.exit(f"{binary}: exit status {status}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_utime, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--loans", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for kind in ["clean", "messy"]:
            source = os.path.join(folder, f"{kind}.csv")
            with open(source, "w") as file:
                flags = ["--messy"] if kind == "messy" else []
                subprocess.run([sys.executable, os.path.join(SCRIPTS, "generate_loans.py"), str(arguments.loans)] + flags, stdout=file, check=True)
            results = {binary: [] for binary in arguments.binaries}
            for _ in range(arguments.runs):
                for index, binary in enumerate(arguments.binaries):
                    output, summary = os.path.join(folder, f"out{index}.csv"), os.path.join(folder, f"sum{index}.csv")
                    results[binary].append(run_once(binary, source, output, summary))
            for index in range(1, len(arguments.binaries)):
                for name in ["out", "sum"]:
                    first, other = os.path.join(folder, f"{name}0.csv"), os.path.join(folder, f"{name}{index}.csv")
                    if not filecmp.cmp(first, other, shallow=False):
                        sys.exit(f"{kind}: {arguments.binaries[index]}'s {name} differs from {arguments.binaries[0]}'s")
            base = statistics.median(run[0] for run in results[arguments.binaries[0]])
            for binary in arguments.binaries:
                wall, cpu, user, peak = (statistics.median(run[field] for run in results[binary]) for field in range(4))
                print(f"{kind:6s} {binary:40s} wall {wall:.3f} s  CPU {cpu:.3f} s  user {user:.3f} s  {peak:.0f} MB  ×{base / wall:.2f}")


if __name__ == "__main__":
    main()
