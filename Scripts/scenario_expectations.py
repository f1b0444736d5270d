#!/usr/bin/env python3
"""Independent expected values for the regression scenarios in Tests/Scenarios/ (docs/POLICY.md §10).

Every expected number in the generated Tests/Scenarios/*.yaml files is computed here, from the
rules of docs/POLICY.md §1-§7, with Python's `decimal` module only. Nothing is taken from the
Swift library (neither its code nor its parameter file): the parameter values below are the
ones the policy documents state (docs/POLICY.md §2).

Exactness: the decimal context traps Inexact and Rounded, so every +, -, x is exact (an inexact
operation would stop the script). The only rounding is round2() (ROUND_HALF_UP to 0.01 via
quantize), round2_ratio(num, den) and round_ratio(num, den, places), which round num/den half-up
from an exact integer quotient and remainder, so a division (by 365, 12, 1.01, ...) never
rounds twice.

Notes beside expectations: a case may carry `notes` (result field -> hand computation). A note is
written as a comment beside the expectation in the YAML, and build() checks that the note agrees
with the computed value (the last number of the note equals a computed amount, the word
true/false/null or the reason code appears in it). Cases added with the rule changes of
2026-12-02 are `new=True`: they expect exactly the fields that have a note.

Rule changes of 2026-12-02 that changed existing expectations (each changed value carries a note):
  §1  rates: a rate written without % whose value is >= 1, or any rate above 100%, is refused.
  §3  interest subsidy: a repayment before drawdown_date or after end_date, or repayments whose
      total exceeds the principal, are errors (were ignored / stopped at a zero balance), so the
      three cases that relied on that are now expect_error cases; `prior_granted` counts against
      the cap (new summary fields prior_granted, cap_remaining).
  §4  guarantee fee: ACT/365 (guarantee.day_basis 365, was 360) and whole calendar months
      (amount x rate x N / 12 when end_date is start_date + N months and there are no
      repayments), so every end_date fee changed; per guarantee `above_ceiling` (fee_rate >
      ceiling) replaces `compliant`, which now exists only per guarantor (portfolio).
  §5  VAT: special invoices (专票) are taxed at s = special_invoice_rate_3pct (3% in 2022-04..12,
      was the 0% of the other 3% items); with prices_include_tax the 专票 part is converted with
      s; `exempt` is also true when r = 0 (2022-04..12); education surcharge and local education
      surcharge are exempt when the period's total is <= 100,000 a month / 300,000 a quarter;
      a quarter whose months have different rates (2020-Q1) needs month_sales_3pct.
  §7  R&D: cit_rate is required (cases that relied on the old 25% default now state "25%", their
      values unchanged); `extra_equipment` (2022 Q4 high-tech equipment) enters extra_total.

Usage:
    python3 Scripts/scenario_expectations.py           print every case and its expected values
    python3 Scripts/scenario_expectations.py --write   (re)write the generated Tests/Scenarios/*.yaml
    python3 Scripts/scenario_expectations.py --check   check the YAML files equal what --write
                                                       would write (and, with PyYAML present,
                                                       that they parse to the intended values)
"""

import datetime
import json
import os
import re
import sys
from decimal import (Context, Decimal as D, InvalidOperation, ROUND_HALF_UP, Inexact, Rounded,
                     getcontext)

ctx = getcontext()
ctx.prec = 100
ctx.traps[Inexact] = True
ctx.traps[Rounded] = True

CENT = D("0.01")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "Tests", "Scenarios")


def date(s):
    return datetime.date.fromisoformat(s)


def plus(d, n):
    return date(d) + datetime.timedelta(days=n) if isinstance(d, str) else d + datetime.timedelta(days=n)


def days(a, b):
    """算头不算尾: counts a, not b."""
    return (b - a).days


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    return datetime.date(d.year + y, m + 1, d.day)


def last_day_of_month(d):
    return (d.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1) == d


_QUANTIZE_CTX = Context(prec=100, rounding=ROUND_HALF_UP, traps=[InvalidOperation])


def round2(x):
    """The one rounding step: ROUND_HALF_UP to 0.01 (only this step may round)."""
    return x.quantize(CENT, rounding=ROUND_HALF_UP, context=_QUANTIZE_CTX)


def round_ratio(num, den, places):
    """num / den rounded half-up to `places` decimals, without any intermediate rounding
    (num >= 0, den > 0)."""
    assert num >= 0 and den > 0
    q, r = divmod(num.scaleb(places), den)   # exact integer quotient and remainder
    if 2 * r >= den:                          # half or more: away from zero
        q += 1
    return q.scaleb(-places)


def round2_ratio(num, den):
    """round2(num / den) without any intermediate rounding (num >= 0, den > 0)."""
    return round_ratio(num, den, 2)


# --------------------------------------------------------------------------------------------
# Values as they appear in YAML
# --------------------------------------------------------------------------------------------

class Bare(str):
    """A bare YAML word: ids, enum values, reason codes."""


class CalcError(Exception):
    pass


def parse_decimal(v, field, allow_negative=False):
    if isinstance(v, Bare) or not isinstance(v, str):
        raise CalcError(f"{field}: expected a quoted decimal string")
    s = v
    pct = s.endswith("%")
    if pct:
        s = s[:-1]
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", s):
        raise CalcError(f"{field}: malformed decimal {v!r}")
    x = D(s)
    if pct:
        x = x.scaleb(-2)
    if x < 0 and not allow_negative:
        raise CalcError(f"{field}: must not be negative ({v})")
    return x


def parse_rate(v, field):
    """docs/POLICY.md §1: a rate without % whose value is >= 1 is refused (3.65 would be 365%),
    and so is any rate above 100%; 100% and 0.99 are accepted."""
    x = parse_decimal(v, field)
    if not v.endswith("%") and x >= 1:
        raise CalcError(f'{field}: "{v}" is not a plausible rate: without % it means '
                        f'{format(x.scaleb(2).normalize(), "f")}%; write {v}% '
                        f'(or {format(x.scaleb(-2), "f")})')
    if x > 1:
        raise CalcError(f'{field}: "{v}" is above 100%')
    return x


def parse_amount_list(v, field):
    """A list of amounts: a YAML list or a `;`-separated string (docs/POLICY.md §1)."""
    if isinstance(v, list):
        items = v
    elif isinstance(v, str) and not isinstance(v, Bare):
        items = v.split(";")
    else:
        raise CalcError(f"{field}: expected a list of amounts")
    return [parse_decimal(x.strip() if isinstance(x, str) else x, f"{field}[{i}]")
            for i, x in enumerate(items)]


# --------------------------------------------------------------------------------------------
# Parameters (docs/POLICY.md §2, composite values split into scalars)
# --------------------------------------------------------------------------------------------

def P(value, frm=None, to=None):
    return (value, date(frm) if frm else None, date(to) if to else None)


IS_RANGE = ("2022-10-01", "2022-12-31")
SME_RANGE = ("2019-01-01", "2027-12-31")
VAT_ERAS = (("2019-01-01", "2020-02-29"), ("2020-03-01", "2022-03-31"),
            ("2022-04-01", "2022-12-31"), ("2023-01-01", "2027-12-31"))

BUNDLED = {
    "interest_subsidy.rate": [P(D("0.02"), *IS_RANGE)],
    "interest_subsidy.cap_per_enterprise": [P(D("200000.00"), *IS_RANGE)],
    "interest_subsidy.max_days": [P(365, *IS_RANGE)],
    "interest_subsidy.min_days": [P(0, *IS_RANGE)],
    "interest_subsidy.rate_mode": [P("cap", *IS_RANGE)],
    "interest_subsidy.day_basis": [P(360, *IS_RANGE)],
    "guarantee.fee_rate_ceiling": [P(D("0.01"), "2023-01-01", "2023-12-31")],
    "guarantee.day_basis": [P(365)],
    "vat.small_scale.threshold_month": [
        P(D("100000"), "2019-01-01", "2021-03-31"),
        P(D("150000"), "2021-04-01", "2022-12-31"),
        P(D("100000"), "2023-01-01", "2027-12-31")],
    "vat.small_scale.threshold_quarter": [
        P(D("300000"), "2019-01-01", "2021-03-31"),
        P(D("450000"), "2021-04-01", "2022-12-31"),
        P(D("300000"), "2023-01-01", "2027-12-31")],
    "vat.small_scale.rate_3pct_items": [
        P(D(v), *era) for v, era in zip(("0.03", "0.01", "0.00", "0.01"), VAT_ERAS)],
    "vat.small_scale.special_invoice_rate_3pct": [
        P(D(v), *era) for v, era in zip(("0.03", "0.01", "0.03", "0.01"), VAT_ERAS)],
    "vat.rate_5pct_items": [P(D("0.05"))],
    "vat.statutory_rate_3pct_items": [P(D("0.03"))],
    "surtax.urban_maintenance.urban": [P(D("0.07"))],
    "surtax.urban_maintenance.county": [P(D("0.05"))],
    "surtax.urban_maintenance.other": [P(D("0.01"))],
    "surtax.education": [P(D("0.03"))],
    "surtax.local_education": [P(D("0.02"))],
    "surtax.small_scale_halving": [P(D("0.50"), *SME_RANGE)],
    "surtax.education_exemption_threshold_month": [P(D("100000"), "2016-02-01")],
    "surtax.education_exemption_threshold_quarter": [P(D("300000"), "2016-02-01")],
    "cit.standard_rate": [P(D("0.25"))],
    "cit.high_tech_rate": [P(D("0.15"))],
    "cit.small_low_profit.income_limit": [P(D("3000000"), *SME_RANGE)],
    "cit.small_low_profit.employee_limit": [P(D("300"), *SME_RANGE)],
    "cit.small_low_profit.asset_limit": [P(D("50000000"), *SME_RANGE)],
    "cit.small_low_profit.band1_upper": [P(D("1000000"), *SME_RANGE)],
    "cit.small_low_profit.band1_rate": [
        P(D("0.05"), "2019-01-01", "2020-12-31"),
        P(D("0.025"), "2021-01-01", "2022-12-31"),
        P(D("0.05"), "2023-01-01", "2027-12-31")],
    "cit.small_low_profit.band2_rate": [
        P(D("0.10"), "2019-01-01", "2021-12-31"),
        P(D("0.05"), "2022-01-01", "2027-12-31")],
    "rd.super_deduction_ratio.general": [
        P(D("0.75"), "2018-01-01", "2022-12-31"), P(D("1.00"), "2023-01-01")],
    "rd.super_deduction_ratio.manufacturing": [
        P(D("0.75"), "2018-01-01", "2020-12-31"), P(D("1.00"), "2021-01-01")],
    "rd.super_deduction_ratio.tech_sme": [
        P(D("0.75"), "2018-01-01", "2021-12-31"), P(D("1.00"), "2022-01-01")],
    "rd.super_deduction_ratio.ic_or_machine_tool": [P(D("1.20"), "2023-01-01", "2027-12-31")],
    "rd.super_deduction_ratio.q4_2022": [P(D("1.00"), "2022-01-01", "2022-12-31")],
    "rd.hightech_equipment_extra_ratio_q4_2022": [P(D("1.00"), "2022-01-01", "2022-12-31")],
    "rd.min_amortization_years": [P(10)],
}

INT_PARAMS = {"interest_subsidy.max_days", "interest_subsidy.min_days",
              "interest_subsidy.day_basis", "guarantee.day_basis", "rd.min_amortization_years"}
TEXT_PARAMS = {"interest_subsidy.rate_mode"}


def covers(entry, on):
    _, frm, to = entry
    return (frm is None or frm <= on) and (to is None or on <= to)


class Params:
    """Bundled values with a scenario's `parameters:` laid over them (override wins per date)."""

    def __init__(self, overrides=None):
        self.over = {}
        for pid, entries in (overrides or {}).items():
            conv = []
            for e in entries:
                v = e["value"]
                v = int(v) if pid in INT_PARAMS else (str(v) if pid in TEXT_PARAMS else D(v))
                conv.append((v, e.get("from"), e.get("to")))
            self.over[pid] = conv

    def lookup(self, pid, on):
        for e in self.over.get(pid, []):
            if covers(e, on):
                return e[0]
        for e in BUNDLED.get(pid, []):
            if covers(e, on):
                return e[0]
        return None

    def get(self, pid, on):
        v = self.lookup(pid, on)
        if v is None:
            raise CalcError(f"parameter {pid} has no value in effect on {on.isoformat()}")
        return v


# --------------------------------------------------------------------------------------------
# Reference calculations (docs/POLICY.md §3-§7)
# --------------------------------------------------------------------------------------------

def balance_days(principal, start, window_end, repayments):
    """Σ balance × days over [start, window_end); repayments after window_end do not affect
    the window (the caller has refused those before start or after the end date)."""
    reps = sorted((r for r in repayments if start <= r[0] <= window_end), key=lambda r: r[0])
    bal, cur, total = principal, start, D(0)
    for d, amt in reps:
        total += bal * days(cur, d)
        cur = d
        bal = max(D(0), bal - amt)
    total += bal * days(cur, window_end)
    return total


def parse_repayments(raw):
    return [(r["date"], parse_decimal(r["amount"], "amount")) for r in raw or []]


def check_repayments(reps, path, start, start_name, end, whole, whole_name):
    """docs/POLICY.md §3/§4: a repayment before the start or after the end date, or repayments
    totalling more than the whole amount, are errors (end None: no end check)."""
    for j, (d, _) in enumerate(reps):
        if d < start:
            raise CalcError(f"{path}repayments[{j}].date: {d} is before {start_name} {start}")
        if end is not None and d > end:
            raise CalcError(f"{path}repayments[{j}].date: {d} is after end_date {end}")
    total = sum((a for _, a in reps), D(0))
    if total > whole:
        raise CalcError(f"{path}repayments: the repayments ({total}) exceed the {whole_name} "
                        f"({whole})")


def interest_subsidy(inp, params):
    loans_in = inp["loans"]
    seen = set()
    loans = []
    for i, L in enumerate(loans_in):
        eid, lid = str(L["enterprise_id"]), str(L["loan_id"])
        if (eid, lid) in seen:
            raise CalcError(f"duplicate loan_id {lid} for enterprise {eid}")
        seen.add((eid, lid))
        principal = parse_decimal(L["principal"], "principal")
        if principal <= 0:
            raise CalcError("principal must be > 0")
        annual_rate = parse_rate(L["annual_rate"], "annual_rate")
        dd, ed = L["drawdown_date"], L["end_date"]
        if not ed > dd:
            raise CalcError("end_date must be after drawdown_date")
        for b in ("guaranteed_by_fund", "first_inclusive_loan", "lender_in_shanghai"):
            assert isinstance(L[b], bool), b
        paid = parse_decimal(L["interest_paid"], "interest_paid") if "interest_paid" in L else None
        reps = parse_repayments(L.get("repayments"))
        check_repayments(reps, f"loans[{i}].", dd, "drawdown_date", ed, principal, "principal")
        loans.append(dict(eid=eid, lid=lid, principal=principal, annual_rate=annual_rate, dd=dd,
                          ed=ed, g=L["guaranteed_by_fund"], f=L["first_inclusive_loan"],
                          s=L["lender_in_shanghai"], paid=paid, reps=reps))

    enterprises = []
    for x in loans:
        if x["eid"] not in enterprises:
            enterprises.append(x["eid"])
    prior = {}
    for eid, v in (inp.get("prior_granted") or {}).items():
        eid = str(eid)
        if eid not in enterprises:
            raise CalcError(f"prior_granted.{eid}: no loan of enterprise {eid}")
        x = parse_decimal(v, f"prior_granted.{eid}", allow_negative=True)
        if x < 0:
            raise CalcError(f"prior_granted.{eid}: must not be negative")
        if x.as_tuple().exponent < -2:
            raise CalcError(f"prior_granted.{eid}: {v} has at most 2 decimals")
        prior[eid] = x.quantize(CENT)

    for x in loans:
        x.update(window_days=0, balance_days=D(0), computed=D("0.00"), granted=D("0.00"),
                 capped=False)
        if not x["g"]:
            x["reason"] = "not_guaranteed_by_fund"
            continue
        if not x["f"]:
            x["reason"] = "not_first_inclusive_loan"
            continue
        if not x["s"]:
            x["reason"] = "lender_outside_shanghai"
            continue
        rate = params.lookup("interest_subsidy.rate", x["dd"])
        if rate is None:
            x["reason"] = "drawdown_outside_window"
            continue
        max_days = params.get("interest_subsidy.max_days", x["dd"])
        min_days = params.get("interest_subsidy.min_days", x["dd"])
        mode = params.get("interest_subsidy.rate_mode", x["dd"])
        basis = params.get("interest_subsidy.day_basis", x["dd"])
        window_end = min(x["ed"], plus(x["dd"], max_days))
        wd = days(x["dd"], window_end)
        if wd < min_days:
            x["reason"] = "below_min_days"
            continue
        if mode == "floor" and x["annual_rate"] < rate:
            x["reason"] = "rate_below_subsidy_rate"
            continue
        x["reason"] = "eligible"
        bd = balance_days(x["principal"], x["dd"], window_end, x["reps"])
        r = min(rate, x["annual_rate"]) if mode == "cap" else rate
        computed = round2_ratio(bd * r, D(basis))
        if x["paid"] is not None:
            computed = min(computed, x["paid"])
        x.update(window_days=wd, balance_days=bd, computed=computed)

    summaries = []
    for eid in enterprises:
        mine = [x for x in loans if x["eid"] == eid]
        eligible = sorted((x for x in mine if x["reason"] == "eligible"),
                          key=lambda x: (x["dd"], x["lid"]))  # str order = code-point order
        total = D("0.00")
        p = prior.get(eid, D("0.00"))
        cap_remaining = None
        if eligible:
            cap = params.get("interest_subsidy.cap_per_enterprise", eligible[0]["dd"])
            remaining = max(D("0.00"), cap - p)
            for x in eligible:
                x["granted"] = min(x["computed"], remaining)
                remaining -= x["granted"]
                x["capped"] = x["granted"] < x["computed"]
                total += x["granted"]
            cap_remaining = remaining
        for x in mine:
            x["enterprise_total"] = total
        summaries.append(dict(enterprise_id=eid, loans=len(mine), eligible_loans=len(eligible),
                              subsidy_computed=sum((x["computed"] for x in mine), D("0.00")),
                              enterprise_total=total, capped=any(x["capped"] for x in mine),
                              prior_granted=p, cap_remaining=cap_remaining))

    out = {}
    for i, x in enumerate(loans):
        out[f"loans.{i}.reason"] = Bare(x["reason"])
        out[f"loans.{i}.window_days"] = x["window_days"]
        out[f"loans.{i}.balance_days"] = x["balance_days"]
        out[f"loans.{i}.subsidy_computed"] = x["computed"]
        out[f"loans.{i}.subsidy_granted"] = x["granted"]
        out[f"loans.{i}.capped"] = x["capped"]
        out[f"loans.{i}.enterprise_total"] = x["enterprise_total"]
    for i, s in enumerate(summaries):
        out[f"enterprises.{i}.enterprise_id"] = Bare(s["enterprise_id"])
        for k in ("loans", "eligible_loans", "subsidy_computed", "enterprise_total", "capped",
                  "prior_granted", "cap_remaining"):
            out[f"enterprises.{i}.{k}"] = s[k]
    out["total_granted"] = sum((x["granted"] for x in loans), D("0.00"))
    return out


def whole_months(start, end):
    """N when end is start + N calendar months (same day of month, or a month's last day to a
    month's last day), else None (docs/POLICY.md §4)."""
    n = (end.year - start.year) * 12 + end.month - start.month
    if n < 1:
        return None
    if end.day == start.day or (last_day_of_month(start) and last_day_of_month(end)):
        return n
    return None


def guarantee_one(g, params, path=""):
    """One guarantee: its result fields, and (weight, weight × fee_rate, start) for the
    guarantor portfolio."""
    for k in ("guarantee_id", "guarantor_id"):
        assert k in g, k
    amount = parse_decimal(g["amount"], "amount")
    if amount <= 0:
        raise CalcError("amount must be > 0")
    fee_rate = parse_rate(g["fee_rate"], "fee_rate")
    ref = parse_rate(g["reference_rate"], "reference_rate") if "reference_rate" in g else None
    start = g["start_date"]
    has_end, has_term = "end_date" in g, "term_months" in g
    if has_end == has_term:
        raise CalcError("give exactly one of end_date and term_months")
    basis = params.get("guarantee.day_basis", start)
    reps = parse_repayments(g.get("repayments"))

    if has_term:
        term = g["term_months"]
        if not isinstance(term, int) or isinstance(term, bool) or term < 1:
            raise CalcError("term_months must be an integer >= 1")
        check_repayments(reps, path, start, "start_date", None, amount, "amount")
        n = term
        weight_num, weight_den = amount * term * basis, D(12)
        shown_bd = round2_ratio(weight_num, weight_den)
    else:
        end = g["end_date"]
        if not end > start:
            raise CalcError("end_date must be after start_date")
        check_repayments(reps, path, start, "start_date", end, amount, "amount")
        bd = balance_days(amount, start, end, reps)
        # A repayment on end_date changes no day's balance: whole months still apply.
        n = whole_months(start, end) if all(r[0] >= end for r in reps) else None
        weight_num, weight_den = bd, D(1)
        shown_bd = bd

    def cost(rate):
        if n is not None:
            return round2_ratio(amount * rate * n, D(12))
        return round2_ratio(bd * rate, D(basis))

    fee = cost(fee_rate)
    saving = cost(ref) - fee if ref is not None else None
    ceiling = params.lookup("guarantee.fee_rate_ceiling", start)
    above = None if ceiling is None else fee_rate > ceiling
    reason = ("no_ceiling_in_effect" if ceiling is None else
              "above_ceiling" if above else "within_ceiling")
    res = {"balance_days": shown_bd, "fee": fee, "saving": saving, "above_ceiling": above,
           "reason": Bare(reason), "whole_months": n}
    return res, (weight_num, weight_den, fee_rate, start, str(g["guarantor_id"]), fee)


