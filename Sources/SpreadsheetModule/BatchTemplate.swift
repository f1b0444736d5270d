import PolicyModule

/// An empty batch input file for a measure: its columns — field names, or their Chinese names
/// (``FieldNames``) — and one example row to overwrite, for `huiqi template`.
public struct BatchTemplate: Sendable {
    public let columns: [String]
    public let example: [Batch.Cell]

    /// The template of `measure`, its header in Chinese when `chinese`.
    public init(measure: AnyMeasure, chinese: Bool) {
        let fields = measure.inputFields.filter { $0.kind != .repayments }
        columns = fields.map { chinese ? FieldNames.chinese($0.name) ?? $0.name : $0.name }
        example = fields.map { BatchTemplate.example($0, chinese: chinese) }
    }

    /// A plausible value of `field` (empty for an optional field, but an end date).
    static func example(_ field: InputField, chinese: Bool) -> Batch.Cell {
        guard field.required || field.name == "end_date" else { return .empty }
        if let value = field.calculatorDefault { return .text(value) }
        let dates = ["drawdown_date": "2022-11-01", "end_date": field.name == "end_date" ? "2023-11-01" : "", "start_date": "2023-01-01"]
        switch field.kind {
        case .amount: return .value("1000000.00")
        case .rate: return .text(field.name == "annual_rate" ? "3.65%" : "1%")
        case .date: return .text(dates[field.name] ?? "2023-04-01")
        case .integer: return .value(field.name.contains("year") ? "2023" : "12")
        case .number: return .value("50")
        case .flag: return .text(chinese ? "是" : "true")
        case .choice(let values): return values.first.map(Batch.Cell.text) ?? .empty
        case .text: return .text("1")
        case .amounts: return .text("100000;100000;100000")
        case .repayments: return .empty
        }
    }

    /// The template as UTF-8 CSV: LF line ends, or, with `excel`, a byte-order mark and CRLF.
    public func csv(excel: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for row in [columns.map(Batch.Cell.text), example] {
            for (column, cell) in row.enumerated() {
                if column > 0 { bytes.append(UInt8(ascii: ",")) }
                switch cell {
                case .text(let text), .value(let text): Batch.appendCSV(text, to: &bytes)
                case .empty: break
                }
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        return excel ? ExcelText.withByteOrderMark(bytes) : bytes
    }

    /// The template as an .xlsx workbook of one sheet.
    public func workbook() throws(Batch.FileError) -> [UInt8] {
        let example = self.example
        return try XLSXWriter.workbook([XLSXWriter.Sheet(name: "input", columns: columns, rowCount: 1) { _ in example }])
    }
}
