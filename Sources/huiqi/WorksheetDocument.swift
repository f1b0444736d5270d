import DecimalModule
import PolicyModule

/// What a worksheet says, before it is laid out as text or HTML: a header that says when, by
/// which engine and with which parameters it was computed; the inputs; each step with its
/// article; the result; the parameters with their citations. Labels, reasons and yes/no are
/// already in the worksheet's language, and amounts in results are grouped.
struct WorksheetDocument {
    /// A part of a section.
    enum Block {
        /// `label  value` lines.
        case pairs([(label: String, value: String)])
        /// A list of records under its label; `identifiers` are the columns that name a record
        /// (`enterprise_id`, `loan_id`), which head it when the table is laid out as blocks.
        case table(label: String, header: [String], rows: [[String]], identifiers: [Int])
        /// Numbered steps, each with its article.
        case steps([(article: String, text: String)])
        /// Parameters used: id, value, dates in effect, citation.
        case parameters(header: [String], rows: [[String]])
    }

    struct Section {
        let title: String
        let blocks: [Block]
    }

    let title: String
    let audit: [(label: String, value: String)]
    let sections: [Section]
    let language: Language

    init(measure: AnyMeasure, input: InputValue, result: JSONValue, language: Language, audit: [(String, String)]) {
        self.language = language
        func word(_ key: String) -> String { Vocabulary.text(key, language) }
        title = "\(language.pick(measure.titleZH, measure.titleEN)) · \(measure.id) · 沪企服办〔2023〕1号 \(measure.article)"
        var facts = audit.map { (label: $0.0, value: $0.1) }
        if case .object(let fields) = result, let record = fields.first(where: { $0.0 == "audit" })?.1.inputValue,
            let hash = record.value(at: "parameters_sha256")?.text
        {
            facts.append((label: "SHA-256", value: hash))
        }
        self.audit = facts
        var sections = [Section(title: word("worksheet.input"), blocks: WorksheetDocument.blocks(input, grouped: false, language))]
        var steps: [(String, String)] = []
        var parameters: [[String]] = []
        var outcome = InputFields()
        if case .object(let fields) = result {
            for (key, value) in fields {
                switch key {
                case "measure", "audit": continue  // the audit record is the header's
                case "steps":
                    if case .array(let items) = value {
                        steps = items.map { ($0.inputValue.value(at: "article")?.text ?? "", $0.inputValue.value(at: language.rawValue)?.text ?? "") }
                    }
                case "parameters":
                    if case .array(let items) = value {
                        parameters = items.map { item in
                            let use = item.inputValue
                            let to = use.value(at: "to")?.text ?? word("worksheet.open_ended")
                            let id = use.value(at: "id")?.text ?? ""
                            var citation = use.value(at: "citation")?.text ?? ""
                            if citation.hasPrefix("library default: ") {
                                citation = word("worksheet.library_default") + language.pick("：", ": ")
                                    + WorksheetDocument.libraryDefault(id, String(citation.dropFirst("library default: ".count)), language)
                            }
                            return [id, use.value(at: "value")?.text ?? "",
                                    "\(use.value(at: "from")?.text ?? "") – \(to)", citation]
                        }
                    }
                default:
                    outcome[key] = value.inputValue
                }
            }
        }
        sections.append(Section(title: word("worksheet.calculation"), blocks: [.steps(steps)]))
        sections.append(Section(title: word("worksheet.result"), blocks: WorksheetDocument.blocks(.record(outcome), grouped: true, language)))
        let header = ["worksheet.parameter", "worksheet.value", "worksheet.in_effect", "worksheet.citation"].map(word)
        sections.append(Section(title: word("worksheet.parameters"), blocks: [.parameters(header: header, rows: parameters)]))
        self.sections = sections
    }

    /// A record's lists of records as tables, then its other fields as pairs.
    private static func blocks(_ value: InputValue, grouped: Bool, _ language: Language) -> [Block] {
        guard case .record(let fields) = value else { return [.pairs([("", show(value, field: nil, grouped: grouped, language))])] }
        var blocks: [Block] = []
        var pairs: [(label: String, value: String)] = []
        for (key, field) in fields {
            if case .list(let items) = field, items.contains(where: { if case .record = $0 { return true }; return false }) {
                var keys: [String] = []
                for case .record(let record) in items {
                    for name in record.keys where !keys.contains(name) { keys.append(name) }
                }
                let rows = items.map { item in keys.map { name in item.value(at: name).map { show($0, field: name, grouped: grouped, language) } ?? "" } }
                blocks.append(.table(
                    label: Vocabulary.label(field: key, language), header: keys.map { Vocabulary.label(field: $0, language) }, rows: rows,
                    identifiers: keys.indices.filter { keys[$0].hasSuffix("_id") }))
            } else {
                pairs.append((Vocabulary.label(field: key, language), show(field, field: key, grouped: grouped, language)))
            }
        }
        return pairs.isEmpty ? blocks : blocks + [.pairs(pairs)]
    }

    /// A value as shown: amounts grouped (in results), yes/no and reasons in words.
    private static func show(_ value: InputValue, field: String?, grouped: Bool, _ language: Language) -> String {
        switch value {
        case .null: return "—"
        case .text(let text):
            if text == "true" || text == "false" { return Vocabulary.text("bool." + text, language) }
            if field == "reason" { return Vocabulary.reason(text, language) }
            guard grouped, let number = try? ExactDecimal(parsing: text) else { return text }
            return number.grouped
        case .list(let items): return items.map { show($0, field: field, grouped: grouped, language) }.joined(separator: ", ")
        case .record(let fields):
            return fields.map { "\(Vocabulary.label(field: $0, language))=\(show($1, field: $0, grouped: grouped, language))" }.joined(separator: " ")
        }
    }

    /// The explanation of a value the library chose itself (`library default: no minimum term
    /// …`) in `language`: its vocabulary text (`default.interest_subsidy.min_days`) when the
    /// citation is the bundled one, else as written (a parameters file's own explanation).
    static func libraryDefault(_ id: String, _ explanation: String, _ language: Language) -> String {
        let key = "default." + id
        guard Vocabulary.text(key, .en) == explanation else { return explanation }
        return Vocabulary.text(key, language)
    }
}