def guarantee_fee(inp, params):
    if "guarantees" not in inp:
        res, _ = guarantee_one(inp, params)
        return res
    out, portfolio, order = {}, {}, []
    for i, g in enumerate(inp["guarantees"]):
        res, (wn, wd, rate, start, gu, fee) = guarantee_one(g, params, f"guarantees[{i}].")
        for k, v in res.items():
            out[f"guarantees.{i}.{k}"] = v
        if gu not in portfolio:
            order.append(gu)
            portfolio[gu] = dict(n=0, fees=D("0.00"), parts=[], start=start)
        p = portfolio[gu]
        p["n"] += 1
        p["fees"] += fee
        p["parts"].append((wn, wd, rate))
        p["start"] = min(p["start"], start)
    for j, gu in enumerate(order):
        p = portfolio[gu]
        # Σ(w × rate) / Σw with w = wn / wd; every wd divides 12, so scale by 12 to stay exact
        sw = sum((wn * (12 / wd) for wn, wd, _ in p["parts"]), D(0))
        swr = sum((wn * (12 / wd) * r for wn, wd, r in p["parts"]), D(0))
        avg = round_ratio(swr, sw, 6)
        ceiling = params.lookup("guarantee.fee_rate_ceiling", p["start"])
        out[f"guarantors.{j}.guarantor_id"] = Bare(gu)
        out[f"guarantors.{j}.guarantees"] = p["n"]
        out[f"guarantors.{j}.total_fee"] = p["fees"]
        out[f"guarantors.{j}.average_fee_rate"] = avg
        out[f"guarantors.{j}.compliant"] = None if ceiling is None else swr <= ceiling * sw
    return out


def vat_rates(params, day):
    return (params.get("vat.small_scale.rate_3pct_items", day),
            params.get("vat.small_scale.special_invoice_rate_3pct", day))


def small_scale_vat(inp, params):
    ptype = str(inp["period_type"])
    if ptype not in ("month", "quarter"):
        raise CalcError(f"period_type: unknown value {ptype}")
    start = inp["period_start"]
    if start.day != 1 or (ptype == "quarter" and start.month not in (1, 4, 7, 10)):
        raise CalcError("period_start must be the first day of the " + ptype)
    location = str(inp.get("location", "urban"))
    if location not in ("urban", "county", "other"):
        raise CalcError(f"location: unknown value {location}")
    s3 = parse_decimal(inp["sales_3pct"], "sales_3pct")
    sp = parse_decimal(inp.get("special_invoice_3pct", "0"), "special_invoice_3pct")
    s5 = parse_decimal(inp.get("sales_5pct", "0"), "sales_5pct")
    re_ = parse_decimal(inp.get("real_estate_sales", "0"), "real_estate_sales")
    if sp > s3:
        raise CalcError("special_invoice_3pct exceeds sales_3pct")
    if re_ > s5:
        raise CalcError("real_estate_sales exceeds sales_5pct")

    T = params.get("vat.small_scale.threshold_" + ptype, start)
    r, s = vat_rates(params, start)
    r5 = params.get("vat.rate_5pct_items", start)
    r3s = params.get("vat.statutory_rate_3pct_items", start)
    urban = params.get("surtax.urban_maintenance." + location, start)
    edu = params.get("surtax.education", start)
    ledu = params.get("surtax.local_education", start)
    halving = params.get("surtax.small_scale_halving", start)
    edu_T = params.get("surtax.education_exemption_threshold_" + ptype, start)

    # months of the period and their rates (looked up on each month's first day)
    month_days = [add_months(start, k) for k in range(3 if ptype == "quarter" else 1)]
    month_rates = [vat_rates(params, m) for m in month_days]
    spanning = len(set(month_rates)) > 1
    ms = mp = None
    if "month_sales_3pct" in inp:
        assert ptype == "quarter", "month lists of a month period: not settled, not tested"
        ms = parse_amount_list(inp["month_sales_3pct"], "month_sales_3pct")
        if len(ms) != 3 or sum(ms, D(0)) != s3:
            raise CalcError(f"month_sales_3pct: {inp['month_sales_3pct']} must be three amounts "
                            f"summing to sales_3pct {s3}")
    if "month_special_invoice_3pct" in inp:
        mp = parse_amount_list(inp["month_special_invoice_3pct"], "month_special_invoice_3pct")
        if len(mp) != 3 or sum(mp, D(0)) != sp:
            raise CalcError(f"month_special_invoice_3pct: must be three amounts summing to "
                            f"special_invoice_3pct {sp}")
    if spanning:
        change = next(m for m, rt in zip(month_days, month_rates) if rt != month_rates[0])
        if ms is None:
            raise CalcError(f"month_sales_3pct is needed: vat.small_scale.rate_3pct_items "
                            f"changes on {change}, inside the quarter")
        if mp is None:
            if sp != 0:
                raise CalcError(f"month_special_invoice_3pct is needed: the rates change on "
                                f"{change}, inside the quarter")
            mp = [D(0)] * 3
        assert not inp.get("prices_include_tax", False), \
            "prices_include_tax in a quarter spanning a rate change: not settled, not tested"

    if inp.get("prices_include_tax", False):
        ordinary_ex, special_ex = round2_ratio(s3 - sp, 1 + r), round2_ratio(sp, 1 + s)
        s3, sp = ordinary_ex + special_ex, special_ex
        s5, re_ = round2_ratio(s5, 1 + r5), round2_ratio(re_, 1 + r5)

    total = s3 + s5
    if spanning:
        parts = list(zip(ms, mp, month_rates))
        special_tax = sum((round2(p * rs_[1]) for _, p, rs_ in parts), D("0.00"))
        all_3pct_tax = sum((round2((m - p) * rs_[0] + p * rs_[1]) for m, p, rs_ in parts),
                           D("0.00"))
    else:
        special_tax = round2(sp * s)
        all_3pct_tax = round2((s3 - sp) * r + sp * s)
    if total <= T:
        reason, vat = "within_threshold", special_tax
    elif total - re_ <= T:
        reason, vat = "within_threshold_except_real_estate", special_tax + round2(re_ * r5)
    else:
        reason, vat = "above_threshold", all_3pct_tax + round2(s5 * r5)
    exempt = reason != "above_threshold" or (not spanning and r == 0)
    statutory = round2(s3 * r3s) + round2(s5 * r5)
    out = {"threshold": T, "reason": Bare(reason), "exempt": exempt, "vat": vat,
           "vat_statutory": statutory, "vat_relief": statutory - vat}
    due_sum, relief_sum = D("0.00"), D("0.00")
    edu_exempt = total <= edu_T
    for name, rate, exemptable in (("urban_maintenance_due", urban, False),
                                   ("education_due", edu, True),
                                   ("local_education_due", ledu, True)):
        tax = round2(vat * rate)
        due = D("0.00") if (exemptable and edu_exempt) else tax - round2(tax * halving)
        out[name] = due
        due_sum += due
        relief_sum += tax - due
    out["surtax_due"] = due_sum
    out["surtax_relief"] = relief_sum
    return out


def small_profit_cit(inp, params):
    year = inp["tax_year"]
    assert isinstance(year, int)
    income = parse_decimal(inp["taxable_income"], "taxable_income")
    employees = parse_decimal(inp["employees"], "employees")
    assets = parse_decimal(inp["total_assets"], "total_assets")
    restricted = inp.get("restricted_industry", False)
    high_tech = inp.get("high_tech", False)
    on = datetime.date(year, 1, 1)
    pre = "cit.small_low_profit."
    income_limit = params.get(pre + "income_limit", on)
    employee_limit = params.get(pre + "employee_limit", on)
    asset_limit = params.get(pre + "asset_limit", on)
    upper = params.get(pre + "band1_upper", on)
    b1 = params.get(pre + "band1_rate", on)
    b2 = params.get(pre + "band2_rate", on)
    std_rate = params.get("cit.high_tech_rate" if high_tech else "cit.standard_rate", on)

    if restricted:
        reason = "restricted_industry"
    elif income > income_limit:
        reason = "income_over_limit"
    elif employees > employee_limit:
        reason = "employees_over_limit"
    elif assets > asset_limit:
        reason = "assets_over_limit"
    elif income <= 0:
        reason = "no_taxable_income"
    else:
        reason = "eligible"
    eligible = reason == "eligible"
    standard = round2(income * std_rate) if income > 0 else D("0.00")
    if eligible:
        tax = round2(min(income, upper) * b1 + max(D(0), income - upper) * b2)
        if high_tech:
            tax = min(tax, standard)
    else:
        tax = standard
    return {"eligible": eligible, "reason": Bare(reason), "standard_tax": standard,
            "tax_due": tax, "relief": standard - tax}


RD_CATEGORIES = ("general", "manufacturing", "tech_sme", "ic_or_machine_tool", "excluded")
RD_2022_FIELDS = ("q4_expensed_rd", "q4_method", "q4_operating_months", "operating_months_2022")


def rd_super_deduction(inp, params):
    year = inp["tax_year"]
    assert isinstance(year, int)
    category = str(inp["category"])
    if category not in RD_CATEGORIES:
        raise CalcError(f"category: unknown value {category}")
    if "cit_rate" not in inp:
        raise CalcError("cit_rate is required: 25% (standard), 15% (high-tech), "
                        "5% (small low-profit effective rate)")
    cit_rate = parse_rate(inp["cit_rate"], "cit_rate")
    expensed = parse_decimal(inp["expensed_rd"], "expensed_rd")
    if year != 2022:
        for k in RD_2022_FIELDS:
            if k in inp and not (k == "q4_method" and str(inp[k]) == "actual"):
                raise CalcError(f"{k} is for tax year 2022 only")
    equipment = parse_decimal(inp.get("hightech_equipment_q4_2022", "0"),
                              "hightech_equipment_q4_2022")
    if equipment != 0 and year != 2022:
        raise CalcError("hightech_equipment_q4_2022 is for tax year 2022 only")
    method = str(inp.get("q4_method", "actual"))
    if method not in ("actual", "proportional"):
        raise CalcError(f"q4_method: unknown value {method}")
    q4 = parse_decimal(inp["q4_expensed_rd"], "q4_expensed_rd") if "q4_expensed_rd" in inp else None
    if q4 is not None and q4 > expensed:
        raise CalcError("q4_expensed_rd exceeds expensed_rd")
    if method == "proportional":
        if q4 is not None:
            raise CalcError("q4_expensed_rd is not given with q4_method proportional")
        q4m = inp.get("q4_operating_months")
        months_op = inp.get("operating_months_2022")
        if not isinstance(q4m, int) or isinstance(q4m, bool) or not 0 <= q4m <= 3:
            raise CalcError("q4_operating_months must be an integer 0-3")
        if (not isinstance(months_op, int) or isinstance(months_op, bool)
                or not max(1, q4m) <= months_op <= 12):
            raise CalcError("operating_months_2022 must be an integer from q4_operating_months "
                            "(at least 1) to 12")
    else:
        for k in ("q4_operating_months", "operating_months_2022"):
            assert k not in inp, "months without q4_method proportional: not settled"
    intangible = parse_decimal(inp.get("intangible_cost", "0"), "intangible_cost")
    years = inp.get("amortization_years", 10)
    months = inp.get("amortization_months", 12)
    on = datetime.date(year, 1, 1)
    if not isinstance(years, int) or years < params.get("rd.min_amortization_years", on):
        raise CalcError("amortization_years must be an integer >= 10")
    if not isinstance(months, int) or not 1 <= months <= 12:
        raise CalcError("amortization_months must be an integer 1-12")

    as_general = category == "general"
    if category == "excluded":
        ratio = D("0")
    elif category == "ic_or_machine_tool":
        ratio = params.lookup("rd.super_deduction_ratio.ic_or_machine_tool", on)
        if ratio is None:   # other years as `general`
            as_general = True
            ratio = params.get("rd.super_deduction_ratio.general", on)
    else:
        ratio = params.get("rd.super_deduction_ratio." + category, on)
    q4_given = q4 is not None or method == "proportional"
    if as_general and q4_given:
        q4_ratio = params.get("rd.super_deduction_ratio.q4_2022", on)
        if method == "proportional":
            # Q4 R&D = expensed × q4m / months, exact; one rounding of the whole
            extra_exp = round2_ratio(expensed * q4m * q4_ratio + expensed * (months_op - q4m) * ratio,
                                     D(months_op))
        else:
            extra_exp = round2(q4 * q4_ratio + (expensed - q4) * ratio)
    else:
        extra_exp = round2(expensed * ratio)
    extra_equipment = D("0.00")
    if equipment != 0:
        extra_equipment = round2(equipment * params.get("rd.hightech_equipment_extra_ratio_q4_2022", on))
    den = D(12 * years)
    amort = round2_ratio(intangible * (1 + ratio) * months, den)
    extra_amort = round2_ratio(intangible * ratio * months, den)
    extra_total = extra_exp + extra_amort + extra_equipment
    return {"ratio": ratio, "extra_expensed": extra_exp, "extra_equipment": extra_equipment,
            "amortization_deduction": amort, "extra_amortization": extra_amort,
            "extra_total": extra_total, "tax_saving": round2(extra_total * cit_rate)}


MEASURES = {
    "interest-subsidy": interest_subsidy,
    "guarantee-fee": guarantee_fee,
    "small-scale-vat": small_scale_vat,
    "small-profit-cit": small_profit_cit,
    "rd-super-deduction": rd_super_deduction,
}

# The fields the cases written before 2026-12-02 expect (new cases expect the fields they
# annotate); `compliant` per guarantee became `above_ceiling`.
LEGACY_KEYS = {
    "interest-subsidy": re.compile(r"(loans\.\d+\.(reason|window_days|balance_days|subsidy_computed|"
                                   r"subsidy_granted|capped|enterprise_total)|enterprises\.\d+\."
                                   r"(enterprise_id|loans|eligible_loans|subsidy_computed|"
                                   r"enterprise_total|capped)|total_granted)$"),
    "guarantee-fee": re.compile(r"(fee|saving|above_ceiling)$"),
    "small-scale-vat": re.compile(r"(threshold|exempt|vat|vat_statutory|vat_relief|"
                                  r"urban_maintenance_due|education_due|local_education_due|"
                                  r"surtax_due|surtax_relief)$"),
    "small-profit-cit": re.compile(r"(eligible|reason|standard_tax|tax_due|relief)$"),
    "rd-super-deduction": re.compile(r"(ratio|extra_expensed|amortization_deduction|"
                                     r"extra_amortization|extra_total|tax_saving)$"),
}


# --------------------------------------------------------------------------------------------
# Case definitions
# --------------------------------------------------------------------------------------------

FILES = {}          # file name -> list of cases
HEADERS = {}        # file name -> header comment text
WORKED = []         # (file, case name, key, value docs/POLICY.md states) re-checked against the computation


def case(file, name, measure, input, parameters=None, error=None, worked=None, notes=None,
         new=False):
    """notes: result field (or "expect_error") -> hand computation, written beside it.
    new: the case expects exactly the annotated fields (cases added 2026-12-02)."""
    notes = dict(notes or {})
    if new:
        assert notes, f"{name}: a new case needs a note beside every expectation"
        assert (error is None) == ("expect_error" not in notes), name
    FILES.setdefault(file, []).append(dict(name=name, measure=measure, input=input,
                                           parameters=parameters, error=error, notes=notes,
                                           new=new))
    for k, v in (worked or {}).items():
        WORKED.append((file, name, k, v))


def override(value, frm, to=None, citation="test override"):
    e = {"value": value, "from": date(frm)}
    if to:
        e["to"] = date(to)
    e["citation"] = citation
    return [e]


def loan(eid, lid, principal, rate, dd, ed, g=True, f=True, s=True, paid=None, reps=None):
    L = {"enterprise_id": Bare(eid), "loan_id": Bare(lid), "principal": principal,
         "annual_rate": rate, "drawdown_date": date(dd), "end_date": date(ed),
         "guaranteed_by_fund": g, "first_inclusive_loan": f, "lender_in_shanghai": s}
    if paid is not None:
        L["interest_paid"] = paid
    if reps is not None:
        L["repayments"] = [{"date": date(d), "amount": a} for d, a in reps]
    return L


def IS(file, name, loans, prior=None, **kw):
    inp = {"loans": loans}
    if prior is not None:
        inp["prior_granted"] = prior
    case(file, name, "interest-subsidy", inp, **kw)


def iso(d):
    return d.isoformat()


# ---------------------------------------------------------------- interest-subsidy.yaml
F = "interest-subsidy.yaml"
HEADERS[F] = """\
Interest subsidy 贴息 (docs/POLICY.md §3, 第十五条). Expected values: Scripts/scenario_expectations.py.
Every loan states guaranteed_by_fund, first_inclusive_loan and lender_in_shanghai explicitly.
Parameter overrides are used only where a case needs a non-default convention (floor mode,
min_days; values written as quoted strings, "floor", "30"); date boundaries and override
mechanics are in parameters.yaml.

Changed by the rules of 2026-12-02 (docs/POLICY.md §1, §3):
 - Impossible repayments are refused, no longer ignored: "IS repayment before drawdown is
   ignored" and "IS repayments exceeding the balance stop at zero" are now the expect_error
   cases "IS error: repayment before drawdown_date" and "IS error: repayments totalling
   4,000,000 exceed the principal 3,000,000"; "IS repayments ... together" lost its repayment
   dated before drawdown (its value, 47,222.22, is unchanged).
 - New: prior_granted (amounts already granted count against the 200,000 cap; summary fields
   prior_granted and cap_remaining), repayments on / after end_date and totalling the
   principal, the implausible rate "3.65".

Readings chosen where docs/POLICY.md §3 is silent or ambiguous (please review):
 1. A repayment dated ON the drawdown date counts: the balance is reduced from the first day.
    A repayment dated on window_end, or after it but not after end_date, has no effect (the
    window does not include window_end). A repayment ON end_date is accepted.
 2. Repayments are applied in date order whatever their order in the input.
 3. window_end = drawdown_date + max_days calendar days, so window_days <= max_days.
 4. below_min_days means window_days < min_days (a window of exactly min_days is eligible).
 5. In `floor` mode a loan rate exactly equal to the subsidy rate is eligible (only
    annual_rate < rate fails), and the subsidy is computed at `rate`.
 6. In `cap` mode a 0% loan is eligible with a 0.00 subsidy (eligibility does not look at the
    rate in cap mode).
 7. interest_paid caps subsidy_computed before the enterprise cap is applied, so a loan limited
    by interest_paid is not `capped`; `capped` only means granted < computed.
 8. Every loan row (eligible or not) carries its enterprise's enterprise_total.
 9. enterprises.N.subsidy_computed sums the (interest_paid-limited) computed amounts of all the
    enterprise's loans (ineligible ones add 0.00); enterprises.N.loans counts all its rows.
10. The same loan_id under two different enterprise_ids is not a duplicate.
11. Error fragments name the offending field: a negative repayment amount is reported as
    `amount` (the repayment's field name).
12. prior_granted above the cap leaves 0 for this run (max(0, cap - prior_granted)), not an
    error; cap_remaining is empty (null) for an enterprise with no eligible loan, even when
    prior_granted is given; a loan that gets 0.00 because prior_granted used the cap is
    `capped`.
"""

IS(F, "IS worked: 3M first loan, one year at 3.65% → 60,833.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01")],
   worked={"total_granted": "60833.33", "loans.0.window_days": 365})
IS(F, "IS annual_rate as a decimal 0.0365 gives the same 60,833.33",
   [loan("E1", "L1", "3000000", "0.0365", "2022-11-01", "2023-11-01")])
IS(F, "IS principal in scientific notation 3E+6 gives the same 60,833.33",
   [loan("E1", "L1", "3E+6", "3.65%", "2022-11-01", "2023-11-01")])
IS(F, "IS worked: 3M repaid after 200 days (end_date 2023-05-20) → 33,333.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-05-20")],
   worked={"total_granted": "33333.33", "loans.0.window_days": 200})
IS(F, "IS worked: 3M fully repaid by a repayment on day 200 → 33,333.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2023-05-20", "3000000")])],
   worked={"total_granted": "33333.33"})
IS(F, "IS worked: 5M + 6M one year each → 101,388.89 + 98,611.11, second loan capped",
   [loan("E1", "L1", "5000000", "4.2%", "2022-10-10", "2023-10-10"),
    loan("E1", "L2", "6000000", "4.2%", "2022-11-15", "2023-11-15")],
   worked={"loans.0.subsidy_computed": "101388.89", "loans.1.subsidy_computed": "121666.67",
           "loans.0.subsidy_granted": "101388.89", "loans.1.subsidy_granted": "98611.11",
           "total_granted": "200000.00", "loans.1.capped": True})
IS(F, "IS worked: 1M at 1.8% in cap mode → 18,250.00 at the loan rate",
   [loan("E1", "L1", "1000000", "1.8%", "2022-11-01", "2023-11-01")],
   worked={"total_granted": "18250.00"})
FLOOR = {"interest_subsidy.rate_mode": override("floor", *IS_RANGE, citation="test override: floor mode")}
IS(F, "IS worked: 1M at 1.8% in floor mode → 0.00, rate_below_subsidy_rate",
   [loan("E1", "L1", "1000000", "1.8%", "2022-11-01", "2023-11-01")], parameters=FLOOR,
   worked={"total_granted": "0.00", "loans.0.reason": "rate_below_subsidy_rate"})
