#!/usr/bin/env python3
"""Times `huiqi batch interest-subsidy` reading the same loans from CSV and from .xlsx.

    swift build -c release --product huiqi
    python3 Scripts/bench_sheets.py [ROWS] [RUNS]        # default 1,000,000 rows, 5 runs each

Writes the loans of Scripts/generate_loans.py (fixed seed) to a CSV, the same rows to an .xlsx
with openpyxl (ids and rates as text, principals as numbers, dates as date cells, yes/no as
booleans; made once and kept in the temporary directory, since openpyxl takes minutes for a
million rows), then runs the release `huiqi batch … -o /dev/null` on each in turn, RUNS times,
and prints each file's median wall and CPU time and the ratios xlsx / CSV.
"""
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def make_files(rows, directory):
    csv_path = os.path.join(directory, f"loans-{rows}.csv")
    xlsx_path = os.path.join(directory, f"loans-{rows}.xlsx")
    if not os.path.exists(csv_path):
        with open(csv_path, "w") as out:
            subprocess.run([sys.executable, os.path.join(ROOT, "Scripts", "generate_loans.py"), str(rows)], stdout=out, check=True)
    if not os.path.exists(xlsx_path):
        import openpyxl
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("loans")
        with open(csv_path) as f:
            reader = csv.reader(f)
            sheet.append(next(reader))
            for r in reader:
                sheet.append([r[0], r[1], float(r[2]), r[3], date.fromisoformat(r[4]), date.fromisoformat(r[5]),
                              r[6] == "true", r[7] == "true", r[8] == "true"])
        book.save(xlsx_path + ".part")
        os.rename(xlsx_path + ".part", xlsx_path)
    return csv_path, xlsx_path


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    huiqi = os.path.join(ROOT, ".build", "release", "huiqi")
    csv_path, xlsx_path = make_files(rows, tempfile.gettempdir())
    times = {csv_path: [], xlsx_path: []}
    cpu = {csv_path: [], xlsx_path: []}
    for _ in range(runs):
        for path in (csv_path, xlsx_path):
            start = time.perf_counter()
            process = subprocess.Popen([huiqi, "batch", "interest-subsidy", path, "-o", "/dev/null"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            stderr = process.stderr.read().decode()
            _, status, usage = os.wait4(process.pid, 0)
            times[path].append(time.perf_counter() - start)
            cpu[path].append(usage.ru_utime + usage.ru_stime)
            if os.waitstatus_to_exitcode(status) not in (0, 1):
                sys.exit(f"{path}: {stderr}")
            summary = stderr.strip().splitlines()[-1]
    for path in times:
        print(f"{os.path.basename(path)} ({os.path.getsize(path) / 1e6:.1f} MB): wall median {statistics.median(times[path]):.2f} s "
              f"({', '.join(f'{s:.2f}' for s in times[path])}); CPU median {statistics.median(cpu[path]):.2f} s")
    ratio = statistics.median(times[xlsx_path]) / statistics.median(times[csv_path])
    print(f"xlsx / csv, wall: {ratio:.2f}x; CPU: {statistics.median(cpu[xlsx_path]) / statistics.median(cpu[csv_path]):.2f}x")
    print(f"last run: {summary}")


if __name__ == "__main__":
    main()
