/// A language of worksheets, tables and labels.
public enum Language: String, CaseIterable, Sendable {
    case zh, en
}

/// The words people read, one table per language (`Vocabulary+zh.swift`, `Vocabulary+en.swift`):
/// field labels (`field.principal` → 本金), reason codes as words (`reason.eligible` →
/// 符合条件), the worksheet's own words (`worksheet.input` → 输入), messages (`error.part_of`
/// → `is part of {1} and cannot exceed it` / `是{1:label} {1} 的一部分，不得超过该项`) and the
/// input fields' help lines (`help.interest-subsidy.principal`). Adding a language is adding a
/// table; a test checks that every table has every key.
public enum Vocabulary {
    /// Every language's table.
    static let tables: [Language: [String: String]] = [.zh: zh, .en: en]

    /// The text of `key` in `language`; the key itself if the table has none (which a test
    /// rules out for every key the program uses).
    public static func text(_ key: String, _ language: Language) -> String {
        tables[language]?[key] ?? key
    }

    /// The label of an input or result field (`principal` → 本金 / principal).
    public static func label(field: String, _ language: Language) -> String {
        text("field." + field, language)
    }

    /// A reason code as words with the code after it, `符合条件 (eligible)`; the words alone
    /// when they are the code (`eligible`).
    public static func reason(_ code: String, _ language: Language) -> String {
        guard let words = tables[language]?["reason." + code] else { return code }
        return words == code.replacingOccurrences(of: "_", with: " ") ? words : "\(words) (\(code))"
    }

    /// Every key of `language`'s table, for tests and for adding a language.
    public static func keys(_ language: Language) -> Set<String> {
        Set(tables[language]?.keys ?? [:].keys)
    }

    /// A message in English from its template (`error.not_an_amount`), `{1}`, `{2}` … replaced
    /// by `arguments`: how the library and the command line write the messages a user may read,
    /// so that ``translate(_:to:)`` can find them again.
    public static func message(_ key: String, _ arguments: String...) -> String {
        fill(text(key, .en), arguments, .en)
    }

    /// `message` in `language`: each part of it (a `field: reason` message is translated part
    /// by part) that matches an English message template is written with that template in
    /// `language`; anything else is left as it is.
    public static func translate(_ message: String, to language: Language) -> String {
        guard language != .en else { return message }
        if let whole = translated(message, language) { return whole }
        // `loans[0].principal: "x" is not an amount (…)`: the path stays, the reason is translated.
        guard let colon = message.range(of: ": ") else { return message }
        let rest = String(message[colon.upperBound...])
        let translatedRest = translate(rest, to: language)
        return translatedRest == rest ? message : message[..<colon.lowerBound] + (language == .zh ? "：" : ": ") + translatedRest
    }

    /// The whole of `message` matched against every English template.
    private static func translated(_ message: String, _ language: Language) -> String? {
        let bytes = Array(message.utf8)
        for template in templates {
            guard let arguments = template.match(bytes) else { continue }
            return fill(text(template.key, language), arguments, language)
        }
        return nil
    }

    /// An English message template cut at its placeholders: `must be after start_date ({1} is
    /// not after {2})` is the texts `must be after start_date (`, ` is not after `, `)` around
    /// two values. It is matched on UTF-8 bytes, with a quick test that every text occurs
    /// first, so that a batch of a million failed rows is translated in linear time.
    private struct Template: Sendable {
        let key: String
        /// The literal texts, as UTF-8; one more than the placeholders.
        let texts: [[UInt8]]

        init(key: String, _ template: String) {
            self.key = key
            var texts: [[UInt8]] = []
            var rest = Substring(template)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                texts.append(Array(rest[..<open].utf8))
                rest = rest[rest.index(after: close)...]
            }
            texts.append(Array(rest.utf8))
            self.texts = texts
        }

        /// How many bytes of the template are not placeholders: the more, the more specific
        /// it is.
        var literalCount: Int { texts.reduce(0) { $0 + $1.count } }

        /// The values of the placeholders if `message` is the template with each placeholder
        /// replaced by a non-empty value (the shortest that fits, first to last), else nil. A
        /// value at the very start never runs over `": "`: that is a field path before a
        /// message (`tax_year: 20231 is not a year`), which ``translate(_:to:)`` keeps apart.
        func match(_ message: [UInt8]) -> [String]? {
            guard message.starts(with: texts[0]), textsOccur(in: message) else { return nil }
            return match(message, at: texts[0].count, from: 1, leading: texts[0].isEmpty)
        }