IS(F, "IS floor mode, loan at 3.65% is subsidised at 2% → 60,833.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01")], parameters=FLOOR)
IS(F, "IS floor mode, loan rate exactly 2% is eligible → 60,833.33",
   [loan("E1", "L1", "3000000", "2%", "2022-11-01", "2023-11-01")], parameters=FLOOR)
IS(F, "IS floor mode, loan rate 1.99% → rate_below_subsidy_rate",
   [loan("E1", "L1", "3000000", "1.99%", "2022-11-01", "2023-11-01")], parameters=FLOOR)
IS(F, "IS cap mode, 2M at 1.99% subsidised at 1.99% over 180 days → 19,900.00",
   [loan("E1", "L1", "2000000", "1.99%", "2022-11-01", iso(plus("2022-11-01", 180)))])
IS(F, "IS cap mode, 0% loan is eligible with subsidy 0.00",
   [loan("E1", "L1", "1000000", "0", "2022-11-01", "2023-11-01")])
IS(F, "IS not guaranteed by the fund → not_guaranteed_by_fund",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01", g=False)])
IS(F, "IS not the first inclusive loan → not_first_inclusive_loan",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01", f=False)])
IS(F, "IS lender outside Shanghai → lender_outside_shanghai",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01", s=False)])
IS(F, "IS all three flags false → not_guaranteed_by_fund (first check wins)",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01", g=False, f=False, s=False)])
IS(F, "IS not first loan and lender outside Shanghai → not_first_inclusive_loan",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01", f=False, s=False)])
IS(F, "IS lender outside Shanghai and drawn 2023-02-01 → lender_outside_shanghai before the window check",
   [loan("E1", "L1", "3000000", "3.65%", "2023-02-01", "2024-02-01", s=False)])
IS(F, "IS not guaranteed and drawn 2022-09-01 → not_guaranteed_by_fund before the window check",
   [loan("E1", "L1", "3000000", "3.65%", "2022-09-01", "2023-09-01", g=False)])
IS(F, "IS drawn 2023-06-01 → drawdown_outside_window, nothing granted",
   [loan("E1", "L1", "3000000", "3.65%", "2023-06-01", "2024-06-01")])
MIN30 = {"interest_subsidy.min_days": override("30", *IS_RANGE, citation="test override: min_days 30")}
IS(F, "IS min_days 30, 29-day loan → below_min_days",
   [loan("E1", "L1", "1000000", "3.65%", "2022-11-01", "2022-11-30")], parameters=MIN30)
IS(F, "IS min_days 30, 30-day loan is eligible → 1,666.67",
   [loan("E1", "L1", "1000000", "3.65%", "2022-11-01", "2022-12-01")], parameters=MIN30)
IS(F, "IS floor mode and min_days 30, 10-day 1.8% loan → below_min_days is checked first",
   [loan("E1", "L1", "1000000", "1.8%", "2022-11-01", "2022-11-11")],
   parameters={**MIN30, **FLOOR})
IS(F, "IS two-year loan is truncated to max_days 365 → 40,555.56",
   [loan("E1", "L1", "2000000", "3.65%", "2022-11-01", "2024-11-01")])
IS(F, "IS drawn 2022-12-31 to 2024-06-30 → window ends 2023-12-31 (365 days)",
   [loan("E1", "L1", "2000000", "3.65%", "2022-12-31", "2024-06-30")])
IS(F, "IS 90-day loan 2022-12-01 → 2023-03-01 → 25,000.00",
   [loan("E1", "L1", "5000000", "3.45%", "2022-12-01", "2023-03-01")])
IS(F, "IS repayment of 1M inside the window on 2023-03-01 → 47,222.22",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2023-03-01", "1000000")])])
IS(F, "IS error: repayment before drawdown_date is refused (was ignored)",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2022-10-15", "1000000")])], error="is before drawdown_date",
   notes={"expect_error": "docs/POLICY.md §3 (2026-12-02): 2022-10-15 < drawdown_date "
                          "2022-11-01 is refused"})
IS(F, "IS repayment after window_end is ignored → 60,833.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2024-11-01",
         reps=[("2024-01-01", "1000000")])])
IS(F, "IS repayment dated on window_end has no effect → 60,833.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2024-11-01",
         reps=[("2023-11-01", "3000000")])])
IS(F, "IS repayment on the drawdown date reduces the balance from day one → 40,555.56",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2022-11-01", "1000000")])])
IS(F, "IS error: repayments totalling 4,000,000 exceed the principal 3,000,000 (were stopped at zero)",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2023-01-01", "2000000"), ("2023-03-01", "2000000")])],
   error="exceed the principal",
   notes={"expect_error": "docs/POLICY.md §3 (2026-12-02): 2,000,000 + 2,000,000 > "
                          "3,000,000 is refused"})
IS(F, "IS two repayments given out of date order → 41,416.67",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2023-06-01", "500000"), ("2023-02-01", "1000000")])])
IS(F, "IS repayments inside and after the window together → 47,222.22",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2024-11-01",
         reps=[("2023-03-01", "1000000"), ("2024-02-01", "2000000")])],
   notes={"total_granted": "the 2024-02-01 repayment is after window_end 2023-11-01: "
                           "(3,000,000 × 120 + 2,000,000 × 245) × 2% / 360 = 47,222.22"})
IS(F, "IS interest_paid 50,000.00 below the computed 60,833.33 limits the subsidy",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01", paid="50000.00")])
IS(F, "IS interest_paid above the computed subsidy has no effect → 60,833.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01", paid="111020.83")])
IS(F, "IS half-up: 1,000,000.25 for 360 days → 20,000.005 rounds to 20,000.01",
   [loan("E1", "L1", "1000000.25", "3.65%", "2022-11-01", iso(plus("2022-11-01", 360)))])
IS(F, "IS cap reached exactly: 10M for 360 days → 200,000.00, not capped",
   [loan("E1", "L1", "10000000", "3.65%", "2022-11-01", iso(plus("2022-11-01", 360)))])
IS(F, "IS cap exceeded by one fen: 10,000,000.50 for 360 days → computed 200,000.01, granted 200,000.00",
   [loan("E1", "L1", "10000000.50", "3.65%", "2022-11-01", iso(plus("2022-11-01", 360)))])
IS(F, "IS two loans fill the cap exactly, the third gets 0.00 and is capped",
   [loan("E1", "L1", "5000000", "3.65%", "2022-10-01", iso(plus("2022-10-01", 360))),
    loan("E1", "L2", "5000000", "3.65%", "2022-10-15", iso(plus("2022-10-15", 360))),
    loan("E1", "L3", "1000000", "3.65%", "2022-11-01", "2023-11-01")])
IS(F, "IS cap exceeded across three loans, filled in drawdown order not input order",
   [loan("E1", "L3", "3000000", "3.65%", "2022-12-01", "2023-12-01"),
    loan("E1", "L1", "4000000", "3.65%", "2022-10-15", "2023-10-15"),
    loan("E1", "L2", "5000000", "3.65%", "2022-11-01", "2023-11-01")])
IS(F, "IS same drawdown date: L10 is served before L2 (code-point order)",
   [loan("E1", "L2", "6000000", "3.65%", "2022-11-01", "2023-11-01"),
    loan("E1", "L10", "6000000", "3.65%", "2022-11-01", "2023-11-01")])
IS(F, "IS earlier drawdown beats loan_id order: L9 (2022-10-01) before L1 (2022-11-01)",
   [loan("E1", "L1", "6000000", "3.65%", "2022-11-01", "2023-11-01"),
    loan("E1", "L9", "6000000", "3.65%", "2022-10-01", "2023-10-01")])
IS(F, "IS an ineligible loan does not use the enterprise cap",
   [loan("E1", "L1", "8000000", "3.65%", "2022-10-01", "2023-10-01", g=False),
    loan("E1", "L2", "6000000", "3.65%", "2022-11-01", "2023-11-01")])
IS(F, "IS interest_paid limits one loan, the cap then limits a later loan",
   [loan("E1", "L1", "7000000", "3.65%", "2022-10-01", "2023-10-01"),
    loan("E1", "L2", "5000000", "3.65%", "2022-11-01", "2023-11-01", paid="40000.00"),
    loan("E1", "L3", "3000000", "3.65%", "2022-12-01", "2023-12-01")])
IS(F, "IS two enterprises each have their own cap; same loan_id in both is allowed",
   [loan("E1", "L1", "6000000", "3.65%", "2022-11-01", "2023-11-01"),
    loan("E2", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01"),
    loan("E1", "L2", "6000000", "3.65%", "2022-11-02", "2023-11-02")])
IS(F, "IS enterprises are summarised in order of first appearance (E2 before E1)",
   [loan("E2", "L1", "1000000", "3.65%", "2022-12-01", "2023-12-01"),
    loan("E1", "L1", "2000000", "3.65%", "2022-10-01", "2023-10-01"),
    loan("E2", "L2", "1500000", "3.65%", "2022-10-20", "2023-10-20", f=False)])
IS(F, "IS error: negative principal",
   [loan("E1", "L1", "-3000000", "3.65%", "2022-11-01", "2023-11-01")], error="principal")
IS(F, "IS error: zero principal",
   [loan("E1", "L1", "0", "3.65%", "2022-11-01", "2023-11-01")], error="principal")
IS(F, "IS error: end_date before drawdown_date",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2022-10-01")], error="end_date")
IS(F, "IS error: end_date equal to drawdown_date",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2022-11-01")], error="end_date")
IS(F, "IS error: duplicate loan_id within one enterprise",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01"),
    loan("E1", "L1", "1000000", "3.65%", "2022-12-01", "2023-12-01")], error="loan_id")
IS(F, "IS error: negative annual_rate",
   [loan("E1", "L1", "3000000", "-3.65%", "2022-11-01", "2023-11-01")], error="annual_rate")
IS(F, "IS error: negative interest_paid",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01", paid="-1.00")],
   error="interest_paid")
IS(F, "IS error: negative repayment amount",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2023-03-01", "-1000000")])], error="amount")

# ---- added 2026-12-02: rates (§1), impossible repayments and prior_granted (§3)
ONE_YEAR = ("2022-11-01", "2023-11-01")
IS(F, "IS error: annual_rate \"3.65\" without % would be 365% and is refused",
   [loan("E1", "L1", "3000000", "3.65", *ONE_YEAR)], error="write 3.65%", new=True,
   notes={"expect_error": "docs/POLICY.md §1: a rate without % whose value is >= 1 is refused"})
IS(F, "IS error: annual_rate 150% is above 100%",
   [loan("E1", "L1", "3000000", "150%", *ONE_YEAR)], error="above 100%", new=True,
   notes={"expect_error": "docs/POLICY.md §1: any rate above 100% is refused"})
IS(F, "IS repayment on end_date is accepted: 3M repaid in full on end_date 2023-05-20 → 33,333.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-05-20",
         reps=[("2023-05-20", "3000000")])], new=True,
   notes={"loans.0.reason": "a repayment on end_date is allowed → eligible",
          "loans.0.window_days": "days(2022-11-01, 2023-05-20) = 200",
          "loans.0.balance_days": "the repayment on window_end has no effect: "
                                  "3,000,000 × 200 = 600,000,000",
          "total_granted": "3,000,000 × 200 × 2% / 360 = 33,333.33"})
IS(F, "IS error: repayment one day after end_date (2023-05-21) is refused",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-05-20",
         reps=[("2023-05-21", "3000000")])], error="is after end_date", new=True,
   notes={"expect_error": "docs/POLICY.md §3: 2023-05-21 > end_date 2023-05-20 is refused"})
IS(F, "IS repayments totalling exactly the principal are accepted → 16,722.22",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR,
         reps=[("2023-01-01", "1000000"), ("2023-03-01", "2000000")])], new=True,
   notes={"loans.0.balance_days": "3,000,000 × days(2022-11-01, 2023-01-01) + 2,000,000 × "
                                  "days(2023-01-01, 2023-03-01) = 301,000,000",
          "total_granted": "301,000,000 × 2% / 360 = 16,722.22"})
IS(F, "IS error: repayments one fen more than the principal are refused",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR,
         reps=[("2023-01-01", "1000000"), ("2023-03-01", "2000000.01")])],
   error="exceed the principal", new=True,
   notes={"expect_error": "docs/POLICY.md §3: 1,000,000 + 2,000,000.01 = 3,000,000.01 > "
                          "principal 3,000,000"})
IS(F, "IS error: the message names the second loan's second repayment date",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR),
    loan("E1", "L2", "1000000", "3.65%", "2022-12-01", "2023-12-01",
         reps=[("2023-02-01", "100000"), ("2022-11-30", "100000")])],
   error="loans[1].repayments[1].date", new=True,
   notes={"expect_error": "2022-11-30 < drawdown_date 2022-12-01; the field path of docs/POLICY.md §3"})
IS(F, "IS error: the message names the loan whose repayments exceed its principal",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR),
    loan("E1", "L2", "1000000", "3.65%", "2022-12-01", "2023-12-01",
         reps=[("2023-02-01", "600000"), ("2023-03-01", "400000.01")])],
   error="loans[1].repayments", new=True,
   notes={"expect_error": "600,000 + 400,000.01 > 1,000,000; the field path of docs/POLICY.md §3"})
IS(F, "IS prior_granted 50,000 with the 5M + 6M loans → 101,388.89 + 48,611.11",
   [loan("E1", "L1", "5000000", "4.2%", "2022-10-10", "2023-10-10"),
    loan("E1", "L2", "6000000", "4.2%", "2022-11-15", "2023-11-15")],
   prior={"E1": "50000"}, new=True,
   notes={"loans.0.subsidy_granted": "5,000,000 × 365 × 2% / 360 = 101,388.89",
          "loans.1.subsidy_computed": "6,000,000 × 365 × 2% / 360 = 121,666.67",
          "loans.1.subsidy_granted": "200,000 − 50,000 − 101,388.89 = 48,611.11",
          "loans.1.capped": "48,611.11 < 121,666.67 → true",
          "enterprises.0.prior_granted": "as given: 50,000.00",
          "enterprises.0.enterprise_total": "101,388.89 + 48,611.11 = 150,000.00",
          "enterprises.0.cap_remaining": "200,000 − 50,000 − 150,000 = 0.00",
          "total_granted": "101,388.89 + 48,611.11 = 150,000.00"})
IS(F, "IS prior_granted 139,166.67 leaves exactly the 60,833.33 the loan needs → cap_remaining 0.00",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E1": "139166.67"}, new=True,
   notes={"loans.0.subsidy_computed": "3,000,000 × 365 × 2% / 360 = 60,833.33",
          "loans.0.subsidy_granted": "min(60,833.33, 200,000 − 139,166.67) = 60,833.33",
          "loans.0.capped": "granted = computed → false",
          "enterprises.0.prior_granted": "as given: 139,166.67",
          "enterprises.0.cap_remaining": "200,000 − 139,166.67 − 60,833.33 = 0.00"})
IS(F, "IS prior_granted 139,166.66 leaves one fen of cap after the loan",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E1": "139166.66"}, new=True,
   notes={"loans.0.subsidy_granted": "min(60,833.33, 200,000 − 139,166.66) = 60,833.33",
          "loans.0.capped": "granted = computed → false",
          "enterprises.0.cap_remaining": "200,000 − 139,166.66 − 60,833.33 = 0.01"})
IS(F, "IS prior_granted 139,166.68 leaves one fen less than the loan needs → 60,833.32, capped",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E1": "139166.68"}, new=True,
   notes={"loans.0.subsidy_granted": "min(60,833.33, 200,000 − 139,166.68) = 60,833.32",
          "loans.0.capped": "60,833.32 < 60,833.33 → true",
          "enterprises.0.capped": "a loan is capped → true",
          "enterprises.0.cap_remaining": "200,000 − 139,166.68 − 60,833.32 = 0.00"})
IS(F, "IS prior_granted 200,000 uses the whole cap → 0.00 granted, capped",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E1": "200000"}, new=True,
   notes={"loans.0.subsidy_computed": "3,000,000 × 365 × 2% / 360 = 60,833.33",
          "loans.0.subsidy_granted": "min(60,833.33, 200,000 − 200,000) = 0.00",
          "loans.0.capped": "0.00 < 60,833.33 → true",
          "enterprises.0.enterprise_total": "= 0.00",
          "enterprises.0.prior_granted": "as given: 200,000.00",
          "enterprises.0.cap_remaining": "200,000 − 200,000 − 0 = 0.00",
          "total_granted": "= 0.00"})
IS(F, "IS prior_granted 199,999.99 leaves one fen → 0.01 granted",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E1": "199999.99"}, new=True,
   notes={"loans.0.subsidy_granted": "min(60,833.33, 200,000 − 199,999.99) = 0.01",
          "loans.0.capped": "0.01 < 60,833.33 → true",
          "enterprises.0.cap_remaining": "200,000 − 199,999.99 − 0.01 = 0.00"})
IS(F, "IS prior_granted 250,000 above the cap leaves nothing (not an error)",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E1": "250000"}, new=True,
   notes={"loans.0.subsidy_granted": "min(60,833.33, max(0, 200,000 − 250,000)) = 0.00",
          "enterprises.0.prior_granted": "as given: 250,000.00",
          "enterprises.0.cap_remaining": "max(0, 200,000 − 250,000) − 0 = 0.00"})
IS(F, "IS prior_granted of one enterprise leaves the other's cap alone",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR),
    loan("E2", "L1", "1000000", "3.65%", "2022-12-01", "2023-12-01")],
   prior={"E2": "190000"}, new=True,
   notes={"enterprises.0.prior_granted": "E1 not given: 0.00",
          "enterprises.0.enterprise_total": "3,000,000 × 365 × 2% / 360 = 60,833.33",
          "enterprises.0.cap_remaining": "200,000 − 0 − 60,833.33 = 139,166.67",
          "enterprises.1.subsidy_computed": "1,000,000 × 365 × 2% / 360 = 20,277.78",
          "enterprises.1.enterprise_total": "min(20,277.78, 200,000 − 190,000) = 10,000.00",
          "enterprises.1.capped": "10,000.00 < 20,277.78 → true",
          "enterprises.1.cap_remaining": "200,000 − 190,000 − 10,000 = 0.00",
          "total_granted": "60,833.33 + 10,000.00 = 70,833.33"})
IS(F, "IS prior_granted of an enterprise with no eligible loan → cap_remaining null",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR, g=False)], prior={"E1": "50000"},
   new=True,
   notes={"loans.0.reason": "not guaranteed by the fund → not_guaranteed_by_fund",
          "enterprises.0.eligible_loans": "no eligible loan: 0",
          "enterprises.0.prior_granted": "as given: 50,000.00",
          "enterprises.0.enterprise_total": "nothing eligible: 0.00",
          "enterprises.0.cap_remaining": "no eligible loan → null"})
IS(F, "IS prior_granted 0 written out equals the default",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E1": "0"}, new=True,
   notes={"enterprises.0.prior_granted": "as given: 0.00",
          "enterprises.0.cap_remaining": "200,000 − 0 − 60,833.33 = 139,166.67",
          "total_granted": "3,000,000 × 365 × 2% / 360 = 60,833.33"})
IS(F, "IS error: prior_granted names an enterprise with no loan",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E9": "50000"},
   error="prior_granted.E9: no loan of enterprise E9", new=True,
   notes={"expect_error": "docs/POLICY.md §3: a prior_granted key must name an enterprise of the input"})
IS(F, "IS error: negative prior_granted",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E1": "-1"},
   error="prior_granted.E1: must not be negative", new=True,
   notes={"expect_error": "docs/POLICY.md §3: prior_granted >= 0"})
IS(F, "IS error: prior_granted with three decimals",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E1": "50000.001"},
   error="at most 2 decimals", new=True,
   notes={"expect_error": "docs/POLICY.md §3: an amount granted is in fen"})
IS(F, "IS worked: 3M with 1,000,000 repaid on 2023-05-20 → 51,666.67",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR, reps=[("2023-05-20", "1000000")])],
   new=True, worked={"total_granted": "51666.67"},
   notes={"loans.0.balance_days": "3,000,000 × 200 + 2,000,000 × 165 = 930,000,000",
          "total_granted": "930,000,000 × 2% / 360 = 51,666.67"})
IS(F, "IS worked: prior_granted 150,000 leaves 50,000.00 for the 60,833.33 loan",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E1": "150000"}, new=True,
   worked={"loans.0.subsidy_granted": "50000.00", "loans.0.capped": True,
           "enterprises.0.cap_remaining": "0.00"},
   notes={"loans.0.subsidy_granted": "min(60,833.33, 200,000 − 150,000) = 50,000.00",
          "loans.0.capped": "50,000.00 < 60,833.33 → true",
          "enterprises.0.cap_remaining": "200,000 − 150,000 − 50,000 = 0.00"})
IS(F, "IS worked: prior_granted 20,000 → 60,833.33 granted, cap_remaining 119,166.67",
   [loan("E1", "L1", "3000000", "3.65%", *ONE_YEAR)], prior={"E1": "20000"}, new=True,
   worked={"loans.0.subsidy_granted": "60833.33", "enterprises.0.cap_remaining": "119166.67"},
   notes={"loans.0.subsidy_granted": "min(60,833.33, 200,000 − 20,000) = 60,833.33",
          "enterprises.0.cap_remaining": "200,000 − 20,000 − 60,833.33 = 119,166.67"})

