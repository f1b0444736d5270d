#!/usr/bin/env python3
"""Writes COUNT records of MEASURE as CSV for `huiqi batch`, in the spellings people use.

    Scripts/generate_records.py guarantee-fee 1000000 > guarantees.csv

MEASURE is one of guarantee-fee, small-scale-vat, small-profit-cit, rd-super-deduction.
Amounts are written as plain digits, grouped (`"1,234,567.89"`), with `¥` or `元`, or in `万`;
rates as `1.5%` or `0.015`; dates as `2023-04-01`, `2023/4/1` or `20230401`; yes-or-no as
true/false, 1/0 or 是/否 — the reader's spellings (docs/POLICY.md §1), so that a measure's rate
is measured on a file that looks like a real one. A fixed seed: the same COUNT gives the same
file.
"""

import random
import sys
from datetime import date, timedelta


def amount(rng, fen):
    yuan, cents = divmod(fen, 100)
    plain = f"{yuan}.{cents:02d}"
    style = rng.random()
    if style < 0.4:
        return plain
    if style < 0.6:
        return '"' + f"{yuan:,}.{cents:02d}" + '"'
    if style < 0.75:
        return "¥" + plain
    if style < 0.9:
        return plain + "元"
    return f"{yuan // 10000}万" if yuan % 10000 == 0 and cents == 0 else plain


def rate(rng, basis_points):
    if rng.random() < 0.5:
        return f"{basis_points // 100}.{basis_points % 100:02d}%"
    return f"0.{basis_points:04d}"


def day(rng, value):
    style = rng.random()
    if style < 0.5:
        return value.isoformat()
    if style < 0.75:
        return f"{value.year}/{value.month}/{value.day}"
    return value.strftime("%Y%m%d")


def yes_no(rng, value):
    return rng.choice([("true", "false"), ("1", "0"), ("是", "否")])[0 if value else 1]


def guarantee_fee(rng, index):
    start = date(2023, 1, 1) + timedelta(days=rng.randrange(365))
    fields = {
        "guarantee_id": f"G{index:08d}",
        "guarantor_id": f"GU{rng.randrange(200):03d}",
        "amount": amount(rng, rng.randrange(10_000, 1_000_000) * 100 * 10),
        "fee_rate": rate(rng, rng.choice([50, 80, 100, 120, 150])),
        "start_date": day(rng, start),
    }
    if rng.random() < 0.5:
        fields["end_date"] = day(rng, start + timedelta(days=rng.randrange(90, 1000)))
        fields["term_months"] = ""
    else:
        fields["end_date"] = ""
        fields["term_months"] = str(rng.randrange(3, 37))
    return fields


def small_scale_vat(rng, index):
    quarterly = rng.random() < 0.5
    month = rng.choice([1, 4, 7, 10]) if quarterly else rng.randrange(1, 13)
    sales = rng.randrange(0, 600_000) * 100
    return {
        "period_type": "quarter" if quarterly else "month",
        "period_start": day(rng, date(2023, month, 1)),
        "sales_3pct": amount(rng, sales),
        "special_invoice_3pct": amount(rng, sales // rng.choice([1, 2, 4, 10])) if rng.random() < 0.3 else "",
        "sales_5pct": "",
        "real_estate_sales": "",
        "prices_include_tax": yes_no(rng, rng.random() < 0.3),
        "location": rng.choice(["urban", "county", "other"]),
    }


def small_profit_cit(rng, index):
    return {
        "tax_year": str(rng.choice([2022, 2023, 2024])),
        "taxable_income": amount(rng, rng.randrange(0, 6_000_000) * 100),
        "employees": str(rng.randrange(1, 400)),
        "total_assets": amount(rng, rng.randrange(100_000, 60_000_000) * 100),
        "restricted_industry": yes_no(rng, rng.random() < 0.05),
        "high_tech": yes_no(rng, rng.random() < 0.1),
    }


def rd_super_deduction(rng, index):
    return {
        "tax_year": str(rng.choice([2023, 2024])),
        "category": rng.choice(["general", "manufacturing", "tech_sme"]),
        "expensed_rd": amount(rng, rng.randrange(0, 20_000_000) * 100),
        "cit_rate": rng.choice(["25%", "15%", "0.25", "0.15"]),
    }


MEASURES = {
    "guarantee-fee": guarantee_fee,
    "small-scale-vat": small_scale_vat,
    "small-profit-cit": small_profit_cit,
    "rd-super-deduction": rd_super_deduction,
}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in MEASURES:
        sys.exit(__doc__)
    record, count = MEASURES[sys.argv[1]], int(sys.argv[2])
    rng = random.Random(20231201)
    out = sys.stdout
    first = record(rng, 0)
    out.write(",".join(first) + "\n")
    for index in range(count):
        fields = record(rng, index) if index else first
        out.write(",".join(fields.values()) + "\n")


if __name__ == "__main__":
    main()