        /// Whether the texts after the first occur in `message` in order: this rules out nearly
        /// every template before the placeholders are searched.
        private func textsOccur(in message: [UInt8]) -> Bool {
            var from = texts[0].count
            for text in texts.dropFirst() where !text.isEmpty {
                guard let found = Template.firstOccurrence(of: text, in: message, from: from) else { return false }
                from = found + text.count
            }
            return true
        }

        private static func firstOccurrence(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
            var index = start
            while index + needle.count <= bytes.count {
                if bytes[index..<index + needle.count].elementsEqual(needle) { return index }
                index += 1
            }
            return nil
        }

        private func match(_ message: [UInt8], at start: Int, from index: Int, leading: Bool) -> [String]? {
            guard index < texts.count else { return start == message.count ? [] : nil }
            let after = texts[index]
            var end = start
            while end < message.count {
                end += 1
                // A value ends between characters, never inside one's UTF-8 bytes.
                if end < message.count, message[end] & 0xC0 == 0x80 { continue }
                let last = message[end - 1]
                if last == UInt8(ascii: "\n") || (leading && last == UInt8(ascii: ":") && end < message.count && message[end] == UInt8(ascii: " ")) {
                    return nil
                }
                guard message[end...].starts(with: after) else { continue }
                if let others = match(message, at: end + after.count, from: index + 1, leading: false) {
                    return [String(decoding: message[start..<end], as: UTF8.self)] + others
                }
            }
            return nil
        }
    }

    /// Every `error.` template, the most specific first (so that `cannot read scenario file
    /// {1}: {2}` is found before `cannot read {1}: {2}`).
    private static let templates: [Template] = tables[.en]!.filter { $0.key.hasPrefix("error.") && $0.key != "error.prefix" }
        .map { Template(key: $0.key, $0.value) }
        .sorted { ($0.literalCount, $1.key) > ($1.literalCount, $0.key) }

    /// `template` with `{n}` replaced by `arguments[n - 1]`; `{n:month}` writes an English month
    /// name as its number (`February` → 2); `{n:label}` writes the label in `language` of the
    /// field the argument names (`sales_3pct`, `month_sales_3pct[1]`), or nothing if it has none;
    /// `{n:message}` writes the argument, itself a message, translated (`JSON: {2:message} at
    /// byte {1}`); `{n:messages}` does so to each of its `; `-separated parts; `{n:columns}`
    /// writes a list of columns with its words `optional` and `(unnamed)` in `language`.
    private static func fill(_ template: String, _ arguments: [String], _ language: Language) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let placeholder = rest[rest.index(after: open)..<close].split(separator: ":")
            if let index = Int(placeholder[0]), arguments.indices.contains(index - 1) {
                let argument = arguments[index - 1]
                if placeholder.count > 1, placeholder[1] == "month", let month = monthNames.firstIndex(of: argument) {
                    result += String(month + 1)
                } else if placeholder.count > 1, placeholder[1] == "label" {
                    let field = argument.prefix { $0 != "[" }
                    result += tables[language]?["field." + field] ?? ""
                } else if placeholder.count > 1, placeholder[1] == "message" {
                    result += translate(argument, to: language)
                } else if placeholder.count > 1, placeholder[1] == "messages" {
                    let parts = topLevelParts(of: argument).map { translate(String($0), to: language) }
                    result += parts.joined(separator: text("error.separator", language))
                } else if placeholder.count > 1, placeholder[1] == "columns" {
                    result += argument.replacingOccurrences(of: " optional", with: text("error.column_optional", language))
                        .replacingOccurrences(of: "(unnamed)", with: text("error.column_unnamed", language))
                } else {
                    result += argument
                }
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// `message`'s parts separated by `; ` outside parentheses and quotes: the problems of one
    /// message (`unknown column "x" (column 3; closest: …); required column … is missing`).
    private static func topLevelParts(of message: String) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var quoted = false
        var start = message.startIndex
        var index = message.startIndex
        while index < message.endIndex {
            switch message[index] {
            case "\"": quoted.toggle()
            case "(" where !quoted: depth += 1
            case ")" where !quoted: depth = max(0, depth - 1)
            case ";" where !quoted && depth == 0 && message[message.index(after: index)...].hasPrefix(" "):
                parts.append(message[start..<index])
                start = message.index(index, offsetBy: 2)
                index = start
                continue
            default: break
            }
            index = message.index(after: index)
        }
        parts.append(message[start...])
        return parts
    }

    /// English month names, as dates' messages give them.
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}
