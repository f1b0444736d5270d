#!/usr/bin/env python3
"""Writes a CSV of generated interest-subsidy loans for benchmarks (fixed seed, reproducible).

    python3 Scripts/generate_loans.py 1000000 > loans.csv
    python3 Scripts/generate_loans.py 1000000 --messy > messy.csv

About 300,000 enterprises with 1 to 6 loans each; principals 10,000.00 to 10,000,000.00 yuan;
rates 1.5% to 6%; drawdowns over 2022-09 to 2023-01 (so some fall outside the subsidy window);
terms of 30 to 730 days; a few percent of loans not guaranteed, not first loans, or from lenders
outside Shanghai.

--messy writes the same loans the way bank exports and finance officers write them, in every
spelling of docs/POLICY.md §1 that `huiqi batch` reads (a second fixed seed picks them): a UTF-8
byte-order mark and CRLF line ends (Excel's "CSV UTF-8"), the columns in another order (no column
that is not a field: `huiqi batch` refuses one, lest a misspelt optional column be ignored);
amounts grouped in threes (quoted), with ¥ or 元, in 万 or 亿, or in
E-notation (some principals rounded to two significant digits, as a spreadsheet shows them:
1.2E+6, 3.5e6); rates as a fraction (0.04570) or in percent, some to a thousandth of a percent
(2.985%), some in full-width characters; dates as 2022/10/01, 2022/10/1, 2022-10-1, 20221001 or
2022年10月1日; yes/no as true/false, TRUE/FALSE, 1/0, yes/no, Y/N or 是/否; and interest_paid on
about 40% of the loans: the interest charged on the subsidy window at the loan's rate (ACT/360),
or only the instalments paid so far, or slightly less (a rate cut) or more (penalty interest) —
so that the cap by interest paid applies to some loans. Every row is valid: huiqi reports no
error row.
"""
import random
import sys
from datetime import date, timedelta

FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def loans(count):
    """The loans of both files (fixed seed): (enterprise number, loan number, principal in fen,
    rate in basis points, drawdown, end, [guaranteed, first loan, lender in Shanghai])."""
    rng = random.Random(20231)
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
            flags = [rng.random() > 0.03 for _ in range(3)]
            yield enterprise, loan, principal, rate, drawdown, end, flags
            written += 1


def main():
    arguments = [a for a in sys.argv[1:] if a != "--messy"]
    count = int(arguments[0]) if arguments else 1_000_000
    if "--messy" in sys.argv[1:]:
        messy(count)
        return
    out = sys.stdout
    out.write("enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,"
              "guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n")
    for enterprise, loan, principal, rate, drawdown, end, flags in loans(count):
        words = ",".join("true" if flag else "false" for flag in flags)
        out.write(f"E{enterprise:07d},L{loan},{principal // 100}.{principal % 100:02d},{rate // 100}.{rate % 100:02d}%,"
                  f"{drawdown.isoformat()},{end.isoformat()},{words}\n")


# ---- --messy --------------------------------------------------------------------------------
# Every value is computed in integers (fen, 1/100,000 of a unit of rate): no float reaches a
# number that is written.

def pick(rng, weighted):
    """One of the (weight, value) pairs, by weight."""
    total = sum(weight for weight, _ in weighted)
    roll = rng.randrange(total)
    for weight, value in weighted:
        if roll < weight:
            return value
        roll -= weight
    raise AssertionError


def decimal_text(units, places):
    """units / 10^places written out with exactly `places` decimals (units >= 0)."""
    if places == 0:
        return str(units)
    digits = str(units).rjust(places + 1, "0")
    return f"{digits[:-places]}.{digits[-places:]}"


