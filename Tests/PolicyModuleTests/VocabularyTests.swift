import PolicyModule
import Testing

/// Every word a worksheet shows exists in every language: the field labels of every measure's
/// input and result (all the keys the 480 scenarios' results have), every reason code they
/// give, and the worksheet's own words.
@Suite struct VocabularyTests {
    @Test func everyLanguageHasEveryKey() {
        let zh = Vocabulary.keys(.zh)
        for language in Language.allCases {
            let keys = Vocabulary.keys(language)
            #expect(keys == zh, "\(language) differs from zh: missing \(zh.subtracting(keys).sorted()), extra \(keys.subtracting(zh).sorted())")
        }
    }

    @Test func everyFieldAndReasonHasWords() throws {
        var fields = Set(MeasureRegistry.all.flatMap { $0.inputFields.map(\.name) + $0.outputFields.map(\.name) + [$0.inputList].compactMap { $0 } })
        var reasons: Set<String> = []
        let parameters = try ParameterTable.bundled()
        for scenario in ScenarioTests.scenarios where scenario.expectError == nil {
            let result = try MeasureRegistry.measure(scenario.measure).calculate(scenario.input, scenario.parameters.map { parameters.overriding(with: $0) } ?? parameters)
            collect(try JSONValue(encoding: result), into: &fields, reasons: &reasons)
        }
        #expect(reasons.count >= 30)
        for language in Language.allCases {
            let keys = Vocabulary.keys(language)
            let missingFields = fields.filter { !keys.contains("field." + $0) }
            let missingReasons = reasons.filter { !keys.contains("reason." + $0) }
            #expect(missingFields.isEmpty, "\(language): no label for \(missingFields.sorted())")
            #expect(missingReasons.isEmpty, "\(language): no words for \(missingReasons.sorted())")
        }
    }

    @Test func labelsAndReasonsReadAsWords() {
        #expect(Vocabulary.label(field: "principal", .zh) == "本金")
        #expect(Vocabulary.label(field: "drawdown_date", .en) == "drawdown date")
        #expect(Vocabulary.reason("not_guaranteed_by_fund", .zh) == "未由市融资担保基金担保 (not_guaranteed_by_fund)")
        #expect(Vocabulary.reason("eligible", .en) == "eligible")
        #expect(Vocabulary.text("bool.true", .zh) == "是")
    }

    /// Every message template, written in English by the library and the command line, is
    /// found again and written in Chinese; a message with a field path keeps the path.
    @Test func everyMessageIsTranslatedWhole() {
        let keys = Vocabulary.keys(.en).filter { $0.hasPrefix("error.") && $0 != "error.prefix" }
        #expect(keys.count >= 250)
        for key in keys.sorted() {
            let arguments = ["first", "February", "2023", "28", "fifth", "sixth"]
            let english = Vocabulary.message(key, arguments[0], arguments[1], arguments[2], arguments[3], arguments[4], arguments[5])
            var expected = Vocabulary.text(key, .zh).replacingOccurrences(of: "{2:month}", with: "2")
            for (index, argument) in arguments.enumerated() {
                // No field is called `first` or `February`: a label of one is nothing; no message
                // is `first`, and no list of messages or columns has a part to translate.
                expected = expected.replacingOccurrences(of: "{\(index + 1):label}", with: "")
                for modifier in ["", ":message", ":messages", ":columns"] {
                    expected = expected.replacingOccurrences(of: "{\(index + 1)\(modifier)}", with: argument)
                }
            }
            #expect(Vocabulary.translate(english, to: .zh) == expected, "\(key)")
            #expect(Vocabulary.translate(english, to: .en) == english)
        }
    }

