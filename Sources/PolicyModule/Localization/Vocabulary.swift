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
}
