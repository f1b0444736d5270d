#!/usr/bin/env python3
"""The interest-subsidy arithmetic of Huiqi's batch with Python's decimal module, for comparison
(the same rules as subsidy.c). Usage: python3 subsidy.py loans.csv out.csv"""
import csv
import sys
from datetime import date, timedelta
from decimal import Decimal, ROUND_HALF_UP

def main():
    rate_cap, basis, fen = Decimal("0.02"), Decimal(360), Decimal("0.01")
    window = (date(2022, 10, 1), date(2022, 12, 31))
    with open(sys.argv[1], newline="") as source, open(sys.argv[2], "w") as out:
        for line, row in enumerate(csv.DictReader(source), start=2):
            rate_text = row["annual_rate"]
            rate = Decimal(rate_text[:-1]) / 100 if rate_text.endswith("%") else Decimal(rate_text)
            drawdown, end = date.fromisoformat(row["drawdown_date"]), date.fromisoformat(row["end_date"])
            subsidy = Decimal("0.00")
            flags = all(row[name] == "true" for name in ("guaranteed_by_fund", "first_inclusive_loan", "lender_in_shanghai"))
            if flags and window[0] <= drawdown <= window[1]:
                days = (min(end, drawdown + timedelta(days=365)) - drawdown).days
                subsidy = (Decimal(row["principal"]) * days * min(rate_cap, rate) / basis).quantize(fen, rounding=ROUND_HALF_UP)
            out.write(f"{line},{subsidy}\n")

if __name__ == "__main__":
    main()
