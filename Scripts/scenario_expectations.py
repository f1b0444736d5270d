#!/usr/bin/env python3
"""Independent expected values for the regression scenarios in Tests/Scenarios/ (SPEC §10).

Every expected number in Tests/Scenarios/*.yaml is computed here, from SPEC.md §1-§7, with
Python's `decimal` module only. Nothing is taken from the Swift library.

Exactness: the decimal context traps Inexact and Rounded, so every +, -, x is exact (an inexact
operation would stop the script). The only rounding is round2() (ROUND_HALF_UP to 0.01 via
quantize) and round2_ratio(num, den), which rounds num/den half-up to 0.01 from an exact
integer quotient and remainder, so a division (by 360, 12, 1.01, ...) never rounds twice.

Usage:
    python3 Scripts/scenario_expectations.py           print every case and its expected values
    python3 Scripts/scenario_expectations.py --write   (re)write Tests/Scenarios/*.yaml
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


_QUANTIZE_CTX = Context(prec=100, rounding=ROUND_HALF_UP, traps=[InvalidOperation])


def round2(x):
    """The one rounding step: ROUND_HALF_UP to 0.01 (only this step may round)."""
    return x.quantize(CENT, rounding=ROUND_HALF_UP, context=_QUANTIZE_CTX)


def round2_ratio(num, den):
    """round2(num / den) without any intermediate rounding (num >= 0, den > 0)."""
    assert num >= 0 and den > 0
    q, r = divmod(num * 100, den)          # exact integer quotient and remainder
    if 2 * r >= den:                        # half or more: away from zero
        q += 1
    return q.scaleb(-2)


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


# --------------------------------------------------------------------------------------------
# Parameters (SPEC §2, composite values split into scalars)
# --------------------------------------------------------------------------------------------

def P(value, frm=None, to=None):
    return (value, date(frm) if frm else None, date(to) if to else None)


IS_RANGE = ("2022-10-01", "2022-12-31")
SME_RANGE = ("2019-01-01", "2027-12-31")

BUNDLED = {
    "interest_subsidy.rate": [P(D("0.02"), *IS_RANGE)],
    "interest_subsidy.cap_per_enterprise": [P(D("200000.00"), *IS_RANGE)],
    "interest_subsidy.max_days": [P(365, *IS_RANGE)],
    "interest_subsidy.min_days": [P(0, *IS_RANGE)],
    "interest_subsidy.rate_mode": [P("cap", *IS_RANGE)],
    "interest_subsidy.day_basis": [P(360, *IS_RANGE)],
    "guarantee.fee_rate_ceiling": [P(D("0.01"), "2023-01-01", "2023-12-31")],
    "guarantee.day_basis": [P(360)],
    "vat.small_scale.threshold_month": [
        P(D("100000"), "2019-01-01", "2021-03-31"),
        P(D("150000"), "2021-04-01", "2022-12-31"),
        P(D("100000"), "2023-01-01", "2027-12-31")],
    "vat.small_scale.threshold_quarter": [
        P(D("300000"), "2019-01-01", "2021-03-31"),
        P(D("450000"), "2021-04-01", "2022-12-31"),
        P(D("300000"), "2023-01-01", "2027-12-31")],
    "vat.small_scale.rate_3pct_items": [
        P(D("0.03"), "2019-01-01", "2020-02-29"),
        P(D("0.01"), "2020-03-01", "2022-03-31"),
        P(D("0.00"), "2022-04-01", "2022-12-31"),
        P(D("0.01"), "2023-01-01", "2027-12-31")],
    "vat.rate_5pct_items": [P(D("0.05"))],
    "vat.statutory_rate_3pct_items": [P(D("0.03"))],
    "surtax.urban_maintenance.urban": [P(D("0.07"))],
    "surtax.urban_maintenance.county": [P(D("0.05"))],
    "surtax.urban_maintenance.other": [P(D("0.01"))],
    "surtax.education": [P(D("0.03"))],
    "surtax.local_education": [P(D("0.02"))],
    "surtax.small_scale_halving": [P(D("0.50"), *SME_RANGE)],
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
    "rd.super_deduction_ratio.q4_2022": [P(D("1.00"), "2022-01-01", "2022-12-31")],
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
# Reference calculations (SPEC §3-§7)
# --------------------------------------------------------------------------------------------

def balance_days(principal, start, window_end, repayments):
    """Σ balance × days over [start, window_end); repayments outside [start, window_end] ignored."""
    reps = sorted((r for r in repayments if start <= r[0] <= window_end), key=lambda r: r[0])
    bal, cur, total = principal, start, D(0)
    for d, amt in reps:
        total += bal * days(cur, d)
        cur = d
        bal = max(D(0), bal - amt)
    total += bal * days(cur, window_end)
    return total


def parse_repayments(raw):
    out = []
    for r in raw or []:
        out.append((r["date"], parse_decimal(r["amount"], "amount")))
    return out


def interest_subsidy(inp, params):
    loans_in = inp["loans"]
    seen = set()
    loans = []
    for L in loans_in:
        eid, lid = str(L["enterprise_id"]), str(L["loan_id"])
        if (eid, lid) in seen:
            raise CalcError(f"duplicate loan_id {lid} for enterprise {eid}")
        seen.add((eid, lid))
        principal = parse_decimal(L["principal"], "principal")
        if principal <= 0:
            raise CalcError("principal must be > 0")
        annual_rate = parse_decimal(L["annual_rate"], "annual_rate")
        dd, ed = L["drawdown_date"], L["end_date"]
        if not ed > dd:
            raise CalcError("end_date must be after drawdown_date")
        for b in ("guaranteed_by_fund", "first_inclusive_loan", "lender_in_shanghai"):
            assert isinstance(L[b], bool), b
        paid = parse_decimal(L["interest_paid"], "interest_paid") if "interest_paid" in L else None
        reps = parse_repayments(L.get("repayments"))
        loans.append(dict(eid=eid, lid=lid, principal=principal, annual_rate=annual_rate, dd=dd,
                          ed=ed, g=L["guaranteed_by_fund"], f=L["first_inclusive_loan"],
                          s=L["lender_in_shanghai"], paid=paid, reps=reps))

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

    enterprises = []
    for x in loans:
        if x["eid"] not in enterprises:
            enterprises.append(x["eid"])
    summaries = []
    for eid in enterprises:
        mine = [x for x in loans if x["eid"] == eid]
        eligible = sorted((x for x in mine if x["reason"] == "eligible"),
                          key=lambda x: (x["dd"], x["lid"]))  # str order = code-point order
        total = D("0.00")
        if eligible:
            remaining = params.get("interest_subsidy.cap_per_enterprise", eligible[0]["dd"])
            for x in eligible:
                x["granted"] = min(x["computed"], remaining)
                remaining -= x["granted"]
                x["capped"] = x["granted"] < x["computed"]
                total += x["granted"]
        for x in mine:
            x["enterprise_total"] = total
        summaries.append(dict(enterprise_id=eid, loans=len(mine), eligible_loans=len(eligible),
                              subsidy_computed=sum((x["computed"] for x in mine), D("0.00")),
                              enterprise_total=total, capped=any(x["capped"] for x in mine)))

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
        for k in ("loans", "eligible_loans", "subsidy_computed", "enterprise_total", "capped"):
            out[f"enterprises.{i}.{k}"] = s[k]
    out["total_granted"] = sum((x["granted"] for x in loans), D("0.00"))
    return out


def guarantee_fee(inp, params):
    for k in ("guarantee_id", "guarantor_id"):
        assert k in inp, k
    amount = parse_decimal(inp["amount"], "amount")
    if amount <= 0:
        raise CalcError("amount must be > 0")
    fee_rate = parse_decimal(inp["fee_rate"], "fee_rate")
    ref = parse_decimal(inp["reference_rate"], "reference_rate") if "reference_rate" in inp else None
    start = inp["start_date"]
    has_end, has_term = "end_date" in inp, "term_months" in inp
    if has_end == has_term:
        raise CalcError("give exactly one of end_date and term_months")
    basis = params.get("guarantee.day_basis", start)

    if has_term:
        term = inp["term_months"]
        if not isinstance(term, int) or isinstance(term, bool) or term < 1:
            raise CalcError("term_months must be an integer >= 1")

        def cost(rate):
            return round2_ratio(amount * rate * term, D(12))
    else:
        end = inp["end_date"]
        if not end > start:
            raise CalcError("end_date must be after start_date")
        bd = balance_days(amount, start, end, parse_repayments(inp.get("repayments")))

        def cost(rate):
            return round2_ratio(bd * rate, D(basis))

    fee = cost(fee_rate)
    saving = cost(ref) - fee if ref is not None else None
    ceiling = params.lookup("guarantee.fee_rate_ceiling", start)
    compliant = None if ceiling is None else fee_rate <= ceiling
    return {"fee": fee, "saving": saving, "compliant": compliant}


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
    r = params.get("vat.small_scale.rate_3pct_items", start)
    r5 = params.get("vat.rate_5pct_items", start)
    r3s = params.get("vat.statutory_rate_3pct_items", start)
    urban = params.get("surtax.urban_maintenance." + location, start)
    edu = params.get("surtax.education", start)
    ledu = params.get("surtax.local_education", start)
    halving = params.get("surtax.small_scale_halving", start)

    if inp.get("prices_include_tax", False):
        s3, sp = round2_ratio(s3, 1 + r), round2_ratio(sp, 1 + r)
        s5, re_ = round2_ratio(s5, 1 + r5), round2_ratio(re_, 1 + r5)

    total = s3 + s5
    if total <= T:
        exempt, vat = True, round2(sp * r)
    elif total - re_ <= T:
        exempt, vat = True, round2(sp * r) + round2(re_ * r5)
    else:
        exempt, vat = False, round2(s3 * r) + round2(s5 * r5)
    statutory = round2(s3 * r3s) + round2(s5 * r5)
    out = {"threshold": T, "exempt": exempt, "vat": vat, "vat_statutory": statutory,
           "vat_relief": statutory - vat}
    due_sum, relief_sum = D("0.00"), D("0.00")
    for name, rate in (("urban_maintenance_due", urban), ("education_due", edu),
                       ("local_education_due", ledu)):
        tax = round2(vat * rate)
        reduction = round2(tax * halving)
        out[name] = tax - reduction
        due_sum += tax - reduction
        relief_sum += reduction
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


def rd_super_deduction(inp, params):
    year = inp["tax_year"]
    assert isinstance(year, int)
    category = str(inp["category"])
    if category not in ("general", "manufacturing", "tech_sme", "excluded"):
        raise CalcError(f"category: unknown value {category}")
    expensed = parse_decimal(inp["expensed_rd"], "expensed_rd")
    q4 = parse_decimal(inp["q4_expensed_rd"], "q4_expensed_rd") if "q4_expensed_rd" in inp else None
    if q4 is not None and year != 2022:
        raise CalcError("q4_expensed_rd is for tax year 2022 only")
    if q4 is not None and q4 > expensed:
        raise CalcError("q4_expensed_rd exceeds expensed_rd")
    intangible = parse_decimal(inp.get("intangible_cost", "0"), "intangible_cost")
    years = inp.get("amortization_years", 10)
    months = inp.get("amortization_months", 12)
    cit_rate = parse_decimal(inp.get("cit_rate", "0.25"), "cit_rate")
    on = datetime.date(year, 1, 1)
    if not isinstance(years, int) or years < params.get("rd.min_amortization_years", on):
        raise CalcError("amortization_years must be an integer >= 10")
    if not isinstance(months, int) or not 1 <= months <= 12:
        raise CalcError("amortization_months must be an integer 1-12")

    if category == "excluded":
        ratio = D("0")
    else:
        ratio = params.get("rd.super_deduction_ratio." + category, on)
    if q4 is not None and category == "general":
        q4_ratio = params.get("rd.super_deduction_ratio.q4_2022", on)
        extra_exp = round2(q4 * q4_ratio + (expensed - q4) * ratio)
    else:
        extra_exp = round2(expensed * ratio)
    den = D(12 * years)
    amort = round2_ratio(intangible * (1 + ratio) * months, den)
    extra_amort = round2_ratio(intangible * ratio * months, den)
    extra_total = extra_exp + extra_amort
    return {"ratio": ratio, "extra_expensed": extra_exp, "amortization_deduction": amort,
            "extra_amortization": extra_amort, "extra_total": extra_total,
            "tax_saving": round2(extra_total * cit_rate)}


MEASURES = {
    "interest-subsidy": interest_subsidy,
    "guarantee-fee": guarantee_fee,
    "small-scale-vat": small_scale_vat,
    "small-profit-cit": small_profit_cit,
    "rd-super-deduction": rd_super_deduction,
}


# --------------------------------------------------------------------------------------------
# Case definitions
# --------------------------------------------------------------------------------------------

FILES = {}          # file name -> list of cases
HEADERS = {}        # file name -> header comment text
SPEC_WORKED = []    # (file, case name, key, value SPEC states) re-checked against the computation


def case(file, name, measure, input, parameters=None, error=None, spec=None):
    FILES.setdefault(file, []).append(dict(name=name, measure=measure, input=input,
                                           parameters=parameters, error=error))
    for k, v in (spec or {}).items():
        SPEC_WORKED.append((file, name, k, v))


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


def IS(file, name, loans, **kw):
    case(file, name, "interest-subsidy", {"loans": loans}, **kw)


def iso(d):
    return d.isoformat()


# ---------------------------------------------------------------- interest-subsidy.yaml
F = "interest-subsidy.yaml"
HEADERS[F] = """\
Interest subsidy 贴息 (SPEC §3, 第十五条). Expected values: Scripts/scenario_expectations.py.
Every loan states guaranteed_by_fund, first_inclusive_loan and lender_in_shanghai explicitly.
Parameter overrides are used only where a case needs a non-default convention (floor mode,
min_days; values written as quoted strings, "floor", "30"); date boundaries and override
mechanics are in parameters.yaml.

