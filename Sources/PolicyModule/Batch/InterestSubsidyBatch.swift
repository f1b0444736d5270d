import DecimalModule

/// One loan row of a batch: its line, its ids (for the duplicate rule and the output, even
/// when the row is bad), and the loan or why it could not be read.
struct LoanRow: Sendable {
    var line: Int
    var enterpriseID: String?
    var loanID: String?
    var content: Content
    /// Whether the generic reader read the row (a `String` and an ``InputValue`` per cell).
    var readGenerically = true

    enum Content: Sendable {
        /// Read straight into fixed point.
        case fixed(FixedLoan)
        /// Read generically (boxed, as is an error: most rows are fixed, and a row is then the
        /// size of a fixed loan, not of a general one).
        indirect case loan(InterestSubsidy.Loan)
        indirect case failed(RowError)
    }

    init(line: Int, enterpriseID: String?, loanID: String?, loan: Result<InterestSubsidy.Loan, RowError>) {
        self.line = line
        self.enterpriseID = enterpriseID
        self.loanID = loanID
        switch loan {
        case .success(let loan): content = .loan(loan)
        case .failure(let error): content = .failed(error)
        }
    }

    init(line: Int, enterpriseID: String, loanID: String, fixed: FixedLoan) {
        self.line = line
        self.enterpriseID = enterpriseID
        self.loanID = loanID
        content = .fixed(fixed)
        readGenerically = false
    }

    /// The loan's drawdown date (nil for a row that failed).
    var drawdown: Day? {
        switch content {
        case .fixed(let loan): loan.drawdown
        case .loan(let loan): loan.drawdownDate
        case .failed: nil
        }
    }

    /// The ids' output cells (empty where the row has none).
    var idCells: [Batch.Cell] { [enterpriseID.map(Batch.Cell.text) ?? .empty, loanID.map(Batch.Cell.text) ?? .empty] }

    /// The loan, or why the row could not be read.
    var loan: Result<InterestSubsidy.Loan, RowError> {
        switch content {
        case .fixed(let fixed): return .success(fixed.loan(enterpriseID: enterpriseID!, loanID: loanID!))
        case .loan(let loan): return .success(loan)
        case .failed(let error): return .failure(error)
        }
    }
}

/// Why a row failed: the message of its output row, and the typed error when the row was read
/// and then refused by a rule (``LoanBook`` reports it with the record's index and field).
struct RowError: Error, Sendable {
    let message: String
    var error: PolicyError?

    init(message: String) {
        self.message = message
    }

    init(_ error: PolicyError) {
        message = "\(error)"
        self.error = error
    }
}

/// The interest subsidy over a file of loans: later duplicates of an (enterprise, loan) refused,
/// repayments joined, and each enterprise's good loans computed together with
/// `InterestSubsidy.calculate`, so that the cap applies across them exactly as it does for the
/// per-record API. Enterprises are computed in parallel.
struct InterestSubsidyBatch: Sendable {
    /// Per input row: the loan's result, or why the row failed.
    private(set) var outcomes: [Result<InterestSubsidy.LoanResult, RowError>]
    /// One per enterprise with a good loan, in order of first appearance.
    private(set) var summaries: [InterestSubsidy.EnterpriseSummary] = []
    /// Repayments whose loan is not in the file.
    private(set) var unmatchedRepayments: [String] = []

    init(
        _ rows: [LoanRow], _ repayments: [String: Result<[InterestSubsidy.Repayment], PolicyError>],
        granted: [String: ExactDecimal], parameters: ParameterTable
    ) {
        outcomes = rows.map { row in
            switch row.loan {
            case .success: return .notComputed
            case .failure(let error): return .failure(error)
            }
        }
        var firstLine: [InterestSubsidy.LoanKey: Int] = [:]
        var groups: [(rows: [Int], loans: [InterestSubsidy.Loan])] = []
        var groupIndex: [String: Int] = [:]
        for (index, row) in rows.enumerated() {
            var duplicateOf: Int?
            if let enterprise = row.enterpriseID, let loanID = row.loanID {
                let key = InterestSubsidy.LoanKey(enterpriseID: enterprise, loanID: loanID)
                if let first = firstLine.updateValue(row.line, forKey: key) {
                    duplicateOf = first
                    firstLine[key] = first
                }
            }
            guard case .success(var loan) = row.loan else { continue }
            do throws(PolicyError) {
                if let duplicateOf {
                    throw .invalidValue(field: "loan_id", Vocabulary.message("error.duplicate_loan_line", loan.loanID, loan.enterpriseID, String(duplicateOf)))
                }
                if !repayments.isEmpty, let joined = repayments["\(loan.enterpriseID)/\(loan.loanID)"] {
                    loan.repayments = (loan.repayments ?? []) + (try joined.get())
                }
                try InterestSubsidy.validate(loan, prefix: "")
                if groupIndex[loan.enterpriseID] == nil {
                    groupIndex[loan.enterpriseID] = groups.count
                    groups.append(([], []))
                }
                groups[groupIndex[loan.enterpriseID]!].rows.append(index)
                groups[groupIndex[loan.enterpriseID]!].loans.append(loan)
            } catch {
                outcomes[index] = .failure(RowError(error))
            }
        }
        if !repayments.isEmpty {
            let loans = Set(firstLine.keys.map { "\($0.enterpriseID)/\($0.loanID)" })
            unmatchedRepayments = repayments.keys.filter { !loans.contains($0) }.sorted().map { Vocabulary.message("error.unknown_loan_repayments", $0) }
        }

        let loansByGroup = groups.map(\.loans)
        let computed = Batch.concurrentMap(groups.count) { group in
            Result { () throws(PolicyError) in
                let enterprise = loansByGroup[group][0].enterpriseID
                let prior = granted[enterprise].map { [enterprise: $0] } ?? [:]
                return try InterestSubsidy.calculate(
                    .init(loans: loansByGroup[group], priorGranted: prior), parameters: parameters, explaining: false)
            }
        }
        for (group, result) in zip(groups, computed) {
            switch result {
            case .failure(let error):
                for index in group.rows { outcomes[index] = .failure(RowError(error)) }
            case .success(let result):
                for (index, loan) in zip(group.rows, result.loans) { outcomes[index] = .success(loan) }
                summaries += result.enterprises
            }
        }
    }
}

extension Result where Success == InterestSubsidy.LoanResult, Failure == RowError {
    /// A placeholder until the row's enterprise is computed.
    static var notComputed: Self { .failure(RowError(message: Vocabulary.message("error.not_computed"))) }
}
