import DecimalModule
import Foundation
import PolicyModule
import Testing

/// The per-record API: one outcome per record, computed as batch computes a file, so that one
/// bad loan among many costs one result, not the call.
@Suite struct LoanBookTests {
    let parameters = try! ParameterTable.bundled()

    /// Loans of `enterprises` enterprises as CSV fields, with a repayment for some (so that
    /// both the fixed-point kernel and the general path are used) and a bad one at `bad`.
    static func book(loans count: Int, enterprises: Int, bad: Int) -> (records: [[(String, String)]], repayments: String) {
        var random = Random(state: UInt64(count) &+ 13)
        var records: [[(String, String)]] = []
        var repayments = "enterprise_id,loan_id,date,amount\n"
        for index in 0..<count {
            let enterprise = "E\(random.next(1...enterprises))"
            let drawdown = random.day(from: "2022-09-20", days: 110)
            records.append([
                ("enterprise_id", enterprise), ("loan_id", "L\(index)"),
                ("principal", index == bad ? "-5" : "\(random.next(1...9_000_000)).\(random.next(10...99))"),
                ("annual_rate", random.pick(["1.5%", "2%", "3.65%", "0.0455"])), ("drawdown_date", drawdown),
                ("end_date", (try! Day(parsing: drawdown)).adding(days: random.next(30...800)).description),
                ("guaranteed_by_fund", random.chance(95) ? "true" : "false"), ("first_inclusive_loan", "true"),
                ("lender_in_shanghai", "true"),
            ])
            if random.chance(5) { repayments += "\(enterprise),L\(index),\(random.day(from: drawdown, days: 20)),\(random.next(1...1_000))\n" }
        }
        return (records, repayments)
    }

    /// The loans of `records` as a bank would hold them: typed, with their repayments.
    static func loans(_ records: [[(String, String)]], repayments: String) throws -> [InterestSubsidy.Loan] {
        let repaymentRows = outputRows(repayments)
        return try CSVRows(csv(records)).map { fields in
            var loan = try InterestSubsidy.input(decoding: .record(["loans": .list([.record(fields)])])).loans[0]
            let mine = repaymentRows.filter { $0["enterprise_id"] == loan.enterpriseID && $0["loan_id"] == loan.loanID }
            if !mine.isEmpty {
                loan.repayments = try mine.map { .init(date: try Day(parsing: $0["date"]!), amount: try ExactDecimal(parsing: $0["amount"]!)) }
            }
            return loan
        }
    }

    @Test(arguments: [(400, 30), (3_000, 1_500)])
    func oneBadLoanAmongManyGivesTheOthersBatchResults(count: Int, enterprises: Int) throws {
        let bad = count / 3
        let (records, repayments) = Self.book(loans: count, enterprises: enterprises, bad: bad)
        let prior: [String: ExactDecimal] = ["E1": ExactDecimal(15_000_000, exponent: -2), "E2": 200_000]
        let batch = try Batch(
            measure: MeasureRegistry.measure(InterestSubsidy.id), input: csv(records), format: .csv, repayments: Array(repayments.utf8),
            granted: Array("enterprise_id,granted\nE1,150000.00\nE2,200000\n".utf8), parameters: parameters)
        let rows = outputRows(batch.rendered(.csv))
        let book = try LoanBook(loans: Self.loans(records, repayments: repayments), priorGranted: prior, parameters: parameters)

        #expect(book.outcomes.count == count)
        #expect(book.results.count == count - 1)
        #expect(book.errors.count == 1)
        let error = try #require(book.errors.first)
        #expect(error.index == bad && error.field == "principal")
        #expect(error.description == "loans[\(bad)].principal: must be greater than 0 (got -5)")
        #expect(rows[bad]["error"] == error.error.description)
        for (row, outcome) in zip(rows, book.outcomes) {
            guard case .success(let loan) = outcome else { continue }
            expectRow(row, is: loan)
        }
        #expect(book.totalGranted == batch.totals.first { $0.column == "subsidy_granted" }?.total)
        #expect(book.enterprises.map(\.enterpriseID) == batch.summaryRows.map { if case .text(let id) = $0[0] { return id } else { return "" } })
        #expect(book.audit == parameters.audit && batch.audit == book.audit)
    }

    /// Each good loan's result equals the per-record API's, computed one enterprise at a time:
    /// window end and rate applied included, whichever path computed it.
    @Test func eachResultIsTheOneCalculateGives() throws {
        let (records, repayments) = Self.book(loans: 300, enterprises: 40, bad: -1)
        let loans = try Self.loans(records, repayments: repayments)
        let book = try LoanBook(loans: loans, parameters: parameters)
        var byEnterprise: [String: [Int]] = [:]
        for (index, loan) in loans.enumerated() { byEnterprise[loan.enterpriseID, default: []].append(index) }
        for indexes in byEnterprise.values {
            let expected = try InterestSubsidy.calculate(.init(loans: indexes.map { loans[$0] }), parameters: parameters, explaining: false)
            for (index, loan) in zip(indexes, expected.loans) {
                #expect(book.outcomes[index] == .success(loan))
                if case .success(let mine) = book.outcomes[index] {
                    #expect(try JSONValue(encoding: mine).rendered == JSONValue(encoding: loan).rendered)
                }
            }
        }
    }