Readings chosen where SPEC §3 is silent or ambiguous (please review):
 1. A repayment dated ON the drawdown date counts: the balance is reduced from the first day
    (only repayments strictly before drawdown are ignored). A repayment dated on window_end
    has no effect (the window does not include window_end).
 2. A repayment dated before drawdown is ignored completely: it does not reduce the principal.
 3. Repayments are applied in date order whatever their order in the input; a repayment larger
    than the balance leaves the balance at 0 (never negative, no credit carried forward).
 4. window_end = drawdown_date + max_days calendar days, so window_days <= max_days.
 5. below_min_days means window_days < min_days (a window of exactly min_days is eligible).
 6. In `floor` mode a loan rate exactly equal to the subsidy rate is eligible (only
    annual_rate < rate fails), and the subsidy is computed at `rate`.
 7. In `cap` mode a 0% loan is eligible with a 0.00 subsidy (eligibility does not look at the
    rate in cap mode).
 8. interest_paid caps subsidy_computed before the enterprise cap is applied, so a loan limited
    by interest_paid is not `capped`; `capped` only means granted < computed.
 9. Every loan row (eligible or not) carries its enterprise's enterprise_total.
10. enterprises.N.subsidy_computed sums the (interest_paid-limited) computed amounts of all the
    enterprise's loans (ineligible ones add 0.00); enterprises.N.loans counts all its rows.
