import Foundation
import DecimalModule
@testable import PolicyModule
import Testing

@Suite struct ParameterTests {
    func day(_ text: String) throws -> Day { try Day(parsing: text) }

    /// The numbers a batch looks up for every row are those of the value in effect, on every
    /// day where one starts or ends and the days around it, in the bundled table and in one
    /// with a value laid over it.
    @Test func aBatchsLookUpsGiveTheValueInEffect() throws {
        let bundled = try ParameterTable.bundled()
        let overlay = try ParameterTable(yaml: """
            cit.small_low_profit.income_limit:
              - {value: "2500000", from: 2024-03-01, to: 2024-06-30, citation: a test}
            """)
        var checked = 0
        for table in [bundled, bundled.overriding(with: overlay)] {
            for (id, values) in table.values {
                let days = values.flatMap { [$0.from, $0.from.adding(days: -1)] + ($0.to.map { [$0, $0.adding(days: 1)] } ?? []) }
                for day in days {
                    let value = table.value(id, on: day)
                    #expect(table.decimal(id, on: day) == value.flatMap { try? PolicyDecimal.parse($0.value) }, "\(id) \(day)")
                    #expect(table.integer(id, on: day) == value.flatMap { Int($0.value) }, "\(id) \(day)")
                    checked += 1
                }
            }
        }
        #expect(checked > 200)
        #expect(bundled.overriding(with: overlay).decimal("cit.small_low_profit.income_limit", on: try day("2024-04-01")) == 2_500_000)
    }

    /// Each R&D category's ratio and each location's urban maintenance tax rate is the
    /// parameter named after it.
    @Test func eachChoicesParameterIsNamedAfterIt() throws {
        let table = try ParameterTable.bundled()
        let named = RDSuperDeduction.Category.allCases.map { ($0.ratioParameter, "rd.super_deduction_ratio.\($0.rawValue)") }
            + SmallScaleVAT.Location.allCases.map { ($0.urbanMaintenanceParameter, "surtax.urban_maintenance.\($0.rawValue)") }
        for (parameter, name) in named {
            #expect(parameter == name)
            #expect(table.values[parameter] != nil)
        }
    }

    @Test func bundledFileLoadsAndCitesEveryValue() throws {
        let table = try ParameterTable.bundled()
        #expect(table.values.count >= 40)
        #expect(table.values.values.allSatisfy { $0.allSatisfy { !$0.citation.isEmpty } })
        #expect(try table.require("interest_subsidy.rate", on: day("2022-10-01")).value == "0.02")
    }

    @Test(arguments: [
        ("2022-09-30", nil), ("2022-10-01", "0.02"), ("2022-12-31", "0.02"), ("2023-01-01", nil),
    ])
    func boundaryDatesOfTheSubsidyRate(date: String, expected: String?) throws {
        let table = try ParameterTable.bundled()
        #expect(table.value("interest_subsidy.rate", on: try day(date))?.value == expected)
    }