# ---------------------------------------------------------------- guarantee-fee.yaml
F = "guarantee-fee.yaml"
HEADERS[F] = """\
Guarantee fee 担保费 (docs/POLICY.md §4, 第十五条). Expected values: Scripts/scenario_expectations.py.
`saving: null` / `above_ceiling: null` mean the field is empty ("saving (empty without
reference_rate)"; no ceiling in effect on start_date).

Changed by the rules of 2026-12-02 (docs/POLICY.md §1, §4):
 - guarantee.day_basis is 365 (was 360) and a term of whole calendar months costs
   amount × fee_rate × N / 12, so every fee with an end_date changed (each changed value has
   its computation beside it): 2023-01-01 → 2024-01-01 is now 30,000.00 (was 30,416.67),
   2023-06-01 → 2024-06-01 30,000.00 (was 30,500.00), a balance-days fee is / 365.
 - Per guarantee `above_ceiling` (fee_rate > ceiling) replaces `compliant`; the 1% of
   第十五条 is the guarantor's average, checked by the portfolio cases (`guarantees:` input,
   `guarantors.N.*` results).
 - Repayments before start_date or after end_date, or totalling more than the amount, are
   refused: "GF repayments before start and after end are ignored" is now the expect_error
   case "GF error: repayment before start_date is refused".
 - "GF half-up: 1,000,000.50 at 1% ..." now runs 365 days (2023-03-01 → 2024-02-29, not whole
   months) so that it still ends on half a fen.

Readings chosen where docs/POLICY.md §4 is silent or ambiguous (please review):
 1. saving uses the same formula as the fee with reference_rate in place of fee_rate (whole
    months: round2(amount × reference_rate × N / 12) − fee; otherwise round2(balance_days ×
    reference_rate / 365) − fee). Each side is rounded first.
 2. above_ceiling compares fee_rate with the ceiling strictly (1% at a 1% ceiling is false,
    1.0001% is true).
 3. Whole months: N = (end year − start year) × 12 + (end month − start month) when the end's
    day of month equals the start's, or both are their month's last day (2023-01-31 →
    2023-02-28 is 1; 2024-02-29 → 2025-02-28 is 12; 2023-01-30 → 2023-02-28 is not whole).
    Any repayment, even one on end_date, makes a dated guarantee a balance-days one, and then
    whole_months is null.
 4. Guarantee repayments follow §3: applied in date order from their date; one on end_date is
    accepted. Error fragments: `is before start_date`, `is after end_date`, `exceed the amount`.
 5. Both end_date and term_months, or neither, is an error; the expected message fragment is
    `term_months` (the message must name the pair; `term_months` is the field the user adds
    or removes).
 6. A rate without % that is >= 1 is refused with the suggestion `write N%` for every rate
    field (fee_rate "1" → `write 1%`, reference_rate "2" → `write 2%`).
"""


def GF(name, amount, fee_rate, start, end=None, term=None, ref=None, reps=None, error=None,
       parameters=None, worked=None, gid="G1", guarantor="GU1", notes=None, new=False):
    case(FILE_GF, name, "guarantee-fee",
         guarantee(amount, fee_rate, start, end, term, ref, reps, gid, guarantor),
         parameters=parameters, error=error, worked=worked, notes=notes, new=new)


def guarantee(amount, fee_rate, start, end=None, term=None, ref=None, reps=None, gid="G1",
              guarantor="GU1"):
    inp = {"guarantee_id": Bare(gid), "guarantor_id": Bare(guarantor), "amount": amount,
           "fee_rate": fee_rate, "start_date": date(start)}
    if end is not None:
        inp["end_date"] = date(end)
    if term is not None:
        inp["term_months"] = term
    if ref is not None:
        inp["reference_rate"] = ref
    if reps is not None:
        inp["repayments"] = [{"date": date(d), "amount": a} for d, a in reps]
    return inp


def PORTFOLIO(name, guarantees, notes, parameters=None, worked=None):
    case(FILE_GF, name, "guarantee-fee", {"guarantees": guarantees}, parameters=parameters,
         notes=notes, new=True, worked=worked)


FILE_GF = F
GF("GF 3M at 1%, 2023-01-01 → 2024-01-01 is 12 whole months → 30,000.00",
   "3000000", "0.01", "2023-01-01", end="2024-01-01",
   notes={"fee": "12 whole months: 3,000,000 × 1% × 12 / 12 = 30,000.00",
          "above_ceiling": "1% > 1% ceiling (2023)? → false"})
GF("GF worked: 3M at 1% for term_months 12 → 30,000.00", "3000000", "0.01", "2023-03-01",
   term=12, worked={"fee": "30000.00"},
   notes={"above_ceiling": "1% > 1% ceiling (2023)? → false"})
GF("GF fee_rate as a percent string 1% equals 0.01", "3000000", "1%", "2023-01-01",
   end="2024-01-01",
   notes={"fee": "12 whole months: 3,000,000 × 1% × 12 / 12 = 30,000.00",
          "above_ceiling": "1% > 1%? → false"})
GF("GF reference_rate 2% over 12 whole months → saving 60,000.00 − 30,000.00 = 30,000.00",
   "3000000", "0.01", "2023-01-01", end="2024-01-01", ref="0.02",
   notes={"fee": "3,000,000 × 1% × 12 / 12 = 30,000.00",
          "saving": "3,000,000 × 2% × 12 / 12 − 30,000.00 = 30,000.00",
          "above_ceiling": "1% > 1%? → false"})
GF("GF reference_rate 2% with term_months 18 at 0.8% → saving 54,000.00",
   "3000000", "0.008", "2023-05-01", term=18, ref="2%",
   notes={"above_ceiling": "0.8% > 1%? → false"})
GF("GF term_months 1 → 2,500.00", "3000000", "0.01", "2023-05-01", term=1,
   notes={"above_ceiling": "1% > 1%? → false"})
GF("GF term_months 7 at 0.85% with rounding → round2(1,234,567 × 0.0085 × 7 / 12)",
   "1234567", "0.0085", "2023-05-01", term=7,
   notes={"above_ceiling": "0.85% > 1%? → false"})
GF("GF fee_rate 1.2% above the 1% ceiling → above_ceiling true", "3000000", "0.012",
   "2023-06-01", end="2024-06-01",
   notes={"fee": "12 whole months: 3,000,000 × 1.2% × 12 / 12 = 36,000.00",
          "above_ceiling": "1.2% > 1% → true"})
GF("GF fee_rate exactly at the ceiling 1% → above_ceiling false", "2000000", "0.01",
   "2023-06-01", end="2023-12-01",
   notes={"fee": "6 whole months: 2,000,000 × 1% × 6 / 12 = 10,000.00",
          "above_ceiling": "1% > 1%? → false"})
GF("GF fee_rate 1.0001% just above the ceiling → above_ceiling true", "2000000", "1.0001%",
   "2023-06-01", end="2023-12-01",
   notes={"fee": "6 whole months: 2,000,000 × 1.0001% × 6 / 12 = 10,001.00",
          "above_ceiling": "1.0001% > 1% → true"})
GF("GF zero fee_rate → fee 0.00, within the ceiling", "2000000", "0", "2023-06-01",
   end="2023-12-01",
   notes={"above_ceiling": "0% > 1%? → false"})
GF("GF 2023-06-01 → 2024-06-01 (366 days, across 2024-02-29) is 12 whole months → 30,000.00",
   "3000000", "0.01", "2023-06-01", end="2024-06-01",
   notes={"fee": "12 whole months: 3,000,000 × 1% × 12 / 12 = 30,000.00",
          "above_ceiling": "1% > 1%? → false"})
GF("GF half-up: 1,000,000.50 at 1% for 365 days (2023-03-01 → 2024-02-29) → 10,000.005 rounds to 10,000.01",
   "1000000.50", "0.01", "2023-03-01", end="2024-02-29",
   notes={"fee": "not whole months (day 29 ≠ 1): 1,000,000.50 × days(2023-03-01, 2024-02-29) "
                 "× 1% / 365 = 10,000.01",
          "above_ceiling": "1% > 1%? → false"})
GF("GF repayment of 1M on 2023-07-01 → balance-days fee / 365 = 24,958.90", "3000000", "0.01",
   "2023-01-01", end="2024-01-01", reps=[("2023-07-01", "1000000")],
   notes={"fee": "(3,000,000 × days(2023-01-01, 2023-07-01) + 2,000,000 × "
                 "days(2023-07-01, 2024-01-01)) × 1% / 365 = 24,958.90",
          "above_ceiling": "1% > 1%? → false"})
GF("GF error: repayment before start_date is refused (was ignored)", "3000000", "0.01",
   "2023-01-01", end="2024-01-01", reps=[("2022-12-15", "1000000")],
   error="is before start_date",
   notes={"expect_error": "docs/POLICY.md §4 (2026-12-02): 2022-12-15 < start_date 2023-01-01"})
GF("GF repayment with reference_rate: both sides use balance-days / 365", "3000000", "0.009",
   "2023-01-01", end="2024-01-01", ref="0.02", reps=[("2023-07-01", "1000000")],
   notes={"fee": "911,000,000 balance-days × 0.9% / 365 = 22,463.01",
          "saving": "round2(911,000,000 × 2% / 365) − 22,463.01 = 49,917.81 − 22,463.01 = 27,454.80",
          "above_ceiling": "0.9% > 1%? → false"})
GF("GF error: both end_date and term_months", "3000000", "0.01", "2023-01-01",
   end="2024-01-01", term=12, error="term_months")
GF("GF error: neither end_date nor term_months", "3000000", "0.01", "2023-01-01",
   error="term_months")
GF("GF error: term_months 0", "3000000", "0.01", "2023-01-01", term=0, error="term_months")
GF("GF error: end_date equal to start_date", "3000000", "0.01", "2023-01-01",
   end="2023-01-01", error="end_date")
GF("GF error: end_date before start_date (reversed dates)", "3000000", "0.01", "2023-06-01",
   end="2023-01-01", error="end_date")
GF("GF error: zero amount", "0", "0.01", "2023-01-01", end="2024-01-01", error="amount")
GF("GF error: negative amount", "-3000000", "0.01", "2023-01-01", end="2024-01-01",
   error="amount")
GF("GF error: negative fee_rate", "3000000", "-0.01", "2023-01-01", end="2024-01-01",
   error="fee_rate")
GF("GF error: negative reference_rate", "3000000", "0.01", "2023-01-01", end="2024-01-01",
   ref="-0.02", error="reference_rate")

# ---- added 2026-12-02: whole months, ACT/365, above_ceiling, repayments, rates, portfolio
GF("GF worked: 3M at 1%, 2023-03-01 → 2024-03-01 (12 whole months) → 30,000.00",
   "3000000", "0.01", "2023-03-01", end="2024-03-01", worked={"fee": "30000.00"}, new=True,
   notes={"fee": "12 whole months: 3,000,000 × 1% × 12 / 12 = 30,000.00",
          "whole_months": "2023-03-01 + 12 months = 2024-03-01 → 12",
          "balance_days": "actual days (across 2024-02-29): 3,000,000 × "
                          "days(2023-03-01, 2024-03-01) = 1,098,000,000",
          "above_ceiling": "1% > 1% ceiling (2023)? → false",
          "reason": "within_ceiling"})
GF("GF worked: 3M at 1%, 2023-03-01 → 2023-06-15 (106 days, ACT/365) → 8,712.33",
   "3000000", "0.01", "2023-03-01", end="2023-06-15", worked={"fee": "8712.33"}, new=True,
   notes={"fee": "not whole months: 3,000,000 × days(2023-03-01, 2023-06-15) × 1% / 365 = 8,712.33",
          "whole_months": "day 15 ≠ day 1 → null",
          "balance_days": "3,000,000 × 106 = 318,000,000",
          "saving": "no reference_rate → null"})
GF("GF month-end start: 2023-01-31 → 2023-02-28 is one whole month → 2,500.00",
   "3000000", "0.01", "2023-01-31", end="2023-02-28", new=True,
   notes={"fee": "3,000,000 × 1% × 1 / 12 = 2,500.00",
          "whole_months": "both days are their month's last day → 1",
          "balance_days": "3,000,000 × days(2023-01-31, 2023-02-28) = 84,000,000"})
GF("GF 2023-01-30 → 2023-02-28 is not whole months → 29 days ACT/365 → 2,383.56",
   "3000000", "0.01", "2023-01-30", end="2023-02-28", new=True,
   notes={"fee": "3,000,000 × days(2023-01-30, 2023-02-28) × 1% / 365 = 2,383.56",
          "whole_months": "2023-01-30 is not a month's last day and 30 ≠ 28 → null"})
GF("GF 2023-01-31 → 2023-03-31 (same day of month) is two whole months → 5,000.00",
   "3000000", "0.01", "2023-01-31", end="2023-03-31", new=True,
   notes={"fee": "3,000,000 × 1% × 2 / 12 = 5,000.00",
          "whole_months": "2023-01-31 + 2 months = 2023-03-31 → 2"})
GF("GF 2024-02-29 → 2025-02-28, last day to last day → 12 whole months, no ceiling in 2024",
   "3000000", "0.01", "2024-02-29", end="2025-02-28", new=True,
   notes={"fee": "3,000,000 × 1% × 12 / 12 = 30,000.00",
          "whole_months": "both month-ends → 12",
          "above_ceiling": "no guarantee.fee_rate_ceiling on 2024-02-29 → null",
          "reason": "no_ceiling_in_effect"})
GF("GF 2023-03-15 → 2023-04-14 is 30 days, not a month → 2,465.75",
   "3000000", "0.01", "2023-03-15", end="2023-04-14", new=True,
   notes={"fee": "3,000,000 × days(2023-03-15, 2023-04-14) × 1% / 365 = 2,465.75",
          "whole_months": "14 ≠ 15 → null"})
GF("GF 367 days across 2024-02-29 (2023-06-01 → 2024-06-02) → 30,164.38",
   "3000000", "0.01", "2023-06-01", end="2024-06-02", new=True,
   notes={"fee": "3,000,000 × days(2023-06-01, 2024-06-02) × 1% / 365 = 30,164.38",
          "whole_months": "2 ≠ 1 → null"})
GF("GF term_months 7: balance_days 1,234,567 × 7 × 365 / 12 shown to the fen",
   "1234567", "0.0085", "2023-05-01", term=7, new=True,
   notes={"fee": "1,234,567 × 0.85% × 7 / 12 = 6,121.39",
          "whole_months": "term_months → 7",
          "balance_days": "1,234,567 × 7 × 365 / 12 = 262,859,890.42"})
GF("GF term_months 12: balance_days 3,000,000 × 12 × 365 / 12 = 1,095,000,000",
   "3000000", "0.01", "2023-03-01", term=12, new=True,
   notes={"balance_days": "3,000,000 × 12 × 365 / 12 = 1,095,000,000.00",
          "fee": "3,000,000 × 1% × 12 / 12 = 30,000.00"})
GF("GF saving on a span that is not whole months: each side rounded → 8,712.33",
   "3000000", "0.01", "2023-03-01", end="2023-06-15", ref="2%", new=True,
   notes={"fee": "3,000,000 × 106 × 1% / 365 = 8,712.33",
          "saving": "round2(3,000,000 × 106 × 2% / 365) − 8,712.33 = 17,424.66 − 8,712.33 = 8,712.33"})
GF("GF whole months with a repayment → balance-days ACT/365 → 25,095.89",
   "3000000", "0.01", "2023-03-01", end="2024-03-01", reps=[("2023-09-01", "1000000")],
   new=True,
   notes={"balance_days": "3,000,000 × days(2023-03-01, 2023-09-01) + 2,000,000 × "
                          "days(2023-09-01, 2024-03-01) = 916,000,000",
          "fee": "916,000,000 × 1% / 365 = 25,095.89",
          "whole_months": "a repayment → not the whole-month formula → null"})
GF("GF repayment on end_date is accepted and keeps the whole months → 30,000.00",
   "3000000", "0.01", "2023-03-01", end="2024-03-01", reps=[("2024-03-01", "3000000")],
   new=True,
   notes={"balance_days": "the repayment on end_date has no effect: 3,000,000 × 366 = 1,098,000,000",
          "fee": "3,000,000 × 1% × 12 / 12 = 30,000.00",
          "whole_months": "a repayment on end_date changes no balance: 2023-03-01 + 12 months = 2024-03-01 → 12"})
GF("GF error: repayment one day after end_date is refused", "3000000", "0.01", "2023-03-01",
   end="2024-03-01", reps=[("2024-03-02", "3000000")], error="is after end_date", new=True,
   notes={"expect_error": "docs/POLICY.md §4: 2024-03-02 > end_date 2024-03-01"})
GF("GF repayments totalling exactly the amount are accepted → 4,191.78",
   "3000000", "0.01", "2023-03-01", end="2023-06-15",
   reps=[("2023-04-01", "1000000"), ("2023-05-01", "2000000")], new=True,
   notes={"balance_days": "3,000,000 × days(2023-03-01, 2023-04-01) + 2,000,000 × "
                          "days(2023-04-01, 2023-05-01) = 153,000,000",
          "fee": "153,000,000 × 1% / 365 = 4,191.78"})
GF("GF error: repayments one fen more than the amount are refused", "3000000", "0.01",
   "2023-03-01", end="2023-06-15",
   reps=[("2023-04-01", "1000000"), ("2023-05-01", "2000000.01")], error="exceed the amount",
   new=True,
   notes={"expect_error": "docs/POLICY.md §4: 1,000,000 + 2,000,000.01 > amount 3,000,000"})
GF("GF term_months with a repayment: checked, fee unchanged → 30,000.00",
   "3000000", "0.01", "2023-03-01", term=12, reps=[("2023-09-01", "1000000")], new=True,
   notes={"fee": "the contract's fee: 3,000,000 × 1% × 12 / 12 = 30,000.00",
          "whole_months": "term_months → 12"})
GF("GF error: term_months repayment before start_date", "3000000", "0.01", "2023-03-01",
   term=12, reps=[("2023-02-28", "1000000")], error="is before start_date", new=True,
   notes={"expect_error": "docs/POLICY.md §4: 2023-02-28 < start_date 2023-03-01"})
GF("GF error: term_months repayments above the amount", "3000000", "0.01", "2023-03-01",
   term=12, reps=[("2023-09-01", "3000000.01")], error="exceed the amount", new=True,
   notes={"expect_error": "docs/POLICY.md §4: 3,000,000.01 > amount 3,000,000"})
GF("GF 1.01% in 2023 → above_ceiling, and no per-guarantee compliant field",
   "3000000", "1.01%", "2023-01-01", term=12, new=True,
   notes={"fee": "3,000,000 × 1.01% × 12 / 12 = 30,300.00",
          "above_ceiling": "1.01% > 1% → true",
          "reason": "above_ceiling",
          "compliant": "exists only per guarantor now → null"})
GF("GF error: fee_rate \"1\" without % would be 100% and is refused", "1000000", "1",
   "2023-01-01", term=12, error="write 1%", new=True,
   notes={"expect_error": "docs/POLICY.md §1: a rate without % whose value is >= 1 is refused"})
GF("GF error: fee_rate \"1.5\" without % is refused", "1000000", "1.5", "2023-01-01", term=12,
   error="write 1.5%", new=True,
   notes={"expect_error": "docs/POLICY.md §1: 1.5 >= 1 without %"})
GF("GF error: fee_rate 150% is above 100%", "1000000", "150%", "2023-01-01", term=12,
   error="above 100%", new=True,
   notes={"expect_error": "docs/POLICY.md §1: any rate above 100% is refused"})
GF("GF error: reference_rate \"2\" without % is refused", "1000000", "1%", "2023-01-01",
   term=12, ref="2", error="write 2%", new=True,
   notes={"expect_error": "docs/POLICY.md §1: 2 >= 1 without %"})
GF("GF fee_rate 100% is accepted (not above 100%)", "1000000", "100%", "2023-01-01", term=12,
   new=True,
   notes={"fee": "1,000,000 × 100% × 12 / 12 = 1,000,000.00",
          "above_ceiling": "100% > 1% → true"})
GF("GF fee_rate 0.99 (99%) is accepted (below 1 without %)", "1000000", "0.99", "2023-01-01",
   term=12, new=True,
   notes={"fee": "1,000,000 × 0.99 × 12 / 12 = 990,000.00",
          "above_ceiling": "99% > 1% → true"})

PORTFOLIO("GF portfolio: GU1 averages exactly 1% (0.8% and 1.2% on equal weights) → compliant",
          [guarantee("3000000", "0.8%", "2023-01-01", term=12, gid="G1"),
           guarantee("3000000", "1.2%", "2023-01-01", end="2024-01-01", gid="G2")],
          {"guarantees.0.fee": "3,000,000 × 0.8% × 12 / 12 = 24,000.00",
           "guarantees.1.fee": "12 whole months: 3,000,000 × 1.2% × 12 / 12 = 36,000.00",
           "guarantees.1.above_ceiling": "1.2% > 1% → true",
           "guarantors.0.guarantor_id": "GU1",
           "guarantors.0.guarantees": "G1 and G2: 2",
           "guarantors.0.total_fee": "24,000.00 + 36,000.00 = 60,000.00",
           "guarantors.0.average_fee_rate": "w(G1) = 3,000,000 × 12 × 365 / 12 = w(G2) = "
                                            "3,000,000 × 365, so: (0.8% + 1.2%) / 2 = 0.010000",
           "guarantors.0.compliant": "1% ≤ 1% ceiling on 2023-01-01 → true"})
PORTFOLIO("GF portfolio: GU1 averages 1.2313% → not compliant; GU2 at 0.9% compliant",
          [guarantee("2000000", "1%", "2023-03-01", end="2023-06-15", gid="G1"),
           guarantee("1000000", "0.9%", "2023-04-01", term=6, gid="G2", guarantor="GU2"),
           guarantee("1000000", "1.5%", "2023-05-01", term=6, gid="G3")],
          {"guarantees.0.fee": "2,000,000 × 106 × 1% / 365 = 5,808.22",
           "guarantees.2.fee": "1,000,000 × 1.5% × 6 / 12 = 7,500.00",
           "guarantors.0.guarantor_id": "first appearance: GU1",
           "guarantors.0.guarantees": "G1 and G3: 2",
           "guarantors.0.total_fee": "5,808.22 + 7,500.00 = 13,308.22",
           "guarantors.0.average_fee_rate": "(2,000,000 × 106 × 1% + 1,000,000 × 6 × 365 / 12 × "
                                            "1.5%) / (2,000,000 × 106 + 1,000,000 × 6 × 365 / 12)"
                                            " = 0.012313",
           "guarantors.0.compliant": "1.2313% > 1% → false",
           "guarantors.1.guarantor_id": "GU2",
           "guarantors.1.total_fee": "1,000,000 × 0.9% × 6 / 12 = 4,500.00",
           "guarantors.1.average_fee_rate": "one guarantee: 0.9% = 0.009000",
           "guarantors.1.compliant": "0.9% ≤ 1% → true"})
