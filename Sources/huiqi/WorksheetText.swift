import PolicyModule

/// A worksheet laid out as text for a terminal or a printer: no line is wider than ``width``
/// columns; a table that would be wider folds into one block per record, headed by its ids,
/// and long steps and citations wrap under themselves.
struct WorksheetText {
    let document: WorksheetDocument

    /// The widest line, in terminal columns.
    static let width = 100

    var rendered: String {
        let header = [document.title] + aligned(document.audit)
        let sections = document.sections.map { section in
            section.title + "\n" + indent(section.blocks.map(render).filter { !$0.isEmpty }.joined(separator: "\n"))
        }
        return ([header.joined(separator: "\n")] + sections).joined(separator: "\n\n")
    }

    private func render(_ block: WorksheetDocument.Block) -> String {
        switch block {
        case .pairs(let pairs):
            return aligned(pairs).joined(separator: "\n")
        case .table(let label, let header, let rows, let identifiers):
            return label + "\n" + indent(table(header: header, rows: rows, identifiers: identifiers))
        case .steps(let steps):
            return steps.enumerated().map { wrapped("\($0 + 1). [\($1.article)] \($1.text)", hanging: 5) }.joined(separator: "\n")
        case .parameters(let header, let rows):
            let table = Table(header: header, rows: rows).rendered
            if fits(table, indentation: 2) { return table }
            // The citation on its own line under each parameter.
            let lines = Table(header: Array(header.prefix(3)), rows: rows.map { Array($0.prefix(3)) }).rendered.split(separator: "\n").map(String.init)
            return ([lines[0]] + zip(lines.dropFirst(), rows).map { $0 + "\n" + wrapped("    " + ($1.last ?? ""), hanging: 4) })
                .joined(separator: "\n")
        }
    }

    /// Records as a table, or as one block per record when the table would not fit (inside the
    /// section's and the list's indentation).
    private func table(header: [String], rows: [[String]], identifiers: [Int]) -> String {
        let table = Table(header: header, rows: rows).rendered
        if fits(table, indentation: 4) { return table }
        return rows.map { row in
            let heading = identifiers.map { row[$0] }.joined(separator: " / ")
            let pairs = header.indices.filter { !identifiers.contains($0) }.map { (label: header[$0], value: row[$0]) }
            return ([heading] + aligned(pairs).map { "  " + $0 }).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    private func fits(_ text: String, indentation: Int) -> Bool {
        text.split(separator: "\n").allSatisfy { String($0).displayWidth <= WorksheetText.width - indentation }
    }

    /// `label  value` lines, labels padded to one width and numbers right-aligned.
    private func aligned(_ pairs: [(label: String, value: String)]) -> [String] {
        let labelWidth = pairs.map(\.label.displayWidth).max() ?? 0
        let numberWidth = pairs.filter { $0.value.isNumeric }.map(\.value.displayWidth).max() ?? 0
        return pairs.map { label, text in
            let padding = String(repeating: " ", count: labelWidth - label.displayWidth + 2)
            let alignment = text.isNumeric ? String(repeating: " ", count: numberWidth - text.displayWidth) : ""
            return label + padding + alignment + text
        }
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }

    /// `text` broken at spaces (or anywhere in Chinese) so that no line passes the width inside
    /// a section, each continuation indented by `hanging` columns.
    private func wrapped(_ text: String, hanging: Int) -> String {
        let width = WorksheetText.width - 2
        guard text.displayWidth > width else { return text }
        var lines: [String] = []
        var line = ""
        let prefix = String(repeating: " ", count: hanging)
        for character in text {
            if line.displayWidth + String(character).displayWidth > width {
                // Break at the line's last space if there is one past the indentation.
                if let space = line.lastIndex(of: " "), line.distance(from: line.startIndex, to: space) > hanging {
                    lines.append(String(line[..<space]))
                    line = prefix + line[line.index(after: space)...]
                } else {
                    lines.append(line)
                    line = prefix
                }
            }
            line.append(character)
        }
        lines.append(line)
        return lines.map(\.trimmingTrailingSpaces).joined(separator: "\n")
    }
}
