import DecimalModule
import Dispatch

/// A measure run over a file of records (docs/POLICY.md §9, §11): one output row per input row, in input
/// order, each `ok` with its result fields or `error` with why; the per-enterprise (interest
/// subsidy) or per-guarantor (guarantee fee) summaries over the good rows; and the totals of the
/// money columns, for reconciliation.
///
/// Every row gets the result of the per-record API — interest-subsidy loans grouped by
/// enterprise so that the cap applies across an enterprise's rows, guarantees one by one — with
/// explanations off, spread over the available cores. For the interest subsidy, rows are read
/// from the bytes and whole enterprises computed in 64-bit fixed point where that is exact
/// (see ``SubsidyColumns``), with the per-record calculation for everything else.
///
/// ```swift
/// let batch = try Batch(measure: MeasureRegistry.measure("interest-subsidy"), input: csvBytes,
///                       format: .csv, parameters: ParameterTable.bundled())
/// let rows = batch.rendered(.csv)          // one row per input row, in order
/// batch.totals                             // [("subsidy_computed", …), ("subsidy_granted", …)]
/// ```
public struct Batch: Sendable {
    /// The format of a file of records.
    public enum Format: String, Sendable, CaseIterable {
        /// Comma-separated values with a header line (RFC 4180).
        case csv
        /// JSON lines: one object per line.
        case jsonl
    }

    /// One output cell: text (neutralised against spreadsheet formulas when written to CSV), a
    /// number or boolean as written, or empty.
    public enum Cell: Sendable, Equatable {
        /// Text: an id, a reason, a message (neutralised against formulas in CSV).
        case text(String)
        /// A number or a boolean, written as it is.
        case value(String)
        /// An empty cell.
        case empty
    }

    /// The output columns: the input's id columns, `line`, `status`, `error`, the result fields.
    public internal(set) var columns: [String] = []
    /// The output rows, in input order: cells, or the interest subsidy's typed results.
    private(set) var storage: Storage = .records([])
    /// The per-enterprise or per-guarantor summary (empty columns for other measures).
    public private(set) var summaryColumns: [String] = []
    /// The summary's rows, one per enterprise or guarantor, in order of first appearance.
    public var summaryRows: [[Cell]] { (0..<summaryCount).map(summaryRow) }
    /// The number of summary rows.
    public var summaryCount: Int {
        switch summary {
        case .cells(let rows): rows.count
        case .enterprises(let enterprises): enterprises.count
        }
    }
    /// The summary's rows, kept typed for the interest subsidy (a million loans may have
    /// hundreds of thousands of enterprises) and made into cells one by one as they are written.
    private(set) var summary: Summary = .cells([])

    enum Summary: Sendable {
        case cells([[Cell]])
        case enterprises(SubsidyBatch.EnterpriseSummaries)
    }

    /// Summary row `index` (0-based) as cells, in the order of ``summaryColumns``.
    public func summaryRow(_ index: Int) -> [Cell] {
        switch summary {
        case .cells(let rows):
            return rows[index]
        case .enterprises(let enterprises):
            let enterprise = enterprises[index]
            return [
                .text(enterprise.enterpriseID), .value(String(enterprise.loans)), .value(String(enterprise.eligibleLoans)),
                .value(enterprise.subsidyComputed.description), .value(enterprise.enterpriseTotal.description), .value(String(enterprise.capped)),
                .value(enterprise.priorGranted.description), enterprise.capRemaining.map { .value($0.description) } ?? .empty,
            ] + auditCells
        }
    }
    /// The number of input rows (blank lines not counted).
    public private(set) var rowsRead = 0
    /// The number of rows whose status is `error`.
    public private(set) var rowsFailed = 0
    /// Σ of each money column over the good rows.
    public private(set) var totals: [(column: String, total: ExactDecimal)] = []
    /// Messages that do not make a row fail (a repayment for an unknown loan).
    public private(set) var warnings: [String] = []
    /// The failed rows' line numbers and messages, in order.
    public private(set) var rowErrors: [(line: Int, message: String)] = []

    /// The number of rows computed.
    public var rowsOK: Int { rowsRead - rowsFailed }

    /// The language of the `error` column's messages: English (the default, as the library
    /// writes them, so that an output file does not depend on the locale), or a translation of
    /// each message (``Vocabulary/translate(_:to:)``). Nothing else in a row changes.
    public var errorLanguage: Language = .en

    /// The engine and the parameter set every row was computed with.
    public private(set) var audit: Audit

    /// The measures whose batches have a fixed-point kernel: the interest subsidy's loans
    /// (`SubsidyKernel`) and the records of the other core measures (`RecordKernel`).
    public static let fixedPointMeasures = [InterestSubsidy.id, GuaranteeFee.id, SmallScaleVAT.id, SmallProfitCIT.id, RDSuperDeduction.id]

    /// How many rows a fixed-point kernel computed (the rest went through the general path).
    public var rowsComputedInFixedPoint: Int {
        switch storage {
        case .records(let rows):
            return rows.reduce(0) { $0 + ($1.computedInFixedPoint ? 1 : 0) }
        case .loans(let batch, _):
            return batch.rows.rows.reduce(0) { count, row in count + (row.group >= 0 && batch.groups[Int(row.group)] != nil ? 1 : 0) }
        }
    }

    /// The interest subsidy's rows computed by the general path rather than the fixed-point
    /// kernel, by why their enterprise left it (causes with no row left out); empty for other
    /// measures, which have no kernel.
    public private(set) var fallbacks: [(cause: String, rows: Int)] = []
    /// How many rows the generic reader read (a `String` and an ``InputValue`` per cell) rather
    /// than straight from the bytes (`LoanReader` for interest-subsidy loans, `RecordDecoder`
    /// for the records of other measures that are not lists).
    public private(set) var rowsReadGenerically = 0

