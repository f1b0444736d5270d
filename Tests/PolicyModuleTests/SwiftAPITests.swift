import DecimalModule
import Foundation
import PolicyModule
import Testing

/// The typed Swift API, as a bank integrator calls it: worked examples of SPEC §3 and §6.
@Suite struct SwiftAPITests {
    func day(_ text: String) throws -> Day { try Day(parsing: text) }

    @Test func theCapIsFilledInDrawdownOrder() throws {
        func loan(_ id: String, _ principal: ExactDecimal, _ drawdown: String) throws -> InterestSubsidy.Loan {
            InterestSubsidy.Loan(
                enterpriseID: "E1", loanID: id, principal: principal, annualRate: try Rate(parsing: "4%"),
                drawdownDate: try day(drawdown), endDate: try day(drawdown).adding(days: 365),
                guaranteedByFund: true, firstInclusiveLoan: true, lenderInShanghai: true)
        }
        // SPEC §3: 5,000,000 and 6,000,000 for 365 days → 101,388.89 + 121,666.67, granted
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

    /// Row 14 of docs/RELIABILITY.md: the result of 50,000 loans (calc --input) is encoded in
    /// linear time; the encoder used to copy its array at every element (16 s in a debug build).
    @Test func aResultOfManyLoansIsEncodedInLinearTime() throws {
        let loans = (0..<50_000).map { index in
            InterestSubsidy.Loan(
                enterpriseID: "E1", loanID: "L\(index)", principal: 100_000, annualRate: Rate(ExactDecimal(3, exponent: -2)),
                drawdownDate: (try? Day(parsing: "2022-11-01"))!, endDate: (try? Day(parsing: "2023-11-01"))!,
                guaranteedByFund: true, firstInclusiveLoan: true, lenderInShanghai: true)
        }
        let result = try InterestSubsidy.calculate(InterestSubsidy.Input(loans: loans), parameters: try ParameterTable.bundled(), explaining: false)
        let start = ContinuousClock.now
        let json = try JSONValue(encoding: result)
        #expect(ContinuousClock.now - start < .seconds(6))
        #expect(json.inputValue.value(at: "loans.49999.loan_id") == .text("L49999"))
    }
}
