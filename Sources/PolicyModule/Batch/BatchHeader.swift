/// A batch file's header read as people write it: each column named by its field name
/// (`principal`), in kebab-case or any letter case (`Annual-Rate`), or by its Chinese name
/// (`本金`, ``FieldNames``), with surrounding spaces and a trailing unit in brackets (`本金（元）`)
/// allowed. Columns are resolved to field names once, so that every reader after this sees the
/// same names whatever the header's language.
///
/// A column that names no field is refused, not ignored — a misspelt optional column would
/// otherwise change amounts silently — except an unnamed column (a spreadsheet's trailing empty
/// column) and an id column (`id` or `…_id`), which batch copies to its output.
struct BatchHeader {
    /// The fields a file may have, each with its names.
    struct Field {
        var name: String
        var chinese: String?
        var required: Bool
    }

    let fields: [Field]
    /// What the file is called in messages (`input`, `repayments`).
    let fileName: String
    /// What the file is for, in messages (`interest-subsidy`).
    let purpose: String

    init(fields: [Field], fileName: String, purpose: String) {
        self.fields = fields
        self.fileName = fileName
        self.purpose = purpose
    }

    /// The header of a measure's input file.
    init(measure: AnyMeasure, fileName: String) {
        self.init(
            fields: measure.inputFields.map { Field(name: $0.name, chinese: FieldNames.chinese($0.name), required: $0.required) },
            fileName: fileName, purpose: measure.id)
    }

    /// A column name as compared: trimmed, full-width forms made ASCII, lower case, `-` and
    /// spaces as `_`, a trailing bracketed unit left out (`本金 (元)` → `本金`).
    static func key(_ written: String) -> String {
        var text = InputText.normalized(written).lowercased()
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("), open > text.startIndex {
            text = InputText.normalized(String(text[..<open]))
        }
        return String(text.map { $0 == "-" || $0 == " " ? "_" : $0 })
    }

    /// The field name of each column of `written` ("" for an unnamed column, the normalised
    /// name for an id column that is no field).
    ///
    /// - Throws: one ``Batch/FileError`` for everything wrong with the header: a field named
    ///   twice, unknown columns (each with the closest field name), required fields missing;
    ///   it lists the columns found and the ones expected.
    func resolve(_ written: [String]) throws(Batch.FileError) -> [String] {
        var byKey: [String: String] = [:]
        for field in fields {
            byKey[BatchHeader.key(field.name)] = field.name
            if let chinese = field.chinese { byKey[BatchHeader.key(chinese)] = field.name }
        }
        var resolved: [String] = []
        var unknown: [(index: Int, written: String)] = []
        var seen: [String: Int] = [:]
        for (index, column) in written.enumerated() {
            let key = BatchHeader.key(column)
            let name: String
            if key.isEmpty {
                name = ""
            } else if let field = byKey[key] {
                name = field
            } else if key == "id" || key.hasSuffix("_id") {
                name = key
            } else {
                unknown.append((index, column))
                name = ""
            }
            if !name.isEmpty, let first = seen.updateValue(index, forKey: name) {
                let columns = (String(first + 1), String(index + 1))
                throw Batch.FileError(message: "\(fileName): " + (written[first] == column
                    ? Vocabulary.message("error.column_twice", column, columns.0, columns.1)
                    : Vocabulary.message("error.columns_same", written[first], column, name, columns.0, columns.1)))
            }
            resolved.append(name)
        }
        let missing = fields.filter { $0.required && seen[$0.name] == nil }
        guard !unknown.isEmpty || !missing.isEmpty else { return resolved }
        var problems: [String] = []
        for column in unknown {
            let number = String(column.index + 1)
            problems.append(closestField(to: column.written).map { Vocabulary.message("error.unknown_column_near", column.written, number, shown($0)) }
                ?? Vocabulary.message("error.unknown_column", column.written, number))
        }
        if missing.count == 1 {
            problems.append(Vocabulary.message("error.required_column", shown(missing[0])))
        } else if !missing.isEmpty {
            problems.append(Vocabulary.message("error.required_columns", missing.map(shown).joined(separator: ", ")))
        }
        let found = written.map { $0.isEmpty ? Vocabulary.message("error.column_unnamed") : $0 }.joined(separator: ", ")
        let expected = fields.map { shown($0) + ($0.required ? "" : Vocabulary.message("error.column_optional")) }.joined(separator: ", ")
        throw Batch.FileError(
            message: Vocabulary.message("error.header_columns", fileName, problems.joined(separator: "; "), found, purpose, expected))
    }

    private func shown(_ field: Field) -> String {
        field.chinese.map { "\(field.name) (\($0))" } ?? field.name
    }

    /// The field whose name or Chinese name is fewest edits from `written`.
    func closestField(to written: String) -> Field? {
        let key = Array(BatchHeader.key(written))
        var best: (field: Field, distance: Int)?
        for field in fields {
            for name in [field.name] + (field.chinese.map { [$0] } ?? []) {
                let distance = BatchHeader.editDistance(key, Array(BatchHeader.key(name)))
                if best == nil || distance < best!.distance { best = (field, distance) }
            }
        }
        return best?.field
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for (i, x) in a.enumerated() {
            current[0] = i + 1
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Why a record of `count` fields does not fit `columns`, or nil when it does: the same
    /// count, or fewer or more only in unnamed columns at the end (a spreadsheet's trailing
    /// empty column), the extra cells empty.
    static func fieldCountError(_ count: Int, columns: [String], extraCellsEmpty: () -> Bool) -> String? {
        if count == columns.count { return nil }
        if count < columns.count, columns[count...].allSatisfy(\.isEmpty) { return nil }
        if count > columns.count, extraCellsEmpty() { return nil }
        return Vocabulary.message("error.fields_count", String(columns.count), String(count))
    }
}