PORTFOLIO("GF portfolio: the earliest start_date 2022-12-31 has no ceiling → compliant null",
          [guarantee("1000000", "0.5%", "2022-12-31", term=12, gid="G1"),
           guarantee("1000000", "2%", "2023-02-01", term=12, gid="G2")],
          {"guarantees.0.above_ceiling": "no ceiling on 2022-12-31 → null",
           "guarantees.1.above_ceiling": "2% > 1% (2023-02-01) → true",
           "guarantors.0.average_fee_rate": "equal weights: (0.5% + 2%) / 2 = 0.012500",
           "guarantors.0.compliant": "no ceiling on the earliest start_date 2022-12-31 → null"})
PORTFOLIO("GF portfolio: average shown 0.010000 but exactly above 1% → not compliant",
          [guarantee("3000000", "1%", "2023-01-01", term=12, gid="G1"),
           guarantee("3000000", "1.0000066%", "2023-01-01", term=12, gid="G2")],
          {"guarantees.1.fee": "3,000,000 × 1.0000066% × 12 / 12 = 30,000.20",
           "guarantors.0.total_fee": "30,000.00 + 30,000.20 = 60,000.20",
           "guarantors.0.average_fee_rate": "equal weights: (1% + 1.0000066%) / 2 = 0.010000",
           "guarantors.0.compliant": "exact average 1.0000033% > 1% → false"})
PORTFOLIO("GF portfolio: a dated whole-month guarantee weighs its actual 366 days",
          [guarantee("3000000", "1%", "2023-03-01", end="2024-03-01", gid="G1"),
           guarantee("3000000", "1.2%", "2023-03-01", term=12, gid="G2")],
          {"guarantees.0.fee": "12 whole months: 3,000,000 × 1% × 12 / 12 = 30,000.00",
           "guarantees.0.balance_days": "3,000,000 × 366 = 1,098,000,000",
           "guarantees.1.balance_days": "3,000,000 × 12 × 365 / 12 = 1,095,000,000.00",
           "guarantors.0.average_fee_rate": "(3,000,000 × 366 × 1% + 3,000,000 × 365 × 1.2%) / "
                                            "(3,000,000 × 366 + 3,000,000 × 365) = 0.010999",
           "guarantors.0.compliant": "1.0999% > 1% → false"})
PORTFOLIO("GF worked: portfolio of 2,000,000 at 1.2% (6 whole months) and 4,000,000 at 0.8% (term 6) → 0.009326, compliant",
          [guarantee("2000000", "1.2%", "2023-01-01", end="2023-07-01", gid="G1"),
           guarantee("4000000", "0.8%", "2023-01-01", term=6, gid="G2")],
          {"guarantees.0.fee": "2,000,000 × 1.2% × 6 / 12 = 12,000.00",
           "guarantees.0.balance_days": "2,000,000 × days(2023-01-01, 2023-07-01) = 362,000,000",
           "guarantees.0.above_ceiling": "1.2% > 1% → true",
           "guarantees.1.fee": "4,000,000 × 0.8% × 6 / 12 = 16,000.00",
           "guarantors.0.total_fee": "12,000.00 + 16,000.00 = 28,000.00",
           "guarantors.0.average_fee_rate": "(362,000,000 × 1.2% + 4,000,000 × 6 × 365 / 12 × 0.8%)"
                                            " / (362,000,000 + 4,000,000 × 6 × 365 / 12) = 0.009326",
           "guarantors.0.compliant": "0.9326% ≤ 1% → true"},
          worked={"guarantors.0.average_fee_rate": "0.009326", "guarantors.0.compliant": True,
                  "guarantors.0.total_fee": "28000.00"})

# ---------------------------------------------------------------- small-scale-vat.yaml
F = "small-scale-vat.yaml"
HEADERS[F] = """\
Small-scale VAT and surtaxes (docs/POLICY.md §5, 第二十二条). Expected values:
Scripts/scenario_expectations.py. Threshold-era / rate-change date boundaries, 2018 and 2028
are in parameters.yaml; this file has the at-threshold / one-fen-over cases of every era.

Changed by the rules of 2026-12-02 (docs/POLICY.md §5; each changed value has its computation
beside it):
 - 专票 are taxed at s = vat.small_scale.special_invoice_rate_3pct, which is 3% in
   2022-04..12 (was the 0% of the other 3% items): "VAT 2022-06 month ... special invoices"
   is now 1,500.00 (was 0.00).
 - `exempt` is also true when the 3% items' rate r is 0 (2022-04..12), so every 2022-04..12
   case above its threshold is now exempt true (vat 0.00 unchanged).
 - Education surcharge and local education surcharge are exempt (0.00) when the period's total
   sales are <= 100,000 a month / 300,000 a quarter (财税〔2016〕12号), so the month cases with a
   total <= 100,000 and some vat now owe only the urban maintenance tax.
 - With prices_include_tax the 专票 part is converted with s and the rest with r.
 - New: quarters spanning a rate change (2020-Q1) with month_sales_3pct /
   month_special_invoice_3pct, the education exemption at 100,000.00 / 100,000.01 and
   300,000.00 / 300,000.01, and the worked examples of docs/POLICY.md §5.

Readings chosen where docs/POLICY.md §5 is silent or ambiguous (please review):
 1. With prices_include_tax, each amount is converted first (the 专票 part of sales_3pct with s,
    the rest with r, both in effect on period_start; sales_5pct and real_estate_sales with
    0.05) and the threshold tests (VAT and education) use the converted amounts.
 2. The education exemption compares total = sales_3pct + sales_5pct (real estate included)
    with 100,000 / 300,000, inclusive; urban maintenance tax is still halved.
 3. A quarter takes its thresholds from period_start; its 3% items' rates month by month only
    when they change inside it (2020-Q1 is the only such quarter). month_sales_3pct given for
    a quarter without a change is only checked (three amounts summing to sales_3pct).
    month_special_invoice_3pct may be omitted in 2020-Q1 only when special_invoice_3pct is 0.
 4. The "part of" checks (special_invoice_3pct ≤ sales_3pct, real_estate_sales ≤ sales_5pct)
    are inclusive: equality is allowed.
 5. threshold is reported as the parameter value (e.g. "100000", "450000").
 6. Not exercised (not settled): month lists for a `month` period, prices_include_tax in a
    quarter spanning a rate change, a month whose 专票 exceed its sales.
"""


def VAT(file, name, ptype, start, s3, sp=None, s5=None, re_=None, incl=None, loc=None,
        ms=None, mp=None, error=None, parameters=None, worked=None, notes=None, new=False):
    inp = {"period_type": Bare(ptype), "period_start": date(start), "sales_3pct": s3}
    if sp is not None:
        inp["special_invoice_3pct"] = sp
    if s5 is not None:
        inp["sales_5pct"] = s5
    if re_ is not None:
        inp["real_estate_sales"] = re_
    if ms is not None:
        inp["month_sales_3pct"] = ms
    if mp is not None:
        inp["month_special_invoice_3pct"] = mp
    if incl is not None:
        inp["prices_include_tax"] = incl
    if loc is not None:
        inp["location"] = Bare(loc)
    case(file, name, "small-scale-vat", inp, parameters=parameters, error=error, worked=worked,
         notes=notes, new=new)


VAT(F, "VAT worked: 2023-Q2 quarter, sales_3pct 400,000 → vat 4,000.00, surtax_due 240.00",
    "quarter", "2023-04-01", "400000",
    worked={"vat": "4000.00", "vat_statutory": "12000.00", "vat_relief": "8000.00",
            "urban_maintenance_due": "140.00", "education_due": "60.00",
            "local_education_due": "40.00", "surtax_due": "240.00", "exempt": False})
VAT(F, "VAT worked: 2023-05 month, 80,000 + 500,000 real estate → vat 25,000.00",
    "month", "2023-05-01", "80000", s5="500000", re_="500000",
    worked={"vat": "25000.00", "exempt": True, "vat_statutory": "27400.00",
            "surtax_due": "1500.00"})
VAT(F, "VAT 2023-05 month, 90,000 without special invoices → exempt, vat 0.00",
    "month", "2023-05-01", "90000")
VAT(F, "VAT 2023-05 month, 90,000 of which 30,000 on special invoices → vat 300.00",
    "month", "2023-05-01", "90000", sp="30000",
    notes={"education_due": "90,000 ≤ 100,000: exempt → 0.00",
           "local_education_due": "90,000 ≤ 100,000: exempt → 0.00",
           "surtax_due": "urban only: round2(300 × 7%) − round2(21 × 50%) = 10.50",
           "surtax_relief": "10.50 + 9.00 + 6.00 = 25.50"})
VAT(F, "VAT 2023-05 month, all 90,000 on special invoices → vat 900.00, still exempt",
    "month", "2023-05-01", "90000", sp="90000",
    notes={"education_due": "90,000 ≤ 100,000: exempt → 0.00",
           "local_education_due": "90,000 ≤ 100,000: exempt → 0.00",
           "surtax_due": "urban only: round2(900 × 7%) − round2(63 × 50%) = 31.50",
           "surtax_relief": "31.50 + 27.00 + 18.00 = 76.50"})
VAT(F, "VAT 2023-05 month over threshold with special invoices → vat on all sales 1,500.00",
    "month", "2023-05-01", "150000", sp="50000")
VAT(F, "VAT 2023-05 month, real estate takes total over but the rest is at T → special 200 + real estate 12,500",
    "month", "2023-05-01", "90000", sp="20000", s5="260000", re_="250000")
VAT(F, "VAT 2023-05 month, non-real-estate 5% sales push the total over → vat 3,100.00",
    "month", "2023-05-01", "60000", s5="50000")
VAT(F, "VAT 2023-05 month, over threshold even without real estate → vat 16,200.00",
    "month", "2023-05-01", "120000", s5="300000", re_="300000")
VAT(F, "VAT 2023-05 month, 5% sales only and under threshold → exempt, vat 0.00",
    "month", "2023-05-01", "0", s5="80000")
# at / one fen over each threshold, monthly and quarterly, in each era
for era, ptype, start, T in (
        ("2019-2021 era", "month", "2020-06-01", "100000"),
        ("2019-2021 era", "quarter", "2019-07-01", "300000"),
        ("2021-2022 era", "month", "2021-06-01", "150000"),
        ("2021-2022 era", "quarter", "2021-07-01", "450000"),
        ("2021-2022 era (0% rate)", "quarter", "2022-07-01", "450000"),
        ("2023-2027 era", "month", "2023-05-01", "100000"),
        ("2023-2027 era", "quarter", "2023-07-01", "300000")):
    label = f"{start[:7]} {ptype}"
    VAT(F, f"VAT {era} {label} at the threshold {int(T):,} → exempt", ptype, start, T)
    over = str(D(T) + CENT)
    if start.startswith("2022"):
        VAT(F, f"VAT {era} {label} one fen over the threshold ({int(T):,}.01) → taxed at 0%, "
               "exempt (r = 0)", ptype, start, over,
            notes={"exempt": "docs/POLICY.md §5: r = 0 → true"})
    else:
        VAT(F, f"VAT {era} {label} one fen over the threshold ({int(T):,}.01) → taxed", ptype,
            start, over)
VAT(F, "VAT prices_include_tax 2023-05: 101,000 incl. 1% → 100,000.00, exempt at threshold",
    "month", "2023-05-01", "101000", incl=True)
VAT(F, "VAT prices_include_tax 2023-05: 101,000.02 incl. → 100,000.02, one fen over, taxed",
    "month", "2023-05-01", "101000.02", incl=True)
VAT(F, "VAT prices_include_tax 2023-05 with special invoices and real estate",
    "month", "2023-05-01", "50500", sp="10100", s5="315000", re_="315000", incl=True)
VAT(F, "VAT prices_include_tax 2023-05 rounding: 123,456 incl. → 122,233.66 ex",
    "month", "2023-05-01", "123456", sp="1234", s5="10000", incl=True)
VAT(F, "VAT prices_include_tax 2019-Q3: 309,000 incl. 3% → 300,000.00, exempt",
    "quarter", "2019-07-01", "309000", incl=True)
VAT(F, "VAT prices_include_tax 2022-Q3 at 0%: 500,000 stays 500,000, over threshold, vat 0.00, exempt",
    "quarter", "2022-07-01", "500000", incl=True,
    notes={"exempt": "docs/POLICY.md §5: r = 0 → true"})
VAT(F, "VAT prices_include_tax false stated explicitly equals the default",
    "quarter", "2023-04-01", "400000", incl=False)
VAT(F, "VAT location urban stated explicitly (7%) equals the default",
    "quarter", "2023-04-01", "400000", loc="urban")
VAT(F, "VAT location county (5%): urban maintenance 200.00 − 100.00",
    "quarter", "2023-04-01", "400000", loc="county")
VAT(F, "VAT location other (1%): urban maintenance 40.00 − 20.00",
    "quarter", "2023-04-01", "400000", loc="other")
VAT(F, "VAT surtax half-up: vat 1,234.43 → each halving rounds a half fen up",
    "month", "2023-05-01", "123443")
VAT(F, "VAT 2022-05 month over threshold at 0% → vat 0.00, exempt (r = 0)",
    "month", "2022-05-01", "200000",
    notes={"exempt": "docs/POLICY.md §5: r = 0 → true"})
VAT(F, "VAT 2022-06 month, 50,000 of 100,000 on special invoices at 3% → vat 1,500.00",
    "month", "2022-06-01", "100000", sp="50000",
    notes={"vat": "专票 at s = 3% in 2022-04..12: 50,000 × 3% = 1,500.00",
           "vat_relief": "100,000 × 3% − 1,500.00 = 1,500.00",
           "urban_maintenance_due": "round2(1,500 × 7%) − round2(105 × 50%) = 52.50",
           "education_due": "100,000 ≤ 100,000: exempt → 0.00",
           "local_education_due": "exempt → 0.00",
           "surtax_due": "52.50 + 0 + 0 = 52.50",
           "surtax_relief": "52.50 + 45.00 + 30.00 = 127.50"})
VAT(F, "VAT 2021-06 month special invoices at 1% within the 150,000 threshold → vat 400.00",
    "month", "2021-06-01", "120000", sp="40000")
VAT(F, "VAT 2019-06 month over threshold at 3% → vat equals statutory, relief 0.00",
    "month", "2019-06-01", "120000")
VAT(F, "VAT special invoices equal to all 3% sales are allowed", "month", "2023-05-01",
    "50000", sp="50000",
    notes={"education_due": "50,000 ≤ 100,000: exempt → 0.00",
           "local_education_due": "exempt → 0.00",
           "surtax_due": "urban only: round2(500 × 7%) − round2(35 × 50%) = 17.50",
           "surtax_relief": "17.50 + 15.00 + 10.00 = 42.50"})
VAT(F, "VAT error: special_invoice_3pct above sales_3pct", "month", "2023-05-01", "50000",
    sp="50000.01", error="special_invoice_3pct")
VAT(F, "VAT error: real_estate_sales above sales_5pct", "month", "2023-05-01", "50000",
    s5="100000", re_="100000.01", error="real_estate_sales")
VAT(F, "VAT error: month period_start 2023-05-15 is not the first of the month", "month",
    "2023-05-15", "50000", error="period_start")
VAT(F, "VAT error: quarter period_start 2023-05-01 is not a quarter start", "quarter",
    "2023-05-01", "50000", error="period_start")
VAT(F, "VAT error: quarter period_start 2023-04-02 is not the first day", "quarter",
    "2023-04-02", "50000", error="period_start")
VAT(F, "VAT error: unknown period_type year", "year", "2023-01-01", "50000",
    error="period_type")
VAT(F, "VAT error: unknown location city", "month", "2023-05-01", "50000", loc="city",
    error="location")
VAT(F, "VAT error: negative sales_3pct", "month", "2023-05-01", "-50000", error="sales_3pct")
VAT(F, "VAT error: negative sales_5pct", "month", "2023-05-01", "50000", s5="-1",
    error="sales_5pct")

# ---- added 2026-12-02: 专票 rate s, education exemption, quarters spanning a rate change
VAT(F, "VAT worked: 2022-05 month, 120,000 of which 50,000 on 专票 → vat 1,500.00, surtax_due 90.00",
    "month", "2022-05-01", "120000", sp="50000", new=True,
    worked={"vat": "1500.00", "exempt": True, "urban_maintenance_due": "52.50",
            "education_due": "22.50", "local_education_due": "15.00", "surtax_due": "90.00"},
    notes={"reason": "120,000 ≤ threshold 150,000 → within_threshold",
           "exempt": "within the threshold → true",
           "vat": "专票 at 3%: 50,000 × 3% = 1,500.00",
           "urban_maintenance_due": "round2(1,500 × 7%) − round2(105 × 50%) = 52.50",
           "education_due": "120,000 > 100,000, not exempt: 1,500 × 3% − 45 × 50% = 22.50",
           "local_education_due": "1,500 × 2% − 30 × 50% = 15.00",
           "surtax_due": "52.50 + 22.50 + 15.00 = 90.00"})
VAT(F, "VAT worked: 2023-05 month, 80,000 of which 50,000 on 专票 → vat 500.00, surtax_due 17.50",
    "month", "2023-05-01", "80000", sp="50000", new=True,
    worked={"vat": "500.00", "surtax_due": "17.50"},
    notes={"vat": "50,000 × 1% = 500.00",
           "urban_maintenance_due": "500 × 7% − 35 × 50% = 17.50",
           "education_due": "80,000 ≤ 100,000: exempt → 0.00",
           "local_education_due": "80,000 ≤ 100,000: exempt → 0.00",
           "surtax_due": "17.50 + 0 + 0 = 17.50",
           "surtax_relief": "17.50 + 15.00 + 10.00 = 42.50"})
VAT(F, "VAT worked: 2020-Q1 with months of 200,000 each → 6,000 + 6,000 + 2,000 = 14,000.00",
    "quarter", "2020-01-01", "600000", ms=["200000", "200000", "200000"], new=True,
    worked={"vat": "14000.00"},
    notes={"reason": "600,000 > 300,000 → above_threshold",
           "exempt": "above the threshold, r = 3% / 1% → false",
           "vat": "round2(200,000 × 3%) + round2(200,000 × 3%) + round2(200,000 × 1%) = 14,000.00",
           "vat_statutory": "600,000 × 3% = 18,000.00",
           "vat_relief": "18,000 − 14,000 = 4,000.00",
           "urban_maintenance_due": "14,000 × 7% − 980 × 50% = 490.00",
           "education_due": "600,000 > 300,000: 14,000 × 3% − 420 × 50% = 210.00",
           "local_education_due": "14,000 × 2% − 280 × 50% = 140.00",
           "surtax_due": "490 + 210 + 140 = 840.00"})
VAT(F, "VAT 2020-Q1 month_sales_3pct as a ; string gives the same 14,000.00",
    "quarter", "2020-01-01", "600000", ms="200000;200000;200000", new=True,
    notes={"vat": "round2(200,000 × 3%) + round2(200,000 × 3%) + round2(200,000 × 1%) = 14,000.00"})
VAT(F, "VAT error: 2020-Q1 without month_sales_3pct (the rate changes on 2020-03-01)",
    "quarter", "2020-01-01", "600000", error="month_sales_3pct", new=True,
    notes={"expect_error": "docs/POLICY.md §5: r and s are 3% in Jan, Feb and 1% in Mar 2020"})
VAT(F, "VAT 2020-Q2 needs no months (1% in April, May and June) → 6,000.00",
    "quarter", "2020-04-01", "600000", new=True,
    notes={"vat": "600,000 × 1% = 6,000.00",
           "reason": "600,000 > 300,000 → above_threshold"})
VAT(F, "VAT 2020-Q1 each month rounded: 100,000.50 a month → 3,000.02 + 3,000.02 + 1,000.01",
    "quarter", "2020-01-01", "300001.50", ms=["100000.50", "100000.50", "100000.50"],
    new=True,
    notes={"reason": "300,001.50 > 300,000 → above_threshold",
           "vat": "round2(100,000.50 × 3%) + round2(100,000.50 × 3%) + round2(100,000.50 × 1%) "
                  "= 7,000.05",
           "vat_statutory": "300,001.50 × 3% = 9,000.05",
           "education_due": "300,001.50 > 300,000: round2(7,000.05 × 3%) − round2(210.00 × 50%)"
                            " = 105.00"})
VAT(F, "VAT 2020-Q1 within the threshold with 专票 per month → 300 + 300 + 100 = 700.00",
    "quarter", "2020-01-01", "250000", sp="30000", ms="100000;100000;50000",
    mp="10000;10000;10000", new=True,
    notes={"reason": "250,000 ≤ 300,000 → within_threshold",
           "exempt": "within the threshold → true",
           "vat": "round2(10,000 × 3%) + round2(10,000 × 3%) + round2(10,000 × 1%) = 700.00",
           "urban_maintenance_due": "700 × 7% − 49 × 50% = 24.50",
           "education_due": "250,000 ≤ 300,000: exempt → 0.00",
           "surtax_due": "24.50 + 0 + 0 = 24.50"})