    @Test func aDateWithNoValueIsAnErrorNamingTheParameter() throws {
        let table = try ParameterTable.bundled()
        #expect(throws: PolicyError.noParameterInEffect(id: "cit.small_low_profit.band1_rate", on: try day("2028-01-01"))) {
            try table.require("cit.small_low_profit.band1_rate", on: try day("2028-01-01"))
        }
        #expect(throws: PolicyError.noParameterInEffect(id: "vat.small_scale.threshold_month", on: try day("2018-06-01"))) {
            try table.require("vat.small_scale.threshold_month", on: try day("2018-06-01"))
        }
    }

    @Test func overlappingValuesAreRefusedNamingTheParameter() {
        #expect(throws: PolicyError.invalidParameters("cit.standard_rate: values from 2023-01-01 and from 2023-06-01 overlap")) {
            try ParameterTable(yaml: """
                cit.standard_rate:
                  - {value: "0.1", from: 2023-01-01, to: 2023-12-31, citation: a}
                  - {value: "0.2", from: 2023-06-01, citation: b}
                """)
        }
        #expect(throws: PolicyError.invalidParameters("cit.standard_rate: a value ends (2022-12-31) before it starts (2023-01-01)")) {
            try ParameterTable(yaml: """
                cit.standard_rate:
                  - {value: "0.1", from: 2023-01-01, to: 2022-12-31, citation: a}
                """)
        }
        #expect(throws: PolicyError.self) {
            try ParameterTable(yaml: "cit.standard_rate:\n  - {value: \"0.1\", from: 2023-02-30, citation: a}\n")
        }
        #expect(throws: PolicyError.self) {
            try ParameterTable(yaml: "cit.standard_rate:\n  - {value: \"0.1\", from: 2023-01-01}\n")
        }
    }

    @Test func theKindsAreThoseOfTheBundledParameters() throws {
        let bundled = Set(try ParameterTable.bundled().values.keys)
        let kinds = Set(ParameterKind.table.keys)
        #expect(bundled.subtracting(kinds).isEmpty, "no kind in ParameterKind.table: \(bundled.subtracting(kinds).sorted())")
        #expect(kinds.subtracting(bundled).isEmpty, "a kind for no parameter: \(kinds.subtracting(bundled).sorted())")
    }

    @Test(arguments: [
        ("interest_subsidy.max_days", "9223372036854775807", "a whole number of days from 0 to 36525"),
        ("interest_subsidy.max_days", "-1", "a whole number of days from 0 to 36525"),
        ("interest_subsidy.min_days", "30.5", "a whole number of days from 0 to 36525"),
        ("interest_subsidy.rate", "-0.02", "a rate from 0 to 1"),
        ("interest_subsidy.rate", "2", "a rate from 0 to 1"),
        ("interest_subsidy.rate", "2%", "a rate from 0 to 1"),
        ("interest_subsidy.day_basis", "0", "a whole number of days in a year from 1 to 366"),
        ("guarantee.day_basis", "-365", "a whole number of days in a year from 1 to 366"),
        ("interest_subsidy.cap_per_enterprise", "-200000", "an amount of at least 0"),
        ("interest_subsidy.cap_per_enterprise", "1e999999999999", "an amount of at least 0"),
        ("interest_subsidy.rate_mode", "Cap", "one of cap, floor"),
        ("rd.super_deduction_ratio.general", "2.01", "a ratio from 0 to 2"),
        ("cit.small_low_profit.employee_limit", "300.5", "a whole number of people from 0 to 1000000000"),
        ("rd.min_amortization_years", "0", "a whole number of years from 1 to 100"),
    ])
    func valuesAreCheckedByTheirParametersKind(id: String, value: String, kind: String) {
        let file = "\(id):\n  - {value: \"\(value)\", from: 2022-10-01, to: 2022-12-31, citation: user}\n"
        #expect(throws: PolicyError.invalidParameters("\(id)[0]: \"\(value)\" is not \(kind)")) { try ParameterTable(yaml: file) }
    }

    @Test func valuesOfTheirKindAreAccepted() throws {
        let file = """
            interest_subsidy.max_days: [{value: "36525", from: 2022-10-01, to: 2022-12-31, citation: u}]
            interest_subsidy.rate: [{value: "1", from: 2022-10-01, to: 2022-12-31, citation: u}]
            interest_subsidy.day_basis: [{value: "365", from: 2022-10-01, to: 2022-12-31, citation: u}]
            rd.super_deduction_ratio.general: [{value: "2.00", from: 2030-01-01, citation: u}]
            interest_subsidy.rate_mode: [{value: "floor", from: 2022-10-01, to: 2022-12-31, citation: u}]
            """
        #expect(try ParameterTable(yaml: file).values.count == 5)
    }

    @Test func anUnknownParameterOrKeyIsRefusedNamingIt() {
        #expect(throws: PolicyError.invalidParameters("interest_subsidy.rte is not a parameter (`huiqi params` lists them)")) {
            try ParameterTable(yaml: "interest_subsidy.rte:\n  - {value: \"0.01\", from: 2022-10-01, citation: user}\n")
        }
        #expect(throws: PolicyError.invalidParameters(#"interest_subsidy.rate[1]: unknown key "form" (a value has value, from, to, citation)"#)) {
            try ParameterTable(yaml: """
                interest_subsidy.rate:
                  - {value: "0.01", from: 2022-10-01, to: 2022-10-31, citation: user}
                  - {value: "0.01", form: 2022-11-01, citation: user}
                """)
        }
        #expect(throws: PolicyError.self) {
            try Scenario.parse("""
                - name: misspelt override
                  measure: small-profit-cit
                  parameters: {cit.standrd_rate: [{value: "0.2", from: 2023-01-01, citation: user}]}
                  input: {tax_year: 2023, taxable_income: "1", employees: "1", total_assets: "1"}
                  expect: {tax_due: "0.05"}
                """, file: "inline.yaml")
        }
    }

    @Test func anOverrideChangesOnlyTheDatesItCovers() throws {
        let bundled = try ParameterTable.bundled()
        let user = try ParameterTable(yaml: """
            cit.small_low_profit.band1_rate:
              - {value: "0.04", from: 2023-07-01, to: 2028-12-31, citation: user}
            """)
        let merged = bundled.overriding(with: user)
        #expect(merged.value("cit.small_low_profit.band1_rate", on: try day("2023-06-30"))?.value == "0.05")
        #expect(merged.value("cit.small_low_profit.band1_rate", on: try day("2023-07-01"))?.value == "0.04")
        #expect(merged.value("cit.small_low_profit.band1_rate", on: try day("2028-12-31"))?.value == "0.04")
        #expect(merged.value("cit.small_low_profit.band1_rate", on: try day("2021-06-30"))?.value == "0.025")
        #expect(merged.value("cit.small_low_profit.band2_rate", on: try day("2028-01-01")) == nil)
    }

    @Test func overridingTheMissingYearMakesCITCompute() throws {
        let input = InputValue.record([
            "tax_year": .text("2028"), "taxable_income": .text("1500000"), "employees": .text("50"),
            "total_assets": .text("10000000"),
        ])
        let measure = try MeasureRegistry.measure("small-profit-cit")
        #expect(throws: PolicyError.noParameterInEffect(id: "cit.small_low_profit.income_limit", on: try day("2028-01-01"))) {
            try measure.calculate(input, try ParameterTable.bundled())
        }
        var lines = ""
        for (id, value) in [("income_limit", "3000000"), ("employee_limit", "300"), ("asset_limit", "50000000"),
                            ("band1_upper", "1000000"), ("band1_rate", "0.05"), ("band2_rate", "0.05")] {
            lines += "cit.small_low_profit.\(id):\n  - {value: \"\(value)\", from: 2028-01-01, to: 2028-12-31, citation: user}\n"
        }
        let table = try ParameterTable.bundled().overriding(with: ParameterTable(yaml: lines))
        let result = try #require(try measure.calculate(input, table) as? SmallProfitCIT.Result)
        #expect(result.taxDue == (try ExactDecimal(parsing: "75000.00")))  // 1,000,000 × 5% + 500,000 × 5%
    }
}