    enum Storage: Sendable {
        /// The rows of every measure but the interest subsidy, made into cells as they are written.
        case records([ComputedRow])
        /// The loans as computed (their rows, lines and ids, and what the cap decided), and the
        /// input's other id columns (empty when it has none). The rows themselves are kept, not
        /// copies of their lines and ids: they are alive while the results are computed anyway.
        case loans(SubsidyBatch, extraIDs: [[Cell]])
    }

    /// Output row `index` (0-based, in input order) as cells, in the order of ``columns``.
    public func row(_ index: Int) -> [Cell] {
        var cells = resultRow(index)
        if errorLanguage != .en, let errorColumn = columns.firstIndex(of: "error").map({ $0 - kept.columns.count }),
            cells.indices.contains(errorColumn), case .text(let message) = cells[errorColumn]
        {
            cells[errorColumn] = .text(Vocabulary.translate(message, to: errorLanguage))
        }
        guard !kept.columns.isEmpty, let lineColumn = columns.firstIndex(of: "line") else { return cells }
        let line: Int
        switch storage {
        case .loans(let batch, _): line = batch.rows.line(index)
        case .records(let rows): line = rows[index].line
        }
        let insert = lineColumn - kept.columns.count
        return Array(cells[..<insert]) + (kept.cells[line] ?? kept.columns.map { _ in .empty }) + Array(cells[insert...])
    }

    /// The input's columns shown beside the results (``keepingInput(_:measure:)``): their
    /// names and, by line, their cells.
    var kept: (columns: [String], cells: [Int: [Cell]]) = ([], [:])

    /// Output row `index` without the input's columns.
    private func resultRow(_ index: Int) -> [Cell] {
        switch storage {
        case .records(let rows):
            let row = rows[index]
            switch row.outcome {
            case .computed(let values, _):
                return row.ids.cells + [.value(String(row.line)), .text("ok"), .empty] + values.cells + auditCells
            case .failed(let message):
                return row.ids.cells + [.value(String(row.line)), .text("error"), .text(message)] + emptyResultCells + auditCells
            }
        case .loans(let batch, let extraIDs):
            let rows = batch.rows
            let line = rows.line(index)
            let idCells = rows.idCells(index)
            let extra = extraIDs.isEmpty ? [] : extraIDs[index]
            switch batch.outcome(index) {
            case .fixed(let loan):
                let windowEnd = loan.windowEnd(drawdown: rows.rows[index].drawdown)
                return idCells + extra + [
                    .value(String(line)), .text("ok"), .empty, .text(loan.reason.rawValue), .value(String(loan.windowDays)),
                    windowEnd.map { .text($0.description) } ?? .empty,
                    .value(FixedText.decimal(loan.balanceDays, exponent: loan.balanceExponent)),
                    windowEnd == nil ? .empty : .value(FixedText.value(loan.rateApplied, scale: 6, exponent: loan.rateAppliedExponent).description),
                    .value(FixedText.fen(loan.computed)), .value(FixedText.fen(loan.granted)), .value(String(loan.capped)),
                    .value(FixedText.fen(loan.enterpriseTotal)),
                ] + auditCells
            case .general(.success(let loan)):
                return [.text(loan.enterpriseID), .text(loan.loanID)] + extra + [
                    .value(String(line)), .text("ok"), .empty, .text(loan.reason.rawValue), .value(String(loan.windowDays)),
                    loan.windowEnd.map { .text($0.description) } ?? .empty, .value(loan.balanceDays.description),
                    loan.rateApplied.map { .value($0.value.description) } ?? .empty, .value(loan.subsidyComputed.description),
                    .value(loan.subsidyGranted.description), .value(String(loan.capped)), .value(loan.enterpriseTotal.description),
                ] + auditCells
            case .general(.failure(let error)):
                return idCells + extra + [.value(String(line)), .text("error"), .text(error.message)] + emptyResultCells + auditCells
            }
        }
    }

    /// The result cells of a row that failed: one empty cell per result field.
    private var emptyResultCells: [Cell] { Array(repeating: .empty, count: resultFieldCount) }
    /// The number of the measure's result fields (``AnyMeasure/outputFields``).
    var resultFieldCount = 0

    /// The last two cells of every row, output and summary: ``audit``'s engine version and
    /// parameter identity, so that a file of results says what computed it.
    var auditCells: [Cell] { [.text(audit.engineVersion), .text(audit.parametersSHA256)] }

    /// The names of the audit cells' columns.
    static let auditColumns = ["engine_version", "parameters_sha256"]

    /// How rows are read and computed. Both ways give the same rows, values and error messages;
    /// the generic one exists on its own so that the fast one can be checked against it (the
    /// tests and `Fuzz/FuzzBatch` do).
    public enum Reading: Sendable {
        /// Straight from the bytes where the file allows it (interest-subsidy loans: every quoted
        /// cell simple; other measures: a CSV of records, not of a list), into the measure's
        /// fixed-point kernel where it has one and the row fits it; the generic reader for the
        /// rows not plainly written and for other files.
        case fastest
        /// Every row by the generic reader (a `String` and an ``InputValue`` per cell); a record
        /// measure's rows computed by its `calculate`, not its kernel (the interest subsidy's
        /// loans still go through theirs, which the tests check against the per-record API).
        case generic
    }