VAT(F, "VAT 2020-Q1 above the threshold with 专票 per month",
    "quarter", "2020-01-01", "469135.78", sp="34567.89",
    ms=["123456.78", "234567.89", "111111.11"], mp=["23456.78", "0", "11111.11"], new=True,
    notes={"vat": "round2(100,000 × 3% + 23,456.78 × 3%) + round2(234,567.89 × 3%) + "
                  "round2(100,000 × 1% + 11,111.11 × 1%) = 11,851.85",
           "vat_statutory": "469,135.78 × 3% = 14,074.07",
           "vat_relief": "14,074.07 − 11,851.85 = 2,222.22"})
VAT(F, "VAT 2020-Q1 real estate takes the total over → 50,000.00 on the real estate only",
    "quarter", "2020-01-01", "240000", s5="1000000", re_="1000000",
    ms=["80000", "80000", "80000"], new=True,
    notes={"reason": "1,240,000 − 1,000,000 = 240,000 ≤ 300,000 → "
                     "within_threshold_except_real_estate",
           "vat": "no 专票: 0 + round2(1,000,000 × 5%) = 50,000.00",
           "exempt": "the 3% items are exempt → true"})
VAT(F, "VAT error: 2020-Q1 with 专票 but no month_special_invoice_3pct",
    "quarter", "2020-01-01", "600000", sp="30000", ms=["200000", "200000", "200000"],
    error="month_special_invoice_3pct", new=True,
    notes={"expect_error": "docs/POLICY.md §5: may be omitted only when special_invoice_3pct is 0"})
VAT(F, "VAT error: 2020-Q1 months summing to one fen more than sales_3pct",
    "quarter", "2020-01-01", "600000", ms=["200000", "200000", "200000.01"],
    error="month_sales_3pct", new=True,
    notes={"expect_error": "200,000 + 200,000 + 200,000.01 ≠ 600,000"})
VAT(F, "VAT error: 2020-Q1 专票 months not summing to special_invoice_3pct",
    "quarter", "2020-01-01", "600000", sp="30000", ms=["200000", "200000", "200000"],
    mp=["10000", "10000", "9999.99"], error="month_special_invoice_3pct", new=True,
    notes={"expect_error": "10,000 + 10,000 + 9,999.99 ≠ 30,000"})
VAT(F, "VAT error: 2020-Q1 with two monthly amounts", "quarter", "2020-01-01", "600000",
    ms="300000;300000", error="month_sales_3pct", new=True,
    notes={"expect_error": "docs/POLICY.md §5: three amounts, one per month"})
VAT(F, "VAT 2023-Q2 with month_sales_3pct given (no change inside): checked, taxed as one quarter",
    "quarter", "2023-04-01", "400000", ms=["100000.01", "100000.01", "199999.98"], new=True,
    notes={"vat": "one period: 400,000 × 1% = 4,000.00"})
VAT(F, "VAT error: 2023-Q2 month_sales_3pct summing to less than sales_3pct",
    "quarter", "2023-04-01", "400000", ms=["100000", "100000", "199999.99"],
    error="month_sales_3pct", new=True,
    notes={"expect_error": "100,000 + 100,000 + 199,999.99 ≠ 400,000"})
VAT(F, "VAT 2022-06 month above the threshold with 专票 → 1,500.00 on the 专票, exempt (r = 0)",
    "month", "2022-06-01", "200000", sp="50000", new=True,
    notes={"reason": "200,000 > 150,000 → above_threshold",
           "vat": "150,000 × 0% + 50,000 × 3% = 1,500.00",
           "exempt": "r = 0 → true"})
VAT(F, "VAT prices_include_tax 2022-06: 专票 converted at 3%, the rest at 0%",
    "month", "2022-06-01", "206000", sp="51500", incl=True, new=True,
    notes={"reason": "round2(154,500 / 1.00) + round2(51,500 / 1.03) = 204,500 > 150,000 → "
                     "above_threshold",
           "vat": "154,500.00 × 0% + round2(51,500 / 1.03) × 3% = 1,500.00",
           "vat_statutory": "(154,500.00 + 50,000.00) × 3% = 6,135.00"})
VAT(F, "VAT worked: 2022-06 prices_include_tax, 206,000 of which 103,000 on 专票 → 3,000.00",
    "month", "2022-06-01", "206000", sp="103000", incl=True, new=True,
    worked={"vat": "3000.00", "exempt": True, "vat_statutory": "6090.00"},
    notes={"reason": "103,000 / 1.00 + 103,000 / 1.03 = 203,000 > 150,000 → above_threshold",
           "exempt": "r = 0 → true",
           "vat": "103,000.00 × 0 + round2(103,000 / 1.03) × 3% = 3,000.00",
           "vat_statutory": "203,000.00 × 3% = 6,090.00"})
VAT(F, "VAT education exemption: 2021-06 month at 100,000.00 exactly → education exempt",
    "month", "2021-06-01", "100000.00", sp="40000", new=True,
    notes={"vat": "within 150,000: 40,000 × 1% = 400.00",
           "urban_maintenance_due": "400 × 7% − 28 × 50% = 14.00",
           "education_due": "100,000.00 ≤ 100,000: exempt → 0.00",
           "local_education_due": "exempt → 0.00",
           "surtax_due": "14.00 + 0 + 0 = 14.00"})
VAT(F, "VAT education exemption: 2021-06 month at 100,000.01 → education halved, not exempt",
    "month", "2021-06-01", "100000.01", sp="40000", new=True,
    notes={"vat": "within 150,000: 40,000 × 1% = 400.00",
           "education_due": "100,000.01 > 100,000: 400 × 3% − 12 × 50% = 6.00",
           "local_education_due": "400 × 2% − 8 × 50% = 4.00",
           "surtax_due": "14.00 + 6.00 + 4.00 = 24.00"})
VAT(F, "VAT education exemption: 2023-05 month of 100,000.00 all on 专票 → 35.00",
    "month", "2023-05-01", "100000.00", sp="100000.00", new=True,
    notes={"vat": "100,000 × 1% = 1,000.00",
           "education_due": "100,000.00 ≤ 100,000: exempt → 0.00",
           "surtax_due": "urban only: 1,000 × 7% − 70 × 50% = 35.00"})
VAT(F, "VAT education exemption: 2023-05 month of 100,000.01 all on 专票 → 60.00",
    "month", "2023-05-01", "100000.01", sp="100000.01", new=True,
    notes={"reason": "100,000.01 > 100,000 → above_threshold",
           "vat": "round2(0 × 1% + 100,000.01 × 1%) = 1,000.00",
           "education_due": "1,000 × 3% − 30 × 50% = 15.00",
           "local_education_due": "1,000 × 2% − 20 × 50% = 10.00",
           "surtax_due": "35.00 + 15.00 + 10.00 = 60.00"})
VAT(F, "VAT education exemption: 2023-Q3 quarter of 300,000 all on 专票 → 105.00",
    "quarter", "2023-07-01", "300000", sp="300000", new=True,
    notes={"vat": "300,000 × 1% = 3,000.00",
           "education_due": "300,000 ≤ 300,000: exempt → 0.00",
           "local_education_due": "exempt → 0.00",
           "surtax_due": "urban only: 3,000 × 7% − 210 × 50% = 105.00"})
VAT(F, "VAT education exemption: 2023-Q3 quarter of 300,000.01 all on 专票 → 180.00",
    "quarter", "2023-07-01", "300000.01", sp="300000.01", new=True,
    notes={"vat": "round2(300,000.01 × 1%) = 3,000.00",
           "education_due": "300,000.01 > 300,000: 3,000 × 3% − 90 × 50% = 45.00",
           "local_education_due": "3,000 × 2% − 60 × 50% = 30.00",
           "surtax_due": "105.00 + 45.00 + 30.00 = 180.00"})
VAT(F, "VAT education exemption: 2021-Q3 quarter of 300,000 (VAT threshold 450,000) → exempt",
    "quarter", "2021-07-01", "300000", sp="100000", new=True,
    notes={"vat": "within 450,000: 100,000 × 1% = 1,000.00",
           "education_due": "300,000 ≤ 300,000: exempt → 0.00",
           "surtax_due": "urban only: 1,000 × 7% − 70 × 50% = 35.00"})
VAT(F, "VAT education exemption: 2021-Q3 quarter of 300,000.01 (VAT threshold 450,000) → halved",
    "quarter", "2021-07-01", "300000.01", sp="100000", new=True,
    notes={"vat": "within 450,000: 100,000 × 1% = 1,000.00",
           "education_due": "300,000.01 > 300,000: 1,000 × 3% − 30 × 50% = 15.00",
           "surtax_due": "35.00 + 15.00 + 10.00 = 60.00"})
VAT(F, "VAT education exemption counts 5% sales: 2023-05, 60,000 专票 + 40,000 real estate",
    "month", "2023-05-01", "60000", sp="60000", s5="40000", re_="40000", new=True,
    notes={"reason": "100,000 ≤ 100,000 → within_threshold",
           "vat": "60,000 × 1% = 600.00",
           "education_due": "60,000 + 40,000 = 100,000 ≤ 100,000: exempt → 0.00"})
VAT(F, "VAT education exemption counts 5% sales: 2023-05, 60,000 专票 + 40,000.01 other 5% sales",
    "month", "2023-05-01", "60000", sp="60000", s5="40000.01", new=True,
    notes={"reason": "100,000.01 > 100,000 → above_threshold",
           "vat": "round2(0 × 1% + 60,000 × 1%) + round2(40,000.01 × 5%) = 2,600.00",
           "education_due": "60,000 + 40,000.01 > 100,000: 2,600 × 3% − 78 × 50% = 39.00"})
# ---------------------------------------------------------------- small-profit-cit.yaml
F = "small-profit-cit.yaml"
HEADERS[F] = """\
Small low-profit enterprise CIT (docs/POLICY.md §6, 第二十二条). Expected values:
Scripts/scenario_expectations.py. Tax-year boundaries (2018/2019, 2020/2021, 2021/2022,
2022/2023, 2027/2028) and overrides are in parameters.yaml.

Readings chosen where docs/POLICY.md §6 is silent or ambiguous (please review):
 1. `reason` is the first that applies in the order of docs/POLICY.md §6, including for a
    zero income: income 0 with 400 employees is employees_over_limit, not no_taxable_income.
 2. tax_due is rounded once, on the sum of the band amounts (round2(Σ band × rate)).
 3. For a high-tech enterprise standard_tax is at 15%; when also eligible, tax_due is the lower
    of the small-profit tax and that 15% tax (always the small-profit tax with the rates of §6).
 4. employees is compared exactly as a decimal: 300.01 is over the limit of 300.
 5. An eligible enterprise with a tiny income can have tax_due 0.00 while standard_tax is
    0.01 (income 0.02): each is rounded on its own.
"""


def CIT(file, name, year, income, employees="50", assets="10000000", restricted=None,
        high_tech=None, error=None, parameters=None, worked=None):
    inp = {"tax_year": year, "taxable_income": income, "employees": employees,
           "total_assets": assets}
    if restricted is not None:
        inp["restricted_industry"] = restricted
    if high_tech is not None:
        inp["high_tech"] = high_tech
    case(file, name, "small-profit-cit", inp, parameters=parameters, error=error, worked=worked)


CIT(F, "CIT worked: 2023 income 2,800,000 → 140,000.00", 2023, "2800000",
    worked={"tax_due": "140000.00", "standard_tax": "700000.00", "eligible": True})
CIT(F, "CIT worked: 2022 income 2,800,000 → 115,000.00", 2022, "2800000",
    worked={"tax_due": "115000.00", "standard_tax": "700000.00"})
CIT(F, "CIT worked: 2021 income 2,800,000 → 205,000.00", 2021, "2800000",
    worked={"tax_due": "205000.00", "standard_tax": "700000.00"})
CIT(F, "CIT worked: 2019 income 2,800,000 → 230,000.00", 2019, "2800000",
    worked={"tax_due": "230000.00", "standard_tax": "700000.00"})
CIT(F, "CIT 2020 income 2,800,000 → 230,000.00 (same bands as 2019)", 2020, "2800000")
CIT(F, "CIT 2023 income exactly 3,000,000.00 is still eligible → 150,000.00", 2023,
    "3000000.00")
CIT(F, "CIT worked: 2023 income 3,000,000.01 falls off the cliff → 750,000.00", 2023,
    "3000000.01", worked={"tax_due": "750000.00", "eligible": False,
                        "reason": "income_over_limit"})
CIT(F, "CIT 2022 income 3,000,000.01 falls off the cliff → 750,000.00", 2022, "3000000.01")
CIT(F, "CIT 2023 employees exactly 300 → eligible", 2023, "2000000", employees="300")
CIT(F, "CIT 2023 employees 301 → employees_over_limit, full 25%", 2023, "2000000",
    employees="301")
CIT(F, "CIT 2023 employees 300.01 (annual average) → employees_over_limit", 2023, "2000000",
    employees="300.01")
CIT(F, "CIT 2023 assets exactly 50,000,000 → eligible", 2023, "2000000", assets="50000000")
CIT(F, "CIT 2023 assets 50,000,000.01 → assets_over_limit", 2023, "2000000",
    assets="50000000.01")
CIT(F, "CIT 2023 restricted industry → restricted_industry, full 25%", 2023, "2000000",
    restricted=True)
CIT(F, "CIT restricted_industry false stated explicitly equals the default", 2023, "2000000",
    restricted=False, high_tech=False)
CIT(F, "CIT restricted and over every limit → restricted_industry (first check)", 2023,
    "5000000", employees="500", assets="60000000", restricted=True)
CIT(F, "CIT income and employees over → income_over_limit (checked before employees)", 2023,
    "5000000", employees="500")
CIT(F, "CIT employees and assets over → employees_over_limit (checked before assets)", 2023,
    "2000000", employees="500", assets="60000000")
CIT(F, "CIT 2023 zero income → no_taxable_income, all zero", 2023, "0")
CIT(F, "CIT 2023 zero income with 400 employees → employees_over_limit (order)", 2023, "0",
    employees="400")
CIT(F, "CIT 2023 high-tech and eligible → lower of 140,000.00 and 15% 420,000.00", 2023,
    "2800000", high_tech=True)
CIT(F, "CIT 2019 high-tech and eligible → small-profit 230,000.00 beats 15%", 2019,
    "2800000", high_tech=True)
CIT(F, "CIT 2023 high-tech over the income limit → 15% standard tax", 2023, "5000000",
    high_tech=True)
CIT(F, "CIT 2023 high-tech with 301 employees → 15% standard tax", 2023, "2000000",
    employees="301", high_tech=True)
CIT(F, "CIT 2023 income 800,000 (band 1 only) → 40,000.00", 2023, "800000")
CIT(F, "CIT 2022 income exactly 1,000,000 → 25,000.00", 2022, "1000000")
CIT(F, "CIT 2021 income 1,234,567.89 → 25,000 + 23,456.789 = 48,456.79", 2021,
    "1234567.89")
CIT(F, "CIT 2022 income 1,000,000.01 → 25,000.0005 rounds to 25,000.00", 2022, "1000000.01")
CIT(F, "CIT 2023 half-up: income 123,456.78 → standard 30,864.195 rounds to 30,864.20", 2023,
    "123456.78")
CIT(F, "CIT 2023 income 0.02 → tax 0.00, standard 0.01, relief 0.01", 2023, "0.02")
CIT(F, "CIT 2023 zero employees and zero assets are fine", 2023, "500000", employees="0",
    assets="0")
CIT(F, "CIT error: negative taxable_income", 2023, "-1", error="taxable_income")
CIT(F, "CIT error: negative employees", 2023, "1000000", employees="-1", error="employees")
CIT(F, "CIT error: negative total_assets", 2023, "1000000", assets="-1", error="total_assets")

# ---------------------------------------------------------------- rd-super-deduction.yaml

# ---------------------------------------------------------------- rd-super-deduction.yaml
F = "rd-super-deduction.yaml"
HEADERS[F] = """\
R&D super-deduction (docs/POLICY.md §7, 第二十二条). Expected values: Scripts/scenario_expectations.py.
Tax-year boundaries (2017/2018, the 2021, 2022, 2023 ratio changes and ic_or_machine_tool's
2023..2027) and overrides are in parameters.yaml.

Changed by the rules of 2026-12-02 (docs/POLICY.md §7):
 - cit_rate is required: every case that relied on the old 25% default now states
   cit_rate "25%"; none of their expected values changed.
 - New: missing / implausible cit_rate, the 5% small low-profit rate, category
   ic_or_machine_tool (120% from 2023), the 2022 Q4 proportional method, the 2022 Q4 high-tech
   equipment (extra_equipment, part of extra_total).

Readings chosen where docs/POLICY.md §7 is silent or ambiguous (please review):
 1. q4_expensed_rd given for 2022 manufacturing/tech_sme is accepted and changes nothing
    (their ratio is already 1.00): extra = round2(expensed_rd × 1.00).
 2. q4_expensed_rd equal to expensed_rd is allowed (the whole year's spending in Q4).
 3. `excluded` has ratio 0: no extra deduction, and amortization_deduction is the plain
    amortization intangible_cost × months / (12 × years) (since 1 + 0 = 1).
 4. cit_rate accepts a percent string ("15%") like every other rate; "25" without % is refused.
 5. q4_method proportional: extra_expensed = round2((expensed × q4 × 1.00 + expensed ×
    (months − q4) × 0.75) / months), one rounding; operating_months_2022 must be >= 1 and >=
    q4_operating_months. Any of q4_method, q4_operating_months, operating_months_2022,
    q4_expensed_rd given outside tax year 2022 is an error naming it, except q4_method: actual
    (the default, so that a file may fill the column on every row).
 6. hightech_equipment_q4_2022 "0" outside 2022 is accepted (only a non-zero amount is refused);
    extra_equipment is "0.00" when not given.
 7. ic_or_machine_tool is as general in 2022, Q4 rules included (docs/POLICY.md §7 table).
    Not exercised (not settled): the equipment of an `excluded` enterprise.
"""

NO_CIT_RATE = object()


def RD(file, name, year, category, expensed, q4=None, intangible=None, years=None,
       months=None, cit_rate="25%", error=None, parameters=None, worked=None, notes=None,
       new=False, **extra):
    inp = {"tax_year": year, "category": Bare(category), "expensed_rd": expensed}
    if q4 is not None:
        inp["q4_expensed_rd"] = q4
    for k, v in extra.items():
        inp[k] = Bare(v) if k == "q4_method" else v
    if intangible is not None:
        inp["intangible_cost"] = intangible
    if years is not None:
        inp["amortization_years"] = years
    if months is not None:
        inp["amortization_months"] = months
    if cit_rate is not NO_CIT_RATE:
        inp["cit_rate"] = cit_rate
    case(file, name, "rd-super-deduction", inp, parameters=parameters, error=error,
         worked=worked, notes=notes, new=new)


RD(F, "RD worked: 2023 general, expensed 2,000,000 → extra 2,000,000.00, saving 500,000.00",
   2023, "general", "2000000", worked={"extra_expensed": "2000000.00", "tax_saving": "500000.00"})
RD(F, "RD worked: 2023 general at cit_rate 0.15 → saving 300,000.00", 2023, "general",
   "2000000", cit_rate="0.15", worked={"tax_saving": "300000.00"})
RD(F, "RD worked: intangible 3,000,000 over 10 years, 12 months → 600,000.00 / 300,000.00",
   2023, "general", "0", intangible="3000000", years=10, months=12,
   worked={"amortization_deduction": "600000.00", "extra_amortization": "300000.00",
           "tax_saving": "75000.00"})
RD(F, "RD worked: 2022 general, expensed 1,200,000 with Q4 300,000 → extra 975,000.00",
   2022, "general", "1200000", q4="300000", worked={"extra_expensed": "975000.00",
                                                    "ratio": "0.75"})
RD(F, "RD 2022 general without q4_expensed_rd → 0.75 on everything, 900,000.00", 2022,
   "general", "1200000")
RD(F, "RD 2022 general with all spending in Q4 → 1,200,000.00, ratio still 0.75", 2022,
   "general", "1200000", q4="1200000")
RD(F, "RD 2022 general with Q4 and an intangible → amortization at 0.75", 2022, "general",
   "1200000", q4="300000", intangible="1200000")
RD(F, "RD 2022 manufacturing with q4_expensed_rd → 1.00 on everything", 2022,
   "manufacturing", "1200000", q4="300000")
RD(F, "RD 2022 tech_sme → ratio 1.00", 2022, "tech_sme", "1200000")
RD(F, "RD 2023 excluded category → ratio 0, no extra deduction", 2023, "excluded", "2000000",
   intangible="1200000")
RD(F, "RD 2023 intangible 1,000,000 over 10 years, 7 months → 116,666.67 / 58,333.33", 2023,
   "general", "0", intangible="1000000", months=7)
RD(F, "RD 2023 intangible 3,000,000 over 15 years → 400,000.00 / 200,000.00", 2023, "general",
   "0", intangible="3000000", years=15)
RD(F, "RD 2021 manufacturing, expensed plus intangible over 15 years for 5 months", 2021,
   "manufacturing", "800000", intangible="1000000", years=15, months=5)
RD(F, "RD 2023 intangible for 1 month → 1/120 of cost × 2", 2023, "tech_sme", "0",
   intangible="1000000", months=1)
RD(F, "RD 2021 general half-up: 100,000.02 × 0.75 = 75,000.015 → 75,000.02; saving 18,750.01",
   2021, "general", "100000.02")
RD(F, "RD cit_rate as a percent string 15%", 2023, "manufacturing", "2000000", cit_rate="15%")
RD(F, "RD 2023 zero spending → all zero", 2023, "general", "0")
RD(F, "RD amortization_years 10 and months 12 stated explicitly equal the defaults", 2023,
   "general", "500000", intangible="3000000", years=10, months=12, cit_rate="0.25")
