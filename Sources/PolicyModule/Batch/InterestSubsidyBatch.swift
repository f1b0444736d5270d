import DecimalModule

/// One loan row as a batch keeps it, in 40 bytes (a million loans take 40 MB): its line, where
/// its ids are in its ``LoanRows``'s text, its loan in fixed point, and what the batch decided
/// for it (its enterprise's number, whether the cap cut it). A row that does not fit this form
/// — a loan the kernel cannot take, a row in error, a line number beyond 2^31, an id of more
/// than 255 bytes, a principal or interest paid of 2^48 units or more, a rate of 16.777216
/// (1677.7216%) or more, a term of 65,535 days or more — is kept whole beside the rows
/// (``LoanRows/KeptRow``), and its ``LoanRow`` only says so.
///
/// The fields are packed by hand into five words: in their natural types (`Int` lines and
/// offsets, `Day`s, an optional interest paid) a row took 88 bytes.
struct LoanRow: Sendable {
    /// The principal's coefficient (48 bits; its exponent is in `idCounts`), and the days from
    /// drawdown to the end date (16 bits).
    private var principalAndTerm: UInt64
    /// The interest paid in whole fen, rounded down (48 bits; see ``Flags/interestPaid``), the
    /// loan id's byte count (8 bits) and the exponents (8 bits: the principal's, −2…0, as 0…2
    /// in the low 2; the rate's, −6…0, as 0…6 above).
    private var paidAndCounts: UInt64
    /// The enterprise id's start in the text (the low 40 bits), the loan id's start less it
    /// (16 bits, signed), and the enterprise id's byte count (the high 8 bits).
    private var idBits: UInt64
    /// The line (low 32 bits) and the drawdown date's day number (high 32 bits, signed).
    private var lineAndDrawdown: UInt64
    /// The enterprise's number (low 32 bits, signed: −1 none or not yet), the annual rate × 10^6
    /// (24 bits) and the flags (the high 8 bits).
    private var groupRateFlags: UInt64

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let guaranteed = Flags(rawValue: 1)
        static let firstLoan = Flags(rawValue: 2)
        static let inShanghai = Flags(rawValue: 4)
        /// Read by the generic reader (a `String` and an ``InputValue`` per cell).
        static let readGenerically = Flags(rawValue: 8)
        /// Kept whole beside the rows: every other field but the group is unused.
        static let kept = Flags(rawValue: 16)
        /// The cap cut the loan's subsidy.
        static let capped = Flags(rawValue: 32)
        /// The cap cut it part way: it was granted what was left of the cap, its enterprise's
        /// ``SubsidyBatch/KernelGroup/partial`` (a capped loan without this flag gets nothing).
        static let partial = Flags(rawValue: 64)
        /// An interest paid is given.
        static let interestPaid = Flags(rawValue: 128)
    }

    private static let below48 = UInt64(1) << 48

    /// `loan` with its line and ids, or nil when they do not fit the packed form.
    init?(line: Int, ids: IDSpans, fixed loan: FixedLoan, readGenerically: Bool) {
        let term = loan.end - loan.drawdown
        guard let enterprise = ids.enterprise, let loanID = ids.loan, enterprise.lowerBound < 1 << 40,
            (1...255).contains(enterprise.count), (1...255).contains(loanID.count),
            let offset = Int16(exactly: loanID.lowerBound - enterprise.lowerBound), let line32 = UInt32(exactly: line), line32 <= UInt32(Int32.max),
            (0..<1 << 24).contains(loan.rate), let drawdown = Int32(exactly: loan.drawdown.ordinal), (0..<0xFFFF).contains(term),
            (0..<LoanRow.below48).contains(UInt64(bitPattern: loan.principal)),
            (0..<LoanRow.below48).contains(UInt64(bitPattern: loan.interestPaid ?? 0))
        else { return nil }
        var flags: Flags = readGenerically ? .readGenerically : []
        if loan.guaranteed { flags.insert(.guaranteed) }
        if loan.firstLoan { flags.insert(.firstLoan) }
        if loan.inShanghai { flags.insert(.inShanghai) }
        if loan.interestPaid != nil { flags.insert(.interestPaid) }
        principalAndTerm = UInt64(loan.principal) | UInt64(term) << 48
        let exponents = UInt64(-loan.exponent) | UInt64(-loan.rateExponent) << 2
        paidAndCounts = UInt64(loan.interestPaid ?? 0) | UInt64(loanID.count) << 48 | exponents << 56
        idBits = UInt64(enterprise.lowerBound) | UInt64(UInt16(bitPattern: offset)) << 40 | UInt64(enterprise.count) << 56
        lineAndDrawdown = UInt64(line32) | UInt64(UInt32(bitPattern: drawdown)) << 32
        groupRateFlags = UInt64(UInt32(bitPattern: -1)) | UInt64(loan.rate) << 32 | UInt64(flags.rawValue) << 56
    }

    /// The place of a row kept whole beside the rows.
    static func kept(readGenerically: Bool) -> LoanRow {
        LoanRow(keptReadGenerically: readGenerically)
    }

    private init(keptReadGenerically: Bool) {
        (principalAndTerm, paidAndCounts, idBits, lineAndDrawdown) = (0, 0, 0, 0)
        let flags: Flags = keptReadGenerically ? [.kept, .readGenerically] : .kept
        groupRateFlags = UInt64(UInt32(bitPattern: -1)) | UInt64(flags.rawValue) << 56
    }

    /// The row's enterprise as the batch numbers them; −1: none (yet).
    var group: Int32 {
        get { Int32(bitPattern: UInt32(truncatingIfNeeded: groupRateFlags)) }
        set { groupRateFlags = groupRateFlags & ~0xFFFF_FFFF | UInt64(UInt32(bitPattern: newValue)) }
    }

    var flags: Flags {
        get { Flags(rawValue: UInt8(truncatingIfNeeded: groupRateFlags >> 56)) }
        set { groupRateFlags = groupRateFlags & (1 << 56 - 1) | UInt64(newValue.rawValue) << 56 }
    }

    /// The loan in fixed point (a row not kept).
    var fixed: FixedLoan {
        let flags = flags
        let exponents = UInt8(truncatingIfNeeded: paidAndCounts >> 56)
        return FixedLoan(
            principal: Int64(principalAndTerm & (LoanRow.below48 - 1)), exponent: -Int8(exponents & 3),
            rate: Int64(groupRateFlags >> 32 & 0xFF_FFFF), rateExponent: -Int8(exponents >> 2), drawdown: drawdown,
            end: drawdown.adding(days: Int(principalAndTerm >> 48)), guaranteed: flags.contains(.guaranteed),
            firstLoan: flags.contains(.firstLoan), inShanghai: flags.contains(.inShanghai),
            interestPaid: flags.contains(.interestPaid) ? Int64(paidAndCounts & (LoanRow.below48 - 1)) : nil)
    }

    /// The line (a row not kept).
    var line: Int { Int(UInt32(truncatingIfNeeded: lineAndDrawdown)) }

    /// The drawdown date (a row not kept).
    var drawdown: Day { Day(ordinal: Int(Int32(bitPattern: UInt32(truncatingIfNeeded: lineAndDrawdown >> 32)))) }

    /// Where the ids are in the text (a row not kept).
    var ids: IDSpans {
        let start = Int(idBits & (1 << 40 - 1))
        let loanStart = start + Int(Int16(bitPattern: UInt16(truncatingIfNeeded: idBits >> 40)))
        let loanCount = Int(UInt8(truncatingIfNeeded: paidAndCounts >> 48))
        return IDSpans(enterprise: start..<start + Int(idBits >> 56), loan: loanStart..<loanStart + loanCount)
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
/// generically or given as values, one after another. Each row is a packed ``LoanRow``; the
/// few that do not fit one are kept whole in `kept`, by row.
struct LoanRows: Sendable {
    private(set) var rows: [LoanRow]
    private(set) var kept: [Int: KeptRow]
    let text: [UInt8]

    /// A row kept whole: its line, ids and loan (or why it could not be read).
    struct KeptRow: Sendable {
        let line: Int
        let ids: IDSpans
        var loan: Result<InterestSubsidy.Loan, RowError>
    }

    init(_ rows: [LoanRow], kept: [Int: KeptRow], text: [UInt8]) {
        self.rows = rows
        self.kept = kept
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
        var kept: [Int: KeptRow] = [:]
        self.rows = rows.enumerated().map { index, row in
            let (packed, whole) = LoanRows.row(
                line: row.line, ids: IDSpans(enterprise: span(row.enterpriseID), loan: span(row.loanID)), loan: row.loan, readGenerically: true)
            kept[index] = whole
            return packed
        }
        self.kept = kept
        self.text = text
    }

    /// A row as it is stored: packed when its loan is in fixed point and fits, else kept whole
    /// (the second value).
    static func row(line: Int, ids: IDSpans, loan: Result<InterestSubsidy.Loan, RowError>, readGenerically: Bool) -> (LoanRow, KeptRow?) {
        if case .success(let loan) = loan, case .success(let fixed) = FixedLoan.from(loan),
            let row = LoanRow(line: line, ids: ids, fixed: fixed, readGenerically: readGenerically)
        {
            return (row, nil)
        }
        return (.kept(readGenerically: readGenerically), KeptRow(line: line, ids: ids, loan: loan))
    }

    var count: Int { rows.count }

    func line(_ index: Int) -> Int { rows[index].flags.contains(.kept) ? kept[index]!.line : rows[index].line }

    func ids(_ index: Int) -> IDSpans { rows[index].flags.contains(.kept) ? kept[index]!.ids : rows[index].ids }

    /// Fails row `index` with `error` (a spreadsheet's cell error), keeping its line and ids.
    mutating func fail(_ index: Int, _ error: RowError) {
        let generically = rows[index].flags.contains(.readGenerically)
        kept[index] = KeptRow(line: line(index), ids: ids(index), loan: .failure(error))
        rows[index] = .kept(readGenerically: generically)
    }

    /// Sets what the batch decided for each row (``SubsidyBatch``).
    mutating func withMutableRows<R>(_ body: (UnsafeMutableBufferPointer<LoanRow>) -> R) -> R {
        rows.withUnsafeMutableBufferPointer { body($0) }
    }

    /// The text of `span` (nil: none).
    func string(_ span: Range<Int>?) -> String? { span.map { String(decoding: text[$0], as: UTF8.self) } }

    func enterpriseID(_ index: Int) -> String? { string(ids(index).enterprise) }

    func loanID(_ index: Int) -> String? { string(ids(index).loan) }

    /// Row `index`'s id output cells (empty where it has none).
    func idCells(_ index: Int) -> [Batch.Cell] {
        [enterpriseID(index).map(Batch.Cell.text) ?? .empty, loanID(index).map(Batch.Cell.text) ?? .empty]
    }

    /// Row `index`'s loan, or why it could not be read.
    func loan(_ index: Int) -> Result<InterestSubsidy.Loan, RowError> {
        guard rows[index].flags.contains(.kept) else {
            return .success(rows[index].fixed.loan(enterpriseID: enterpriseID(index)!, loanID: loanID(index)!))
        }
        return kept[index]!.loan
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
                if let first = firstLine.updateValue(rows.line(row), forKey: key) {
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
            let loans = Set(firstLine.keys.map { [$0.enterpriseID, $0.loanID] })
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