    /// A problem with a whole file (unreadable, empty, a required column missing).
    public struct FileError: Error, CustomStringConvertible {
        /// The sentence the command line prints.
        public let message: String
        /// The text people read: the sentence the command line prints.
        public var description: String { message }

        /// A file error with its whole message (`input: …`).
        public init(message: String) { self.message = message }
    }

    /// Runs `measure` over `input`, with `repayments` (interest subsidy: columns enterprise_id,
    /// loan_id, date, amount; guarantee fee: guarantee_id, date, amount) joined to their rows,
    /// and, for the interest subsidy, the subsidy `granted` to enterprises before (CSV columns
    /// enterprise_id, granted), which counts against each enterprise's cap.
    ///
    /// - Throws: ``FileError`` for a file that cannot be read as a whole: not UTF-8 (whichever
    ///   reader would have met the byte, and whether or not its column is used), lines ended by
    ///   CR alone, an empty file, a header that names a column twice or lacks a required one.
    ///
    /// `cellErrors` makes rows fail whatever their cells say, by line: a reader that turned
    /// another format into this CSV (a spreadsheet's formula without a value) reports there
    /// what it could not put in a cell. `reading` chooses the reader of interest-subsidy rows
    /// (``Reading``): the results are the same either way.
    public init(
        measure: AnyMeasure, input: [UInt8], format: Format, repayments: [UInt8]? = nil, granted: [UInt8]? = nil,
        parameters: ParameterTable, cellErrors: [Int: String] = [:], reading: Reading = .fastest
    ) throws(FileError) {
        try Batch.checkText(input, format: format, name: "input")
        if let repayments { try Batch.checkText(repayments, format: .csv, name: "repayments") }
        if let granted { try Batch.checkText(granted, format: .csv, name: "granted") }
        let joined = try Batch.repaymentsByKey(repayments, measure: measure)
        if measure.id == InterestSubsidy.id {
            try self.init(
                loans: input, format: format, measure: measure, repayments: joined.repayments,
                granted: try Batch.grantedByEnterprise(granted), parameters: parameters, cellErrors: cellErrors, reading: reading)
        } else if granted != nil {
            throw FileError(message: "granted: " + Vocabulary.message("error.granted_interest_subsidy_only", InterestSubsidy.id))
        } else {
            try self.init(
                records: input, format: format, measure: measure, repayments: joined.repayments, parameters: parameters, cellErrors: cellErrors,
                reading: reading)
        }
        warnings = joined.warnings + warnings
    }

    /// Every measure but the interest subsidy: each row computed on its own.
    private init(
        records input: [UInt8], format: Format, measure: AnyMeasure,
        repayments: Batch.RepaymentsByKey, parameters: ParameterTable, cellErrors: [Int: String],
        reading: Reading
    ) throws(FileError) {
        audit = parameters.audit
        var computed = try Batch.computedRows(
            input, format: format, measure: measure, repayments: repayments, parameters: parameters, cellErrors: cellErrors, reading: reading)
        rowsRead = computed.rows.count
        rowsReadGenerically = computed.rows.reduce(0) { $0 + ($1.readGenerically ? 1 : 0) }
        resultFieldCount = measure.outputFields.count
        columns = computed.idColumns + ["line", "status", "error"] + measure.outputFields.map(\.name) + Batch.auditColumns
        if measure.id == GuaranteeFee.id {
            summaryColumns = ["guarantor_id", "guarantees", "total_fee", "average_fee_rate", "compliant"] + Batch.auditColumns
            let shares = computed.rows.compactMap { row -> GuaranteeFee.Share? in
                guard case .computed(_, let share?) = row.outcome else { return nil }
                return share
            }
            summary = .cells(GuaranteeFee.guarantors(of: shares, parameters: parameters).map { guarantor in
                [.text(guarantor.guarantorID), .value(String(guarantor.guarantees)), .value(guarantor.totalFee.description),
                 guarantor.averageFeeRate.map { .value($0.description) } ?? .empty, guarantor.compliant.map { .value(String($0)) } ?? .empty]
                    + auditCells
            })
        }
        let money = measure.outputFields.indices.filter { measure.outputFields[$0].money }
        var sums = money.map { _ in MoneySum() }
        for index in computed.rows.indices {
            switch computed.rows[index].outcome {
            case .failed(let message):
                rowsFailed += 1
                rowErrors.append((computed.rows[index].line, message))
            case .computed(let values, let share):
                var field = 0
                var sum = 0
                values.forEach { kind, bytes in
                    defer { field += 1 }
                    guard sum < money.count, field == money[sum] else { return }
                    if kind == .value { sums[sum].add(written: bytes) }
                    sum += 1
                }
                // Only the cells are kept: the guarantor summary has read the rest.
                if share != nil { computed.rows[index].outcome = .computed(values, share: nil) }
            }
        }
        storage = .records(computed.rows)
        totals = zip(money, sums).map { (measure.outputFields[$0].name, $1.total) }
    }

    /// The sum of a money column's cells, as written by ``ExactDecimal/description``: in fen
    /// while a cell is plain digits with two decimals (most cells: amounts are rounded to the
    /// fen) and the sum fits in 64 bits, exactly otherwise. The total is the exact sum either way.
    struct MoneySum {
        private var fen: Int64 = 0
        private var exact = ExactDecimal.zero.round2()

        var total: ExactDecimal { exact + ExactDecimal(fen, exponent: -2) }