RD(F, "RD error: q4_expensed_rd in 2023", 2023, "general", "1200000", q4="300000",
   error="q4_expensed_rd")
RD(F, "RD error: q4_expensed_rd in 2021", 2021, "general", "1200000", q4="300000",
   error="q4_expensed_rd")
RD(F, "RD error: q4_expensed_rd above expensed_rd", 2022, "general", "1200000",
   q4="1200000.01", error="q4_expensed_rd")
RD(F, "RD error: amortization_years 9", 2023, "general", "0", intangible="1000000", years=9,
   error="amortization_years")
RD(F, "RD error: amortization_months 0", 2023, "general", "0", intangible="1000000",
   months=0, error="amortization_months")
RD(F, "RD error: amortization_months 13", 2023, "general", "0", intangible="1000000",
   months=13, error="amortization_months")
RD(F, "RD error: unknown category services", 2023, "services", "1000000", error="category")
RD(F, "RD error: negative expensed_rd", 2023, "general", "-1", error="expensed_rd")
RD(F, "RD error: negative intangible_cost", 2023, "general", "0", intangible="-1",
   error="intangible_cost")

# ---- added 2026-12-02: cit_rate required, ic_or_machine_tool, 2022 Q4 proportional, equipment
RD(F, "RD error: cit_rate missing (no 25% default any more)", 2023, "general", "2000000",
   cit_rate=NO_CIT_RATE, error="cit_rate", new=True,
   notes={"expect_error": "docs/POLICY.md §7: cit_rate is required"})
RD(F, "RD error: the missing-cit_rate message lists 15% (high-tech)", 2023, "general", "2000000",
   cit_rate=NO_CIT_RATE, error="15%", new=True,
   notes={"expect_error": "docs/POLICY.md §7: the message lists 25%, 15% and 5%"})
RD(F, "RD error: the missing-cit_rate message lists 25% (standard)", 2023, "general", "2000000",
   cit_rate=NO_CIT_RATE, error="25%", new=True,
   notes={"expect_error": "docs/POLICY.md §7: the message lists 25%, 15% and 5%"})
RD(F, "RD error: cit_rate \"25\" without % is refused", 2023, "general", "2000000",
   cit_rate="25", error="write 25%", new=True,
   notes={"expect_error": "docs/POLICY.md §1: 25 >= 1 without % would be 2500%"})
RD(F, "RD cit_rate 5% (small low-profit effective rate) → saving 100,000.00", 2023, "general",
   "2000000", cit_rate="5%", new=True,
   notes={"extra_total": "2,000,000 × 1.00 = 2,000,000.00",
          "tax_saving": "2,000,000 × 5% = 100,000.00"})
RD(F, "RD 2023 ic_or_machine_tool → ratio 1.20, extra 2,400,000.00", 2023, "ic_or_machine_tool",
   "2000000", new=True,
   notes={"ratio": "2023年第44号: 1.20",
          "extra_expensed": "2,000,000 × 1.20 = 2,400,000.00",
          "extra_equipment": "none given: 0.00",
          "extra_total": "2,400,000.00 + 0 + 0 = 2,400,000.00",
          "tax_saving": "2,400,000 × 25% = 600,000.00"})
RD(F, "RD 2023 ic_or_machine_tool intangible 3,000,000 over 10 years → amortization at 220%",
   2023, "ic_or_machine_tool", "0", intangible="3000000", new=True,
   notes={"amortization_deduction": "3,000,000 × 2.20 × 12 / 120 = 660,000.00",
          "extra_amortization": "3,000,000 × 1.20 × 12 / 120 = 360,000.00",
          "tax_saving": "360,000 × 25% = 90,000.00"})
RD(F, "RD 2022 ic_or_machine_tool is as general → 0.75", 2022, "ic_or_machine_tool",
   "2000000", new=True,
   notes={"ratio": "2022: as general, 0.75",
          "extra_expensed": "2,000,000 × 0.75 = 1,500,000.00"})
RD(F, "RD 2022 proportional, 3 of 12 months in Q4 → 975,000.00 like the actual worked example",
   2022, "general", "1200000", q4_method="proportional", q4_operating_months=3,
   operating_months_2022=12, new=True,
   notes={"ratio": "2022 general: 0.75",
          "extra_expensed": "(1,200,000 × 3 × 1.00 + 1,200,000 × 9 × 0.75) / 12 = 975,000.00",
          "tax_saving": "975,000 × 25% = 243,750.00"})
RD(F, "RD 2022 proportional, 3 of 7 months in Q4 → 1,028,571.43 (Q4 share not rounded)",
   2022, "general", "1200000", q4_method="proportional", q4_operating_months=3,
   operating_months_2022=7, new=True,
   notes={"extra_expensed": "(1,200,000 × 3 × 1.00 + 1,200,000 × 4 × 0.75) / 7 = 1,028,571.43",
          "extra_total": "= 1,028,571.43",
          "tax_saving": "1,028,571.43 × 25% = 257,142.86"})
RD(F, "RD 2022 proportional, 2 of 9 months → 805,555.56", 2022, "general", "1000000",
   q4_method="proportional", q4_operating_months=2, operating_months_2022=9, new=True,
   notes={"extra_expensed": "(1,000,000 × 2 × 1.00 + 1,000,000 × 7 × 0.75) / 9 = 805,555.56"})
RD(F, "RD worked: 2022 proportional, 1,000,000 with 2 of 11 months → 795,454.55", 2022,
   "general", "1000000", q4_method="proportional", q4_operating_months=2,
   operating_months_2022=11, new=True, worked={"extra_expensed": "795454.55"},
   notes={"extra_expensed": "(1,000,000 × 2 × 1.00 + 1,000,000 × 9 × 0.75) / 11 = 795,454.55"})
RD(F, "RD worked: 2023 ic_or_machine_tool, expensed 1,000,000 and intangible 1,000,000",
   2023, "ic_or_machine_tool", "1000000", intangible="1000000", new=True,
   worked={"extra_expensed": "1200000.00", "amortization_deduction": "220000.00",
           "extra_amortization": "120000.00"},
   notes={"extra_expensed": "1,000,000 × 1.20 = 1,200,000.00",
          "amortization_deduction": "1,000,000 × 2.20 × 12 / 120 = 220,000.00",
          "extra_amortization": "1,000,000 × 1.20 × 12 / 120 = 120,000.00",
          "extra_total": "1,200,000.00 + 120,000.00 = 1,320,000.00",
          "tax_saving": "1,320,000 × 25% = 330,000.00"})
RD(F, "RD 2022 ic_or_machine_tool with q4_expensed_rd is as general → 975,000.00", 2022,
   "ic_or_machine_tool", "1200000", q4="300000", new=True,
   notes={"ratio": "2022: as general → 0.75",
          "extra_expensed": "300,000 × 1.00 + 900,000 × 0.75 = 975,000.00"})
RD(F, "RD 2022 proportional rounds once: 1 of 6 months → 791,666.67 (791,666.68 if Q4 were rounded first)",
   2022, "general", "1000000.01", q4_method="proportional", q4_operating_months=1,
   operating_months_2022=6, new=True,
   notes={"extra_expensed": "(1,000,000.01 × 1 × 1.00 + 1,000,000.01 × 5 × 0.75) / 6 = 791,666.67"})
RD(F, "RD 2022 proportional, no Q4 months → 0.75 on everything, 900,000.00", 2022, "general",
   "1200000", q4_method="proportional", q4_operating_months=0, operating_months_2022=9,
   new=True,
   notes={"extra_expensed": "(1,200,000 × 0 × 1.00 + 1,200,000 × 9 × 0.75) / 9 = 900,000.00"})
RD(F, "RD 2022 proportional, started in October (3 of 3 months) → 1.00 on everything", 2022,
   "general", "1200000", q4_method="proportional", q4_operating_months=3,
   operating_months_2022=3, new=True,
   notes={"extra_expensed": "(1,200,000 × 3 × 1.00) / 3 = 1,200,000.00",
          "ratio": "the output ratio stays 0.75"})
RD(F, "RD 2022 q4_method actual written out equals the default", 2022, "general", "1200000",
   q4="300000", q4_method="actual", new=True,
   notes={"extra_expensed": "300,000 × 1.00 + 900,000 × 0.75 = 975,000.00"})
RD(F, "RD error: proportional with q4_operating_months 4", 2022, "general", "1200000",
   q4_method="proportional", q4_operating_months=4, operating_months_2022=12,
   error="q4_operating_months", new=True,
   notes={"expect_error": "docs/POLICY.md §7: Q4 has 3 months (0..3)"})
RD(F, "RD error: proportional with operating_months_2022 13", 2022, "general", "1200000",
   q4_method="proportional", q4_operating_months=3, operating_months_2022=13,
   error="operating_months_2022", new=True,
   notes={"expect_error": "docs/POLICY.md §7: at most 12"})
RD(F, "RD error: proportional with fewer months in the year than in Q4", 2022, "general",
   "1200000", q4_method="proportional", q4_operating_months=3, operating_months_2022=2,
   error="operating_months_2022", new=True,
   notes={"expect_error": "docs/POLICY.md §7: q4_operating_months ≤ operating_months_2022"})
RD(F, "RD error: proportional with operating_months_2022 0", 2022, "general", "1200000",
   q4_method="proportional", q4_operating_months=0, operating_months_2022=0,
   error="operating_months_2022", new=True,
   notes={"expect_error": "docs/POLICY.md §7: at least 1 (a divisor)"})
RD(F, "RD error: proportional without q4_operating_months", 2022, "general", "1200000",
   q4_method="proportional", operating_months_2022=12, error="q4_operating_months", new=True,
   notes={"expect_error": "docs/POLICY.md §7: proportional needs q4_operating_months"})
RD(F, "RD error: proportional together with q4_expensed_rd", 2022, "general", "1200000",
   q4="300000", q4_method="proportional", q4_operating_months=3, operating_months_2022=12,
   error="q4_expensed_rd", new=True,
   notes={"expect_error": "docs/POLICY.md §7: proportional refuses q4_expensed_rd"})
RD(F, "RD error: q4_method proportional outside tax year 2022", 2023, "general", "1200000",
   q4_method="proportional", q4_operating_months=3, operating_months_2022=12, error="q4_method", new=True,
   notes={"expect_error": "docs/POLICY.md §7: the proportional method is 2022's only"})
RD(F, "RD q4_method actual (the default) is accepted outside 2022: 2023, 1,200,000 → 1,200,000.00",
   2023, "general", "1200000", q4_method="actual", new=True,
   notes={"extra_expensed": "1,200,000 × 100% = 1,200,000.00"})
RD(F, "RD error: q4_operating_months outside tax year 2022", 2021, "general", "1200000",
   q4_operating_months=3, error="q4_operating_months", new=True,
   notes={"expect_error": "docs/POLICY.md §7: q4 fields outside 2022 are errors"})
RD(F, "RD error: unknown q4_method", 2022, "general", "1200000", q4_method="estimated",
   error="q4_method", new=True,
   notes={"expect_error": "docs/POLICY.md §7: actual or proportional"})
RD(F, "RD 2022 general with Q4 R&D and 500,000 of Q4 high-tech equipment → extra_total 1,475,000.00",
   2022, "general", "1200000", q4="300000", hightech_equipment_q4_2022="500000", new=True,
   notes={"extra_expensed": "300,000 × 1.00 + 900,000 × 0.75 = 975,000.00",
          "extra_equipment": "500,000 × 1.00 = 500,000.00",
          "extra_total": "975,000.00 + 0 + 500,000.00 = 1,475,000.00",
          "tax_saving": "1,475,000 × 25% = 368,750.00"})
RD(F, "RD 2022 tech_sme equipment only at 15% → saving 185,185.18", 2022, "tech_sme", "0",
   hightech_equipment_q4_2022="1234567.89", cit_rate="15%", new=True,
   notes={"extra_equipment": "1,234,567.89 × 1.00 = 1,234,567.89",
          "extra_total": "0 + 0 + 1,234,567.89 = 1,234,567.89",
          "tax_saving": "1,234,567.89 × 15% = 185,185.18"})
RD(F, "RD 2022 equipment with three decimals rounds half-up → 123,456.79", 2022, "general",
   "0", hightech_equipment_q4_2022="123456.785", new=True,
   notes={"extra_equipment": "123,456.785 × 1.00 = 123,456.79",
          "tax_saving": "123,456.79 × 25% = 30,864.20"})
RD(F, "RD error: non-zero hightech_equipment_q4_2022 in 2023", 2023, "general", "1000000",
   hightech_equipment_q4_2022="1", error="hightech_equipment_q4_2022", new=True,
   notes={"expect_error": "docs/POLICY.md §7: non-zero outside tax year 2022 is an error"})
RD(F, "RD hightech_equipment_q4_2022 0 in 2023 is accepted", 2023, "general", "1000000",
   hightech_equipment_q4_2022="0", new=True,
   notes={"extra_equipment": "= 0.00",
          "extra_total": "1,000,000 × 1.00 + 0 + 0 = 1,000,000.00"})
# ---------------------------------------------------------------- parameters.yaml
F = "parameters.yaml"
HEADERS[F] = """\
Parameter dates and overrides (docs/POLICY.md §1-§2). Expected values:
Scripts/scenario_expectations.py. For each dated parameter: the day before its first day, its
first day, its last day and the day after (for VAT, whose period_start is always the first of a
month/quarter, the periods starting just before and on each change), then `parameters:`
override cases.

Changed by the rules of 2026-12-02 (each changed value has its computation beside it):
 - guarantee.day_basis is 365 and whole calendar months cost amount × rate × N / 12, so the
   "PARAM GF start_date ..." fees changed (30,416.67 → 30,000.00); `above_ceiling` replaces the
   per-guarantee `compliant` in the names and expectations.
 - "PARAM VAT quarter 2020-Q1 uses 3% from period_start 2020-01-01" is now the expect_error
   case "PARAM VAT quarter 2020-Q1 without month_sales_3pct" (the rates change on 2020-03-01).
 - "PARAM VAT month 2022-04 ..." and "PARAM VAT quarter 2022-Q2 ..." are exempt (r = 0).
 - "PARAM VAT 2028 computes with overrides ..." also overrides
   vat.small_scale.special_invoice_rate_3pct (its value, 1,500.00, is unchanged).
 - Education surcharges exempt at <= 100,000 a month: "PARAM VAT month 2023-01 ..." is not
   affected (120,000), the cases at 320,000 a quarter neither.
 - New: the 专票 rate s at its changes (2020-02/2020-03, 2022-03/2022-04, 2022-12/2023-01,
   2022-Q1/2022-Q2), 2020-Q2, ic_or_machine_tool's years, guarantee.day_basis and the
   education exemption threshold overridden.

Readings chosen where docs/POLICY.md is silent or ambiguous (please review):
 1. A `parameters:` override is laid over the bundled values date by date: inside the
    override's from..to it wins; outside it the bundled values still apply (an override for
    2023 only leaves 2024 at the bundled value).
 2. Override values are all written as quoted strings ("floor", "180", "0.05"); the loader
    converts them to the parameter's type.
 3. A drawdown date with no interest_subsidy.rate is the reason drawdown_outside_window, not
    an error (docs/POLICY.md §3 says so explicitly, overriding §1's general rule). A guarantee
    whose start_date has no ceiling gets above_ceiling empty (null), not an error (§4).
 4. CIT and R&D parameters are looked up on 1 January of tax_year.
 5. A VAT period with no parameters fails naming `vat.small_scale` (the VAT parameters are
    looked up before the surtax ones, so the message names a vat.small_scale.* id even though
    surtax.small_scale_halving is also missing in 2018/2028).
 6. The 2028 VAT override also supplies surtax.small_scale_halving, which ends 2027-12-31 too,
    and vat.small_scale.special_invoice_rate_3pct (the case has 专票).
 7. A guarantee.day_basis override applies to the balance-days formula only; a whole-month
    term costs amount × rate × N / 12 whatever the day basis.
"""

# interest subsidy drawdown window
for dd, what in (("2022-09-30", "day before the window"), ("2022-10-01", "first day"),
                 ("2022-12-31", "last day"), ("2023-01-01", "day after the window")):
    IS(F, f"PARAM IS drawdown {dd} ({what})",
       [loan("E1", "L1", "3000000", "3.65%", dd, iso(plus(dd, 365)))])
IS(F, "PARAM IS override extends every interest_subsidy parameter to 2023 → 2023-03-01 drawdown eligible",
   [loan("E1", "L1", "3000000", "3.65%", "2023-03-01", "2024-03-01")],
   parameters={
       "interest_subsidy.rate": override("0.02", "2023-01-01", "2023-12-31"),
       "interest_subsidy.cap_per_enterprise": override("200000.00", "2023-01-01", "2023-12-31"),
       "interest_subsidy.max_days": override("365", "2023-01-01", "2023-12-31"),
       "interest_subsidy.min_days": override("0", "2023-01-01", "2023-12-31"),
       "interest_subsidy.rate_mode": override("cap", "2023-01-01", "2023-12-31"),
       "interest_subsidy.day_basis": override("360", "2023-01-01", "2023-12-31")})
IS(F, "PARAM IS rate overridden to 1.5% for November 2022 only: Nov loan at 1.5%, Dec loan at 2%",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-15", "2023-11-15"),
    loan("E1", "L2", "3000000", "3.65%", "2022-12-01", "2023-12-01")],
   parameters={"interest_subsidy.rate": override("0.015", "2022-11-01", "2022-11-30")})
IS(F, "PARAM IS cap_per_enterprise overridden to 100,000.00",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01"),
    loan("E1", "L2", "3000000", "3.65%", "2022-11-02", "2023-11-02")],
   parameters={"interest_subsidy.cap_per_enterprise": override("100000.00", *IS_RANGE)})
IS(F, "PARAM IS max_days overridden to 180 truncates a one-year loan",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01")],
   parameters={"interest_subsidy.max_days": override("180", *IS_RANGE)})
IS(F, "PARAM IS day_basis overridden to 365 → 3M × 365 days × 2% / 365 = 60,000.00",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01")],
   parameters={"interest_subsidy.day_basis": override("365", *IS_RANGE)})

# guarantee ceiling
FILE_GF = F
GF_BOUNDARY_NOTES = {
    "2022-12-31": {"fee": "2022-12-31 → 2023-12-31, month-end to month-end, 12 whole months: "
                          "3,000,000 × 1% × 12 / 12 = 30,000.00",
                   "above_ceiling": "no ceiling on 2022-12-31 → null"},
    "2023-01-01": {"fee": "2023-01-01 → 2024-01-01, 12 whole months: 3,000,000 × 1% × 12 / 12 "
                          "= 30,000.00",
                   "above_ceiling": "1% > 1%? → false"},
    "2023-12-31": {"fee": "2023-12-31 → 2024-12-30 is not whole months: 3,000,000 × "
                          "days(2023-12-31, 2024-12-30) × 1% / 365 = 30,000.00",
                   "above_ceiling": "1% > 1%? → false"},
    "2024-01-01": {"fee": "2024-01-01 → 2024-12-31 is not whole months: 3,000,000 × "
                          "days(2024-01-01, 2024-12-31) × 1% / 365 = 30,000.00",
                   "above_ceiling": "no ceiling on 2024-01-01 → null"},
}
for sd, what in (("2022-12-31", "day before the ceiling → above_ceiling empty"),
                 ("2023-01-01", "first day of the ceiling"),
                 ("2023-12-31", "last day of the ceiling"),
                 ("2024-01-01", "day after the ceiling → above_ceiling empty")):
    GF(f"PARAM GF start_date {sd} ({what})", "3000000", "0.01", sd, end=iso(plus(sd, 365)),
       notes=GF_BOUNDARY_NOTES[sd])
GF("PARAM GF 1.2% starting 2024-01-01 → fee computed, above_ceiling empty", "3000000", "0.012",
   "2024-01-01", term=12, ref="0.02",
   notes={"above_ceiling": "no ceiling on 2024-01-01 → null"})
GF("PARAM GF 1.2% starting 2022-12-31 → above_ceiling empty (start_date decides)", "3000000",
   "0.012", "2022-12-31", end="2023-12-31",
   notes={"fee": "month-end to month-end, 12 whole months: 3,000,000 × 1.2% × 12 / 12 = 36,000.00",
          "above_ceiling": "no ceiling on 2022-12-31 → null"})
GF("PARAM GF ceiling overridden to 1.5% for 2024 → 1.2% within the ceiling", "3000000", "0.012",
   "2024-01-01", term=12,
   parameters={"guarantee.fee_rate_ceiling": override("0.015", "2024-01-01", "2024-12-31")},
   notes={"above_ceiling": "1.2% > 1.5%? → false"})
GF("PARAM GF ceiling overridden to 0.8% from 2023-07-01: 1% starting 2023-08-01 above it",
   "3000000", "0.01", "2023-08-01", term=12,
   parameters={"guarantee.fee_rate_ceiling": override("0.008", "2023-07-01", "2023-12-31")},
   notes={"above_ceiling": "1% > 0.8% → true"})
GF("PARAM GF ceiling overridden from 2023-07-01 only: 1% starting 2023-06-30 still within",
   "3000000", "0.01", "2023-06-30", term=12,
   parameters={"guarantee.fee_rate_ceiling": override("0.008", "2023-07-01", "2023-12-31")},
   notes={"above_ceiling": "bundled 1% on 2023-06-30: 1% > 1%? → false"})
GF("PARAM GF day_basis overridden to 360: 106 days → 8,833.33", "3000000", "0.01",
   "2023-03-01", end="2023-06-15", new=True,
   parameters={"guarantee.day_basis": override("360", "1900-01-01")},
   notes={"fee": "3,000,000 × 106 × 1% / 360 = 8,833.33"})
