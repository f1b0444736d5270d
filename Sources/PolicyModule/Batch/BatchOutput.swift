import DecimalModule
import Dispatch

/// CSV and JSON-lines output of batch rows.
extension Batch {
    /// The output rows as CSV (header first) or JSON lines, as UTF-8 bytes.
    public func rendered(_ format: Format) -> [UInt8] {
        var bytes: [UInt8] = []
        render(format) { bytes += $0 }
        return bytes
    }

    /// The same bytes as ``rendered(_:)``, handed to `write` part by part in order: the header,
    /// then the rows, rendered in parallel a few chunks at a time. A file of millions of rows
    /// is written through buffers of a few megabytes, never held whole; an error thrown by
    /// `write` stops the rendering.
    public func render<Failure: Error>(_ format: Format, into write: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        let auditBytes = auditCSV
        if format == .csv, kept.columns.isEmpty, case .records(let rows) = storage {
            let idCount = columns.count - 3 - resultFieldCount - Batch.auditColumns.count  // the id columns come first
            // Computed rows are written from their cells in place; failed ones, whose message
            // may be translated, as a row.
            return try Batch.render(columns: columns, count: rowsRead, format: format, into: write) { chunk, bytes in
                // The rows and the audit cells looked at in place, once a chunk: not a reference
                // count per row, which two threads contend for.
                rows.withUnsafeBufferPointer { rows in
                    auditBytes.withUnsafeBufferPointer { audit in
                        for index in chunk {
                            guard case .computed(let values, _) = rows[index].outcome else {
                                Batch.append(row(index), columns: columns, format: format, to: &bytes)
                                continue
                            }
                            // At a cursor, in room counted from the cells' bytes (each at most
                            // doubled, with a comma, quotes and a formula guard).
                            let ids = rows[index].ids
                            let cells = Int(values.end - values.start) + Int(ids.end - ids.start)
                            let room = 2 * cells + 4 * (resultFieldCount + idCount) + audit.count + 32
                            bytes.append(writingAtMost: room) { row in
                                ids.forEach { kind, id in
                                    if kind != .empty { row.writeCSV(id, neutralising: kind == .text) }
                                    row.write(",")
                                }
                                row.writeDecimal(Int64(rows[index].line), places: 0)
                                row.write(",ok,")
                                values.forEach { kind, value in
                                    row.write(",")
                                    if kind != .empty { row.writeCSV(value, neutralising: kind == .text) }
                                }
                                row.write(audit)
                                row.write(UInt8(ascii: "\n"))
                            }
                        }
                    }
                }
            }
        }
        if format == .csv, kept.columns.isEmpty, case .loans(let batch, let extraIDs) = storage, extraIDs.isEmpty {
            // Rows of the fixed-point kernel are computed again from the row and written digit
            // by digit; the others as cells.
            let rules = batch.rules
            return try Batch.render(columns: columns, count: rowsRead, format: format, into: write) { chunk, bytes in
                // The rows, groups, ids and audit cells looked at in place, once a chunk: not a
                // reference count per row, which two threads contend for.
                batch.rows.rows.withUnsafeBufferPointer { loanRows in
                    batch.groups.withUnsafeBufferPointer { groups in
                        batch.rows.text.withUnsafeBufferPointer { text in
                            auditBytes.withUnsafeBufferPointer { audit in
                                for index in chunk {
                                    guard let result = SubsidyBatch.fixedResult(index, rows: loanRows, groups: groups, rules: rules) else {
                                        Batch.append(self.row(index), columns: columns, format: format, to: &bytes)
                                        continue
                                    }
                                    // The row's fields read where they are.
                                    let ids = loanRows[index].ids
                                    let enterprise = UnsafeBufferPointer(rebasing: text[ids.enterprise!])
                                    let loan = UnsafeBufferPointer(rebasing: text[ids.loan!])
                                    Batch.writeFixed(
                                        result, enterprise: enterprise, loan: loan, line: loanRows[index].line, drawdown: loanRows[index].drawdown,
                                        audit: audit, to: &bytes)
                                }
                            }
                        }
                    }
                }
            }
        }
        try Batch.render(columns: columns, count: rowsRead, format: format, into: write) { chunk, bytes in
            for index in chunk { Batch.append(row(index), columns: columns, format: format, to: &bytes) }
        }
    }

