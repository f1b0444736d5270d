import Foundation
import Testing

/// Each way a command can fail: usage errors exit 2 naming the flag and the accepted values;
/// calculation errors exit 1 with one sentence on stderr; never a stack trace.
@Suite struct ErrorPathTests {
    let cit = "calc small-profit-cit --tax-year 2023 --taxable-income 2800000 --employees 50 --total-assets 10000000"

    @Test(arguments: [
        ("calc nope", #"unknown measure "nope"; `huiqi list` shows the measures"#),
        ("calc small-profit-cit --tax-year 2023 --taxable-incomex 1 --employees 1 --total-assets 1", "unknown flag '--taxable-incomex' for small-profit-cit; did you mean --taxable-income?"),
        ("calc small-profit-cit --tax-year 2023 --employees 1 --total-assets 1", "missing --taxable-income (AMOUNT)"),
        ("calc small-profit-cit --tax-year 2023 --zzz 1", "unknown flag '--zzz' for small-profit-cit; accepted: --tax-year, --taxable-income"),
        ("calc small-scale-vat --period-type week --period-start 2023-04-01 --sales-3pct 1", "'week' is not accepted by --period-type; accepted: month, quarter"),
        ("calc small-profit-cit --tax-year 2023 --taxable-income 1 --employees 1 --total-assets 1 --format xml", "The value 'xml' is invalid for '--format <format>'"),
        ("calc small-profit-cit --tax-year 2023 --tax-year 2024", "'--tax-year' is given twice"),
        ("calc small-profit-cit --no-high-tech=yes --tax-year 2023", "'--no-high-tech' takes no value"),
        ("calc interest-subsidy --principal 1 --annual-rate 2% --drawdown-date 2022-11-01 --end-date 2023-11-01 --first-inclusive-loan --lender-in-shanghai", "missing --guaranteed-by-fund / --no-guaranteed-by-fund"),
        ("eval '1' --precision 0", "--precision must be at least 1"),
    ])
    func usageErrorsExit2NamingTheFlag(command: String, message: String) throws {
        let output = try Huiqi.run(Huiqi.words(command))
        #expect(output.status == 2)
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test(arguments: [
        ("calc small-profit-cit --tax-year 2028 --taxable-income 1 --employees 1 --total-assets 1",
         "huiqi: no value of parameter cit.small_low_profit.income_limit is in effect on 2028-01-01; add one to a parameters file to compute\n"),
        ("calc small-profit-cit --tax-year 2023 --taxable-income 1,000,00 --employees 1 --total-assets 1",
         "huiqi: --taxable-income: \"1,000,00\" is grouped wrongly: digits are grouped in threes before the point (3,000,000.00)\n"),
        ("calc small-profit-cit --tax-year 2023 --taxable-income -5 --employees 1 --total-assets 1",
         "huiqi: --taxable-income: must not be negative (got -5)\n"),
        ("calc interest-subsidy --principal 3000000 --annual-rate 2% --drawdown-date 2022-11-01 --end-date 2022-10-01 --guaranteed-by-fund --first-inclusive-loan --lender-in-shanghai",
         "huiqi: --end-date: must be after drawdown_date (2022-10-01 is not after 2022-11-01)\n"),
        ("calc small-scale-vat --period-type month --period-start 2023-05-01 --sales-3pct 10 --special-invoice-3pct 11",
         "huiqi: --special-invoice-3pct: is part of sales_3pct and cannot exceed it\n"),
        ("calc interest-subsidy --principal 3000000 --annual-rate 3.65 --drawdown-date 2022-11-01 --end-date 2023-11-01 --guaranteed-by-fund --first-inclusive-loan --lender-in-shanghai",
         "huiqi: --annual-rate: \"3.65\" is not a plausible rate: without % it means 365%; write 3.65% (or 0.0365)\n"),
        ("calc guarantee-fee --amount 3000000 --fee-rate 1 --start-date 2023-01-01 --term-months 12",
         "huiqi: --fee-rate: \"1\" is not a plausible rate: without % it means 100%; write 1% (or 0.01)\n"),
        ("calc guarantee-fee --amount 3000000 --fee-rate 150% --start-date 2023-01-01 --term-months 12",
         "huiqi: --fee-rate: \"150%\" is above 100%, which no rate here can be\n"),
        ("calc interest-subsidy --principal 3000000 --annual-rate 3.65% --drawdown-date 2022-11-01 --end-date 2023-11-01 --guaranteed-by-fund --first-inclusive-loan --lender-in-shanghai --repayments 2023-11-02=1000",
         "huiqi: --repayments[0].date: 2023-11-02 is after end_date 2023-11-01\n"),
        ("calc interest-subsidy --principal 3000000 --annual-rate 3.65% --drawdown-date 2022-11-01 --end-date 2023-11-01 --guaranteed-by-fund --first-inclusive-loan --lender-in-shanghai --repayments 2023-01-01=3000001",
         "huiqi: --repayments: the repayments total 3,000,001, which exceed the principal 3,000,000\n"),
        ("calc small-scale-vat --period-type quarter --period-start 2020-01-01 --sales-3pct 600000",
         "huiqi: --month-sales-3pct: the 3% items' rate changes on 2020-03-01 (vat.small_scale.rate_3pct_items or special_invoice_rate_3pct), so the quarter cannot be taxed at one rate; give month_sales_3pct (and month_special_invoice_3pct), three amounts separated by ;\n"),
        ("calc small-scale-vat --period-type quarter --period-start 2020-01-01 --sales-3pct 600000 --month-sales-3pct 200000;200000;199999",
         "huiqi: --month-sales-3pct: the months sum to 599,999, not sales_3pct 600,000\n"),
        ("calc rd-super-deduction --tax-year 2023 --category general --expensed-rd 1 --cit-rate 25% --hightech-equipment-q4-2022 5",
         "huiqi: --hightech-equipment-q4-2022: applies to tax year 2022 only (equipment bought 2022-10-01..12-31)\n"),
        ("eval '2 * (3 +'", "huiqi: expected a number at character 9\n"),
        ("eval '1 / (2 - 2)'", "huiqi: division by zero\n"),
    ])
    func calculationErrorsExit1WithOneSentence(command: String, message: String) throws {
        let output = try Huiqi.run(Huiqi.words(command))
        #expect(output.status == 1)
        #expect(output.stderr == message)
        #expect(output.stdout.isEmpty)
    }

    /// A measure's own check reads in Chinese under a Chinese (or any non-English) locale and
    /// in English with `--lang en`, naming the flag in both.
    @Test(arguments: [
        ("calc guarantee-fee --amount 1 --fee-rate 1% --start-date 2023-02-01 --end-date 2023-01-01",
         "huiqi: --end-date：须晚于起始日 start_date（2023-01-01 不晚于 2023-02-01）\n",
         "huiqi: --end-date: must be after start_date (2023-01-01 is not after 2023-02-01)\n"),
        ("calc interest-subsidy --principal 3000000 --annual-rate 3.65% --drawdown-date 2022-11-01 --end-date 2023-11-01 --guaranteed-by-fund --first-inclusive-loan --lender-in-shanghai --repayments 2023-11-02=1000",
         "huiqi: --repayments[0].date：2023-11-02 晚于到期日 end_date 2023-11-01\n",
         "huiqi: --repayments[0].date: 2023-11-02 is after end_date 2023-11-01\n"),
        ("calc small-scale-vat --period-type quarter --period-start 2023-02-01 --sales-3pct 10",
         "huiqi: --period-start：2023-02-01 不是季度首日（1 月、4 月、7 月或 10 月 1 日）\n",
         "huiqi: --period-start: 2023-02-01 is not the first day of a quarter (Jan, Apr, Jul, Oct)\n"),
        ("calc rd-super-deduction --tax-year 2022 --category general --expensed-rd 100 --cit-rate 25% --q4-method proportional --q4-operating-months 4 --operating-months-2022 12",
         "huiqi: --q4-operating-months：应为 0 至 3（输入为 4）\n",
         "huiqi: --q4-operating-months: must be 0 to 3 (got 4)\n"),
        ("calc small-profit-cit --tax-year 2028 --taxable-income 1 --employees 1 --total-assets 1",
         "huiqi: 参数 cit.small_low_profit.income_limit 在 2028-01-01 没有生效的取值；请在参数文件中补充后再计算\n",
         "huiqi: no value of parameter cit.small_low_profit.income_limit is in effect on 2028-01-01; add one to a parameters file to compute\n"),
    ])
    func measureMessagesFollowTheLanguage(command: String, chinese: String, english: String) throws {
        let zh = try Huiqi.run(Huiqi.words(command), locale: "C.UTF-8")
        #expect(zh.status == 1)
        #expect(zh.stderr == chinese)
        let en = try Huiqi.run(Huiqi.words(command + " --lang en"), locale: "C.UTF-8")
        #expect(en.status == 1)
        #expect(en.stderr == english)
    }

    /// `huiqi list MEASURE` and a missing flag give each field's help in the user's language.
    @Test func helpLinesFollowTheLanguage() throws {
        let zh = try Huiqi.run(["list", "interest-subsidy"], locale: "C.UTF-8")
        #expect(zh.stdout.contains("--principal"), "\(zh.stdout)")
        #expect(zh.stdout.contains("实际放款金额"))
        #expect(zh.stdout.contains("由市政策性融资担保基金提供担保"))
        #expect(zh.stdout.contains("默认 E1"))
        #expect(!zh.stdout.contains("the amount drawn"))
        let en = try Huiqi.run(["list", "interest-subsidy", "--lang", "en"], locale: "C.UTF-8")
        #expect(en.stdout.contains("the amount drawn"))
        #expect(en.stdout.contains("default E1"))
        #expect(!en.stdout.contains("实际放款金额"))
        let json = try Huiqi.run(["list", "interest-subsidy", "--format", "json"])
        #expect(json.stdout.contains(#""help": "the amount drawn""#))
        #expect(json.stdout.contains(#""help_zh": "实际放款金额""#))
        let missing = try Huiqi.run(Huiqi.words("calc small-profit-cit --tax-year 2023 --employees 1 --total-assets 1"), locale: "C.UTF-8")
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("错误：缺少 --taxable-income（AMOUNT）：加计扣除和弥补亏损后的应纳税所得额（亏损年度填 0）\n"), "\(missing.stderr)")
    }

    @Test func groupedAmountsAreAcceptedWhereWellFormed() throws {
        let plain = try Huiqi.run(Huiqi.words(cit + " --format json"))
        let grouped = try Huiqi.run(Huiqi.words(cit.replacingOccurrences(of: "2800000", with: "2,800,000") + " --format json"))
        #expect(grouped.status == 0)
        #expect(grouped.stdout == plain.stdout)
    }

    @Test func inputFromStandardInput() throws {
        let json = #"{"tax_year": 2023, "taxable_income": "2800000", "employees": "50", "total_assets": "10000000"}"#
        let output = try Huiqi.run(["calc", "small-profit-cit", "--input", "-", "--format", "json"], stdin: json)
        #expect(output.status == 0)
        #expect(output.stdout == (try Huiqi.run(Huiqi.words(cit + " --format json"))).stdout)
        let number = try Huiqi.run(["calc", "small-profit-cit", "--input", "-"], stdin: #"{"tax_year": 2023, "taxable_income": 2800000.5}"#)
        #expect(number.status == 2)
        #expect(number.stderr.contains("write amounts and rates as strings"))
    }

    @Test func scenarioFailuresAreReportedWithExit1() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("huiqi-wrong-\(UUID().uuidString).yaml")
        try """
            - name: wrong on purpose
              measure: small-profit-cit
              input: {tax_year: 2023, taxable_income: "2800000", employees: "50", total_assets: "10000000"}
              expect: {tax_due: "140000.01"}
            - name: right
              measure: small-profit-cit
              input: {tax_year: 2023, taxable_income: "2800000", employees: "50", total_assets: "10000000"}
              expect: {tax_due: "140000.00"}
            """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try Huiqi.run(["test", file.path])
        #expect(output.status == 1)
        #expect(output.stdout == "FAIL \(file.path):1: wrong on purpose: tax_due: expected 140000.01, got 140000.00\n1 passed, 1 failed\n")
        let all = try Huiqi.run(["test", "Tests/Scenarios"])
        #expect(all.status == 0)
        #expect(all.stdout.hasSuffix(" passed, 0 failed\n"))
    }

    @Test func evalIsExactAndSaysWhenItRoundedADivision() throws {
        let exact = try Huiqi.run(Huiqi.words("eval '3000000 * 3.65% * 365 / 360' --scale 2"))
        #expect(exact.stdout == "111020.83\n")
        let third = try Huiqi.run(Huiqi.words("eval '1 / 3' --precision 10 --rounding down"))
        #expect(third.stdout == "0.3333333333\n")
        #expect(third.stderr == "note: a division was rounded to 10 significant digits (down)\n")
        let negative = try Huiqi.run(Huiqi.words("eval '-(2 + 3) * 4 ÷ 8'"))
        #expect(negative.stdout == "-2.5\n")
        #expect(negative.stderr.isEmpty)
    }

    @Test func theLanguageFollowsTheLocaleAndFallsBackToChinese() throws {
        let english = try Huiqi.run(Huiqi.words(cit), locale: "en_US.UTF-8")
        #expect(english.stdout.hasPrefix("Small low-profit enterprise income tax · small-profit-cit"))
        let chinese = try Huiqi.run(Huiqi.words(cit), locale: "zh_CN.UTF-8")
        #expect(chinese.stdout.hasPrefix("小型微利企业所得税优惠 · small-profit-cit"))
        let other = try Huiqi.run(Huiqi.words(cit), locale: "de_DE.UTF-8")
        #expect(other.stdout == chinese.stdout)
        let flag = try Huiqi.run(Huiqi.words(cit + " --lang en"), locale: "zh_CN.UTF-8")
        #expect(flag.stdout == english.stdout)
    }

    /// bash, as a user presses Tab: after `calc MEASURE`, an empty word lists the measure's
    /// flags, and a word begun with `-` is completed against them (and `calc`'s own options).
    @Test(arguments: [
        ("huiqi calc vat ", "--period-type"), ("huiqi calc vat --pe", "--period-start --period-type"),
        ("huiqi calc cit --tax-y", "--tax-year"), ("huiqi calc interest-subsidy --la", "--lang"), ("huiqi calc vat --zz", ""),
    ])
    func bashCompletesAMeasuresFlags(_ line: String, _ expected: String) throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("huiqi-completion-\(UUID().uuidString).bash")
        defer { try? FileManager.default.removeItem(at: script) }
        try Data(try Huiqi.run(["--generate-completion-script", "bash"]).stdout.utf8).write(to: script)
        let simulation = """
            source "$1"; line="$2"; COMP_LINE="$line"; COMP_POINT=${#line}
            read -ra COMP_WORDS <<< "$line"; [[ "$line" == *" " ]] && COMP_WORDS+=("")
            COMP_WORDS[0]="$3"; COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
            _huiqi huiqi "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
            printf '%s\\n' "${COMPREPLY[@]}" | sort
            """
        let output = try Huiqi.run(["-c", simulation, "bash", script.path, line, Huiqi.executable.path], through: "/bin/bash")
        let offered = output.stdout.split(separator: "\n").filter { !$0.isEmpty }
        if expected.isEmpty {
            #expect(offered.isEmpty, "\(offered)")
        } else if line.hasSuffix(" ") {
            #expect(offered.contains(Substring(expected)), "\(offered)")
            #expect(offered.allSatisfy { $0.hasPrefix("-") }, "\(offered)")
        } else {
            #expect(offered.joined(separator: " ") == expected, "\(offered)")
        }
    }

    @Test func completionScriptsAreGenerated() throws {
        for shell in ["bash", "zsh", "fish"] {
            let output = try Huiqi.run(["--generate-completion-script", shell])
            #expect(output.status == 0)
            #expect(output.stdout.contains("huiqi"))
        }
    }
}