        /// Adds the amount written in `bytes` (a cell that is not one adds nothing).
        mutating func add(written bytes: UnsafeBufferPointer<UInt8>) {
            guard let cell = MoneySum.fen(bytes) else {
                if let amount = try? ExactDecimal(parsing: String(decoding: bytes, as: UTF8.self)) { exact += amount }
                return
            }
            let (sum, overflow) = fen.addingReportingOverflow(cell)
            if overflow {
                exact += ExactDecimal(fen, exponent: -2)
                fen = cell
            } else {
                fen = sum
            }
        }

        /// `-`, 1 to 16 digits, a point and two digits, in fen; nil for anything else. Its own
        /// loop, not ``LoanReader/digits(_:skippingCommas:)``: the cell's form is fixed, and the
        /// general reader made the R&D batch 7% slower here (six money cells a row).
        private static func fen(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
            let negative = bytes.first == UInt8(ascii: "-")
            let digits = bytes.count - (negative ? 1 : 0)
            guard (4...19).contains(digits), bytes[bytes.count - 3] == UInt8(ascii: ".") else { return nil }
            var value: Int64 = 0
            for index in (negative ? 1 : 0)..<bytes.count where index != bytes.count - 3 {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value &* 10 &+ Int64(digit)
            }
            return negative ? -value : value
        }
    }

    /// The interest subsidy: loan rows read by the byte-level ``LoanReader`` when the file
    /// allows it, generically otherwise; then computed together by ``InterestSubsidyBatch``.
    private init(
        loans input: [UInt8], format: Format, measure: AnyMeasure,
        repayments: Batch.RepaymentsByKey, granted: [String: ExactDecimal],
        parameters: ParameterTable, cellErrors: [Int: String], reading: Reading
    ) throws(FileError) {
        audit = parameters.audit
        var loanRows: LoanRows
        var extraIDs: [[Cell]]
        var extraColumns: [String] = []
        if format == .csv, reading == .fastest, let fast = try Batch.fastLoanRows(input, measure: measure) {
            loanRows = fast
            // A spreadsheet's cell errors fail their rows (a CSV has none: no look-up a row).
            if !cellErrors.isEmpty {
                for index in 0..<loanRows.count {
                    if let error = cellErrors[loanRows.line(index)] { loanRows.fail(index, RowError(message: error)) }
                }
            }
            extraIDs = []
        } else {
            let records = try Batch.records(input, format: format, measure: measure, name: "input", cellErrors: cellErrors)
            extraColumns = records.columns.filter { ($0 == "id" || $0.hasSuffix("_id")) && $0 != "enterprise_id" && $0 != "loan_id" }
            extraIDs = extraColumns.isEmpty ? [] : records.rows.map { row in extraColumns.map { row.fields[$0]?.text.map(Cell.text) ?? .empty } }
            let rows = records.rows
            loanRows = LoanRows(Batch.concurrentMap(rows.count) { index in
                let row = rows[index]
                var loan: Result<InterestSubsidy.Loan, RowError>
                if let error = row.error {
                    loan = .failure(RowError(message: error))
                } else {
                    do {
                        loan = .success(try InputDecoder.decode(InterestSubsidy.Loan.self, from: .record(row.fields)))
                    } catch {
                        loan = .failure(RowError(message: "\(error)"))
                    }
                }
                return (row.line, row.fields["enterprise_id"]?.text, row.fields["loan_id"]?.text, loan)
            })
        }
        rowsRead = loanRows.count
        rowsReadGenerically = loanRows.rows.reduce(0) { $0 + ($1.flags.contains(.readGenerically) ? 1 : 0) }
        resultFieldCount = measure.outputFields.count
        columns = ["enterprise_id", "loan_id"] + extraColumns + ["line", "status", "error"] + measure.outputFields.map(\.name) + Batch.auditColumns
        let computed = SubsidyBatch(consume loanRows, repayments, granted: granted, parameters: parameters)
        for index in computed.general.keys.sorted() {
            if case .failure(let error) = computed.general[index]! {
                rowsFailed += 1
                rowErrors.append((computed.rows.line(index), error.message))
            }
        }
        storage = .loans(computed, extraIDs: extraIDs)
        totals = [("subsidy_computed", computed.totalComputed), ("subsidy_granted", computed.totalGranted)]
        summaryColumns = [
            "enterprise_id", "loans", "eligible_loans", "subsidy_computed", "enterprise_total", "capped", "prior_granted", "cap_remaining",
        ] + Batch.auditColumns
        summary = .enterprises(computed.summaries)
        warnings = computed.unmatchedRepayments
        fallbacks = SubsidyBatch.Fallback.allCases.compactMap { cause in computed.fallbacks[cause].map { (cause.rawValue, $0) } }
        if !granted.isEmpty {
            let enterprises = Set((0..<computed.rows.count).compactMap(computed.rows.enterpriseID))
            let unmatched = granted.keys.filter { !enterprises.contains($0) }.sorted()
            if !unmatched.isEmpty {
                let shown = unmatched.prefix(5).joined(separator: ", ") + (unmatched.count > 5 ? ", …" : "")
                warnings.append("granted: " + Vocabulary.message("error.granted_unmatched", String(unmatched.count), shown))
            }
        }
    }

    /// What became of one input row.
    enum RowOutcome: Sendable {
        /// The result's output cells, and what a guarantee adds to its guarantor's summary
        /// (a guarantee fee batch's rows alone).
        case computed(CellRow, share: GuaranteeFee.Share?)
        case failed(String)
    }

    /// An input row: its line, its fields by column name (empty cells left out), or why it
    /// could not be read.
    struct Row: Sendable {
        var line: Int
        var fields: InputFields
        var error: String?
    }

