import DecimalModule

/// CSV and JSON-lines output of batch rows.
extension Batch {
    /// The output rows as CSV (header first) or JSON lines, as UTF-8 bytes.
    public func rendered(_ format: Format) -> [UInt8] {
        Batch.render(columns: columns, count: rowsRead, row: row, format: format)
    }

    /// The summary rows as CSV (header first) or JSON lines, as UTF-8 bytes.
    public func renderedSummary(_ format: Format) -> [UInt8] {
        let rows = summaryRows
        return Batch.render(columns: summaryColumns, count: rows.count, row: { rows[$0] }, format: format)
    }

    /// Renders rows in parallel chunks, each into its own buffer, joined in order.
    static func render(columns: [String], count: Int, row: @Sendable (Int) -> [Cell], format: Format) -> [UInt8] {
        let chunks = max(1, min(64, count / 8_192))
        let parts = Batch.concurrentMap(chunks) { chunk -> [UInt8] in
            var bytes: [UInt8] = []
            bytes.reserveCapacity((count / chunks + 1) * 128)
            for index in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
                append(row(index), columns: columns, format: format, to: &bytes)
            }
            return bytes
        }
        var bytes: [UInt8] = []
        if format == .csv {
            bytes += Array(columns.map(csvField).joined(separator: ",").utf8) + [UInt8(ascii: "\n")]
        }
        bytes.reserveCapacity(bytes.count + parts.reduce(0) { $0 + $1.count })
        for part in parts { bytes += part }
        return bytes
    }

    private static func append(_ cells: [Cell], columns: [String], format: Format, to bytes: inout [UInt8]) {
        switch format {
        case .csv:
            for (index, cell) in cells.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                switch cell {
                case .text(let value): appendCSV(neutralised(value), to: &bytes)
                case .value(let value): appendCSV(value, to: &bytes)
                case .empty: break
                }
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

    /// A text cell that a spreadsheet would run as a formula gets a leading `'`.
    static func neutralised(_ text: String) -> String {
        guard let first = text.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first)
        else { return text }
        return "'" + text
    }

    /// RFC 4180 quoting when the field holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendCSV(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendCSV(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            bytes += utf8
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
