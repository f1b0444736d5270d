#!/usr/bin/env python3
"""Writes a CSV of generated interest-subsidy loans for benchmarks (fixed seed, reproducible).

    python3 Scripts/generate_loans.py 1000000 > loans.csv

About 300,000 enterprises with 1 to 6 loans each; principals 10,000.00 to 10,000,000.00 yuan;
rates 1.5% to 6%; drawdowns over 2022-09 to 2023-01 (so some fall outside the subsidy window);
terms of 30 to 730 days; a few percent of loans not guaranteed, not first loans, or from lenders
outside Shanghai.
"""
import random
import sys
from datetime import date, timedelta

def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(20231)
    out = sys.stdout
    out.write("enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,"
              "guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n")
    start = date(2022, 9, 1).toordinal()
    written = 0
    enterprise = 0
    while written < count:
        enterprise += 1
        for loan in range(1, min(rng.randint(1, 6), count - written) + 1):
            principal = rng.randint(1_000_000, 1_000_000_000)  # fen
            rate = rng.randint(150, 600)  # basis points
            drawdown = date.fromordinal(start + rng.randint(0, 150))
            end = drawdown + timedelta(days=rng.randint(30, 730))
            flags = ["true" if rng.random() > 0.03 else "false" for _ in range(3)]
            out.write(f"E{enterprise:07d},L{loan},{principal // 100}.{principal % 100:02d},{rate // 100}.{rate % 100:02d}%,"
                      f"{drawdown.isoformat()},{end.isoformat()},{','.join(flags)}\n")
            written += 1

if __name__ == "__main__":
    main()