    /// An input row computed: its line, its id cells (kept in its chunk's arena, as its
    /// result's are), and what became of it.
    struct ComputedRow: Sendable {
        var line: Int
        var ids: CellRow
        var outcome: RowOutcome
        /// Read by the generic reader rather than straight from the bytes.
        var readGenerically = true
        /// Computed by a fixed-point kernel (``RecordKernel``) rather than the general path.
        var computedInFixedPoint = false
    }

    /// Where a batch row's typed input is read from: the generic keyed form, or straight from
    /// the bytes of a CSV record (``RecordDecoder``).
    enum RowSource {
        case value(InputValue)
        case record(RecordDecoder)
    }

    // MARK: Reading

    static func records(_ bytes: [UInt8], format: Format, measure: AnyMeasure, name: String, cellErrors: [Int: String] = [:]) throws(FileError)
        -> (columns: [String], rows: [Row])
    {
        var records: (columns: [String], rows: [Row])
        switch format {
        case .csv: records = try csvRecords(bytes, measure: measure, name: name)
        case .jsonl: records = jsonlRecords(bytes)
        }
        if !cellErrors.isEmpty {
            for index in records.rows.indices {
                if let error = cellErrors[records.rows[index].line] { records.rows[index].error = error }
            }
        }
        return records
    }

    private static func csvRecords(_ bytes: [UInt8], measure: AnyMeasure, name: String) throws(FileError) -> (columns: [String], rows: [Row]) {
        let document = CSVDocument(bytes: bytes)
        let columns = try csvColumns(document, measure: measure, name: name)
        let records = document.records
        let rows = Batch.concurrentMap(records.count - 1) { index -> Row in
            let record = records[index + 1]
            if let error = recordError(record, columns: columns, in: document.bytes) { return Row(line: record.line, fields: InputFields(), error: error) }
            return Row(line: record.line, fields: fields(of: record, columns: columns, in: document.bytes), error: nil)
        }
        return (columns, rows)
    }

    /// The field name of each column of `document`'s header (empty for a column no field has).
    private static func csvColumns(_ document: CSVDocument, measure: AnyMeasure, name: String) throws(FileError) -> [String] {
        guard let header = document.records.first else { throw FileError(message: "\(name): " + Vocabulary.message("error.file_empty")) }
        // The text was checked as UTF-8 as a whole (checkText).
        let written = (0..<header.count).map { String(decoding: document.bytes(of: header, at: $0), as: UTF8.self) }
        if let error = header.error { throw FileError(message: "\(name): " + Vocabulary.message("error.header", error)) }
        return try BatchHeader(measure: measure, fileName: name).resolve(written)
    }

    /// Why `record` is no row of the table (an unclosed quote, too many or too few cells), or nil.
    private static func recordError(_ record: CSVDocument.Record, columns: [String], in bytes: [UInt8]) -> String? {
        record.error ?? BatchHeader.fieldCountError(record.count, columns: columns) {
            (columns.count..<record.count).allSatisfy { CSVDocument.bytes(of: record, at: $0, in: bytes).isEmpty }
        }
    }

    /// The fields of `record` by column name, empty cells left out.
    private static func fields(of record: CSVDocument.Record, columns: [String], in file: [UInt8]) -> InputFields {
        var fields = InputFields()
        for (index, column) in columns.enumerated() where index < record.count && !column.isEmpty {
            let bytes = CSVDocument.bytes(of: record, at: index, in: file)
            if bytes.isEmpty { continue }
            fields[column] = .text(String(decoding: bytes, as: UTF8.self))
        }
        return fields
    }

    /// Whether a column is shown first in the output, as a row's identity: `id` or `*_id`.
    private static func isIDColumn(_ column: String) -> Bool { column == "id" || column.hasSuffix("_id") }

