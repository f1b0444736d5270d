/// A language of worksheets, tables and labels.
public enum Language: String, CaseIterable, Sendable {
    case zh, en
}

/// The words people read, one table per language (`Vocabulary+zh.swift`, `Vocabulary+en.swift`):
/// field labels (`field.principal` → 本金), reason codes as words (`reason.eligible` →
/// 符合条件), and the worksheet's own words (`worksheet.input` → 输入). Adding a language is
/// adding a table; a test checks that every table has every key.
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
        fill(text(key, .en), arguments)
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
        for (key, template) in templates {
            guard let match = try? template.regex.wholeMatch(in: message) else { continue }
            let arguments = (1..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
            return fill(text(key, language), arguments)
        }
        return nil
    }

    /// Each `error.` template as a pattern: the English text, with every `{n}` a capture.
    /// Compiled when a message is translated (a regular expression cannot be shared between
    /// threads), which only happens on the way to showing an error.
    private static var templates: [(key: String, regex: Regex<AnyRegexOutput>)] {
        tables[.en]!.filter { $0.key.hasPrefix("error.") && $0.value.contains("{1}") }.sorted { $0.key < $1.key }.compactMap { key, template in
            var pattern = ""
            var rest = Substring(template)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                pattern += regexEscaped(rest[..<open]) + "(.+?)"
                rest = rest[rest.index(after: close)...]
            }
            pattern += regexEscaped(rest)
            return (try? Regex(pattern)).map { (key, $0) }
        }
    }

    /// `text` with regular-expression metacharacters escaped.
    private static func regexEscaped(_ text: Substring) -> String {
        var escaped = ""
        for character in text {
            if "\\^$.|?*+()[]{}".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// `template` with `{n}` replaced by `arguments[n - 1]`; `{n:month}` writes an English month
    /// name as its number (`February` → 2).
    private static func fill(_ template: String, _ arguments: [String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let placeholder = rest[rest.index(after: open)..<close].split(separator: ":")
            if let index = Int(placeholder[0]), arguments.indices.contains(index - 1) {
                let argument = arguments[index - 1]
                if placeholder.count > 1, placeholder[1] == "month", let month = monthNames.firstIndex(of: argument) {
                    result += String(month + 1)
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

    /// English month names, as dates' messages give them.
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}
