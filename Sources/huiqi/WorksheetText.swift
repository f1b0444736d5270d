import DecimalModule
import PolicyModule

/// The text worksheet of a calculation: the inputs, each step with its article, the result
/// (amounts right-aligned with thousands separators) and the parameters with citations.
struct WorksheetText {
    let measure: AnyMeasure
    let input: InputValue
    let result: JSONValue
    let language: Language

    var rendered: String {
        let lang = language
        var sections: [String] = []
        sections.append("\(lang.pick(measure.titleZH, measure.titleEN)) · \(measure.id) · 沪企服办〔2023〕1号 \(measure.article)")
        sections.append(lang.pick("输入", "Input") + "\n" + indent(render(input, grouped: false)))
        guard case .object(let fields) = result else { return sections.joined(separator: "\n\n") }
        var steps: [String] = []
        var parameters: [String] = []
        var outcome = InputFields()
        for (key, value) in fields {
            switch key {
            case "measure", "audit": continue  // the audit record belongs in the header, not the result
            case "steps":
                if case .array(let items) = value {
                    steps = items.enumerated().map { index, step in
                        let text = step.inputValue
                        return "\(index + 1). [\(text.value(at: "article")?.text ?? "")] \(text.value(at: lang.rawValue)?.text ?? "")"
                    }
                }
            case "parameters":
                if case .array(let items) = value {
                    let rows = items.map { item -> [String] in
                        let use = item.inputValue
                        let from = use.value(at: "from")?.text ?? ""
                        let to = use.value(at: "to")?.text ?? lang.pick("至今", "open")
                        return [use.value(at: "id")?.text ?? "", use.value(at: "value")?.text ?? "", "\(from) – \(to)", use.value(at: "citation")?.text ?? ""]
                    }
                    parameters = [Table(header: [lang.pick("参数", "parameter"), lang.pick("值", "value"), lang.pick("有效期", "in effect"), lang.pick("依据", "citation")], rows: rows).rendered]
                }
            default:
                outcome[key] = value.inputValue
            }
        }
        sections.append(lang.pick("计算过程", "Calculation") + "\n" + indent(steps.joined(separator: "\n")))
        sections.append(lang.pick("结果", "Result") + "\n" + indent(render(.record(outcome), grouped: true)))
        sections.append(lang.pick("参数及依据", "Parameters and citations") + "\n" + indent(parameters.joined(separator: "\n")))
        return sections.joined(separator: "\n\n")
    }

    /// A record as aligned `name  value` lines (numbers right-aligned), lists of records as
    /// tables under their name.
    private func render(_ value: InputValue, grouped: Bool) -> String {
        guard case .record(let fields) = value else { return show(value, grouped: grouped) }
        var scalars: [(String, String)] = []
        var blocks: [String] = []
        for (key, field) in fields {
            if case .list(let items) = field, items.contains(where: { if case .record = $0 { return true }; return false }) {
                blocks.append(key + "\n" + indent(table(items, grouped: grouped)))
            } else {
                scalars.append((key, show(field, grouped: grouped)))
            }
        }
        let keyWidth = scalars.map(\.0.displayWidth).max() ?? 0
        let numberWidth = scalars.filter { $0.1.isNumeric }.map(\.1.displayWidth).max() ?? 0
        let lines = scalars.map { key, text in
            let padding = String(repeating: " ", count: keyWidth - key.displayWidth + 2)
            let alignment = text.isNumeric ? String(repeating: " ", count: numberWidth - text.displayWidth) : ""
            return key + padding + alignment + text
        }
        return (blocks + [lines.joined(separator: "\n")]).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    private func table(_ items: [InputValue], grouped: Bool) -> String {
        var header: [String] = []
        for case .record(let fields) in items {
            for key in fields.keys where !header.contains(key) { header.append(key) }
        }
        let rows = items.map { item in header.map { key in item.value(at: key).map { show($0, grouped: grouped) } ?? "" } }
        return Table(header: header, rows: rows).rendered
    }

    private func show(_ value: InputValue, grouped: Bool) -> String {
        switch value {
        case .null: return "—"
        case .text(let text):
            guard grouped, let number = try? ExactDecimal(parsing: text) else { return text }
            return number.grouped
        case .list(let items): return items.map { show($0, grouped: grouped) }.joined(separator: ", ")
        case .record(let fields): return fields.map { "\($0)=\(show($1, grouped: grouped))" }.joined(separator: " ")
        }
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}
