import DecimalModule
import PolicyModule

/// A left-aligned text table; columns whose cells are all numbers are right-aligned.
struct Table {
    var header: [String]
    var rows: [[String]]

    /// Each column's width: its widest cell.
    private var widths: [Int] {
        header.indices.map { column in ([header] + rows).map { $0[column].displayWidth }.max() ?? 0 }
    }

    /// The terminal column where `column` starts (columns are two spaces apart).
    func columnStart(_ column: Int) -> Int {
        widths.prefix(column).reduce(0, +) + 2 * column
    }

    var rendered: String {
        let columns = header.indices
        let widths = self.widths
        let numeric = columns.map { column in !rows.isEmpty && rows.allSatisfy { $0[column].isNumeric } }
        func line(_ cells: [String]) -> String {
            columns.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].displayWidth)
                return numeric[column] ? padding + cells[column] : cells[column] + padding
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}

extension String {
    /// Terminal columns: CJK characters and full-width punctuation take two.
    var displayWidth: Int {
        unicodeScalars.reduce(0) { width, scalar in
            let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFE30...0xFE4F).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
                || (0xFFE0...0xFFE6).contains(scalar.value) || (0x3000...0x303F).contains(scalar.value)
            return width + (wide ? 2 : 1)
        }
    }

    /// A decimal number, with or without thousands separators.
    var isNumeric: Bool {
        (try? ExactDecimal(parsing: replacingOccurrences(of: ",", with: ""))) != nil
    }

    var trimmingTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