    /// The cap is the enterprise's across runs: the second run passes what the first granted.
    @Test func theCapCarriesAcrossRunsWithPriorGranted() throws {
        let day = try Day(parsing: "2022-11-01")
        func loan(_ id: String, _ principal: ExactDecimal) -> InterestSubsidy.Loan {
            InterestSubsidy.Loan(
                enterpriseID: "E1", loanID: id, principal: principal, annualRate: try! Rate(parsing: "3.65%"), drawdownDate: day,
                endDate: day.adding(days: 365), guaranteedByFund: true, firstInclusiveLoan: true, lenderInShanghai: true)
        }
        let first = try LoanBook(loans: [loan("L1", 9_000_000)], parameters: parameters)
        #expect(first.totalGranted == ExactDecimal(182_500))
        let granted = first.enterprises[0].enterpriseTotal
        let second = try LoanBook(loans: [loan("L2", 9_000_000)], priorGranted: ["E1": granted], parameters: parameters)
        #expect(second.totalGranted == ExactDecimal(17_500))
        #expect(second.enterprises[0].capRemaining == ExactDecimal.zero)
        #expect(throws: PolicyError.invalidValue(field: "prior_granted.E1", "must not be negative (got -1)")) {
            try LoanBook(loans: [loan("L2", 1)], priorGranted: ["E1": -1], parameters: parameters)
        }
        let unmatched = try LoanBook(loans: [loan("L2", 1)], priorGranted: ["E9": 5], parameters: parameters)
        #expect(unmatched.unmatchedPriorGranted == ["E9"] && unmatched.errors.isEmpty)
    }

    @Test func aDuplicateLoanIsItsOwnErrorAndTheFirstIsComputed() throws {
        let (records, _) = Self.book(loans: 3, enterprises: 1, bad: -1)
        var loans = try Self.loans(records, repayments: "enterprise_id,loan_id,date,amount\n")
        loans.append(loans[0])
        let book = try LoanBook(loans: loans, parameters: parameters)
        #expect(book.results.count == 3)
        #expect(book.errors.map(\.description) == ["loans[3].loan_id: duplicate loan L0 of enterprise E1 (first at loans[0])"])
    }

    /// Errors print as the command line prints them, for `print`, `localizedDescription` and
    /// string interpolation alike.
    @Test func errorsReadAsTheCommandLineSaysThem() throws {
        let error = RecordError(index: 2, list: "loans", error: .invalidValue(field: "end_date", "must be after drawdown_date"))
        #expect(error.localizedDescription == "loans[2].end_date: must be after drawdown_date")
        #expect("\(error)" == error.localizedDescription)
        let policy: any Error = PolicyError.missingField("principal")
        #expect(policy.localizedDescription == "principal: required field is missing")
        let parameter = RecordError(index: 0, list: "loans", error: .noParameterInEffect(id: "interest_subsidy.cap_per_enterprise", on: Day(year: 2030, month: 1, day: 1)!))
        #expect(parameter.description.hasPrefix("loans[0]: no value of parameter interest_subsidy.cap_per_enterprise"))
        #expect(parameter.field == nil)
    }
}

@Suite struct GuaranteeBookTests {
    @Test func oneBadGuaranteeAmongManyGivesTheOthersBatchResults() throws {
        let parameters = try ParameterTable.bundled()
        var random = Random(state: 77)
        var records: [[(String, String)]] = []
        for index in 0..<120 {
            records.append([
                ("guarantee_id", "G\(index)"), ("guarantor_id", "GU\(random.next(1...7))"),
                ("amount", index == 40 ? "0" : "\(random.next(10_000...5_000_000))"), ("fee_rate", random.pick(["0.8%", "1%", "1.5%"])),
                ("start_date", random.day(from: "2023-01-01", days: 200)), ("term_months", "\(random.next(1...24))"),
            ])
        }
        let batch = try Batch(measure: MeasureRegistry.measure(GuaranteeFee.id), input: csv(records), format: .csv, parameters: parameters)
        let rows = outputRows(batch.rendered(.csv))
        let inputs = try CSVRows(csv(records)).map { try GuaranteeFee.input(decoding: .record($0)) }
        let book = GuaranteeBook(guarantees: inputs, parameters: parameters)
        #expect(book.errors.map(\.index) == [40] && book.errors[0].field == "amount")
        #expect(rows[40]["error"] == book.errors[0].error.description)
        for (row, outcome) in zip(rows, book.outcomes) {
            guard case .success(let result) = outcome else { continue }
            #expect(row["fee"] == result.fee.description && row["reason"] == result.reason.rawValue)
        }
        let summary = outputRows(batch.renderedSummary(.csv))
        #expect(summary.map { $0["guarantor_id"] } == book.guarantors.map(\.guarantorID))
        #expect(summary.map { $0["average_fee_rate"] } == book.guarantors.map { $0.averageFeeRate?.description ?? "" })
        #expect(summary.map { $0["compliant"] } == book.guarantors.map { $0.compliant.map(String.init) ?? "" })
    }
}
