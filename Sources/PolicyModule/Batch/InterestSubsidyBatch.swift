import DecimalModule

/// One loan row of a batch: its line, where its ids are in its ``LoanRows``'s text (for the
/// duplicate rule and the output, even when the row is bad), and the loan or why it could not
/// be read.
struct LoanRow: Sendable {
    var line: Int
    var ids: IDSpans
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

    init(line: Int, ids: IDSpans, loan: Result<InterestSubsidy.Loan, RowError>) {
        self.line = line
        self.ids = ids
        switch loan {
        case .success(let loan): content = .loan(loan)
        case .failure(let error): content = .failed(error)
        }
    }

    init(line: Int, ids: IDSpans, fixed: FixedLoan) {
        self.line = line
        self.ids = ids
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
}

/// Where a row's enterprise id and loan id are in its rows' text, as byte offsets and counts; a
/// count of −1: the row has no such id.
struct IDSpans: Sendable {
    var enterpriseStart = 0
    var loanStart = 0
    var enterpriseCount: Int32 = -1
    var loanCount: Int32 = -1

    /// No ids (a row with too many cells).
    static let none = IDSpans()

    /// The ids at `enterprise` and `loan` (nil: none) of the text.
    init(enterprise: Range<Int>?, loan: Range<Int>?) {
        if let enterprise { (enterpriseStart, enterpriseCount) = (enterprise.lowerBound, Int32(enterprise.count)) }
        if let loan { (loanStart, loanCount) = (loan.lowerBound, Int32(loan.count)) }
    }

    private init() {}

    var enterprise: Range<Int>? { enterpriseCount < 0 ? nil : enterpriseStart..<enterpriseStart + Int(enterpriseCount) }
    var loan: Range<Int>? { loanCount < 0 ? nil : loanStart..<loanStart + Int(loanCount) }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the ids at `a` and `b` of this text have the same bytes.
    func same(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        UnsafeBufferPointer(rebasing: self[a]).sameBytes(as: UnsafeBufferPointer(rebasing: self[b]))
    }
}

/// A batch's loan rows and the text their ids are in: the input's bytes for rows read from them
/// (no `String` is made per id: a million loans have two million), or the ids of rows read
/// generically or given as values, one after another.
struct LoanRows: Sendable {
    var rows: [LoanRow]
    let text: [UInt8]

    init(_ rows: [LoanRow], text: [UInt8]) {
        self.rows = rows
        self.text = text
    }

    /// Rows whose ids are strings: their bytes are laid one after another as the text.
    init(_ rows: [(line: Int, enterpriseID: String?, loanID: String?, loan: Result<InterestSubsidy.Loan, RowError>)]) {
        var text: [UInt8] = []
        func span(_ id: String?) -> Range<Int>? {
            guard let id else { return nil }
            text += id.utf8
            return text.count - id.utf8.count..<text.count
        }
        self.rows = rows.map { row in LoanRow(line: row.line, ids: IDSpans(enterprise: span(row.enterpriseID), loan: span(row.loanID)), loan: row.loan) }
        self.text = text
    }

    var count: Int { rows.count }

    subscript(index: Int) -> LoanRow { rows[index] }

    /// The text of `span` (nil: none).
    func string(_ span: Range<Int>?) -> String? { span.map { String(decoding: text[$0], as: UTF8.self) } }

    func enterpriseID(_ index: Int) -> String? { string(rows[index].ids.enterprise) }

    func loanID(_ index: Int) -> String? { string(rows[index].ids.loan) }

    /// Row `index`'s id output cells (empty where it has none).
    func idCells(_ index: Int) -> [Batch.Cell] {
        [enterpriseID(index).map(Batch.Cell.text) ?? .empty, loanID(index).map(Batch.Cell.text) ?? .empty]
    }

    /// Row `index`'s loan, or why it could not be read.
    func loan(_ index: Int) -> Result<InterestSubsidy.Loan, RowError> {
        switch rows[index].content {
        case .fixed(let fixed): return .success(fixed.loan(enterpriseID: enterpriseID(index)!, loanID: loanID(index)!))
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

    /// Computes rows `indexes` of `rows` (`outcomes` are by position in `indexes`).
    init(
        _ rows: LoanRows, _ indexes: [Int], _ repayments: Batch.RepaymentsByKey,
        granted: [String: ExactDecimal], parameters: ParameterTable
    ) {
        let loans = indexes.map(rows.loan)
        outcomes = loans.map { loan in
            switch loan {
            case .success: return .notComputed
            case .failure(let error): return .failure(error)
            }
        }
        var firstLine: [InterestSubsidy.LoanKey: Int] = [:]
        var groups: [(rows: [Int], loans: [InterestSubsidy.Loan])] = []
        var groupIndex: [WrittenID: Int] = [:]
        for (index, row) in indexes.enumerated() {
            var duplicateOf: Int?
            if let enterprise = rows.enterpriseID(row), let loanID = rows.loanID(row) {
                let key = InterestSubsidy.LoanKey(enterpriseID: enterprise, loanID: loanID)
                if let first = firstLine.updateValue(rows[row].line, forKey: key) {
                    duplicateOf = first
                    firstLine[key] = first
                }
            }
            guard case .success(var loan) = loans[index] else { continue }
            do throws(PolicyError) {
                if let duplicateOf {
                    throw .invalidValue(field: "loan_id", Vocabulary.message("error.duplicate_loan_line", loan.loanID, loan.enterpriseID, String(duplicateOf)))
                }
                if !repayments.isEmpty, let joined = repayments[[WrittenID(loan.enterpriseID), WrittenID(loan.loanID)]] {
                    loan.repayments = (loan.repayments ?? []) + (try joined.get())
                }
                try InterestSubsidy.validate(loan, prefix: "")
                let enterprise = WrittenID(loan.enterpriseID)
                if groupIndex[enterprise] == nil {
                    groupIndex[enterprise] = groups.count
                    groups.append(([], []))
                }
                groups[groupIndex[enterprise]!].rows.append(index)
                groups[groupIndex[enterprise]!].loans.append(loan)
            } catch {
                outcomes[index] = .failure(RowError(error))
            }
        }
        if !repayments.isEmpty {
            let loans = Set(firstLine.keys.map { [WrittenID($0.enterpriseID), WrittenID($0.loanID)] })
            unmatchedRepayments = repayments.keys.filter { !loans.contains($0) }.map { $0.map(\.text).joined(separator: "/") }.sorted()
                .map { Vocabulary.message("error.unknown_loan_repayments", $0) }
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