    /// The rows of `input` (every measure but the interest subsidy) computed one by one, in
    /// order, with the names of the id columns. A CSV record is read straight from its bytes
    /// when its values are plainly written (``RecordDecoder``), and by the generic reader
    /// otherwise, which words any error; the results are the same either way.
    static func computedRows(
        _ input: [UInt8], format: Format, measure: AnyMeasure, repayments: Batch.RepaymentsByKey,
        parameters: ParameterTable, cellErrors: [Int: String], reading: Reading
    ) throws(FileError) -> (idColumns: [String], rows: [ComputedRow]) {
        guard format == .csv, measure.inputList == nil, reading == .fastest else {
            let records = try Batch.records(input, format: format, measure: measure, name: "input", cellErrors: cellErrors)
            let idColumns = records.columns.filter(isIDColumn)
            let rows = records.rows
            return (idColumns, Batch.concurrentMap(rows.count) { index in
                let row = rows[index]
                let arena = CellArena(capacity: 0)
                let ids = arena.row { cells in
                    for column in idColumns { cells.cell(row.fields[column]?.text.map(Cell.text) ?? .empty) }
                }
                let outcome = row.error.map(RowOutcome.failed)
                    ?? Batch.outcome(of: row.fields, measure: measure, repayments: repayments, parameters: parameters, into: arena)
                return ComputedRow(line: row.line, ids: ids, outcome: outcome)
            })
        }
        // A file of simple quotes in parallel chunks of lines, with nothing kept per record;
        // any other as a document of records.
        let file = SimpleCSV(input)
        let document = file == nil ? CSVDocument(bytes: input) : nil
        let columns: [String]
        if let file {
            columns = try BatchHeader(measure: measure, fileName: "input").resolve(file.header)
        } else {
            columns = try csvColumns(document!, measure: measure, name: "input")
        }
        let idIndices = columns.indices.filter { isIDColumn(columns[$0]) }
        // The header names each field once (BatchHeader).
        let fieldColumn = NameTable(columns.enumerated().filter { !$0.element.isEmpty }.map { ($0.element, $0.offset) })
        let summarising = Batch.summarises(measure)
        let kernel = RecordKernel(measure: measure, columns: columns, parameters: parameters)
        @Sendable func computed(_ record: CSVDocument.Record, into arena: CellArena, fields fieldColumns: FieldColumns) -> ComputedRow {
            if let error = recordError(record, columns: columns, in: input) {
                let ids = arena.row { cells in for _ in idIndices { cells.cell(.empty) } }
                return ComputedRow(line: record.line, ids: ids, outcome: .failed(cellErrors[record.line] ?? error), readGenerically: false)
            }
            func text(_ index: Int) -> String? {
                guard index < record.count else { return nil }
                let bytes = CSVDocument.bytes(of: record, at: index, in: input)
                return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
            }
            // The ids' bytes as text cells, from the input (no String made).
            let ids = arena.row { cells in
                for index in idIndices {
                    guard index < record.count else {
                        cells.cell(.empty)
                        continue
                    }
                    CSVDocument.bytes(of: record, at: index, in: input).withUnsafeBufferPointer(cells.text)
                }
            }
            if let error = cellErrors[record.line] { return ComputedRow(line: record.line, ids: ids, outcome: .failed(error), readGenerically: false) }
            // A guarantee with repayments joined to it is read generically, with them.
            let joined = !repayments.isEmpty && fieldColumn["guarantee_id"].flatMap(text).map { repayments[[WrittenID($0)]] != nil } == true
            if !joined, let kernel, let made = input.withUnsafeBufferPointer({ kernel.row($0, record, into: arena) }) {
                return ComputedRow(
                    line: record.line, ids: ids, outcome: .computed(made.cells, share: made.share), readGenerically: false, computedInFixedPoint: true)
            }
            if !joined, let outcome = input.withUnsafeBufferPointer({ bytes in
                fieldColumns.startRecord()
                let decoder = RecordDecoder(bytes: bytes, record: record, columns: fieldColumns)
                return try? measure.batchRow(.record(decoder), parameters, summarising: summarising, into: arena)
            }) {
                return ComputedRow(line: record.line, ids: ids, outcome: outcome, readGenerically: false)
            }
            let fields = fields(of: record, columns: columns, in: input)
            return ComputedRow(
                line: record.line, ids: ids, outcome: Batch.outcome(of: fields, measure: measure, repayments: repayments, parameters: parameters, into: arena))
        }
        let idColumns = idIndices.map { columns[$0] }
        if let file {
            // Room in the chunk's arena for twice the chunk's bytes and two more a cell: more
            // than a row's cells take as a rule (room not written costs address space only);
            // past that, the arena grows.
            let cellsPerRow = measure.outputFields.count + 1
            return (idColumns, file.rows { chunk, rows in
                var fields: [CSVDocument.Field] = []
                let arenaCapacity = 2 * chunk.range.count + 2 * cellsPerRow * (chunk.lineFeeds + 1)
                var arena = CellArena(capacity: arenaCapacity)
                let fieldColumns = FieldColumns(fieldColumn, remembering: true)
                input.withUnsafeBufferPointer { bytes in
                    SimpleCSV.forEachRecord(bytes, chunk.range, firstLine: chunk.firstLine) { line, cells, _ in
                        fields.removeAll(keepingCapacity: true)
                        for cell in cells { fields.append(CSVDocument.Field(range: cell, escaped: false)) }
                        if arena.isFull { arena = CellArena(capacity: arenaCapacity) }
                        rows.append(computed(CSVDocument.Record(line: line, fields: fields, error: nil), into: arena, fields: fieldColumns))
                    }
                }
            }.rows)
        }
        let records = document!.records
        // Records computed one by one in any order: each its own arena, its fields looked up.
        return (idColumns, Batch.concurrentMap(records.count - 1) {
            computed(records[$0 + 1], into: CellArena(capacity: 0), fields: FieldColumns(fieldColumn, remembering: false))
        })
    }

