import DecimalModule
import Dispatch

/// A measure run over a file of records (SPEC §9, §11): one output row per input row, in input
/// order, each `ok` with its result fields or `error` with why; the per-enterprise (interest
/// subsidy) or per-guarantor (guarantee fee) summaries over the good rows; and the totals of the
/// money columns, for reconciliation.
///
/// Every row is computed with the same calculation as the per-record API — interest-subsidy
/// loans grouped by enterprise so that the cap applies across an enterprise's rows, guarantees
/// one by one — with explanations off, spread over the available cores.
public struct Batch: Sendable {
    public enum Format: String, Sendable, CaseIterable { case csv, jsonl }

    /// One output cell: text (neutralised against spreadsheet formulas when written to CSV), a
    /// number or boolean as written, or empty.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case value(String)
        case empty
    }

    /// The output columns: the input's id columns, `line`, `status`, `error`, the result fields.
    public private(set) var columns: [String] = []
    /// One per input row, in input order.
    public private(set) var rows: [[Cell]] = []
    /// The per-enterprise or per-guarantor summary (empty columns for other measures).
    public private(set) var summaryColumns: [String] = []
    public private(set) var summaryRows: [[Cell]] = []
    public private(set) var rowsRead = 0
    public private(set) var rowsFailed = 0
    /// Σ of each money column over the good rows.
    public private(set) var totals: [(column: String, total: ExactDecimal)] = []
    /// Messages that do not make a row fail (a repayment for an unknown loan).
    public private(set) var warnings: [String] = []
    /// The failed rows' line numbers and messages, in order.
    public private(set) var rowErrors: [(line: Int, message: String)] = []

    public var rowsOK: Int { rowsRead - rowsFailed }

    /// A problem with a whole file (unreadable, empty, a required column missing).
    public struct FileError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Runs `measure` over `input`, with `repayments` (interest subsidy: columns enterprise_id,
    /// loan_id, date, amount; guarantee fee: guarantee_id, date, amount) joined to their rows.
    public init(
        measure: AnyMeasure, input: [UInt8], format: Format, repayments: [UInt8]? = nil, parameters: ParameterTable
    ) throws(FileError) {
        let records = try Batch.records(input, format: format, measure: measure, name: "input")
        rowsRead = records.rows.count
        var idColumns = records.columns.filter { $0 == "id" || $0.hasSuffix("_id") }
        if measure.id == InterestSubsidy.id {
            idColumns = ["enterprise_id", "loan_id"] + idColumns.filter { $0 != "enterprise_id" && $0 != "loan_id" }
        }
        columns = idColumns + ["line", "status", "error"] + measure.outputFields.map(\.name)

        var outcomes = [RowOutcome](repeating: .failed("not computed"), count: records.rows.count)
        for (index, row) in records.rows.enumerated() {
            if let error = row.error { outcomes[index] = .failed(error) }
        }
        let joined = try Batch.repaymentsByKey(repayments, measure: measure)
        warnings = joined.warnings
        switch measure.id {
        case InterestSubsidy.id:
            let subsidy = InterestSubsidyBatch(records.rows, joined.repayments, parameters: parameters)
            outcomes = subsidy.outcomes(merging: outcomes)
            summaryColumns = ["enterprise_id", "loans", "eligible_loans", "subsidy_computed", "enterprise_total", "capped"]
            summaryRows = subsidy.summaries
            warnings += subsidy.unmatchedRepayments(joined.repayments)
        default:
            outcomes = Batch.eachRow(records.rows, outcomes, measure: measure, repayments: joined.repayments, parameters: parameters)
            if measure.id == GuaranteeFee.id {
                summaryColumns = ["guarantor_id", "guarantees", "total_fee", "average_fee_rate", "compliant"]
                summaryRows = GuaranteePortfolio.summaries(records.rows, outcomes, parameters: parameters)
            }
        }

        var sums: [String: ExactDecimal] = [:]
        for (index, row) in records.rows.enumerated() {
            let ids = idColumns.map { row.fields[$0]?.text.map(Cell.text) ?? .empty }
            let line = Cell.value(String(row.line))
            switch outcomes[index] {
            case .failed(let message):
                rowsFailed += 1
                rowErrors.append((row.line, message))
                rows.append(ids + [line, .text("error"), .text(message)] + measure.outputFields.map { _ in .empty })
            case .computed(let values):
                rows.append(ids + [line, .text("ok"), .empty] + values)
                for (field, value) in zip(measure.outputFields, values) where field.money {
                    if case .value(let text) = value, let amount = try? ExactDecimal(parsing: text) {
                        sums[field.name, default: .zero] += amount
                    }
                }
            }
        }
        totals = measure.outputFields.filter(\.money).map { ($0.name, sums[$0.name] ?? ExactDecimal.zero.round2()) }
    }

    /// What became of one input row.
    enum RowOutcome: Sendable {
        case computed([Cell])
        case failed(String)
    }

    /// An input row: its line, its fields by column name (empty cells left out), or why it
    /// could not be read.
    struct Row: Sendable {
        var line: Int
        var fields: InputFields
        var error: String?
    }

    // MARK: Reading

    static func records(_ bytes: [UInt8], format: Format, measure: AnyMeasure, name: String) throws(FileError)
        -> (columns: [String], rows: [Row])
    {
        switch format {
        case .csv: return try csvRecords(bytes, measure: measure, name: name)
        case .jsonl: return jsonlRecords(bytes)
        }
    }

    private static func csvRecords(_ bytes: [UInt8], measure: AnyMeasure, name: String) throws(FileError) -> (columns: [String], rows: [Row]) {
        let document = CSVDocument(bytes: bytes)
        guard let header = document.records.first else { throw FileError(message: "\(name): the file is empty (no header line)") }
        var columns: [String] = []
        for index in 0..<header.count {
            guard let column = document.text(of: header, at: index) else {
                throw FileError(message: "\(name): the header is not valid UTF-8")
            }
            columns.append(column)
        }
        if let error = header.error { throw FileError(message: "\(name): header: \(error)") }
        if let required = measure.inputFields.first(where: { $0.required && !columns.contains($0.name) }) {
            throw FileError(message: "\(name): required column \(required.name) is missing")
        }
        let rows = document.records.dropFirst().map { record -> Row in
            var row = Row(line: record.line, fields: InputFields(), error: record.error)
            if row.error == nil, record.count != columns.count {
                row.error = "expected \(columns.count) fields, found \(record.count)"
            }
            guard row.error == nil else { return row }
            for (index, column) in columns.enumerated() where row.fields[column] == nil {
                let bytes = document.bytes(of: record, at: index)
                if bytes.isEmpty { continue }
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    row.error = "\(column): not valid UTF-8"
                    return row
                }
                row.fields[column] = .text(text)
            }
            return row
        }
        return (columns, rows)
    }

    private static func jsonlRecords(_ bytes: [UInt8]) -> (columns: [String], rows: [Row]) {
        var columns: [String] = []
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
                    if !columns.contains(key) { columns.append(key) }
                }
                rows.append(row)
            } catch {
                rows.append(Row(line: line, fields: InputFields(), error: "\(error)"))
            }
        }
        return (columns, rows)
    }

    /// Repayment rows grouped by the key of the row they belong to (`enterprise_id/loan_id`,
    /// or `guarantee_id`); a malformed repayment makes its key's row fail.
    static func repaymentsByKey(_ bytes: [UInt8]?, measure: AnyMeasure) throws(FileError)
        -> (repayments: [String: Result<[InterestSubsidy.Repayment], PolicyError>], warnings: [String])
    {
        guard let bytes else { return ([:], []) }
        let keyColumns = measure.id == InterestSubsidy.id ? ["enterprise_id", "loan_id"] : ["guarantee_id"]
        let document = CSVDocument(bytes: bytes)
        guard let header = document.records.first else { throw FileError(message: "repayments: the file is empty (no header line)") }
        let columns = (0..<header.count).map { document.text(of: header, at: $0) ?? "" }
        for required in keyColumns + ["date", "amount"] where !columns.contains(required) {
            throw FileError(message: "repayments: required column \(required) is missing")
        }
        var grouped: [String: Result<[InterestSubsidy.Repayment], PolicyError>] = [:]
        var warnings: [String] = []
        for record in document.records.dropFirst() {
            var values: [String: String] = [:]
            for (index, column) in columns.enumerated() where index < record.count {
                values[column] = document.text(of: record, at: index)
            }
            let key = keyColumns.map { values[$0] ?? "" }.joined(separator: "/")
            func fail(_ message: String) {
                grouped[key] = .failure(.invalidValue(field: "repayments line \(record.line)", message))
            }
            if let error = record.error {
                fail(error)
            } else if record.count != columns.count {
                fail("expected \(columns.count) fields, found \(record.count)")
            } else if keyColumns.contains(where: { (values[$0] ?? "").isEmpty }) {
                warnings.append("repayments line \(record.line): no \(keyColumns.joined(separator: "/")); ignored")
            } else {
                do {
                    let date = try Day(parsing: values["date"] ?? "")
                    let amount = try PolicyDecimal.parse(values["amount"] ?? "")
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

    // MARK: Computing

    /// Every row computed on its own (all measures but the interest subsidy).
    static func eachRow(
        _ rows: [Row], _ outcomes: [RowOutcome], measure: AnyMeasure,
        repayments: [String: Result<[InterestSubsidy.Repayment], PolicyError>], parameters: ParameterTable
    ) -> [RowOutcome] {
        Batch.concurrentMap(rows.count) { index -> RowOutcome in
            if rows[index].error != nil { return outcomes[index] }
            var fields = rows[index].fields
            if let key = fields["guarantee_id"]?.text, let joined = repayments[key] {
                switch joined {
                case .failure(let error):
                    return .failed("\(error)")
                case .success(let list):
                    fields["repayments"] = .list(list.map { .record(["date": .text($0.date.description), "amount": .text($0.amount.description)]) })
                }
            }
            let input = measure.inputList.map { InputValue.record([$0: .list([.record(fields)])]) } ?? .record(fields)
            do {
                let result = try JSONValue(encoding: measure.calculate(input, parameters, explaining: false)).inputValue
                let element = measure.inputList.flatMap { result.value(at: "\($0).0") } ?? result
                return .computed(measure.outputFields.map { Batch.cell(element.value(at: $0.name) ?? result.value(at: $0.name)) })
            } catch {
                return .failed(Batch.message(error, list: measure.inputList))
            }
        }
    }

    /// An output cell from a result value: numbers and booleans as values, words as text.
    static func cell(_ value: InputValue?) -> Cell {
        guard case .text(let text)? = value else { return .empty }
        if text == "true" || text == "false" || (try? ExactDecimal(parsing: text)) != nil { return .value(text) }
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

/// The output buffer of ``Batch/concurrentMap(_:_:)``: each index is initialised by exactly one
/// chunk, and the buffer is read only after all chunks end.
private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