@Suite struct InputTests {
    @Test(arguments: [("2023-11-01", "2022-11-01", 365), ("2024-03-01", "2024-02-01", 29), ("2023-03-01", "2023-02-01", 28),
                      ("2000-03-01", "1900-03-01", 36_525)])
    func daysCountTheFirstDayNotTheLast(end: String, start: String, days: Int) throws {
        #expect(try Day(parsing: end) - Day(parsing: start) == days)
    }

    /// The date spellings of docs/POLICY.md §1 all mean the same day.
    @Test(arguments: ["2023-06-30", "2023-6-30", "2023/6/30", "2023/06/30", "20230630", "2023年6月30日", " 2023-06-30　", "２０２３－０６－３０"])
    func dateSpellings(text: String) throws {
        #expect(try Day(parsing: text).description == "2023-06-30")
    }

    /// A refused date says why, quoting what was written.
    @Test(arguments: [
        ("2022-02-30", #""2022-02-30": February 2022 has 28 days"#),
        ("2024-02-30", #""2024-02-30": February 2024 has 29 days"#),
        ("2023-04-31", #""2023-04-31": April 2023 has 30 days"#),
        ("2023-13-01", #""2023-13-01": there is no month 13"#),
        ("1899-12-31", #""1899-12-31": the year must be 1900 to 9999"#),
        ("10/01/2022", #""10/01/2022" is not a date: write the year first, 2023-06-30 (also 2023/6/30, 20230630 or 2023年6月30日)"#),
        ("23-01-01", #""23-01-01" is not a date: write the year first, 2023-06-30 (also 2023/6/30, 20230630 or 2023年6月30日)"#),
        ("2023-01-01T00:00", #""2023-01-01T00:00" is not a date: write the year first, 2023-06-30 (also 2023/6/30, 20230630 or 2023年6月30日)"#),
        ("", #""" is not a date: write the year first, 2023-06-30 (also 2023/6/30, 20230630 or 2023年6月30日)"#),
    ])
    func malformedDatesAreRefused(text: String, message: String) {
        #expect(throws: PolicyError.invalidValue(field: nil, message)) { try Day(parsing: text) }
    }

    /// Amounts as finance officers write them (docs/POLICY.md §1), exact.
    /// A negative zero is read as zero, whatever is written: never an amount or rate of -0.00.
    @Test func aNegativeZeroIsReadAsZero() throws {
        for text in ["-0", "-0.00", "-0E+3"] {
            #expect(try InputText.amount(text).isNegative == false, "\(text)")
        }
        #expect(try Rate(parsing: "-0%").value.isNegative == false)
        let loan: InputValue = .record([
            "loans": .list([.record([
                "enterprise_id": .text("E1"), "loan_id": .text("L1"), "principal": .text("1000000"), "annual_rate": .text("3.65%"),
                "drawdown_date": .text("2022-11-01"),
                "end_date": .text("2023-11-01"), "guaranteed_by_fund": .text("true"), "first_inclusive_loan": .text("true"),
                "lender_in_shanghai": .text("true"), "interest_paid": .text("-0"),
            ])])
        ])
        let result = try InterestSubsidy.calculate(InterestSubsidy.input(decoding: loan), parameters: ParameterTable.bundled())
        #expect(result.loans[0].subsidyComputed.description == "0.00")
    }

    @Test(arguments: [
        ("3000000", "3000000"), ("3,000,000.00", "3000000.00"), ("¥3,000,000", "3000000"), ("￥3,000,000", "3000000"),
        ("3000000元", "3000000"), ("300万", "3000000"), ("1.5万", "15000"), ("300万元", "3000000"), ("1.5亿", "150000000"),
        ("1.23456万", "12345.6"), ("1.2E+6", "1.2E+6"), ("  3000000\u{3000}", "3000000"), ("３，０００，０００．５０", "3000000.50"),
        ("+5", "5"), (".5", "0.5"), ("5.", "5"),
    ])
    func amountSpellings(text: String, value: String) throws {
        let amount = try InputText.amount(text)
        #expect(amount == (try ExactDecimal(parsing: value)))
        #expect(amount.description == value)
    }

    @Test(arguments: [
        ("3 000 000", #""3 000 000" is not an amount (write 3000000, 3,000,000.00, 1.2E+6, ¥3,000,000 or 300万)"#),
        ("3_000_000", #""3_000_000" is not an amount (write 3000000, 3,000,000.00, 1.2E+6, ¥3,000,000 or 300万)"#),
        ("3.000.000", #""3.000.000" is not an amount (write 3000000, 3,000,000.00, 1.2E+6, ¥3,000,000 or 300万)"#),
        ("3,00,000", #""3,00,000" is grouped wrongly: digits are grouped in threes before the point (3,000,000.00)"#),
        ("12,5", #""12,5" is grouped wrongly: digits are grouped in threes before the point (3,000,000.00)"#),
        ("NaN", #""NaN" is not an amount (write 3000000, 3,000,000.00, 1.2E+6, ¥3,000,000 or 300万)"#),
        ("Infinity", #""Infinity" is not an amount (write 3000000, 3,000,000.00, 1.2E+6, ¥3,000,000 or 300万)"#),
        ("万", #""万" is not an amount (write 3000000, 3,000,000.00, 1.2E+6, ¥3,000,000 or 300万)"#),
        ("¥¥5", #""¥¥5" is not an amount (write 3000000, 3,000,000.00, 1.2E+6, ¥3,000,000 or 300万)"#),
    ])
    func refusedAmountsSayWhatIsAccepted(text: String, message: String) {
        #expect(throws: PolicyError.invalidValue(field: nil, message)) { try InputText.amount(text) }
    }

    @Test(arguments: [("true", true), ("TRUE", true), ("1", true), ("yes", true), ("Y", true), ("是", true),
                      ("false", false), ("0", false), ("No", false), ("n", false), ("否", false), (" yes ", true)])
    func booleanSpellings(text: String, value: Bool) throws {
        #expect(try InputText.bool(text) == value)
    }

    @Test(arguments: ["maybe", "2", "", "真"])
    func otherBooleansAreRefused(text: String) {
        #expect(throws: PolicyError.invalidValue(field: nil, "expected yes or no (true/false, 1/0, yes/no, 是/否), not \"\(text)\"")) {
            try InputText.bool(text)
        }
    }

    @Test func ratesAcceptPercentOrDecimalAlike() throws {
        #expect(try Rate(parsing: "3.65%") == Rate(parsing: "0.0365"))
        #expect(try Rate(parsing: "2%").value.description == "0.02")
        #expect(throws: PolicyError.self) { try Rate(parsing: "2 %") }
    }

    @Test func policyDecimalsAreBounded() {
        #expect(throws: PolicyError.self) { try Rate(parsing: String(repeating: "1", count: 101)) }
        #expect(throws: PolicyError.self) { try Rate(parsing: "1E-101") }
        #expect(throws: Never.self) { try Rate(parsing: "1E-100") }
    }

    /// A rate without % that is 1 or more, or any rate above 100%, is refused with the form to
    /// write instead (docs/POLICY.md §1).
    @Test(arguments: [
        ("3.65", #""3.65" is not a plausible rate: without % it means 365%; write 3.65% (or 0.0365)"#),
        ("1", #""1" is not a plausible rate: without % it means 100%; write 1% (or 0.01)"#),
        ("2.0", #""2.0" is not a plausible rate: without % it means 200%; write 2.0% (or 0.02)"#),
        ("150%", #""150%" is above 100%, which no rate here can be"#),
        ("100.01%", #""100.01%" is above 100%, which no rate here can be"#),
    ])
    func implausibleRatesAreRefused(text: String, message: String) {
        #expect(throws: PolicyError.invalidValue(field: nil, message)) { try Rate(parsing: text) }
    }

    @Test(arguments: [("100%", "1"), ("0.99", "0.99"), ("99.99%", "0.9999"), ("0", "0"), ("3.65%", "0.0365")])
    func plausibleRatesAreAccepted(text: String, fraction: String) throws {
        #expect(try Rate(parsing: text).value == ExactDecimal(parsing: fraction))
    }

    @Test func decodingErrorsNameTheField() throws {
        let measure = try MeasureRegistry.measure("interest-subsidy")
        let table = try ParameterTable.bundled()
        func message(_ json: String) -> String {
            do {
                _ = try measure.calculate(try InputValue(json: Array(json.utf8)), table)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let loan = #""enterprise_id":"E1","loan_id":"L1","annual_rate":"2%","drawdown_date":"2022-11-01","end_date":"2023-11-01","guaranteed_by_fund":true,"first_inclusive_loan":true,"lender_in_shanghai":true"#
        #expect(message(#"{"loans":[{"# + loan + #","principal":"3,00,000"}]}"#).hasPrefix("loans[0].principal: "))
        #expect(message(#"{"loans":[{"# + loan + #","principal":"300万"}]}"#) == "no error")
        #expect(message(#"{"loans":[{"# + loan + #","principal":3000000.5}]}"#).contains("not JSON numbers"))
        #expect(message(#"{"loans":[{"# + loan + "}]}") == "loans[0].principal: required field is missing")
        #expect(message(#"{"loans":[{"# + loan + #","principal":"-1"}]}"#) == "loans[0].principal: must be greater than 0 (got -1)")
        #expect(message(#"{"loans":[{"# + loan + #","principal":"3000000"}]}"#) == "no error")
    }

    @Test func unknownChoicesListTheAcceptedValues() throws {
        let measure = try MeasureRegistry.measure("small-scale-vat")
        let input = InputValue.record(["period_type": .text("week"), "period_start": .text("2023-04-01"), "sales_3pct": .text("1")])
        #expect(throws: PolicyError.invalidValue(field: "period_type", #"unknown value "week" (accepted: month, quarter)"#)) {
            try measure.calculate(input, try ParameterTable.bundled())
        }
    }

    @Test func theRegistryListsEveryMeasureOnce() {
        #expect(MeasureRegistry.all.count == 15)
        #expect(Set(MeasureRegistry.all.map(\.id)).count == 15)
        #expect(MeasureRegistry.all.allSatisfy { $0.article.hasPrefix("第") && !$0.titleZH.isEmpty && !$0.titleEN.isEmpty })
        #expect(throws: PolicyError.unknownMeasure("nope", suggestion: nil)) { try MeasureRegistry.measure("nope") }
    }
}

/// docs/POLICY.md §2 states every parameter value in words; it must say what the bundled file
/// holds, value by value and date by date.
@Suite struct PolicyDocumentTests {
    @Test func theParameterTableOfThePolicyDocumentIsTheBundledFile() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/POLICY.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let section = text.components(separatedBy: "## 2. Parameters")[1].components(separatedBy: "\n## 3.")[0]
        // Rows `| id | value | from | to | citation |`; an empty id continues the row above.
        var documented: [String] = []
        var id = ""
        for line in section.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, cells[2] != "value", !cells[2].hasPrefix("-") else { continue }
            // The id is the cell's first `code` span (a note may follow it: `… (r)`).
            if !cells[1].isEmpty { id = cells[1].split(separator: "`", omittingEmptySubsequences: true).first.map(String.init) ?? "" }
            let value = cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            documented.append("\(id) \(value) \(cells[3]) \(cells[4] == "—" ? "" : cells[4])")
        }
        let bundled = try ParameterTable.bundled().values.sorted { $0.key < $1.key }.flatMap { id, values in
            values.map { "\(id) \($0.value) \($0.from) \($0.to.map(\.description) ?? "")" }
        }
        #expect(documented.sorted() == bundled.sorted())
    }
}

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("clac", ["list", "calc", "batch"], "calc"),  // a swap is one edit
        ("interest_subsidy", ["interest-subsidy", "guarantee-fee"], "interest-subsidy"),
        ("GUARANTE-FEE", ["interest-subsidy", "guarantee-fee"], "guarantee-fee"),
        ("vta", ["vat", "cit", "rd"], "vat"),
    ])
    func theNearestNameIsSuggested(typed: String, candidates: [String], expected: String) {
        #expect(Suggestion.closest(to: typed, among: candidates) == expected)
    }

    @Test func aNameTooFarIsNotSuggested() {
        #expect(Suggestion.closest(to: "xyz", among: ["calc", "list"]) == nil)
        #expect(Suggestion.closest(to: "employment", among: ["interest-subsidy"]) == nil)
    }
}

/// The bundled parameters are compiled into the library (BundledParameters.swift, generated by
/// Scripts/generate_bundled_parameters.py); the literal must be the YAML file, byte for byte.
@Suite struct CompiledParameterTests {
    @Test func theCompiledParametersAreTheYAMLFileByteForByte() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PolicyModule/Parameters/parameters.yaml").path
        let file = try #require(FileManager.default.contents(atPath: path))
        #expect(ParameterTable.bundledYAML.utf8.count == file.count)
        #expect(ParameterTable.bundledYAML.utf8.elementsEqual(file), "run python3 Scripts/generate_bundled_parameters.py")
    }

    @Test func theBundledTableIsReadFromTheCompiledText() throws {
        let table = try ParameterTable.bundled()
        #expect(table.values.count == ParameterKind.table.count)
        #expect(table.value("interest_subsidy.rate", on: Day(year: 2022, month: 11, day: 1)!)?.value == "0.02")
    }
}