    /// Checks a file's text as a whole before any reader runs, so that every reader sees the
    /// same valid text: UTF-8 throughout, and (CSV) lines not ended by CR alone, which would
    /// make the whole file one line and its header a jumble.
    static func checkText(_ bytes: [UInt8], format: Format, name: String) throws(FileError) {
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw FileError(message: UTF8Validation.message(name, offset: offset, in: bytes))
        }
        guard format == .csv else { return }
        let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        // A CR inside the first line, other than the one of its CRLF.
        if bytes[..<headerEnd].dropLast().contains(UInt8(ascii: "\r")) {
            throw FileError(message: "\(name): " + Vocabulary.message("error.carriage_returns"))
        }
    }

    private static func jsonlRecords(_ bytes: [UInt8]) -> (columns: [String], rows: [Row]) {
        var columns: [String] = []
        var seenColumns: Set<String> = []
        var rows: [Row] = []
        var line = 0
        for slice in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            line += 1
            let text = slice.last == UInt8(ascii: "\r") ? slice.dropLast() : slice
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                guard case .record(let fields) = try InputValue(json: Array(text)) else {
                    rows.append(Row(line: line, fields: InputFields(), error: "expected a JSON object"))
                    continue
                }
                var row = Row(line: line, fields: InputFields(), error: nil)
                for (key, value) in fields where value != .null && value != .text("") {
                    row.fields[key] = value
                    if seenColumns.insert(key).inserted { columns.append(key) }
                }
                rows.append(row)
            } catch {
                rows.append(Row(line: line, fields: InputFields(), error: "\(error)"))
            }
        }
        return (columns, rows)
    }

    /// Repayments joined to rows by their key columns' ids as written (``WrittenID``):
    /// `enterprise_id` and `loan_id` for loans, `guarantee_id` for guarantees. A list of ids, not
    /// one string joined by a separator, which an id holding the separator could collide with
    /// (`A/B` + `C` and `A` + `B/C`).
    typealias RepaymentsByKey = [[WrittenID]: Result<[InterestSubsidy.Repayment], PolicyError>]

    /// Repayment rows grouped by the key of the row they belong to (`enterprise_id` and
    /// `loan_id`, or `guarantee_id`); a malformed repayment makes its key's row fail.
    static func repaymentsByKey(_ bytes: [UInt8]?, measure: AnyMeasure) throws(FileError)
        -> (repayments: RepaymentsByKey, warnings: [String])
    {
        guard let bytes else { return ([:], []) }
        let keyColumns = measure.id == InterestSubsidy.id ? ["enterprise_id", "loan_id"] : ["guarantee_id"]
        let document = CSVDocument(bytes: bytes)
        guard let header = document.records.first else { throw FileError(message: "repayments: " + Vocabulary.message("error.file_empty")) }
        let written = (0..<header.count).map { String(decoding: document.bytes(of: header, at: $0), as: UTF8.self) }
        let fields = keyColumns.map { BatchHeader.Field(name: $0, chinese: FieldNames.chinese($0), required: true) } + [
            BatchHeader.Field(name: "date", chinese: "还款日", required: true), BatchHeader.Field(name: "amount", chinese: "还款金额", required: true),
        ]
        let columns = try BatchHeader(fields: fields, fileName: "repayments", purpose: "repayments").resolve(written)
        var grouped: RepaymentsByKey = [:]
        var warnings: [String] = []
        for record in document.records.dropFirst() {
            var values: [String: String] = [:]
            for (index, column) in columns.enumerated() where index < record.count && !column.isEmpty {
                values[column] = document.text(of: record, at: index)
            }
            let key = keyColumns.map { WrittenID(values[$0] ?? "") }
            func fail(_ message: String) {
                grouped[key] = .failure(.invalidValue(field: "repayments line \(record.line)", message))  // error.repayments_line
            }
            if let error = record.error {
                fail(error)
            } else if let error = BatchHeader.fieldCountError(record.count, columns: columns, extraCellsEmpty: {
                (columns.count..<record.count).allSatisfy { document.bytes(of: record, at: $0).isEmpty }
            }) {
                fail(error)
            } else if keyColumns.contains(where: { (values[$0] ?? "").isEmpty }) {
                warnings.append(Vocabulary.message("error.repayments_line", String(record.line), Vocabulary.message("error.repayments_no_key", keyColumns.joined(separator: "/"))))
            } else {
                do {
                    let date = try Day(parsing: values["date"] ?? "")
                    let amount = try InputText.amount(values["amount"] ?? "")
                    try Check.nonNegative(amount, "amount")
                    if case .success(let list) = grouped[key] ?? .success([]) {
                        grouped[key] = .success(list + [InterestSubsidy.Repayment(date: date, amount: amount)])
                    }
                } catch {
                    fail("\(error)")
                }
            }
        }
        return (grouped, warnings)
    }

    /// The amounts granted before, by enterprise, from a CSV with columns `enterprise_id` and
    /// `granted` (amounts in fen, not negative); a malformed or repeated row is a file error
    /// naming its line.
    static func grantedByEnterprise(_ bytes: [UInt8]?) throws(FileError) -> [String: ExactDecimal] {
        guard let bytes else { return [:] }
        let document = CSVDocument(bytes: bytes)
        guard let header = document.records.first else { throw FileError(message: "granted: " + Vocabulary.message("error.file_empty")) }
        let written = (0..<header.count).map { document.text(of: header, at: $0) ?? "" }
        let fields = [
            BatchHeader.Field(name: "enterprise_id", chinese: FieldNames.chinese("enterprise_id"), required: true),
            BatchHeader.Field(name: "granted", chinese: "已获贴息", required: true),
        ]
        let columns = try BatchHeader(fields: fields, fileName: "granted", purpose: "granted").resolve(written)
        guard let idColumn = columns.firstIndex(of: "enterprise_id"), let amountColumn = columns.firstIndex(of: "granted") else {
            throw FileError(message: "granted: " + Vocabulary.message("error.granted_columns"))
        }
        var granted: [String: ExactDecimal] = [:]
        var firstLine: [String: Int] = [:]
        for record in document.records.dropFirst() {
            func fail(_ message: String) -> FileError { FileError(message: Vocabulary.message("error.granted_line", String(record.line), message)) }
            if let error = record.error { throw fail(error) }
            if let error = BatchHeader.fieldCountError(record.count, columns: columns, extraCellsEmpty: {
                (columns.count..<record.count).allSatisfy { document.bytes(of: record, at: $0).isEmpty }
            }) {
                throw fail(error)
            }
            guard let enterprise = document.text(of: record, at: idColumn), !enterprise.isEmpty else { throw fail(Vocabulary.message("error.enterprise_id_empty")) }
            if let first = firstLine[enterprise] { throw fail(Vocabulary.message("error.enterprise_twice", enterprise, String(first))) }
            do throws(PolicyError) {
                let amount = try InputText.amount(document.text(of: record, at: amountColumn) ?? "")
                try Check.nonNegative(amount, "granted")
                guard amount.round2() == amount else { throw .invalidValue(field: "granted", Vocabulary.message("error.granted_in_fen", amount.description)) }
                granted[enterprise] = amount
                firstLine[enterprise] = record.line
            } catch {
                throw fail("\(error.attributed(to: "granted"))")
            }
        }
        return granted
    }

    /// Loan rows read straight from the bytes, when every quoted cell of the file is simple
    /// (``quotesAreSimple(_:from:)``: every line end then ends a record, and the rows can be read
    /// in parallel chunks) and the header names no column the byte-level reader leaves to the
    /// generic path; nil otherwise. A byte-order mark is skipped.
    static func fastLoanRows(_ input: [UInt8], measure: AnyMeasure) throws(FileError) -> LoanRows? {
        guard let file = SimpleCSV(input) else { return nil }
        let header = try BatchHeader(measure: measure, fileName: "input").resolve(file.header)
        guard let reader = LoanReader(header: header) else { return nil }
        let (rows, keptByChunk) = file.rows { chunk, rows in
            input.withUnsafeBufferPointer { bytes in reader.rows(bytes, chunk, header: header, into: &rows) }
        }
        var kept: [Int: LoanRows.KeptRow] = [:]
        for (firstRow, chunkKept) in keptByChunk {
            for (position, row) in chunkKept { kept[firstRow + position] = row }
        }
        return LoanRows(rows, kept: kept, text: input)
    }

    /// Whether every quote in `bytes` (from `start`) opens a cell and the next one closes it,
    /// followed by a comma or a line end (LF or CRLF), with at least one byte and no quote or
    /// line break between them: the quoting of a machine-written file (`"3,000,000.00"`). Then
    /// every line end ends a record, and a quoted cell is the bytes between its quotes. Anything
    /// else — an escaped quote, a line break inside a cell, text (a CR alone included) after a
    /// closing quote, `""` — is the generic reader's.
    static func quotesAreSimple(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var index = start
        while let open = SimpleCSV.firstIndex(of: quote, in: bytes, from: index) {
            // A quote opens a cell: at the start, or after a comma or a line feed.
            guard open == start || bytes[open - 1] == comma || bytes[open - 1] == lineFeed else { return false }
            var close = open + 1
            while close < bytes.count, bytes[close] != quote {
                if bytes[close] == lineFeed || bytes[close] == carriageReturn { return false }
                close += 1
            }
            let next = close + 1
            guard close < bytes.count, close > open + 1,
                next == bytes.count || bytes[next] == comma || CSVDocument.lineEnds(in: bytes, at: next)
            else { return false }
            index = next
        }
        return true
    }

    // MARK: Computing

    /// Whether `measure`'s rows keep what each adds to a summary of the batch: a guarantee's
    /// share of its guarantor's, so that the guarantee is decoded once.
    static func summarises(_ measure: AnyMeasure) -> Bool { measure.id == GuaranteeFee.id }

    /// A row read by the generic reader, computed (every measure but the interest subsidy), with
    /// the repayments of its `guarantee_id` joined to it.
    static func outcome(
        of fields: InputFields, measure: AnyMeasure, repayments: Batch.RepaymentsByKey, parameters: ParameterTable,
        into arena: CellArena
    ) -> RowOutcome {
        var fields = fields
        if let key = fields["guarantee_id"]?.text, let joined = repayments[[WrittenID(key)]] {
            switch joined {
            case .failure(let error):
                return .failed("\(error)")
            case .success(let list):
                fields["repayments"] = .list(list.map { .record(["date": .text($0.date.description), "amount": .text($0.amount.description)]) })
            }
        }
        let input = measure.inputList.map { InputValue.record([$0: .list([.record(fields)])]) } ?? .record(fields)
        do {
            return try measure.batchRow(.value(input), parameters, summarising: Batch.summarises(measure), into: arena)
        } catch {
            return .failed(Batch.message(error, list: measure.inputList))
        }
    }

    /// An output cell from a result value: numbers and booleans as values, words as text.
    static func cell(_ value: InputValue?) -> Cell {
        guard case .text(let text)? = value else { return .empty }
        return cell(text: text)
    }

    /// An output cell from a result's text: a number or a boolean as a value, a word as text.
    static func cell(text: String) -> Cell {
        // A number begins with a digit, a sign or a point: a word (a reason) is not parsed.
        let mayBeNumber = text.utf8.first.map { $0 &- UInt8(ascii: "0") < 10 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: ".") } ?? false
        if text == "true" || text == "false" || (mayBeNumber && (try? ExactDecimal(parsing: text)) != nil) { return .value(text) }
        return .text(text)
    }

    /// An error message with the path of a list element's field shortened to the column name.
    static func message(_ error: any Error, list: String?) -> String {
        var message = "\(error)"
        if let list, message.hasPrefix("\(list)[0].") { message.removeFirst(list.count + 4) }
        return message
    }

    /// `transform(0..<count)` on all cores, in contiguous chunks; the results in index order.
    static func concurrentMap<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let chunks = min(count, 64)
        guard chunks > 1 else { return (0..<count).map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
                    (slots.base + index).initialize(to: transform(index))
                }
            }
            initialized = count
        }
    }
}

/// A buffer written from concurrent chunks (``Batch/concurrentMap(_:_:)``'s results, the
/// interest subsidy kernel's outcomes, ``SimpleCSV``'s rows, the output buffers of a wave):
/// each index is used by exactly one chunk, and the buffer is read elsewhere only after all
/// chunks end.
struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
