import DecimalModule

/// The interest subsidy over a loan book held in memory: one outcome per loan, in order — its
/// result, or a ``RecordError`` with its index and field — computed exactly as `huiqi batch`
/// computes a file (docs/POLICY.md §3, §9): each enterprise's cap shared across its good loans,
/// reduced by what it was granted before, and a bad loan leaving the others' results as they
/// would be without it.
///
/// ```swift
/// let book = try LoanBook(loans: myLoans.map(\.policyLoan), priorGranted: ["E1": 50_000],
///                         parameters: .bundled())
/// for (index, outcome) in book.outcomes.enumerated() {
///     switch outcome {
///     case .success(let loan): store(index, loan.subsidyGranted)
///     case .failure(let error): report(error.index, error.field, error.description)
///     }
/// }
/// book.enterprises      // per enterprise: total, capped, cap_remaining for the next run
/// book.audit            // engine version and parameter set
/// ```
///
/// Explanations are off, as in batch: for a loan's worksheet, call
/// ``Measure/calculate(_:parameters:explaining:)`` with its enterprise's loans.
/// Enterprises whose loans fit 64-bit fixed point are computed by the batch kernel in parallel,
/// the others by the general path; the results are the same either way.
///
/// - Complexity: O(*n* log *n*) in the number of loans (the cap's order within an enterprise).
public struct LoanBook: Sendable, Equatable {
    /// One per loan given, in the same order.
    public private(set) var outcomes: [Result<InterestSubsidy.LoanResult, RecordError>]
    /// One per enterprise with a good loan, in order of first appearance.
    public private(set) var enterprises: [InterestSubsidy.EnterpriseSummary]
    /// Σ `subsidy_computed` over the good loans.
    public private(set) var totalComputed: ExactDecimal
    /// Σ `subsidy_granted` over the good loans.
    public private(set) var totalGranted: ExactDecimal
    /// The enterprises of `priorGranted` with no loan in the book, in order; their amounts are
    /// not used (batch warns about them).
    public private(set) var unmatchedPriorGranted: [String]
    /// The engine and parameter set every outcome was computed with.
    public private(set) var audit: Audit

