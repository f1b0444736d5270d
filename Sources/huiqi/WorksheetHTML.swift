import PolicyModule

/// A worksheet as one self-contained HTML page to print and file: A4 with margins, the
/// system's Chinese fonts, no script and nothing fetched from a network.
struct WorksheetHTML {
    let document: WorksheetDocument

    var rendered: String {
        var body = "<h1>\(escaped(document.title))</h1>\n" + pairs(document.audit, class: "audit")
        for section in document.sections {
            body += "<section>\n<h2>\(escaped(section.title))</h2>\n" + section.blocks.map(render).joined() + "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(document.language == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <title>\(escaped(document.title))</title>
            <style>
            @page { size: A4; margin: 12mm 12mm; }
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif;
                   font-size: 9pt; line-height: 1.35; color: #000; margin: 0 auto; max-width: 186mm; }
            h1 { font-size: 14pt; margin: 0 0 4pt; }
            h2 { font-size: 11pt; margin: 14pt 0 4pt; border-bottom: 0.5pt solid #000; }
            h3 { font-size: 10pt; margin: 8pt 0 2pt; }
            table { border-collapse: collapse; margin: 2pt 0 6pt; }
            th, td { padding: 1pt 6pt 1pt 0; text-align: left; vertical-align: top; }
            th { font-weight: 600; border-bottom: 0.5pt solid #888; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.word { white-space: nowrap; }
            table.audit td:first-child, table.pairs td:first-child { color: #444; }
            ol { margin: 0; padding-left: 18pt; }
            .article { color: #444; }
            tr, li { page-break-inside: avoid; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>
            """
    }

    private func render(_ block: WorksheetDocument.Block) -> String {
        switch block {
        case .pairs(let items):
            return pairs(items, class: "pairs")
        case .table(let label, let header, let rows, _):
            return "<h3>\(escaped(label))</h3>\n" + table(header: header, rows: rows)
        case .steps(let steps):
            let items = steps.map { "<li><span class=\"article\">[\(escaped($0.article))]</span> \(escaped($0.text))</li>" }
            return "<ol>\n" + items.joined(separator: "\n") + "\n</ol>\n"
        case .parameters(let header, let rows):
            return table(header: header, rows: rows)
        }
    }

    private func pairs(_ items: [(label: String, value: String)], class name: String) -> String {
        let rows = items.map { "<tr><td>\(escaped($0.label))</td>\(cell($0.value))</tr>" }
        return "<table class=\"\(name)\">\n" + rows.joined(separator: "\n") + "\n</table>\n"
    }

    private func table(header: [String], rows: [[String]]) -> String {
        let head = "<tr>" + header.map { "<th>\(escaped($0))</th>" }.joined() + "</tr>"
        let body = rows.map { "<tr>" + $0.map(cell).joined() + "</tr>" }
        return "<table>\n" + ([head] + body).joined(separator: "\n") + "\n</table>\n"
    }

    /// A cell: numbers right-aligned, short words (ids, dates) kept on one line.
    private func cell(_ text: String) -> String {
        if text.isNumeric { return "<td class=\"number\">\(escaped(text))</td>" }
        if text.count <= 12, !text.contains(" ") { return "<td class=\"word\">\(escaped(text))</td>" }
        return "<td>\(escaped(text))</td>"
    }

    /// Text as HTML: `&`, `<`, `>` and `"` escaped.
    private func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