GF("PARAM GF day_basis overridden to 360: 12 whole months still 30,000.00", "3000000", "0.01",
   "2023-03-01", end="2024-03-01", new=True,
   parameters={"guarantee.day_basis": override("360", "1900-01-01")},
   notes={"fee": "whole months do not use the day basis: 3,000,000 × 1% × 12 / 12 = 30,000.00"})

# VAT thresholds and rates
VAT(F, "PARAM VAT month 2018-12 has no parameters", "month", "2018-12-01", "50000",
    error="vat.small_scale")
VAT(F, "PARAM VAT quarter 2018-Q4 has no parameters", "quarter", "2018-10-01", "50000",
    error="vat.small_scale")
VAT(F, "PARAM VAT month 2019-01 first month: threshold 100,000, rate 3%", "month",
    "2019-01-01", "120000")
VAT(F, "PARAM VAT quarter 2019-Q1: threshold 300,000, rate 3%", "quarter", "2019-01-01",
    "320000")
VAT(F, "PARAM VAT month 2020-02 last month at 3%", "month", "2020-02-01", "120000")
VAT(F, "PARAM VAT month 2020-03 first month at 1%", "month", "2020-03-01", "120000")
VAT(F, "PARAM VAT quarter 2020-Q1 without month_sales_3pct → error (the rate changes 2020-03-01)",
    "quarter", "2020-01-01", "320000", error="month_sales_3pct",
    notes={"expect_error": "docs/POLICY.md §5 (2026-12-02): the quarter's months have 3%, 3%, 1%"})
VAT(F, "PARAM VAT quarter 2020-Q1 with months 100,000 / 100,000 / 120,000 → 7,200.00",
    "quarter", "2020-01-01", "320000", ms="100000;100000;120000", new=True,
    notes={"vat": "100,000 × 3% + 100,000 × 3% + 120,000 × 1% = 7,200.00"})
VAT(F, "PARAM VAT quarter 2019-Q4 (3% in every month) needs no months → 9,600.00", "quarter",
    "2019-10-01", "320000", new=True,
    notes={"vat": "320,000 × 3% = 9,600.00"})
VAT(F, "PARAM VAT quarter 2020-Q2 (1% in every month) needs no months → 3,200.00", "quarter",
    "2020-04-01", "320000", new=True,
    notes={"vat": "320,000 × 1% = 3,200.00"})
VAT(F, "PARAM VAT month 2020-02 专票 at 3% (last month)", "month", "2020-02-01", "90000",
    sp="30000", new=True,
    notes={"vat": "30,000 × 3% = 900.00"})
VAT(F, "PARAM VAT month 2020-03 专票 at 1% (first month)", "month", "2020-03-01", "90000",
    sp="30000", new=True,
    notes={"vat": "30,000 × 1% = 300.00"})
VAT(F, "PARAM VAT month 2021-03 last month of 100,000: 120,000 taxed", "month", "2021-03-01",
    "120000")
VAT(F, "PARAM VAT month 2021-04 first month of 150,000: 120,000 exempt", "month",
    "2021-04-01", "120000")
VAT(F, "PARAM VAT quarter 2021-Q1 last quarter of 300,000: 400,000 taxed", "quarter",
    "2021-01-01", "400000")
VAT(F, "PARAM VAT quarter 2021-Q2 first quarter of 450,000: 400,000 exempt", "quarter",
    "2021-04-01", "400000")
VAT(F, "PARAM VAT month 2022-03 last month at 1%: 200,000 → vat 2,000.00", "month",
    "2022-03-01", "200000")
VAT(F, "PARAM VAT month 2022-04 first month at 0%: 200,000 → vat 0.00, exempt (r = 0)", "month",
    "2022-04-01", "200000",
    notes={"exempt": "docs/POLICY.md §5: r = 0 → true"})
VAT(F, "PARAM VAT month 2022-03 专票 at 1% (last month before 3%) → 500.00", "month",
    "2022-03-01", "120000", sp="50000", new=True,
    notes={"vat": "within 150,000: 50,000 × 1% = 500.00",
           "surtax_due": "120,000 > 100,000: 500 × 7% × 50% + 500 × 3% × 50% + 500 × 2% × 50% "
                         "= 30.00"})
VAT(F, "PARAM VAT month 2022-04 专票 at 3% (first month) → 1,500.00", "month", "2022-04-01",
    "120000", sp="50000", new=True,
    notes={"vat": "within 150,000: 50,000 × 3% = 1,500.00",
           "exempt": "within the threshold → true"})
VAT(F, "PARAM VAT quarter 2022-Q1 at 1%: 500,000 → vat 5,000.00", "quarter", "2022-01-01",
    "500000")
VAT(F, "PARAM VAT quarter 2022-Q2 at 0%: 500,000 → vat 0.00, exempt (r = 0)", "quarter",
    "2022-04-01", "500000",
    notes={"exempt": "docs/POLICY.md §5: r = 0 → true"})
VAT(F, "PARAM VAT quarter 2022-Q1 专票 at 1% → 1,000.00", "quarter", "2022-01-01", "400000",
    sp="100000", new=True,
    notes={"vat": "within 450,000: 100,000 × 1% = 1,000.00"})
VAT(F, "PARAM VAT quarter 2022-Q2 专票 at 3% → 3,000.00", "quarter", "2022-04-01", "400000",
    sp="100000", new=True,
    notes={"vat": "within 450,000: 100,000 × 3% = 3,000.00"})
VAT(F, "PARAM VAT month 2022-12 last month of 150,000 and 0%: 120,000 exempt", "month",
    "2022-12-01", "120000")
VAT(F, "PARAM VAT month 2023-01 first month of 100,000 and 1%: 120,000 taxed", "month",
    "2023-01-01", "120000")
VAT(F, "PARAM VAT month 2022-12 专票 at 3% (last month) → 1,500.00", "month", "2022-12-01",
    "120000", sp="50000", new=True,
    notes={"vat": "within 150,000: 50,000 × 3% = 1,500.00"})
VAT(F, "PARAM VAT month 2023-01 专票 at 1%, above the new 100,000 → 1,200.00", "month",
    "2023-01-01", "120000", sp="50000", new=True,
    notes={"vat": "above 100,000: 70,000 × 1% + 50,000 × 1% = 1,200.00"})
VAT(F, "PARAM VAT quarter 2022-Q4 (450,000): 400,000 exempt", "quarter", "2022-10-01",
    "400000")
VAT(F, "PARAM VAT quarter 2023-Q1 (300,000): 400,000 taxed", "quarter", "2023-01-01",
    "400000")
VAT(F, "PARAM VAT month 2027-12 last month in effect", "month", "2027-12-01", "120000")
VAT(F, "PARAM VAT quarter 2027-Q4 last quarter in effect", "quarter", "2027-10-01", "320000")
VAT(F, "PARAM VAT month 2028-01 has no parameters", "month", "2028-01-01", "50000",
    error="vat.small_scale")
VAT(F, "PARAM VAT quarter 2028-Q1 has no parameters", "quarter", "2028-01-01", "50000",
    error="vat.small_scale")
Y2028 = ("2028-01-01", "2028-12-31")
VAT(F, "PARAM VAT 2028 computes with overrides for thresholds, rate and surtax halving",
    "month", "2028-01-01", "150000", sp="20000",
    parameters={
        "vat.small_scale.threshold_month": override("100000", *Y2028),
        "vat.small_scale.threshold_quarter": override("300000", *Y2028),
        "vat.small_scale.rate_3pct_items": override("0.01", *Y2028),
        "vat.small_scale.special_invoice_rate_3pct": override("0.01", *Y2028),
        "surtax.small_scale_halving": override("0.50", *Y2028)})
VAT(F, "PARAM VAT 2023 threshold_month overridden to 120,000: 110,000 exempt", "month",
    "2023-05-01", "110000",
    parameters={"vat.small_scale.threshold_month": override("120000", "2023-01-01",
                                                            "2023-12-31")})
VAT(F, "PARAM VAT education exemption threshold overridden to 50,000 a month: 80,000 not exempt",
    "month", "2023-05-01", "80000", sp="50000", new=True,
    parameters={"surtax.education_exemption_threshold_month": override("50000", "2023-01-01",
                                                                       "2023-12-31")},
    notes={"vat": "50,000 × 1% = 500.00",
           "education_due": "80,000 > 50,000: 500 × 3% − 15 × 50% = 7.50",
           "local_education_due": "500 × 2% − 10 × 50% = 5.00",
           "surtax_due": "17.50 + 7.50 + 5.00 = 30.00"})

# CIT years
for year in (2018, 2019, 2020, 2021, 2022, 2023, 2027, 2028):
    if year in (2018, 2028):
        CIT(F, f"PARAM CIT tax year {year} has no parameters", year, "1500000",
            error="cit.small_low_profit")
    else:
        CIT(F, f"PARAM CIT tax year {year}, income 1,500,000", year, "1500000")
CIT(F, "PARAM CIT 2028 computes with overrides of every cit.small_low_profit parameter", 2028,
    "1500000", parameters={
        "cit.small_low_profit.income_limit": override("3000000", *Y2028),
        "cit.small_low_profit.employee_limit": override("300", *Y2028),
        "cit.small_low_profit.asset_limit": override("50000000", *Y2028),
        "cit.small_low_profit.band1_upper": override("1000000", *Y2028),
        "cit.small_low_profit.band1_rate": override("0.05", *Y2028),
        "cit.small_low_profit.band2_rate": override("0.10", *Y2028)})
CIT_2023_BAND1 = {"cit.small_low_profit.band1_rate": override("0.03", "2023-01-01",
                                                              "2023-12-31")}
CIT(F, "PARAM CIT 2023 band1_rate overridden to 3% → 30,000 + 25,000", 2023, "1500000",
    parameters=CIT_2023_BAND1)
CIT(F, "PARAM CIT 2024 keeps the bundled 5% outside a 2023-only override", 2024, "1500000",
    parameters=CIT_2023_BAND1)
CIT(F, "PARAM CIT 2023 income_limit overridden to 5,000,000: 4,000,000 eligible", 2023,
    "4000000", parameters={"cit.small_low_profit.income_limit": override("5000000",
                                                                         "2023-01-01",
                                                                         "2023-12-31")})

# R&D years
RD(F, "PARAM RD tax year 2017 has no ratio", 2017, "general", "1000000",
   error="rd.super_deduction_ratio")
RD(F, "PARAM RD tax year 2017 tech_sme has no ratio", 2017, "tech_sme", "1000000",
   error="rd.super_deduction_ratio")
for year, cat in ((2018, "general"), (2018, "manufacturing"), (2018, "tech_sme"),
                  (2020, "manufacturing"), (2021, "manufacturing"),
                  (2021, "tech_sme"), (2022, "tech_sme"),
                  (2021, "general"), (2022, "general"), (2023, "general"),
                  (2023, "manufacturing"), (2023, "tech_sme"), (2040, "general"),
                  (2018, "excluded"), (2023, "excluded")):
    RD(F, f"PARAM RD tax year {year} {cat}", year, cat, "1000000")
RD(F, "PARAM RD general ratio overridden to 1.20 from 2024 (open-ended) → 2024 uses 1.20", 2024,
   "general", "1000000",
   parameters={"rd.super_deduction_ratio.general": override("1.20", "2024-01-01")})
RD(F, "PARAM RD 2023 keeps 1.00 before an override starting 2024", 2023, "general", "1000000",
   parameters={"rd.super_deduction_ratio.general": override("1.20", "2024-01-01")})
RD(F, "PARAM RD 2017 computes with an override of the general ratio for 2017", 2017,
   "general", "1000000",
   parameters={"rd.super_deduction_ratio.general": override("0.50", "2017-01-01",
                                                            "2017-12-31")})
RD(F, "PARAM RD 2022 Q4 ratio overridden to 0.90", 2022, "general", "1200000", q4="300000",
   parameters={"rd.super_deduction_ratio.q4_2022": override("0.90", "2022-01-01",
                                                           "2022-12-31")})
for year, ratio, note in ((2018, "0.75", "2018: as general"),
                          (2022, "0.75", "2022: as general"),
                          (2023, "1.20", "first year of ic_or_machine_tool (2023年第44号)"),
                          (2027, "1.20", "last year of ic_or_machine_tool"),
                          (2028, "1.00", "2028: as general")):
    RD(F, f"PARAM RD tax year {year} ic_or_machine_tool → ratio {ratio}", year,
       "ic_or_machine_tool", "1000000", new=True,
       notes={"ratio": f"{note} → {ratio}",
              "extra_expensed": f"1,000,000 × {ratio} = {D(ratio) * 1000000:,.2f}"})
RD(F, "PARAM RD tax year 2017 ic_or_machine_tool has no ratio", 2017, "ic_or_machine_tool",
   "1000000", error="rd.super_deduction_ratio", new=True,
   notes={"expect_error": "before 2018 no rd.super_deduction_ratio is in effect"})
RD(F, "PARAM RD 2022 equipment ratio overridden to 0.50", 2022, "general", "0",
   hightech_equipment_q4_2022="500000", new=True,
   parameters={"rd.hightech_equipment_extra_ratio_q4_2022": override("0.50", "2022-01-01",
                                                                     "2022-12-31")},
   notes={"extra_equipment": "500,000 × 0.50 = 250,000.00"})


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------

def evaluate(c):
    params = Params(c["parameters"])
    try:
        result = MEASURES[c["measure"]](c["input"], params)
    except CalcError as e:
        if c["error"] is None:
            raise AssertionError(f"{c['name']}: unexpected error {e}")
        if c["error"] not in str(e):
            raise AssertionError(f"{c['name']}: error {e!r} lacks fragment {c['error']!r}")
        return None, str(e)
    if c["error"] is not None:
        raise AssertionError(f"{c['name']}: expected error {c['error']!r}, got {result}")
    if c["new"]:
        keys = list(c["notes"])
    else:
        legacy = LEGACY_KEYS[c["measure"]]
        keys = [k for k in result if legacy.fullmatch(k)]
        keys += [k for k in c["notes"] if k not in keys and k != "expect_error"]
    # a field the result does not have may only be expected empty (null = absent)
    missing = [k for k in keys if k not in result and "null" not in c["notes"].get(k, "")]
    assert not missing, f"{c['name']}: no result field {missing}"
    expected = {k: result.get(k) for k in keys}
    for k, note in c["notes"].items():
        if k != "expect_error":
            check_note(c["name"], k, expected[k], note)
    return expected, None


NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def check_note(name, key, value, note):
    """A note must state the value it stands beside."""
    where = f"{name}: {key}: note {note!r}"
    if value is None:
        assert "null" in note, where + " does not say null"
    elif isinstance(value, bool):
        words = re.findall(r"\b(true|false)\b", note)
        assert words and words[-1] == ("true" if value else "false"), where + f" vs {value}"
    elif isinstance(value, Bare):
        assert re.search(r"\b" + re.escape(value) + r"\b", note), where + f" vs {value}"
    else:
        numbers = NUMBER.findall(note)
        assert numbers, where + " has no number"
        assert D(numbers[-1].replace(",", "")) == D(value), where + f" vs {value}"


def render_expected(v):
    if isinstance(v, D):
        return format(v, "f")
    return v


# --------------------------------------------------------------------------------------------
# YAML writer
# --------------------------------------------------------------------------------------------

RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def scalar(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, Bare):
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\-]*", v) and v.lower() not in RESERVED, v
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    raise TypeError(repr(v))


def flow(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {flow(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    return scalar(v)


def flow_wrapped(m, first_prefix, cont_indent, width=100):
    """A flow mapping over several lines, continuation lines indented by cont_indent."""
    items = [f"{k}: {flow(x)}" for k, x in m.items()]
    lines, cur = [], first_prefix + "{"
    for i, it in enumerate(items):
        piece = it + ("," if i < len(items) - 1 else "}")
        if cur.endswith("{") or len(cur) + 1 + len(piece) <= width:
            cur += ("" if cur.endswith("{") else " ") + piece
        else:
            lines.append(cur)
            cur = " " * cont_indent + piece
    lines.append(cur)
    return lines


def plain_ok(s):
    return (not re.search(r":\s|\s#|[\t\"']", s) and not s.endswith(":")
            and not re.match(r"[-?:,\[\]{}#&*!|>'\"%@`\s]", s) and s.lower() not in RESERVED)


def comment(c, key):
    note = c["notes"].get(key)
    return f"  # {note}" if note else ""


def emit_list(out, key, items):
    out.append(f"    {key}:")
    for x in items:
        out.extend(flow_wrapped(x, "      - ", 9))


def emit_case(c, expected):
    out = []
    name = c["name"]
    out.append("- name: " + (name if plain_ok(name) else json.dumps(name, ensure_ascii=False)))
    out.append("  measure: " + c["measure"])
    if c["parameters"]:
        out.append("  parameters:")
        for pid, entries in c["parameters"].items():
            out.append(f"    {pid}:")
            for e in entries:
                out.extend(flow_wrapped(e, "      - ", 9))
    inp = c["input"]
    if c["measure"] == "interest-subsidy":
        out.append("  input:")
        emit_list(out, "loans", inp["loans"])
        if "prior_granted" in inp:
            out.append("    prior_granted: " + flow(inp["prior_granted"]))
    elif "guarantees" in inp:
        out.append("  input:")
        emit_list(out, "guarantees", inp["guarantees"])
    else:
        one = "  input: " + flow(inp)
        if len(one) <= 100:
            out.append(one)
        else:
            out.append("  input:")
            for k, v in inp.items():
                if isinstance(v, list):
                    out.append(f"    {k}:")
                    for x in v:
                        out.append("      - " + flow(x))
                else:
                    out.append(f"    {k}: {scalar(v)}")
    if c["error"] is not None:
        out.append("  expect_error: " + json.dumps(c["error"], ensure_ascii=False)
                   + comment(c, "expect_error"))
    else:
        out.append("  expect:")
        for k, v in expected.items():
            v = render_expected(v)
            out.append(f"    {k}: {scalar(v)}" + comment(c, k))
    return out


def build():
    """Evaluate every case; return {file: text} and a printable report."""
    texts, report = {}, []
    results = {}
    all_names = [c["name"] for cases in FILES.values() for c in cases]
    assert len(all_names) == len(set(all_names)), "case names must be unique across files"
    for file, cases in FILES.items():
        names = [c["name"] for c in cases]
        assert len(names) == len(set(names)), f"duplicate case name in {file}"
        lines = ["# " + l if l else "#" for l in HEADERS[file].rstrip("\n").split("\n")]
        lines.append("# Generated by Scripts/scenario_expectations.py --write; edit the script, "
                     "not this file.")
        lines.append("")
        report.append(f"=== {file} ({len(cases)} cases)")
        for c in cases:
            expected, err = evaluate(c)
            results[(file, c["name"])] = expected
            lines.extend(emit_case(c, expected))
            lines.append("")
            report.append(f"- {c['name']}  [{c['measure']}]")
            if err is not None:
                report.append(f"    error ~ {c['error']!r}   (reference: {err})")
            else:
                for k, v in expected.items():
                    v = render_expected(v)
                    report.append(f"    {k} = {v if not isinstance(v, bool) else str(v).lower()}"
                                  if v is not None else f"    {k} = null")
        texts[file] = "\n".join(lines).rstrip("\n") + "\n"
    # the worked examples of docs/POLICY.md must come out of the computation
    for file, name, k, v in WORKED:
        got = results[(file, name)][k]
        ok = (got == v) if isinstance(v, bool) else (
            str(got) == v if isinstance(got, str) else
            (got == D(v) if isinstance(got, D) else got == v))
        assert ok, f"worked example mismatch: {name}: {k} = {got}, docs/POLICY.md says {v}"
    report.append(f"=== worked-example checks passed: {len(WORKED)}")
    report.append("=== total cases: " + str(sum(len(c) for c in FILES.values())))
    return texts, report


def yaml_value(v):
    """What PyYAML should parse a written value as."""
    if isinstance(v, dict):
        return {k: yaml_value(x) for k, x in v.items()}
    if isinstance(v, list):
        return [yaml_value(x) for x in v]
    if isinstance(v, D):
        return format(v, "f")
    if isinstance(v, Bare):
        return str(v)
    return v


def structural_check(texts):
    try:
        import yaml
    except ImportError:
        print("PyYAML not installed: structural check skipped")
        return
    for file, text in texts.items():
        data = yaml.safe_load(text)
        cases = FILES[file]
        assert len(data) == len(cases), file
        for got, c in zip(data, cases):
            want = {"name": c["name"], "measure": c["measure"]}
            if c["parameters"]:
                want["parameters"] = yaml_value(c["parameters"])
            want["input"] = yaml_value(c["input"])
            if c["error"] is not None:
                want["expect_error"] = c["error"]
            else:
                exp, _ = evaluate(c)
                want["expect"] = yaml_value({k: render_expected(v) for k, v in exp.items()})
            assert got == want, f"{file}: {c['name']}: parsed YAML differs\n{got}\n{want}"
            for k in ("expect",):
                for kk, vv in got.get(k, {}).items():
                    assert not isinstance(vv, float), (c["name"], kk)
    print("structural check: every file parses to the intended values")


def main(argv):
    texts, report = build()
    if "--write" in argv:
        os.makedirs(OUT_DIR, exist_ok=True)
        for file, text in texts.items():
            with open(os.path.join(OUT_DIR, file), "w", encoding="utf-8") as fh:
                fh.write(text)
        structural_check(texts)
        print(f"wrote {len(texts)} files to {OUT_DIR}")
        return 0
    if "--check" in argv:
        bad = 0
        for file, text in texts.items():
            path = os.path.join(OUT_DIR, file)
            on_disk = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if on_disk != text:
                print(f"MISMATCH: {path} differs from the computed expectations")
                bad += 1
        structural_check(texts)
        print("check:", "ok" if not bad else f"{bad} file(s) differ")
        return 1 if bad else 0
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
