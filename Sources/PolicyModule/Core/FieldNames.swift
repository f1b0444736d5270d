/// The Chinese name of each input field (`principal` → `本金`): what batch headers
/// (`企业编号,贷款编号,本金,…`), `huiqi list MEASURE`, `huiqi template --lang zh` and the
/// worksheet's labels show and read. The names live in the Chinese vocabulary table
/// (`Vocabulary+zh.swift`, `field.` keys), the one place for every Chinese word the program
/// shows; a test holds them to every measure's input fields, one field to a name.
public enum FieldNames {
    /// The Chinese name of the input field `field` (snake_case), or nil if it has none.
    public static func chinese(_ field: String) -> String? {
        Vocabulary.tables[.zh]?["field." + field]
    }
}