    /// Computes `loans`.
    ///
    /// - Parameters:
    ///   - loans: the book, of one or many enterprises. A later loan with the enterprise and
    ///     loan id of an earlier one is an error (`loan_id`); the first is computed.
    ///   - priorGranted: the subsidy granted before to an enterprise (an earlier run, another
    ///     bank), which counts against its cap: amounts in fen, not negative.
    ///   - parameters: the parameter table, usually ``ParameterTable/bundled()``.
    /// - Throws: ``PolicyError`` only for a `priorGranted` amount that is negative or has more
    ///   than 2 decimals (field `prior_granted.E1`); everything about a loan is that loan's
    ///   outcome.
    public init(loans: [InterestSubsidy.Loan], priorGranted: [String: ExactDecimal] = [:], parameters: ParameterTable)
        throws(PolicyError)
    {
        for (enterprise, amount) in priorGranted.sorted(by: { $0.key < $1.key }) {
            let field = "prior_granted.\(enterprise)"
            try Check.nonNegative(amount, field)
            guard amount.round2() == amount else {
                throw .invalidValue(field: field, Vocabulary.message("error.granted_in_fen", amount.description))
            }
        }
        func failure(_ index: Int, _ error: PolicyError) -> Result<InterestSubsidy.LoanResult, RecordError> {
            .failure(RecordError(index: index, list: "loans", error: error))
        }
        var outcomes = [Result<InterestSubsidy.LoanResult, RecordError>](
            repeating: failure(0, .invalidValue(field: nil, Vocabulary.message("error.not_computed"))), count: loans.count)
        var rows: [(line: Int, enterpriseID: String?, loanID: String?, loan: Result<InterestSubsidy.Loan, RowError>)] = []
        var rowIndex: [Int] = []
        rows.reserveCapacity(loans.count)
        rowIndex.reserveCapacity(loans.count)
        var first: [InterestSubsidy.LoanKey: Int] = [:]
        for (index, loan) in loans.enumerated() {
            let key = InterestSubsidy.LoanKey(enterpriseID: loan.enterpriseID, loanID: loan.loanID)
            if let earlier = first.updateValue(index, forKey: key) {
                first[key] = earlier
                outcomes[index] = failure(
                    index, .invalidValue(field: "loan_id", Vocabulary.message("error.duplicate_loan_at", loan.loanID, loan.enterpriseID, String(earlier))))
                continue
            }
            rows.append((index, loan.enterpriseID, loan.loanID, .success(loan)))
            rowIndex.append(index)
        }
        let computed = SubsidyBatch(LoanRows(rows), [:], granted: priorGranted, parameters: parameters)
        var subsidyRates: [Day: Rate] = [:]
        for (position, index) in rowIndex.enumerated() {
            switch computed.outcome(position) {
            case .general(.success(let result)):
                outcomes[index] = .success(result)
            case .general(.failure(let error)):
                outcomes[index] = failure(index, error.error ?? .invalidValue(field: nil, error.message))
            case .fixed(let fixed):
                outcomes[index] = .success(LoanBook.result(fixed, of: loans[index], parameters: parameters, rates: &subsidyRates))
            }
        }
        self.outcomes = outcomes
        enterprises = Array(computed.summaries)
        totalComputed = computed.totalComputed
        totalGranted = computed.totalGranted
        let enterprisesInBook = Set(loans.map(\.enterpriseID))
        unmatchedPriorGranted = priorGranted.keys.filter { !enterprisesInBook.contains($0) }.sorted()
        audit = parameters.audit
    }

    /// The results of the good loans, in order (the failed ones left out).
    public var results: [InterestSubsidy.LoanResult] {
        outcomes.compactMap { if case .success(let result) = $0 { return result } else { return nil } }
    }

    /// The errors of the failed loans, in order.
    public var errors: [RecordError] {
        outcomes.compactMap { if case .failure(let error) = $0 { return error } else { return nil } }
    }

    /// A loan's result from the fixed-point kernel, in the general path's form: the rate
    /// applied is the loan's own rate or the subsidy rate on its drawdown date, whichever it
    /// equals (so it is written as given), and the window ends `window_days` after drawdown.
    private static func result(
        _ fixed: FixedResult, of loan: InterestSubsidy.Loan, parameters: ParameterTable, rates: inout [Day: Rate]
    ) -> InterestSubsidy.LoanResult {
        var rateApplied: Rate?
        if fixed.reason == .eligible {
            let applied = ExactDecimal(fixed.rateApplied, exponent: -6)
            if applied == loan.annualRate.value {
                rateApplied = loan.annualRate
            } else if let known = rates[loan.drawdownDate] {
                rateApplied = known
            } else {
                let subsidyRate = parameters.value("interest_subsidy.rate", on: loan.drawdownDate)?.decimal.map { Rate($0) } ?? Rate(applied)
                rates[loan.drawdownDate] = subsidyRate
                rateApplied = subsidyRate
            }
        }
        return InterestSubsidy.LoanResult(
            enterpriseID: loan.enterpriseID, loanID: loan.loanID, reason: fixed.reason, windowDays: Int(fixed.windowDays),
            windowEnd: fixed.windowEnd(drawdown: loan.drawdownDate), rateApplied: rateApplied,
            balanceDays: ExactDecimal(fixed.balanceDays, exponent: Int(fixed.balanceExponent)),
            subsidyComputed: ExactDecimal(fixed.computed, exponent: -2), subsidyGranted: ExactDecimal(fixed.granted, exponent: -2),
            capped: fixed.capped, enterpriseTotal: ExactDecimal(fixed.enterpriseTotal, exponent: -2))
    }
}