    /// A loan row of the fixed-point kernel, written at a cursor in room counted from its parts:
    /// each id at most doubled and quoted, each number at most 19 digits and a point (more for
    /// many places).
    private static func writeFixed(
        _ result: FixedResult, enterprise: UnsafeBufferPointer<UInt8>, loan: UnsafeBufferPointer<UInt8>, line: Int, drawdown: Day,
        audit: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]
    ) {
        let balancePlaces = Int(-result.balanceExponent)
        let ratePlaces = Int(-result.rateAppliedExponent)
        var reason = result.reason.rawValue
        reason.withUTF8 { reason in
            let room = 2 * (enterprise.count + loan.count) + reason.count + audit.count + balancePlaces + ratePlaces + 256
            bytes.append(writingAtMost: room) { cursor in
                cursor.writeCSV(enterprise, neutralising: true)
                cursor.write(",")
                cursor.writeCSV(loan, neutralising: true)
                cursor.write(",")
                cursor.writeDecimal(Int64(line), places: 0)
                cursor.write(",ok,,")
                cursor.write(reason)
                cursor.write(",")
                cursor.writeDecimal(Int64(result.windowDays), places: 0)
                cursor.write(",")
                let windowEnd = result.windowEnd(drawdown: drawdown)
                if let windowEnd { cursor.writeDay(windowEnd) }
                cursor.write(",")
                cursor.writeDecimal(result.balanceDays, places: balancePlaces)
                cursor.write(",")
                if windowEnd != nil {
                    let unwritten = FixedText.unwritten(scale: 6, exponent: result.rateAppliedExponent)
                    cursor.writeDecimal(result.rateApplied / unwritten, places: ratePlaces)
                }
                cursor.write(",")
                cursor.writeDecimal(result.computed, places: 2)
                cursor.write(",")
                cursor.writeDecimal(result.granted, places: 2)
                cursor.write(result.capped ? ",true," : ",false,")
                cursor.writeDecimal(result.enterpriseTotal, places: 2)
                cursor.write(audit)
                cursor.write(UInt8(ascii: "\n"))
            }
        }
    }

    /// This batch with the input's amount and rate columns (as written in `input`, the CSV the
    /// batch was computed from) beside each row's results, after the id columns, so that one
    /// file can be checked by eye. Returns the batch unchanged for JSON lines.
    ///
    /// - Throws: ``FileError`` when `input` cannot be read (it was read before, so only when it
    ///   is not that input).
    public func keepingInput(_ input: [UInt8], measure: AnyMeasure) throws(FileError) -> Batch {
        let document = CSVDocument(bytes: input)
        guard let header = document.records.first else { return self }
        let written = (0..<header.count).map { String(decoding: document.bytes(of: header, at: $0), as: UTF8.self) }
        let names = try BatchHeader(measure: measure, fileName: "input").resolve(written)
        let keptFields = Set(measure.inputFields.filter { $0.kind == .amount || $0.kind == .rate }.map(\.name))
        let keptIndices = names.indices.filter { keptFields.contains(names[$0]) }
        guard !keptIndices.isEmpty, let lineColumn = columns.firstIndex(of: "line") else { return self }
        var copy = self
        var cells: [Int: [Cell]] = [:]
        for record in document.records.dropFirst() {
            // A record that is no row of the table (its row failed as a whole) shows nothing.
            let misfit = record.error != nil || BatchHeader.fieldCountError(record.count, columns: names) {
                (names.count..<record.count).allSatisfy { document.bytes(of: record, at: $0).isEmpty }
            } != nil
            if misfit { continue }
            cells[record.line] = keptIndices.map { index in
                guard index < record.count, let text = document.text(of: record, at: index), !text.isEmpty else { return .empty }
                return Batch.cell(.text(text))
            }
        }
        let keptNames = keptIndices.map { names[$0] }
        copy.kept = (keptNames, cells)
        copy.columns.insert(contentsOf: keptNames, at: lineColumn)
        return copy
    }

    /// The summary rows as CSV (header first) or JSON lines, as UTF-8 bytes.
    public func renderedSummary(_ format: Format) -> [UInt8] {
        var bytes: [UInt8] = []
        renderSummary(format) { bytes += $0 }
        return bytes
    }

    /// The same bytes as ``renderedSummary(_:)``, handed to `write` part by part in order, as
    /// ``render(_:into:)`` does.
    public func renderSummary<Failure: Error>(_ format: Format, into write: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        let columns = summaryColumns
        if format == .csv, case .enterprises(let enterprises) = summary {
            // The kernel's enterprises are written from their figures in fen, digit by digit;
            // the general path's as cells.
            let auditBytes = auditCSV
            return try Batch.render(columns: columns, count: summaryCount, format: format, into: write) { chunk, bytes in
                auditBytes.withUnsafeBufferPointer { audit in
                    enterprises.writeCSV(chunk, audit: audit, to: &bytes) { index, bytes in
                        Batch.append(summaryRow(index), columns: columns, format: format, to: &bytes)
                    }
                }
            }
        }
        try Batch.render(columns: columns, count: summaryCount, format: format, into: write) { chunk, bytes in
            for index in chunk { Batch.append(summaryRow(index), columns: columns, format: format, to: &bytes) }
        }
    }

    /// The audit cells as they end every CSV row (each after a comma), written once.
    private var auditCSV: [UInt8] {
        var audit: [UInt8] = []
        for cell in auditCells {
            audit.append(UInt8(ascii: ","))
            Batch.appendCSV(cell, to: &audit)
        }
        return audit
    }

    /// Rows rendered in chunks of 2,048 (`rows` appends a chunk's rows, by index, to its
    /// buffer), each into its own buffer, in waves of 8 chunks rendered in parallel; `write`
    /// gets the header (CSV), then each chunk in order, so that at most one wave's buffers (two
    /// or three megabytes) exist at a time. The buffers are kept
    /// from wave to wave and written again in place: a fresh page costs more than the rendering
    /// that fills it, so the waves are small enough that their pages are met once and reused.
    static func render<Failure: Error>(
        columns: [String], count: Int, format: Format, into write: ([UInt8]) throws(Failure) -> Void,
        rows: @Sendable (Range<Int>, inout [UInt8]) -> Void
    ) throws(Failure) {
        if format == .csv { try write(Array(columns.map(csvField).joined(separator: ",").utf8) + [UInt8(ascii: "\n")]) }
        let rowsPerChunk = 2_048
        var buffers = [[UInt8]](repeating: [], count: 8)
        for waveStart in stride(from: 0, to: count, by: rowsPerChunk * buffers.count) {
            let chunks = min(buffers.count, (count - waveStart + rowsPerChunk - 1) / rowsPerChunk)
            buffers.withUnsafeMutableBufferPointer { kept in
                let slots = Slots(base: kept.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = waveStart + chunk * rowsPerChunk
                    let range = start..<min(count, start + rowsPerChunk)
                    slots.base[chunk].removeAll(keepingCapacity: true)
                    slots.base[chunk].reserveCapacity(range.count * 128)
                    rows(range, &slots.base[chunk])
                }
            }
            for chunk in 0..<chunks { try write(buffers[chunk]) }
        }
    }

    static func append(_ cells: [Cell], columns: [String], format: Format, to bytes: inout [UInt8]) {
        switch format {
        case .csv:
            for (index, cell) in cells.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendCSV(cell, to: &bytes)
            }
        case .jsonl:
            let fields = zip(columns, cells).map { column, cell -> (String, JSONValue) in
                switch cell {
                case .empty: return (column, .null)
                case .value(let value) where column == "line": return (column, Int(value).map(JSONValue.integer) ?? .string(value))
                case .value("true"): return (column, .bool(true))
                case .value("false"): return (column, .bool(false))
                case .value(let value), .text(let value): return (column, .string(value))
                }
            }
            bytes += Array(JSONValue.object(fields).compact.utf8)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends `cell` as one CSV field: text neutralised against formulas, a value as written.
    static func appendCSV(_ cell: Cell, to bytes: inout [UInt8]) {
        switch cell {
        case .text(let value): appendCSV(value, neutralising: true, to: &bytes)
        case .value(let value): appendCSV(value, neutralising: false, to: &bytes)
        case .empty: break
        }
    }

    /// RFC 4180 quoting when the field holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendCSV(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as one CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
    public static func appendCSV(_ text: String, to bytes: inout [UInt8]) {
        appendCSV(text, neutralising: false, to: &bytes)
    }

    /// Appends `text` as one CSV field, quoted when it needs it, with a leading `'` when
    /// `neutralising` and a spreadsheet would run it as a formula.
    static func appendCSV(_ text: String, neutralising: Bool, to bytes: inout [UInt8]) {
        var text = text
        // The bytes in place (a short string's copied to the stack), not through the UTF-8 view's iterator.
        text.withUTF8 { appendCSV($0, neutralising: neutralising, to: &bytes) }
    }

    /// Appends the field of `utf8`, as ``appendCSV(_:neutralising:to:)`` appends a text's.
    static func appendCSV(_ utf8: UnsafeBufferPointer<UInt8>, neutralising: Bool, to bytes: inout [UInt8]) {
        bytes.append(writingAtMost: 2 * utf8.count + 3) { $0.writeCSV(utf8, neutralising: neutralising) }
    }
}
