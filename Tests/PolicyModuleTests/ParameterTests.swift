import DecimalModule
import PolicyModule
import Testing

@Suite struct ParameterTests {
    func day(_ text: String) throws -> Day { try Day(parsing: text) }

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

    @Test func everyBundledParameterHasAKind() throws {
        let missing = try ParameterTable.bundled().values.keys.filter { ParameterKind.table[$0] == nil }
        #expect(missing.isEmpty, "no kind in ParameterKind.table: \(missing.sorted())")
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

    @Test(arguments: ["2023-02-29", "2023-13-01", "2023-1-01", "23-01-01", "2023/01/01", "2023-01-01T00:00", ""])
    func malformedDatesAreRefused(text: String) {
        #expect(throws: PolicyError.self) { try Day(parsing: text) }
    }

    @Test func ratesAcceptPercentOrDecimalAlike() throws {
        #expect(try Rate(parsing: "3.65%") == Rate(parsing: "0.0365"))
        #expect(try Rate(parsing: "2%").value.description == "0.02")
        #expect(throws: PolicyError.self) { try Rate(parsing: "2 %") }
    }

    @Test func policyDecimalsAreBounded() {
        #expect(throws: PolicyError.self) { try Rate(parsing: String(repeating: "1", count: 101)) }
        #expect(throws: PolicyError.self) { try Rate(parsing: "1E+101") }
        #expect(throws: Never.self) { try Rate(parsing: "1E+100") }
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
        #expect(message(#"{"loans":[{"# + loan + #","principal":"3,000,000"}]}"#).hasPrefix("loans[0].principal: "))
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
        #expect(throws: PolicyError.unknownMeasure("nope")) { try MeasureRegistry.measure("nope") }
    }
}
