import DecimalModule
import Foundation
import PolicyModule
import Testing

/// The typed Swift API, as a bank integrator calls it: worked examples of docs/POLICY.md §3, §4
/// and §6.
@Suite struct SwiftAPITests {
    func day(_ text: String) throws -> Day { try Day(parsing: text) }

    @Test func theCapIsFilledInDrawdownOrder() throws {
        func loan(_ id: String, _ principal: ExactDecimal, _ drawdown: String) throws -> InterestSubsidy.Loan {
            InterestSubsidy.Loan(
                enterpriseID: "E1", loanID: id, principal: principal, annualRate: try Rate(parsing: "4%"),
                drawdownDate: try day(drawdown), endDate: try day(drawdown).adding(days: 365),
                guaranteedByFund: true, firstInclusiveLoan: true, lenderInShanghai: true)
        }
        // docs/POLICY.md §3: 5,000,000 and 6,000,000 for 365 days → 101,388.89 + 121,666.67, granted
        // 101,388.89 + 98,611.11. The later loan is listed first: order is by drawdown date.
        let input = InterestSubsidy.Input(loans: [try loan("L2", 6_000_000, "2022-11-02"), try loan("L1", 5_000_000, "2022-11-01")])
        let result = try InterestSubsidy.calculate(input, parameters: try ParameterTable.bundled())
        #expect(result.loans.map(\.subsidyComputed.description) == ["121666.67", "101388.89"])
        #expect(result.loans.map(\.subsidyGranted.description) == ["98611.11", "101388.89"])
        #expect(result.loans.map(\.capped) == [true, false])
        #expect(result.totalGranted.description == "200000.00")
        #expect(result.enterprises.first?.capped == true)
        #expect(result.parameters.map(\.id).contains("interest_subsidy.cap_per_enterprise"))
        #expect(result.steps.contains { $0.article == "第十五条" && $0.zh.contains("98,611.11") && $0.en.contains("98,611.11") })
    }

    func loan(_ enterprise: String, _ id: String, _ principal: ExactDecimal, repayments: [InterestSubsidy.Repayment]? = nil) throws
        -> InterestSubsidy.Loan
    {
        InterestSubsidy.Loan(
            enterpriseID: enterprise, loanID: id, principal: principal, annualRate: try Rate(parsing: "3.65%"),
            drawdownDate: try day("2022-11-01"), endDate: try day("2023-11-01"), guaranteedByFund: true, firstInclusiveLoan: true,
            lenderInShanghai: true, repayments: repayments)
    }

    /// The cap is the enterprise's across calls: a second run with what the first granted gets
    /// only the rest.
    @Test func priorGrantedCountsAgainstTheCapAcrossRuns() throws {
        let parameters = try ParameterTable.bundled()
        // 9,000,000 × 365 × 2% ÷ 360 = 182,500.00, within the 200,000 cap.
        let first = try InterestSubsidy.calculate(.init(loans: [try loan("E1", "L1", 9_000_000)]), parameters: parameters)
        #expect(first.totalGranted.description == "182500.00")
        #expect(first.enterprises[0].capRemaining?.description == "17500.00")
        // A second 9,000,000 loan in another run: 200,000 − 182,500 = 17,500.00 left, capped.
        let second = try InterestSubsidy.calculate(
            .init(loans: [try loan("E1", "L2", 9_000_000)], priorGranted: ["E1": first.totalGranted]), parameters: parameters)
        #expect(second.loans[0].subsidyComputed.description == "182500.00")
        #expect(second.loans[0].subsidyGranted.description == "17500.00")
        #expect(second.loans[0].capped)
        #expect(second.enterprises[0].priorGranted.description == "182500.00")
        #expect(second.enterprises[0].capRemaining?.description == "0.00")
        #expect(second.steps.contains { $0.en.contains("CNY 182,500.00 granted before") })
        // More than the cap before: nothing left, never negative.
        let over = try InterestSubsidy.calculate(
            .init(loans: [try loan("E1", "L3", 1_000_000)], priorGranted: ["E1": 250_000]), parameters: parameters)
        #expect(over.totalGranted.description == "0.00")
        #expect(over.enterprises[0].capRemaining?.description == "0.00")
    }