    /// One message of each measure's own checks, as the library writes it (English, as the
    /// scenario files and the C interface see it) and as a Chinese user reads it: the field path
    /// kept, a field the message names written with its Chinese label and its name.
    @Test(arguments: [
        ("interest-subsidy",
         #"{"loans": [{"enterprise_id": "E1", "loan_id": "L1", "principal": "3000000", "annual_rate": "3.65%", "drawdown_date": "2022-11-01", "end_date": "2023-11-01", "guaranteed_by_fund": "yes", "first_inclusive_loan": "yes", "lender_in_shanghai": "yes", "repayments": [{"date": "2022-10-01", "amount": "1000"}]}]}"#,
         "loans[0].repayments[0].date: 2022-10-01 is before drawdown_date 2022-11-01",
         "loans[0].repayments[0].date：2022-10-01 早于放款日 drawdown_date 2022-11-01"),
        ("interest-subsidy",
         #"{"loans": [{"enterprise_id": "E1", "loan_id": "L1", "principal": "3000000", "annual_rate": "3.65%", "drawdown_date": "2022-11-01", "end_date": "2023-11-01", "guaranteed_by_fund": "yes", "first_inclusive_loan": "yes", "lender_in_shanghai": "yes"}], "prior_granted": {"E1": "100.005"}}"#,
         "prior_granted.E1: an amount granted is in fen: at most 2 decimals (got 100.005)",
         "prior_granted.E1：已获贴息金额以分为单位：最多两位小数（输入为 100.005）"),
        ("guarantee-fee",
         #"{"guarantee_id": "G1", "guarantor_id": "GU1", "amount": "1", "fee_rate": "1%", "start_date": "2023-02-01", "end_date": "2023-01-01"}"#,
         "end_date: must be after start_date (2023-01-01 is not after 2023-02-01)",
         "end_date：须晚于起始日 start_date（2023-01-01 不晚于 2023-02-01）"),
        ("small-scale-vat",
         #"{"period_type": "month", "period_start": "2023-05-01", "sales_3pct": "10", "special_invoice_3pct": "11"}"#,
         "special_invoice_3pct: is part of sales_3pct and cannot exceed it",
         "special_invoice_3pct：是3%征收率销售额 sales_3pct 的一部分，不得超过该项"),
        ("small-scale-vat",
         #"{"period_type": "quarter", "period_start": "2020-01-01", "sales_3pct": "600000", "month_sales_3pct": "200000;200000;199999"}"#,
         "month_sales_3pct: the months sum to 599,999, not sales_3pct 600,000",
         "month_sales_3pct：各月合计为 599,999，与3%征收率销售额 sales_3pct 600,000 不符"),
        ("rd-super-deduction",
         #"{"tax_year": "2023", "category": "general", "expensed_rd": "1", "cit_rate": "25%", "hightech_equipment_q4_2022": "5"}"#,
         "hightech_equipment_q4_2022: applies to tax year 2022 only (equipment bought 2022-10-01..12-31)",
         "hightech_equipment_q4_2022：仅适用于 2022 纳税年度（2022-10-01 至 12-31 购置的设备）"),
        ("small-profit-cit",
         #"{"tax_year": "10000", "taxable_income": "1", "employees": "1", "total_assets": "1"}"#,
         "tax_year: 10000 is not a year",
         "tax_year：10000 不是有效年份"),
        ("small-profit-cit",
         #"{"tax_year": "2028", "taxable_income": "1", "employees": "1", "total_assets": "1"}"#,
         "no value of parameter cit.small_low_profit.income_limit is in effect on 2028-01-01; add one to a parameters file to compute",
         "参数 cit.small_low_profit.income_limit 在 2028-01-01 没有生效的取值；请在参数文件中补充后再计算"),
        ("social-insurance-deferral",
         #"{"deferred_amount": "1000", "due_date": "2022-06-01", "repaid_date": "2022-05-01"}"#,
         "repaid_date: is before due_date (2022-05-01 < 2022-06-01)",
         "repaid_date：早于原缴费期限 due_date（2022-05-01 < 2022-06-01）"),
        ("tech-transformation",
         #"{"total_investment": "100", "approved_investment": "200", "application_date": "2023-03-01"}"#,
         "approved_investment: is part of total_investment and cannot exceed it",
         "approved_investment：是项目总投资 total_investment 的一部分，不得超过该项"),
        ("employment-subsidy",
         #"{"hires": [{"hire_date": "2023-03-01", "group": "unemployed", "contract_months": "-1", "social_insurance_paid": "yes"}]}"#,
         "hires[0].contract_months: must not be negative (got -1)",
         "hires[0].contract_months：不得为负数（输入为 -1）"),
        ("compute-voucher",
         #"{"compute_in_shanghai": "yes", "core_algorithm_or_large_model": "yes", "contract_fee": "-5", "contract_date": "2023-06-01"}"#,
         "contract_fee: must not be negative (got -5)",
         "contract_fee：不得为负数（输入为 -5）"),
    ])
    func measureMessagesReadInBothLanguages(measure: String, json: String, english: String, chinese: String) throws {
        let input = try InputValue(json: Array(json.utf8))
        let parameters = try ParameterTable.bundled()
        do {
            _ = try MeasureRegistry.measure(measure).calculate(input, parameters)
            Issue.record("\(measure): no error")
        } catch {
            #expect("\(error)" == english)
            #expect(Vocabulary.translate("\(error)", to: .en) == english)
            #expect(Vocabulary.translate("\(error)", to: .zh) == chinese)
        }
    }