11. The same loan_id under two different enterprise_ids is not a duplicate.
12. Error fragments name the offending field: a negative repayment amount is reported as
    `amount` (the repayment's field name).
"""

IS(F, "IS worked: 3M first loan, one year at 3.65% → 60,833.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01")],
   spec={"total_granted": "60833.33", "loans.0.window_days": 365})
IS(F, "IS annual_rate as a decimal 0.0365 gives the same 60,833.33",
   [loan("E1", "L1", "3000000", "0.0365", "2022-11-01", "2023-11-01")])
IS(F, "IS principal in scientific notation 3E+6 gives the same 60,833.33",
   [loan("E1", "L1", "3E+6", "3.65%", "2022-11-01", "2023-11-01")])
IS(F, "IS worked: 3M repaid after 200 days (end_date 2023-05-20) → 33,333.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-05-20")],
   spec={"total_granted": "33333.33", "loans.0.window_days": 200})
IS(F, "IS worked: 3M fully repaid by a repayment on day 200 → 33,333.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2023-05-20", "3000000")])],
   spec={"total_granted": "33333.33"})
IS(F, "IS worked: 5M + 6M one year each → 101,388.89 + 98,611.11, second loan capped",
   [loan("E1", "L1", "5000000", "4.2%", "2022-10-10", "2023-10-10"),
    loan("E1", "L2", "6000000", "4.2%", "2022-11-15", "2023-11-15")],
   spec={"loans.0.subsidy_computed": "101388.89", "loans.1.subsidy_computed": "121666.67",
         "loans.0.subsidy_granted": "101388.89", "loans.1.subsidy_granted": "98611.11",
         "total_granted": "200000.00", "loans.1.capped": True})
IS(F, "IS worked: 1M at 1.8% in cap mode → 18,250.00 at the loan rate",
   [loan("E1", "L1", "1000000", "1.8%", "2022-11-01", "2023-11-01")],
   spec={"total_granted": "18250.00"})
FLOOR = {"interest_subsidy.rate_mode": override("floor", *IS_RANGE, citation="test override: floor mode")}
IS(F, "IS worked: 1M at 1.8% in floor mode → 0.00, rate_below_subsidy_rate",
   [loan("E1", "L1", "1000000", "1.8%", "2022-11-01", "2023-11-01")], parameters=FLOOR,
   spec={"total_granted": "0.00", "loans.0.reason": "rate_below_subsidy_rate"})
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
IS(F, "IS repayment before drawdown is ignored → 60,833.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2022-10-15", "1000000")])])
IS(F, "IS repayment after window_end is ignored → 60,833.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2024-11-01",
         reps=[("2024-01-01", "1000000")])])
IS(F, "IS repayment dated on window_end has no effect → 60,833.33",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2024-11-01",
         reps=[("2023-11-01", "3000000")])])
IS(F, "IS repayment on the drawdown date reduces the balance from day one → 40,555.56",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2022-11-01", "1000000")])])
IS(F, "IS repayments exceeding the balance stop at zero → 13,444.44",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2023-01-01", "2000000"), ("2023-03-01", "2000000")])])
IS(F, "IS two repayments given out of date order → 41,416.67",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2023-11-01",
         reps=[("2023-06-01", "500000"), ("2023-02-01", "1000000")])])
IS(F, "IS repayments before, inside and after the window together → 47,222.22",
   [loan("E1", "L1", "3000000", "3.65%", "2022-11-01", "2024-11-01",
         reps=[("2022-10-20", "500000"), ("2023-03-01", "1000000"), ("2024-02-01", "2000000")])])
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

# ---------------------------------------------------------------- guarantee-fee.yaml
F = "guarantee-fee.yaml"
HEADERS[F] = """\
Guarantee fee 担保费 (SPEC §4, 第十五条). Expected values: Scripts/scenario_expectations.py.
`saving: null` / `compliant: null` mean the field is empty (SPEC: "saving (empty without
reference_rate)", "compliant is empty (unknown)" when no ceiling is in effect on start_date).

Readings chosen where SPEC §4 is silent or ambiguous (please review):
 1. saving uses the same formula as the fee with reference_rate in place of fee_rate:
    end_date form round2(balance_days × reference_rate / day_basis) − fee; term_months form
    round2(amount × reference_rate × term_months / 12) − fee. Each side is rounded first, so
    a 2% reference against a 1% fee can save 30,416.66, not half of 60,833.33 re-rounded.
 2. compliant compares fee_rate with the ceiling inclusively (1% is compliant, 1.0001% not),
    for the guarantee's own fee_rate; the per-guarantor average is a batch summary and is not
    exercised here.
 3. Guarantee repayments follow §3 exactly (applied in date order from their date; ignored
    before start_date or on/after end_date).
 4. Both end_date and term_months, or neither, is an error; the expected message fragment is
    `term_months` (the message must name the pair; `term_months` is the field the user adds
    or removes).
"""


def GF(name, amount, fee_rate, start, end=None, term=None, ref=None, reps=None, error=None,
       parameters=None, spec=None, gid="G1", guarantor="GU1"):
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
    case(FILE_GF, name, "guarantee-fee", inp, parameters=parameters, error=error, spec=spec)


FILE_GF = F
GF("GF worked: 3M at 1% for 365 days → 30,416.67, compliant",
   "3000000", "0.01", "2023-01-01", end="2024-01-01",
   spec={"fee": "30416.67", "compliant": True})
GF("GF worked: 3M at 1% for term_months 12 → 30,000.00", "3000000", "0.01", "2023-03-01",
   term=12, spec={"fee": "30000.00"})
GF("GF fee_rate as a percent string 1% equals 0.01", "3000000", "1%", "2023-01-01",
   end="2024-01-01")
GF("GF reference_rate 2% over 365 days → saving 60,833.33 − 30,416.67 = 30,416.66",
   "3000000", "0.01", "2023-01-01", end="2024-01-01", ref="0.02")
GF("GF reference_rate 2% with term_months 18 at 0.8% → saving 54,000.00",
   "3000000", "0.008", "2023-05-01", term=18, ref="2%")
GF("GF term_months 1 → 2,500.00", "3000000", "0.01", "2023-05-01", term=1)
GF("GF term_months 7 at 0.85% with rounding → round2(1,234,567 × 0.0085 × 7 / 12)",
   "1234567", "0.0085", "2023-05-01", term=7)
GF("GF fee_rate 1.2% above the 1% ceiling → not compliant", "3000000", "0.012",
   "2023-06-01", end="2024-06-01")
GF("GF fee_rate exactly at the ceiling 1% → compliant", "2000000", "0.01", "2023-06-01",
   end="2023-12-01")
GF("GF fee_rate 1.0001% just above the ceiling → not compliant", "2000000", "1.0001%",
   "2023-06-01", end="2023-12-01")
GF("GF zero fee_rate → fee 0.00, compliant", "2000000", "0", "2023-06-01", end="2023-12-01")
GF("GF 366-day guarantee across 2024-02-29 → 30,500.00", "3000000", "0.01", "2023-06-01",
   end="2024-06-01")
GF("GF half-up: 1,000,000.50 at 1% for 360 days → 10,000.005 rounds to 10,000.01",
   "1000000.50", "0.01", "2023-03-01", end=iso(plus("2023-03-01", 360)))
GF("GF repayment of 1M on 2023-07-01 → balance-days fee 25,305.56", "3000000", "0.01",
   "2023-01-01", end="2024-01-01", reps=[("2023-07-01", "1000000")])
GF("GF repayments before start and after end are ignored → 30,416.67", "3000000", "0.01",
   "2023-01-01", end="2024-01-01", reps=[("2022-12-15", "1000000"), ("2024-02-01", "1000000")])
GF("GF repayment with reference_rate: both sides use balance-days", "3000000", "0.009",
   "2023-01-01", end="2024-01-01", ref="0.02", reps=[("2023-07-01", "1000000")])
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

# ---------------------------------------------------------------- small-scale-vat.yaml
F = "small-scale-vat.yaml"
HEADERS[F] = """\
Small-scale VAT and surtaxes (SPEC §5, 第二十二条). Expected values:
Scripts/scenario_expectations.py. Threshold-era / rate-change date boundaries, 2018 and 2028
are in parameters.yaml; this file has the at-threshold / one-fen-over cases of every era.

Readings chosen where SPEC §5 is silent or ambiguous (please review):
 1. With prices_include_tax, each amount is converted first (special_invoice_3pct and
    sales_3pct with rate_3pct_items in effect on period_start, sales_5pct and
    real_estate_sales with 0.05) and the threshold tests use the converted amounts.
 2. In 2022-04-01..2022-12-31 rate_3pct_items is 0.00, so the conversion divides by 1.00
    (tax-inclusive = tax-exclusive) and special invoices yield vat 0.00 — SPEC's formula
    taken literally (see the note in the report: under 2022年第15号 a 专票 gave up the
    exemption at 3%).
 3. A quarter takes every parameter from period_start (2020-Q1 uses 0.03 for all three
    months although 1% started 2020-03-01).
 4. The "part of" checks (special_invoice_3pct ≤ sales_3pct, real_estate_sales ≤ sales_5pct)
    are inclusive: equality is allowed.
 5. threshold is reported as the parameter value (e.g. "100000", "450000").
"""


def VAT(file, name, ptype, start, s3, sp=None, s5=None, re_=None, incl=None, loc=None,
        error=None, parameters=None, spec=None):
    inp = {"period_type": Bare(ptype), "period_start": date(start), "sales_3pct": s3}
    if sp is not None:
        inp["special_invoice_3pct"] = sp
    if s5 is not None:
        inp["sales_5pct"] = s5
    if re_ is not None:
        inp["real_estate_sales"] = re_
    if incl is not None:
        inp["prices_include_tax"] = incl
    if loc is not None:
        inp["location"] = Bare(loc)
    case(file, name, "small-scale-vat", inp, parameters=parameters, error=error, spec=spec)


VAT(F, "VAT worked: 2023-Q2 quarter, sales_3pct 400,000 → vat 4,000.00, surtax_due 240.00",
    "quarter", "2023-04-01", "400000",
    spec={"vat": "4000.00", "vat_statutory": "12000.00", "vat_relief": "8000.00",
          "urban_maintenance_due": "140.00", "education_due": "60.00",
          "local_education_due": "40.00", "surtax_due": "240.00", "exempt": False})
VAT(F, "VAT worked: 2023-05 month, 80,000 + 500,000 real estate → vat 25,000.00",
    "month", "2023-05-01", "80000", s5="500000", re_="500000",
    spec={"vat": "25000.00", "exempt": True})
VAT(F, "VAT 2023-05 month, 90,000 without special invoices → exempt, vat 0.00",
    "month", "2023-05-01", "90000")
VAT(F, "VAT 2023-05 month, 90,000 of which 30,000 on special invoices → vat 300.00",
    "month", "2023-05-01", "90000", sp="30000")
VAT(F, "VAT 2023-05 month, all 90,000 on special invoices → vat 900.00, still exempt",
    "month", "2023-05-01", "90000", sp="90000")
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
VAT(F, "VAT prices_include_tax 2022-Q3 at 0%: 500,000 stays 500,000, over threshold, vat 0.00",
    "quarter", "2022-07-01", "500000", incl=True)
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
VAT(F, "VAT 2022-05 month over threshold at 0% → vat 0.00 but not exempt",
    "month", "2022-05-01", "200000")
VAT(F, "VAT 2022-06 month special invoices at the 0% rate → vat 0.00 (SPEC formula)",
    "month", "2022-06-01", "100000", sp="50000")
VAT(F, "VAT 2021-06 month special invoices at 1% within the 150,000 threshold → vat 400.00",
    "month", "2021-06-01", "120000", sp="40000")
VAT(F, "VAT 2019-06 month over threshold at 3% → vat equals statutory, relief 0.00",
    "month", "2019-06-01", "120000")
VAT(F, "VAT special invoices equal to all 3% sales are allowed", "month", "2023-05-01",
    "50000", sp="50000")
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

# ---------------------------------------------------------------- small-profit-cit.yaml
F = "small-profit-cit.yaml"
HEADERS[F] = """\
Small low-profit enterprise CIT (SPEC §6, 第二十二条). Expected values:
Scripts/scenario_expectations.py. Tax-year boundaries (2018/2019, 2020/2021, 2021/2022,
2022/2023, 2027/2028) and overrides are in parameters.yaml.

Readings chosen where SPEC §6 is silent or ambiguous (please review):
 1. `reason` is the first that applies in SPEC's order, including for a zero income: income 0
    with 400 employees is employees_over_limit, not no_taxable_income.
 2. tax_due is rounded once, on the sum of the band amounts (SPEC: round2(Σ band × rate)).
 3. For a high-tech enterprise standard_tax is at 15%; when also eligible, tax_due is the lower
    of the small-profit tax and that 15% tax (always the small-profit tax with SPEC's rates).
 4. employees is compared exactly as a decimal: 300.01 is over the limit of 300.
 5. An eligible enterprise with a tiny income can have tax_due 0.00 while standard_tax is
    0.01 (income 0.02): each is rounded on its own.
"""


def CIT(file, name, year, income, employees="50", assets="10000000", restricted=None,
        high_tech=None, error=None, parameters=None, spec=None):
    inp = {"tax_year": year, "taxable_income": income, "employees": employees,
           "total_assets": assets}
    if restricted is not None:
        inp["restricted_industry"] = restricted
    if high_tech is not None:
        inp["high_tech"] = high_tech
    case(file, name, "small-profit-cit", inp, parameters=parameters, error=error, spec=spec)


CIT(F, "CIT worked: 2023 income 2,800,000 → 140,000.00", 2023, "2800000",
    spec={"tax_due": "140000.00", "standard_tax": "700000.00", "eligible": True})
CIT(F, "CIT worked: 2022 income 2,800,000 → 115,000.00", 2022, "2800000",
    spec={"tax_due": "115000.00", "standard_tax": "700000.00"})
CIT(F, "CIT worked: 2021 income 2,800,000 → 205,000.00", 2021, "2800000",
    spec={"tax_due": "205000.00", "standard_tax": "700000.00"})
CIT(F, "CIT worked: 2019 income 2,800,000 → 230,000.00", 2019, "2800000",
    spec={"tax_due": "230000.00", "standard_tax": "700000.00"})
CIT(F, "CIT 2020 income 2,800,000 → 230,000.00 (same bands as 2019)", 2020, "2800000")
CIT(F, "CIT 2023 income exactly 3,000,000.00 is still eligible → 150,000.00", 2023,
    "3000000.00")
CIT(F, "CIT worked: 2023 income 3,000,000.01 falls off the cliff → 750,000.00", 2023,
    "3000000.01", spec={"tax_due": "750000.00", "eligible": False,
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
F = "rd-super-deduction.yaml"
HEADERS[F] = """\
R&D super-deduction (SPEC §7, 第二十二条). Expected values: Scripts/scenario_expectations.py.
Tax-year boundaries (2017/2018 and the 2021, 2022, 2023 ratio changes) and overrides are in
parameters.yaml.

Readings chosen where SPEC §7 is silent or ambiguous (please review):
 1. q4_expensed_rd given for 2022 manufacturing/tech_sme is accepted and changes nothing
    (their ratio is already 1.00): extra = round2(expensed_rd × 1.00).
 2. q4_expensed_rd equal to expensed_rd is allowed (the whole year's spending in Q4).
 3. `excluded` has ratio 0: no extra deduction, and amortization_deduction is the plain
    amortization intangible_cost × months / (12 × years) (since 1 + 0 = 1).
 4. cit_rate accepts a percent string ("15%") like every other rate.
"""


def RD(file, name, year, category, expensed, q4=None, intangible=None, years=None,
       months=None, cit_rate=None, error=None, parameters=None, spec=None):
    inp = {"tax_year": year, "category": Bare(category), "expensed_rd": expensed}
    if q4 is not None:
        inp["q4_expensed_rd"] = q4
    if intangible is not None:
        inp["intangible_cost"] = intangible
    if years is not None:
        inp["amortization_years"] = years
    if months is not None:
        inp["amortization_months"] = months
    if cit_rate is not None:
        inp["cit_rate"] = cit_rate
    case(file, name, "rd-super-deduction", inp, parameters=parameters, error=error, spec=spec)


RD(F, "RD worked: 2023 general, expensed 2,000,000 → extra 2,000,000.00, saving 500,000.00",
   2023, "general", "2000000", spec={"extra_expensed": "2000000.00", "tax_saving": "500000.00"})
RD(F, "RD worked: 2023 general at cit_rate 0.15 → saving 300,000.00", 2023, "general",
   "2000000", cit_rate="0.15", spec={"tax_saving": "300000.00"})
RD(F, "RD worked: intangible 3,000,000 over 10 years, 12 months → 600,000.00 / 300,000.00",
   2023, "general", "0", intangible="3000000", years=10, months=12,
   spec={"amortization_deduction": "600000.00", "extra_amortization": "300000.00",
         "tax_saving": "75000.00"})
RD(F, "RD worked: 2022 general, expensed 1,200,000 with Q4 300,000 → extra 975,000.00",
   2022, "general", "1200000", q4="300000", spec={"extra_expensed": "975000.00",
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

# ---------------------------------------------------------------- parameters.yaml
F = "parameters.yaml"
HEADERS[F] = """\
Parameter dates and overrides (SPEC §1-§2). Expected values: Scripts/scenario_expectations.py.
For each dated parameter: the day before its first day, its first day, its last day and the
day after (for VAT, whose period_start is always the first of a month/quarter, the periods
starting just before and on each change), then `parameters:` override cases.

Readings chosen where SPEC is silent or ambiguous (please review):
 1. A `parameters:` override is laid over the bundled values date by date: inside the
    override's from..to it wins; outside it the bundled values still apply (an override for
    2023 only leaves 2024 at the bundled value).
 2. Override values are all written as quoted strings ("floor", "180", "0.05"); the loader
    converts them to the parameter's type.
 3. A drawdown date with no interest_subsidy.rate is the reason drawdown_outside_window, not
    an error (SPEC §3 says so explicitly, overriding §1's general rule). A guarantee whose
    start_date has no ceiling gets compliant empty (null), not an error (§4).
 4. CIT and R&D parameters are looked up on 1 January of tax_year.
 5. A VAT period with no parameters fails naming `vat.small_scale` (the VAT parameters are
    looked up before the surtax ones, so the message names a vat.small_scale.* id even though
    surtax.small_scale_halving is also missing in 2018/2028).
 6. The 2028 VAT override also supplies surtax.small_scale_halving, which ends 2027-12-31 too.
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
for sd, what in (("2022-12-31", "day before the ceiling → compliant empty"),
                 ("2023-01-01", "first day of the ceiling"),
                 ("2023-12-31", "last day of the ceiling"),
                 ("2024-01-01", "day after the ceiling → compliant empty")):
    GF(f"PARAM GF start_date {sd} ({what})", "3000000", "0.01", sd, end=iso(plus(sd, 365)))
GF("PARAM GF 1.2% starting 2024-01-01 → fee computed, compliant empty", "3000000", "0.012",
   "2024-01-01", term=12, ref="0.02")
GF("PARAM GF 1.2% starting 2022-12-31 → compliant empty (start_date decides)", "3000000",
   "0.012", "2022-12-31", end="2023-12-31")
GF("PARAM GF ceiling overridden to 1.5% for 2024 → 1.2% compliant", "3000000", "0.012",
   "2024-01-01", term=12,
   parameters={"guarantee.fee_rate_ceiling": override("0.015", "2024-01-01", "2024-12-31")})
GF("PARAM GF ceiling overridden to 0.8% from 2023-07-01: 1% starting 2023-08-01 not compliant",
   "3000000", "0.01", "2023-08-01", term=12,
   parameters={"guarantee.fee_rate_ceiling": override("0.008", "2023-07-01", "2023-12-31")})
GF("PARAM GF ceiling overridden from 2023-07-01 only: 1% starting 2023-06-30 still compliant",
   "3000000", "0.01", "2023-06-30", term=12,
   parameters={"guarantee.fee_rate_ceiling": override("0.008", "2023-07-01", "2023-12-31")})

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
VAT(F, "PARAM VAT quarter 2020-Q1 uses 3% from period_start 2020-01-01", "quarter",
    "2020-01-01", "320000")
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
VAT(F, "PARAM VAT month 2022-04 first month at 0%: 200,000 → vat 0.00, not exempt", "month",
    "2022-04-01", "200000")
VAT(F, "PARAM VAT quarter 2022-Q1 at 1%: 500,000 → vat 5,000.00", "quarter", "2022-01-01",
    "500000")
VAT(F, "PARAM VAT quarter 2022-Q2 at 0%: 500,000 → vat 0.00", "quarter", "2022-04-01",
    "500000")
VAT(F, "PARAM VAT month 2022-12 last month of 150,000 and 0%: 120,000 exempt", "month",
    "2022-12-01", "120000")
VAT(F, "PARAM VAT month 2023-01 first month of 100,000 and 1%: 120,000 taxed", "month",
    "2023-01-01", "120000")
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
        "surtax.small_scale_halving": override("0.50", *Y2028)})
VAT(F, "PARAM VAT 2023 threshold_month overridden to 120,000: 110,000 exempt", "month",
    "2023-05-01", "110000",
    parameters={"vat.small_scale.threshold_month": override("120000", "2023-01-01",
                                                            "2023-12-31")})

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
    return result, None


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
        out.append("    loans:")
        for L in inp["loans"]:
            out.extend(flow_wrapped(L, "      - ", 9))
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
        out.append("  expect_error: " + json.dumps(c["error"]))
    else:
        out.append("  expect:")
        for k, v in expected.items():
            v = render_expected(v)
            out.append(f"    {k}: {scalar(v)}")
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
    # the SPEC's own worked numbers must come out of the computation
    for file, name, k, v in SPEC_WORKED:
        got = results[(file, name)][k]
        ok = (got == v) if isinstance(v, bool) else (
            str(got) == v if isinstance(got, str) else
            (got == D(v) if isinstance(got, D) else got == v))
        assert ok, f"SPEC worked example mismatch: {name}: {k} = {got}, SPEC says {v}"
    report.append(f"=== SPEC worked-example checks passed: {len(SPEC_WORKED)}")
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