    @Test(arguments: [
        (["E9": ExactDecimal(1)], "prior_granted.E9: no loan of enterprise E9 in the input; an amount granted belongs to an enterprise whose loans are computed"),
        (["E1": ExactDecimal(-1)], "prior_granted.E1: must not be negative (got -1)"),
        (["E1": ExactDecimal(1, exponent: -3)], "prior_granted.E1: an amount granted is in fen: at most 2 decimals (got 0.001)"),
    ])
    func priorGrantedIsChecked(prior: [String: ExactDecimal], message: String) throws {
        let input = InterestSubsidy.Input(loans: [try loan("E1", "L1", 1_000_000)], priorGranted: prior)
        #expect(throws: PolicyError.invalidValue(field: String(message.prefix { $0 != ":" }), String(message.drop { $0 != ":" }.dropFirst(2)))) {
            try InterestSubsidy.calculate(input, parameters: try ParameterTable.bundled())
        }
    }

    /// Repayments before the drawdown, after the end date or above the principal are refused,
    /// not dropped; one on the end date is accepted.
    @Test func impossibleRepaymentsAreRefused() throws {
        let parameters = try ParameterTable.bundled()
        func attempt(_ repayments: [(String, ExactDecimal)]) throws -> InterestSubsidy.Result {
            let list = try repayments.map { InterestSubsidy.Repayment(date: try day($0.0), amount: $0.1) }
            return try InterestSubsidy.calculate(.init(loans: [try loan("E1", "L1", 3_000_000, repayments: list)]), parameters: parameters)
        }
        #expect(throws: PolicyError.invalidValue(field: "loans[0].repayments[0].date", "2022-10-31 is before drawdown_date 2022-11-01")) {
            try attempt([("2022-10-31", 1)])
        }
        #expect(throws: PolicyError.invalidValue(field: "loans[0].repayments[1].date", "2023-11-02 is after end_date 2023-11-01")) {
            try attempt([("2023-01-01", 1), ("2023-11-02", 1)])
        }
        #expect(throws: PolicyError.invalidValue(field: "loans[0].repayments", "the repayments total 3,000,000.01, which exceed the principal 3,000,000")) {
            try attempt([("2023-01-01", 2_000_000), ("2023-02-01", ExactDecimal(100_000_001, exponent: -2))])
        }
        // On the end date, and exactly the principal: accepted; outside the window, no effect.
        #expect(try attempt([("2023-11-01", 3_000_000)]).totalGranted.description == "60833.33")
    }

    /// The 1% ceiling is on a guarantor's average: a 1.5% guarantee and a 0.5% one of equal
    /// weight average exactly 1%, compliant; 0.51% instead makes 1.005%, not.
    @Test func theGuarantorPortfolioIsAPublicFunction() throws {
        let parameters = try ParameterTable.bundled()
        func portfolio(secondRate: String) throws -> GuaranteeFee.PortfolioResult {
            try GuaranteeFee.portfolio(
                .init(guarantees: [
                    // 3,000,000 × 1.5% × 12 ÷ 12 = 45,000.00; weight 3,000,000 × 12 × 365 / 12.
                    .init(guaranteeID: "G1", guarantorID: "A", amount: 3_000_000, feeRate: try Rate(parsing: "1.5%"),
                          startDate: try day("2023-03-01"), termMonths: 12),
                    // 2023-03-01 → 2024-02-29 is 365 days, not whole months: 3,000,000 × 365 × rate ÷ 365.
                    .init(guaranteeID: "G2", guarantorID: "A", amount: 3_000_000, feeRate: try Rate(parsing: secondRate),
                          startDate: try day("2023-03-01"), endDate: try day("2024-02-29")),
                ]), parameters: parameters)
        }
        let exact = try portfolio(secondRate: "0.5%")
        #expect(exact.guarantees.map(\.fee.description) == ["45000.00", "15000.00"])
        #expect(exact.guarantees.map(\.aboveCeiling) == [true, false])
        #expect(exact.guarantors.map(\.guarantorID) == ["A"])
        #expect(exact.guarantors[0].guarantees == 2)
        #expect(exact.guarantors[0].totalFee.description == "60000.00")
        #expect(exact.guarantors[0].averageFeeRate?.description == "0.010000")
        #expect(exact.guarantors[0].compliant == true)
        let above = try portfolio(secondRate: "0.51%")
        #expect(above.guarantors[0].averageFeeRate?.description == "0.010050")
        #expect(above.guarantors[0].compliant == false)
        #expect(throws: PolicyError.invalidValue(field: "guarantees[1].end_date", "must be after start_date (2023-03-01 is not after 2023-03-01)")) {
            try GuaranteeFee.portfolio(
                .init(guarantees: [.init(guaranteeID: "G1", guarantorID: "A", amount: 1, feeRate: try Rate(parsing: "1%"), startDate: try day("2023-03-01"), termMonths: 1),
                                   .init(guaranteeID: "G2", guarantorID: "A", amount: 1, feeRate: try Rate(parsing: "1%"), startDate: try day("2023-03-01"), endDate: try day("2023-03-01"))]),
                parameters: parameters)
        }
    }

    @Test func resultsEncodeAmountsAsStrings() throws {
        let input = SmallProfitCIT.Input(taxYear: 2023, taxableIncome: 2_800_000, employees: 50, totalAssets: 10_000_000)
        let result = try SmallProfitCIT.calculate(input, parameters: try ParameterTable.bundled())
        #expect(result.taxDue.description == "140000.00")
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(json.contains(#""tax_due":"140000.00""#))
        #expect(json.contains(#""standard_tax":"700000.00""#))
        #expect(json.contains(#""measure":"small-profit-cit""#))
        #expect(json.contains(#""citation":"#))
    }

    @Test func anExponentBeyondTheDecimalRangeIsDescribedAsBeyondThePolicyBound() {
        let message = #""1e999999999999" is beyond the magnitude a policy input may have (10^±100)"#
        #expect(throws: PolicyError.invalidValue(field: nil, message)) { try Rate(parsing: "1e999999999999") }
        let input: InputValue = .record([
            "tax_year": .text("2023"), "taxable_income": .text("1e999999999999"), "employees": .text("1"), "total_assets": .text("1"),
        ])
        #expect(throws: PolicyError.invalidValue(field: "taxable_income", message)) {
            try MeasureRegistry.measure("small-profit-cit").calculate(input, try ParameterTable.bundled())
        }
    }

    /// Row 14 of docs/RELIABILITY.md: the result of 50,000 loans (calc --input) is encoded
    /// whole. The encoder used to copy its array at every element (16 s in a debug build); its
    /// time, at two sizes, is in Benchmarks ("input:" benchmarks).
    @Test func aResultOfManyLoansIsEncodedWhole() throws {
        let loans = (0..<50_000).map { index in
            InterestSubsidy.Loan(
                enterpriseID: "E1", loanID: "L\(index)", principal: 100_000, annualRate: Rate(ExactDecimal(3, exponent: -2)),
                drawdownDate: (try? Day(parsing: "2022-11-01"))!, endDate: (try? Day(parsing: "2023-11-01"))!,
                guaranteedByFund: true, firstInclusiveLoan: true, lenderInShanghai: true)
        }
        let result = try InterestSubsidy.calculate(InterestSubsidy.Input(loans: loans), parameters: try ParameterTable.bundled(), explaining: false)
        let json = try JSONValue(encoding: result)
        #expect(json.inputValue.value(at: "loans.49999.loan_id") == .text("L49999"))
    }
}