    /// Every input field of every measure has a help line in every language, the English one
    /// the field's own, and the Chinese one in Chinese.
    @Test func everyInputFieldHasHelpInEveryLanguage() {
        let helpKeys = Vocabulary.keys(.en).filter { $0.hasPrefix("help.") }
        var keys: Set<String> = []
        for measure in MeasureRegistry.all {
            for field in measure.inputFields {
                let key = "help.\(measure.id).\(field.name)"
                keys.insert(key)
                #expect(Vocabulary.text(key, .en) == field.help, "\(key)")
                #expect(measure.help(field, .en) == field.help)
                let chinese = measure.help(field, .zh)
                #expect(chinese != field.help && chinese.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(key): \(chinese)")
            }
        }
        #expect(keys.count >= 80)
        #expect(helpKeys == keys, "help lines of no field: \(helpKeys.subtracting(keys).sorted())")
    }

    /// A message whose first value could run over a field path does not: the path is kept apart
    /// and the rest translated, whichever template would match the whole.
    @Test func aFieldPathIsNeverTakenForAValue() {
        #expect(Vocabulary.translate("repaid_date: is before due_date (2022-05-01 < 2022-06-01)", to: .zh)
            == "repaid_date：早于原缴费期限 due_date（2022-05-01 < 2022-06-01）")
        #expect(Vocabulary.translate("line 3: loan_id: duplicate loan L1 of enterprise E1 (first on line 2)", to: .zh)
            == "第 3 行：loan_id：企业 E1 的贷款 L1 重复（首次出现于第 2 行）")
        #expect(Vocabulary.translate("cannot read scenario file a.yaml: No such file or directory", to: .zh)
            == "无法读取场景文件 a.yaml：文件或目录不存在")
    }

    @Test func messagesFromTheReaderReadInChinese() throws {
        func message(_ body: () throws -> Void) -> String {
            do { try body() } catch { return Vocabulary.translate("loans[0].principal: \(error)", to: .zh) }
            return ""
        }
        #expect(message { _ = try InputText.day("2022-02-30") } == "loans[0].principal：“2022-02-30”：2022年2月只有 28 天")
        #expect(message { _ = try InputText.amount("3,00,000") } == "loans[0].principal：“3,00,000”分节有误：小数点前的数字每三位一组（3,000,000.00）")
        #expect(message { _ = try Rate(parsing: "3.65") } == "loans[0].principal：“3.65”不是合理的利率：不带 % 即为 365%；应写 3.65%（或 0.0365）")
        #expect(message { _ = try InputText.bool("maybe") } == "loans[0].principal：应为是或否（true/false、1/0、yes/no、是/否），而不是“maybe”")
    }

    /// The keys of a result, but not of its steps and parameters, and the values of `reason`.
    private func collect(_ value: JSONValue, into fields: inout Set<String>, reasons: inout Set<String>) {
        switch value {
        case .object(let members):
            for (key, member) in members where key != "steps" && key != "parameters" {
                fields.insert(key)
                if key == "reason", case .string(let code) = member { reasons.insert(code) }
                collect(member, into: &fields, reasons: &reasons)
            }
        case .array(let items):
            for item in items { collect(item, into: &fields, reasons: &reasons) }
        default: break
        }
    }
}
