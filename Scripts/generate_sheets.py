#!/usr/bin/env python3
"""Writes the spreadsheet fixtures of Tests/SpreadsheetModuleTests/Fixtures (fixed seed, reproducible).

    python3 Scripts/generate_sheets.py [DIR]

The same 1,000 interest-subsidy loans and 1,000 guarantees, each as:

- NAME.csv            UTF-8, snake_case header, LF (the reference the others must equal)
- NAME-bom.csv        UTF-8 with a byte-order mark, CRLF, a trailing empty column and blank
                      rows of commas (as Excel's "CSV UTF-8" saves a range)
- NAME-gb18030.csv    GB18030, Chinese header, CRLF (as Excel and WPS save "CSV" on Chinese Windows)
- NAME-zh.csv         UTF-8, Chinese header with units and spaces, some columns in Kebab-Case
- NAME.xlsx           written by openpyxl, an independent writer: amounts and rates as numbers
                      (rates in a percent format, some as text "3.65%"), dates as date cells,
                      yes/no as booleans, ids as text
- NAME-1904.xlsx      the same in the 1904 date system
- NAME-libreoffice.xlsx  NAME.csv converted by LibreOffice headless (only when soffice exists)

and small workbooks that must be refused or that hold one special case each (bad-*.xlsx,
formula.xlsx, two-sheets.xlsx). Needs openpyxl (pip install openpyxl); bad-encrypted.xlsx also
msoffcrypto-tool.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

LOAN_FIELDS = ["enterprise_id", "loan_id", "principal", "annual_rate", "drawdown_date", "end_date",
               "guaranteed_by_fund", "first_inclusive_loan", "lender_in_shanghai"]
LOAN_ZH = ["企业编号", "贷款编号", "本金（元）", "年利率", "放款日", "到期日", "是否融资担保基金担保", "是否首贷", " 是否本市银行放款 "]
LOAN_ZH_MIXED = ["企业编号", "贷款编号", "本金（元）", "Annual-Rate", " 放款日 ", "End-Date", "是否融资担保基金担保", "FIRST_INCLUSIVE_LOAN", "是否本市银行放款"]
GUARANTEE_FIELDS = ["guarantee_id", "guarantor_id", "amount", "fee_rate", "start_date", "end_date", "reference_rate"]
GUARANTEE_ZH = ["担保编号", "担保机构编号", "担保金额", "担保费率", "起始日", "到期日", "原担保费率"]
GUARANTEE_ZH_MIXED = ["担保编号", "Guarantor-ID", "担保金额(元)", "担保费率", "Start-Date", "到期日", "reference rate"]


def loans(rng):
    rows = []
    enterprise = 0
    start = date(2022, 9, 1).toordinal()
    while len(rows) < 1000:
        enterprise += 1
        ident = f"沪企{enterprise:04d}" if enterprise % 10 == 0 else f"E{enterprise:04d}"
        for loan in range(1, rng.randint(1, 6) + 1):
            if len(rows) == 1000:
                break
            fen = rng.randint(100_000, 100_000_000) * 10 + rng.randint(1, 9)  # LibreOffice imports CSV numbers as General, which keeps no trailing zero
            bp = rng.randint(150, 600)
            drawdown = date.fromordinal(start + rng.randint(0, 150))
            end = drawdown + timedelta(days=rng.randint(30, 730))
            flags = [rng.random() > 0.05 for _ in range(3)]
            rows.append([ident, f"L{loan}", (fen, 2), (bp, 4), drawdown, end] + flags)
    return rows


def guarantees(rng):
    rows = []
    start = date(2022, 6, 1).toordinal()
    for number in range(1, 1001):
        fen = rng.randint(1_000_000, 200_000_000) * 10 + rng.randint(1, 9)
        bp = rng.randint(50, 200)
        first = date.fromordinal(start + rng.randint(0, 500))
        end = first + timedelta(days=rng.randint(90, 1100))
        reference = (rng.randint(150, 300), 4) if rng.random() > 0.3 else None
        rows.append([f"G{number:05d}", f"担保{rng.randint(1, 40):02d}", (fen, 2), (bp, 4), first, end, reference])
    return rows


def decimal_text(value):
    """(units, places) as exact text: (123456, 2) -> '1234.56'."""
    units, places = value
    text = str(units).rjust(places + 1, "0")
    return text[:-places] + "." + text[-places:]


def csv_cell(value, rate=False):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        if rate:  # basis points as a percentage: (365, 4) -> 3.65%
            return decimal_text((value[0], 2)) + "%"
        return decimal_text(value)
    return value


def csv_lines(header, rows, rate_columns):
    lines = [",".join(header)]
    for row in rows:
        lines.append(",".join(csv_cell(v, i in rate_columns) for i, v in enumerate(row)))
    return lines


def write_text(path, lines, newline="\n", encoding="utf-8", bom=False, trailing_comma=False, blank_rows=0):
    out = [line + ("," if trailing_comma else "") for line in lines]
    # Blank rows of commas after the records, as Excel saves a range larger than the records.
    out += ["," * (lines[0].count(",") + (1 if trailing_comma else 0))] * blank_rows
    data = newline.join(out) + newline
    with open(path, "wb") as f:
        if bom:
            f.write(b"\xef\xbb\xbf")
        f.write(data.encode(encoding))


def write_xlsx(path, header, rows, rate_columns, epoch=None):
    book = openpyxl.Workbook()
    if epoch is not None:
        book.epoch = epoch
    sheet = book.active
    sheet.title = "贷款" if "enterprise_id" in header or "企业编号" in header else "担保"
    sheet.append(header)
    for number, row in enumerate(rows):
        cells = []
        for index, value in enumerate(row):
            if isinstance(value, tuple):
                if index in rate_columns and number % 3 == 0:
                    value = csv_cell(value, rate=True)  # a rate typed as text: "3.65%"
                else:
                    # An exact float repr (openpyxl writes repr): 2 or 4 decimals.
                    value = float(decimal_text(value))
            cells.append(value)
        sheet.append(cells)
        for index, value in enumerate(cells):
            cell = sheet.cell(row=number + 2, column=index + 1)
            if isinstance(value, float) and index in rate_columns:
                cell.number_format = "0.00%"
            elif isinstance(value, float):
                cell.number_format = "#,##0.00"
            elif isinstance(value, date):
                cell.number_format = 'yyyy"年"m"月"d"日"' if number % 2 else "yyyy-mm-dd"
    book.save(path)


def small_workbooks(directory):
    # Merged header cells.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["担保", None, "担保金额", "担保费率", "起始日", "到期日"])
    sheet.append(["G1", "GU1", 3000000, 0.01, date(2023, 1, 1), date(2024, 1, 1)])
    sheet.merge_cells("A1:B1")
    book.save(os.path.join(directory, "bad-merged-header.xlsx"))
    # An empty sheet.
    openpyxl.Workbook().save(os.path.join(directory, "bad-empty.xlsx"))
    # Values in Excel's last row.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(GUARANTEE_FIELDS)
    sheet.append(["G1", "GU1", 3000000, 0.01, date(2023, 1, 1), date(2024, 1, 1)])
    sheet.cell(row=1048576, column=1, value="G2")
    book.save(os.path.join(directory, "bad-last-row.xlsx"))
    # A formula without a saved value (openpyxl never computes one), and a formula string.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(GUARANTEE_FIELDS[:6])
    sheet.append(["G1", "GU1", 3000000, 0.01, date(2023, 1, 1), date(2024, 1, 1)])
    sheet.append(["G2", "GU1", "=C2*2", 0.01, date(2023, 1, 1), date(2024, 1, 1)])
    sheet.append(["G3", "GU1", 1000000, 0.01, date(2023, 1, 1), date(2024, 1, 1)])
    book.save(os.path.join(directory, "formula.xlsx"))
    # A password-protected workbook (msoffcrypto-tool, when installed: pip install msoffcrypto-tool).
    try:
        import msoffcrypto
        with open(os.path.join(directory, "formula.xlsx"), "rb") as plain, \
                open(os.path.join(directory, "bad-encrypted.xlsx"), "wb") as locked:
            msoffcrypto.OfficeFile(plain).encrypt("huiqi", locked)
    except ImportError:
        print("msoffcrypto-tool not installed: bad-encrypted.xlsx not written", file=sys.stderr)
    # Two sheets: the guarantees on the second.
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["这张表是说明"])
    sheet = book.create_sheet("担保")
    sheet.append(GUARANTEE_ZH[:6])
    sheet.append(["G1", "GU1", 3000000, 0.01, date(2023, 1, 1), date(2024, 1, 1)])
    book.save(os.path.join(directory, "two-sheets.xlsx"))


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "Tests", "SpreadsheetModuleTests", "Fixtures")
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(20241)
    sets = [
        ("loans", LOAN_FIELDS, LOAN_ZH, LOAN_ZH_MIXED, loans(rng), {3}),
        ("guarantees", GUARANTEE_FIELDS, GUARANTEE_ZH, GUARANTEE_ZH_MIXED, guarantees(rng), {3, 6}),
    ]
    for name, fields, zh, mixed, rows, rates in sets:
        path = lambda suffix: os.path.join(directory, name + suffix)
        write_text(path(".csv"), csv_lines(fields, rows, rates))
        write_text(path("-bom.csv"), csv_lines(fields, rows, rates), newline="\r\n", bom=True, trailing_comma=True, blank_rows=3)
        write_text(path("-gb18030.csv"), csv_lines(zh, rows, rates), newline="\r\n", encoding="gb18030")
        write_text(path("-zh.csv"), csv_lines(mixed, rows, rates))
        write_xlsx(path(".xlsx"), zh, rows, rates)
        write_xlsx(path("-1904.xlsx"), fields, rows, rates, epoch=CALENDAR_MAC_1904)
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office:
            with tempfile.TemporaryDirectory() as work:
                subprocess.run([office, "--headless", f"-env:UserInstallation=file://{work}/profile",
                                "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", work, path(".csv")],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                shutil.move(os.path.join(work, name + ".xlsx"), path("-libreoffice.xlsx"))
        else:
            print(f"soffice not found: {name}-libreoffice.xlsx not written", file=sys.stderr)
    small_workbooks(directory)


if __name__ == "__main__":
    main()