def trimmed(text):
    """A decimal without trailing zeros after its point (and without a bare point)."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def grouped(units, places):
    """`3,000,000.00`: the integer part grouped in threes."""
    text = decimal_text(units, places)
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return ",".join(groups) + ("." + fraction if fraction else "")


def quoted(text):
    return '"' + text.replace('"', '""') + '"'


def scientific(fen, style):
    """The amount fen/100 in E-notation, exactly: 4093038.19 is 4.09303819E+6."""
    digits = str(fen).rstrip("0")
    exponent = len(str(fen)) - 1 - 2  # of the leading digit, in yuan
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return mantissa + {"E+": f"E+{exponent}", "e": f"e{exponent}", "E": f"E{exponent}"}[style]


def amount(rng, fen, *, allow_scientific):
    """A money amount in one of the spellings huiqi reads (CSV-quoted where it holds commas)."""
    style = pick(rng, [(55, "plain"), (10, "grouped"), (5, "yen grouped"), (3, "yen"), (3, "yuan"),
                       (8, "wan"), (1, "yi"), (10 if allow_scientific else 0, "scientific"), (5, "spaced")])
    if style == "plain":
        return decimal_text(fen, 2)
    if style == "grouped":
        return quoted(grouped(fen, 2))
    if style == "yen grouped":
        return quoted("¥" + grouped(fen, 2))
    if style == "yen":
        return pick(rng, [(1, "¥"), (1, "￥")]) + decimal_text(fen, 2)
    if style == "yuan":
        return decimal_text(fen, 2) + "元"
    if style == "wan":  # fen / 10^6 万, exact
        return trimmed(decimal_text(fen, 6)) + "万"
    if style == "yi":  # fen / 10^10 亿, exact
        return trimmed(decimal_text(fen, 10)) + "亿"
    if style == "scientific":
        return scientific(fen, pick(rng, [(2, "E+"), (1, "e"), (1, "E")]))
    return " " + decimal_text(fen, 2) + " "


def rate_text(rng, hundred_thousandths):
    """A rate given in 1/100,000 (4570 is 4.57%), in percent or as a fraction."""
    style = pick(rng, [(50, "percent"), (15, "fraction"), (10, "fraction padded"), (15, "percent 3"), (5, "full-width"),
                       (5, "spaced")])
    percent = trimmed(decimal_text(hundred_thousandths, 3))
    if "." not in percent:
        percent += ".00"
    elif len(percent.split(".")[1]) == 1:
        percent += "0"
    if style == "percent":
        return percent + "%"
    if style == "fraction":
        return trimmed(decimal_text(hundred_thousandths, 5))
    if style == "fraction padded":
        return decimal_text(hundred_thousandths, 5)  # 0.04570
    if style == "percent 3":
        return decimal_text(hundred_thousandths, 3) + "%"  # 4.570%
    if style == "full-width":
        return "".join(FULL_WIDTH.get(c, c) for c in percent) + "％"
    return " " + percent + "% "


def date_text(rng, day):
    style = pick(rng, [(50, "iso"), (15, "slashes"), (5, "slashes short"), (10, "chinese"), (10, "digits"), (5, "dashes short"),
                       (5, "spaced")])
    if style == "iso":
        return day.isoformat()
    if style == "slashes":
        return f"{day.year}/{day.month:02d}/{day.day:02d}"
    if style == "slashes short":
        return f"{day.year}/{day.month}/{day.day}"
    if style == "chinese":
        return f"{day.year}年{day.month}月{day.day}日"
    if style == "digits":
        return f"{day.year}{day.month:02d}{day.day:02d}"
    if style == "dashes short":
        return f"{day.year}-{day.month}-{day.day}"
    return " " + day.isoformat()


YES_NO = [(40, ("true", "false")), (20, ("1", "0")), (10, ("TRUE", "FALSE")), (8, ("yes", "no")), (7, ("Y", "N")), (15, ("是", "否"))]



def interest_paid(rng, fen, rate, drawdown, end):
    """What the borrower paid in the subsidy window, in fen: the interest at the loan's rate on
    the window (ACT/360, half up), all of it or the instalments paid so far, sometimes a little
    less (a rate cut) or more (penalty interest)."""
    days = min(end, drawdown + timedelta(days=365)).toordinal() - drawdown.toordinal()
    numerator, denominator = fen * rate * days, 360 * 100_000
    full = (2 * numerator + denominator) // (2 * denominator)
    share = pick(rng, [(60, (1, 1)), (25, (rng.randint(1, 3), 4)), (10, (rng.randint(90, 99), 100)), (5, (rng.randint(101, 110), 100))])
    return (2 * full * share[0] + share[1]) // (2 * share[1])


def messy(count):
    spelling = random.Random(20232)  # how each value is written
    columns = ["loan_id", "enterprise_id", "drawdown_date", "end_date", "principal", "annual_rate", "interest_paid",
               "guaranteed_by_fund", "first_inclusive_loan", "lender_in_shanghai"]
    out = sys.stdout
    out.write("\ufeff" + ",".join(columns) + "\r\n")
    for enterprise, loan, principal, rate, drawdown, end, flags in loans(count):  # the loans of the clean file
        rate *= 10  # in 1/100,000: 4.57% is 4570
        if spelling.random() < 0.05:  # a principal as a spreadsheet shows it: two significant digits
            digits = len(str(principal))
            unit = 10 ** (digits - 2)
            principal = max(unit, (principal + unit // 2) // unit * unit)
            principal_text = scientific(principal, pick(spelling, [(2, "E+"), (1, "e")]))
        else:
            principal_text = amount(spelling, principal, allow_scientific=True)
        if spelling.random() < 0.15:  # a rate to a thousandth of a percent: 2.985%
            rate += spelling.randint(-9, 9)
        paid = ""
        if spelling.random() < 0.40:
            paid = amount(spelling, interest_paid(spelling, principal, rate, drawdown, end), allow_scientific=False)
        words = pick(spelling, YES_NO)
        cells = {
            "enterprise_id": f"E{enterprise:07d}",
            "loan_id": f"L{loan}",
            "principal": principal_text,
            "annual_rate": rate_text(spelling, rate),
            "drawdown_date": date_text(spelling, drawdown),
            "end_date": date_text(spelling, end),
            "interest_paid": paid,
        }
        for name, flag in zip(["guaranteed_by_fund", "first_inclusive_loan", "lender_in_shanghai"], flags):
            cells[name] = words[0] if flag else words[1]
        out.write(",".join(cells[name] for name in columns) + "\r\n")


if __name__ == "__main__":
    main()
