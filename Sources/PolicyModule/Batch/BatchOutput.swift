import DecimalModule

/// CSV and JSON-lines output of batch rows.
extension Batch {
    /// The output rows as CSV (header first) or JSON lines.
    public func rendered(_ format: Format) -> String { Batch.render(columns: columns, rows: rows, format: format) }

    /// The summary rows as CSV (header first) or JSON lines.
    public func renderedSummary(_ format: Format) -> String { Batch.render(columns: summaryColumns, rows: summaryRows, format: format) }

    /// CSV and JSON-lines output; text cells are neutralised against spreadsheet formulas.
    static func render(columns: [String], rows: [[Cell]], format: Format) -> String {
        var text = ""
        switch format {
        case .csv:
            text += columns.map(csvField).joined(separator: ",") + "\n"
            for row in rows {
                text += row.map { cell in
                    switch cell {
                    case .text(let value): return csvField(neutralised(value))
                    case .value(let value): return csvField(value)
                    case .empty: return ""
                    }
                }.joined(separator: ",") + "\n"
            }
        case .jsonl:
            for row in rows {
                let fields = zip(columns, row).map { column, cell -> (String, JSONValue) in
                    switch cell {
                    case .empty: return (column, .null)
                    case .value(let value) where column == "line": return (column, Int(value).map(JSONValue.integer) ?? .string(value))
                    case .value("true"): return (column, .bool(true))
                    case .value("false"): return (column, .bool(false))
                    case .value(let value), .text(let value): return (column, .string(value))
                    }
                }
                text += JSONValue.object(fields).compact + "\n"
            }
        }
        return text
    }

    /// A text cell that a spreadsheet would run as a formula gets a leading `'`.
    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }

    /// RFC 4180 quoting when the field holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
