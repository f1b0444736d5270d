import DecimalModule
import Foundation
import PolicyModule
import ZIPFoundation

/// Reads one sheet of an .xlsx workbook (Office Open XML: a ZIP of XML parts) into the CSV that
/// batch reads, so that a workbook and a CSV file go through the same readers and give the same
/// rows: the container is opened by ZIPFoundation, each part inflated in chunks on a second
/// thread (``InflatePipe``) into libxml2's push parser (``XMLStream``), and the sheet written as
/// CSV as it is parsed.
///
/// Cells become CSV fields as text: shared and inline strings as written; numbers from the
/// cell's stored text, exactly (never through binary floating point; a number stored with more
/// than 15 significant digits — Excel's precision, past which it writes artefacts such as
/// `0.036499999999999998` — is rounded to 15, and zeros are appended up to the decimals its
/// number format shows, since a number cell keeps no trailing zero); booleans as `true`/`false`; a number whose style
/// is a date format as `YYYY-MM-DD` (1900 or 1904 date system); a formula by its saved value.
/// Line *n* of the CSV is row *n* of the sheet, so messages name the rows Excel shows.
///
/// A cell that cannot be given as text — a formula with no saved value, an error value such as
/// `#DIV/0!` — makes its row fail (``Sheet/cellErrors``), with the cell's reference. A workbook
/// that cannot be read at all is refused with one message (``Batch/FileError``): not an .xlsx,
/// encrypted, damaged, a part larger than ``Limits/partBytes`` (a ZIP bomb is refused by its
/// declared size before it is inflated, and by its actual size as it is), no such sheet, an
/// empty sheet, merged cells in the header row, data in Excel's last row (1,048,576).
public enum XLSXReader {
    /// What reading may cost.
    public struct Limits: Sendable {
        /// The largest part inflated, in bytes.
        public var partBytes: Int
        public init(partBytes: Int = 2 << 30) { self.partBytes = partBytes }
    }

    /// One sheet as CSV.
    public struct Sheet: Sendable {
        /// The sheet's name.
        public var name: String
        /// UTF-8 CSV, line *n* being row *n* (rows without values are empty lines).
        public var csv: [UInt8]
        /// Why rows fail regardless of their cells, by row number.
        public var cellErrors: [Int: String]
    }

    /// Excel's last row.
    public static let lastRow = 1_048_576

    /// The sheet called `sheet` (the first sheet when nil) of the workbook in `bytes`, as CSV.
    /// `name` is the file's name in messages; `path`, if given, is a file whose content is
    /// `bytes`, read instead of a temporary copy.
    public static func read(
        _ bytes: [UInt8], name: String, path: String? = nil, sheet: String? = nil, limits: Limits = Limits()
    ) throws(Batch.FileError) -> Sheet {
        func fail(_ message: String) -> Batch.FileError { Batch.FileError(message: "\(name): \(message)") }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An OLE compound file: an encrypted workbook keeps its package in one, an .xls is one.
            let encrypted = Array("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if bytes.firstRange(of: encrypted) != nil {
                throw fail(Vocabulary.message("error.workbook_encrypted"))
            }
            throw fail(Vocabulary.message("error.workbook_xls"))
        }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw fail(Vocabulary.message("error.workbook_not_zip"))
        }
        let package = try Package(bytes, path: path, limits: limits, fail: fail)
        let workbook = try package.workbook()
        guard !workbook.sheets.isEmpty else { throw fail(Vocabulary.message("error.workbook_no_sheet")) }
        let chosen: (name: String, path: String)
        if let sheet {
            let wanted = InputText.normalized(sheet).lowercased()
            guard let found = workbook.sheets.first(where: { $0.name == sheet })
                ?? workbook.sheets.first(where: { InputText.normalized($0.name).lowercased() == wanted })
            else {
                throw fail(Vocabulary.message("error.workbook_sheet_named", sheet, workbook.sheets.map(\.name).joined(separator: ", ")))
            }
            chosen = found
        } else {
            chosen = workbook.sheets[0]
        }
        let strings = try package.sharedStrings(workbook.sharedStringsPath)
        let formats = try package.numberFormats(workbook.stylesPath)
        let reader = SheetReader(strings: strings, formats: formats, date1904: workbook.date1904)
        try package.parse(chosen.path, with: reader)
        if let error = reader.error { throw fail(Vocabulary.message("error.sheet", chosen.name, error)) }
        guard let headerRow = reader.headerRow else {
            throw fail(Vocabulary.message("error.sheet_empty", chosen.name))
        }
        if reader.lastRowWithValues >= lastRow {
            throw fail(Vocabulary.message("error.sheet_last_row", chosen.name, String(lastRow)))
        }
        if let merged = reader.merges.first(where: { $0.rows.contains(headerRow) }) {
            throw fail(Vocabulary.message("error.sheet_merged_header", chosen.name, String(headerRow), merged.reference))
        }
        return Sheet(name: chosen.name, csv: reader.csv, cellErrors: reader.cellErrors)
    }

    /// The parts of the ZIP container, each inflated within the limit.
    struct Package {
        let archive: Archive
        let limits: Limits
        let fail: (String) -> Batch.FileError

        /// The archive of `bytes`, read from the file at `path` when they are its content, else
        /// from a private temporary copy, removed at once (its open handle keeps it readable).
        /// Always from a file: ZIPFoundation's in-memory archive traps on an entry that points
        /// past the end of the data (found by Fuzz/FuzzWorkbook), its file-backed one does not.
        init(_ bytes: [UInt8], path: String?, limits: Limits, fail: @escaping (String) -> Batch.FileError) throws(Batch.FileError) {
            self.limits = limits
            self.fail = fail
            var url = path.map { URL(fileURLWithPath: $0) }
            var copy: URL?
            if url == nil {
                let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(".huiqi-xlsx-\(UUID().uuidString)")
                do {
                    try Data(bytes).write(to: temporary, options: .withoutOverwriting)
                } catch {
                    throw fail(Vocabulary.message("error.workbook_copy", error.localizedDescription))
                }
                url = temporary
                copy = temporary
            }
            defer { if let copy { try? FileManager.default.removeItem(at: copy) } }
            do {
                archive = try Archive(url: url!, accessMode: .read)
            } catch {
                throw fail(Vocabulary.message("error.workbook_zip_directory"))
            }
        }

        /// Parses the XML part at `path` with `reader`, inflating it in chunks into the parser;
        /// refuses it past the limit, by its declared size before inflating and by what has
        /// been inflated while it is.
        func parse(_ path: String, with reader: some PartReader) throws(Batch.FileError) {
            guard let entry = archive[path] else { throw fail(Vocabulary.message("error.workbook_part_missing", path)) }
            if entry.uncompressedSize > UInt64(limits.partBytes) { throw bomb(path) }
            reader.expect(bytes: Int(entry.uncompressedSize))
            let stream = XMLStream(reader)
            let limit = limits.partBytes
            let pipe = InflatePipe()
            let handed = Handed(value: (archive, entry))
            pipe.start { send in
                var inflated = 0
                var checksum = Checksum()
                let declared = handed.value.1.uncompressedSize
                // The checksum is zlib's (ZIPFoundation's is far slower on Linux), checked below.
                // A part is stopped as soon as it inflates past its declared size: besides
                // catching a lie, this stops a damaged deflate stream that would otherwise run
                // on into the rest of the file, where ZIPFoundation's inflate loop, finding no
                // more input at its end, never returns (docs/RELIABILITY.md, row 25).
                _ = try handed.value.0.extract(handed.value.1, bufferSize: 1 << 20, skipCRC32: true) { chunk in
                    inflated += chunk.count
                    guard inflated <= limit else { throw PartTooLarge() }
                    guard UInt64(inflated) <= declared else { throw Damaged(Vocabulary.message("error.part_larger", String(declared))) }
                    checksum.add(chunk)
                    try send(chunk)
                }
                guard UInt64(inflated) == declared else {
                    throw Damaged(Vocabulary.message("error.part_smaller", String(inflated), String(declared)))
                }
                guard checksum.value == handed.value.1.checksum else { throw Damaged(Vocabulary.message("error.part_checksum")) }
            }
            var xmlError: String?
            do {
                while let chunk = try pipe.next() {
                    xmlError = chunk.withUnsafeBytes { stream.feed($0) }
                    if xmlError != nil || reader.error != nil {
                        pipe.cancel()
                        break
                    }
                }
                if xmlError == nil, reader.error == nil { xmlError = stream.finish() }
            } catch is PartTooLarge {
                throw bomb(path)
            } catch {
                throw fail(Vocabulary.message("error.workbook_inflate", path, "\(error)"))
            }
            if let xmlError, reader.error == nil {
                throw fail(Vocabulary.message("error.workbook_xml", path, xmlError))
            }
        }

        private func bomb(_ path: String) -> Batch.FileError {
            fail(Vocabulary.message("error.workbook_bomb", path, String(limits.partBytes >> 20)))
        }

        struct Workbook {
            var sheets: [(name: String, path: String)]
            var date1904: Bool
            var sharedStringsPath: String?
            var stylesPath: String?
        }

        func workbook() throws(Batch.FileError) -> Workbook {
            let relationships = ElementCollector(["Relationship"])
            if archive["xl/_rels/workbook.xml.rels"] != nil { try parse("xl/_rels/workbook.xml.rels", with: relationships) }
            var targets: [String: (type: String, path: String)] = [:]
            for attributes in relationships.elements {
                guard let id = attributes["Id"], let target = attributes["Target"] else { continue }
                let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                targets[id] = (attributes["Type"] ?? "", path)
            }
            let book = ElementCollector(["sheet", "workbookPr"])
            try parse("xl/workbook.xml", with: book)
            var sheets: [(name: String, path: String)] = []
            var date1904 = false
            for attributes in book.elements {
                if attributes["name"] == nil {
                    date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
                } else if let name = attributes["name"] {
                    let id = attributes["id"] ?? ""
                    guard let target = targets[id] else { throw fail(Vocabulary.message("error.workbook_sheet_part", name)) }
                    sheets.append((name, target.path))
                }
            }
            func path(ofType suffix: String, default fallback: String) -> String? {
                targets.values.first(where: { $0.type.hasSuffix(suffix) })?.path ?? (archive[fallback] != nil ? fallback : nil)
            }
            return Workbook(
                sheets: sheets, date1904: date1904, sharedStringsPath: path(ofType: "/sharedStrings", default: "xl/sharedStrings.xml"),
                stylesPath: path(ofType: "/styles", default: "xl/styles.xml"))
        }

        func sharedStrings(_ path: String?) throws(Batch.FileError) -> [[UInt8]] {
            guard let path else { return [] }
            let reader = SharedStringsReader()
            try parse(path, with: reader)
            return reader.strings
        }

        /// For each cell style (`s`), what its number format shows.
        func numberFormats(_ path: String?) throws(Batch.FileError) -> [NumberFormat.Shown] {
            guard let path else { return [] }
            let reader = StylesReader()
            try parse(path, with: reader)
            return reader.cellFormats.map { id in
                if let code = reader.customFormats[id] { return NumberFormat.shown(code) }
                if NumberFormat.builtInDates.contains(id) { return .date }
                return .number(decimals: NumberFormat.builtInDecimals[id] ?? 0)
            }
        }
    }

    private struct PartTooLarge: Error {}
    /// A part whose inflated bytes are not what its entry declares.
    private struct Damaged: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

/// The attributes of every element named in `names`, by local name.
final class ElementCollector: PartReader {
    let names: Set<String>
    var elements: [[String: String]] = []
    init(_ names: Set<String>) { self.names = names }

    override func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if names.contains(name.string) { elements.append(attributes.dictionary) }
    }
}

/// xl/sharedStrings.xml: each `<si>`'s text as UTF-8, its runs joined, phonetic runs (`<rPh>`)
/// left out.
final class SharedStringsReader: PartReader {
    var strings: [[UInt8]] = []
    private var current: [UInt8] = []
    private var inText = false
    private var inPhonetic = false

    override func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("si") {
            current.removeAll(keepingCapacity: true)
        } else if name.is("t") {
            inText = !inPhonetic
        } else if name.is("rPh") {
            inPhonetic = true
        }
    }

    override func end(_ name: XMLName) {
        if name.is("si") {
            strings.append(current)
        } else if name.is("t") {
            inText = false
        } else if name.is("rPh") {
            inPhonetic = false
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inText { current.append(contentsOf: bytes) }
    }
}

/// xl/styles.xml: the custom number formats and each cell format's number format.
final class StylesReader: PartReader {
    var customFormats: [Int: String] = [:]
    var cellFormats: [Int] = []
    private var inCellFormats = false

    override func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("numFmt") {
            if let id = attributes.integer("numFmtId"), let code = attributes.string("formatCode") { customFormats[id] = code }
        } else if name.is("cellXfs") {
            inCellFormats = true
        } else if name.is("xf"), inCellFormats {
            cellFormats.append(attributes.integer("numFmtId") ?? 0)
        }
    }

    override func end(_ name: XMLName) {
        if name.is("cellXfs") { inCellFormats = false }
    }
}

/// What number formats show: a date, or a number with some decimals.
enum NumberFormat {
    enum Shown: Equatable {
        case date
        /// A number with at least this many decimals of its value (a percentage's two more).
        case number(decimals: Int)
    }

    /// The decimals of Excel's built-in number formats that show any (`0.00`, `#,##0.00`,
    /// `0%`, `0.00%`, currency and accounting formats with cents).
    static let builtInDecimals: [Int: Int] = [2: 2, 4: 2, 7: 2, 8: 2, 9: 2, 10: 4, 39: 2, 40: 2, 43: 2, 44: 2]

    /// What the format `code` shows: a date when it has a date or time part (`y`, `m`, `d`, `h`,
    /// `s`) outside quoted text, escapes and bracketed sections (`[Red]`, `[$-804]`).
    static func shown(_ code: String) -> Shown {
        let characters = formatCharacters(code)
        if characters.contains(where: { "ymdhsYMDHS".contains($0) }) { return .date }
        if characters.contains(where: { $0 == "E" || $0 == "e" }) { return .number(decimals: 0) }
        let decimals = characters.drop(while: { $0 != "." }).filter { "0#?".contains($0) }.count
        return .number(decimals: decimals + (characters.contains("%") ? 2 : 0))
    }

    /// Excel's built-in formats that show a date or time (including those of Chinese, Japanese
    /// and Korean locales).
    static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// The characters of a format code's first section (the one for positive numbers) that
    /// format the number: quoted text, escaped characters and bracketed sections left out.
    static func formatCharacters(_ code: String) -> [Character] {
        var characters: [Character] = []
        var quoted = false
        var bracket = false
        var escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\"": quoted.toggle()
            case "\\" where !quoted, "_" where !quoted, "*" where !quoted: escaped = true  // an escape; a space as wide as, or a fill of, the next
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case ";" where !quoted && !bracket: return characters
            default: if !quoted && !bracket { characters.append(character) }
            }
        }
        return characters
    }
}

extension XLSXReader {
    /// A number cell's stored text as the reader gives it: exact decimal text without an
    /// exponent, rounded to 15 significant digits when it has more; nil if it is no number.
    public static func numberText(_ stored: String) -> String? { numberText(stored, format: "General") }

    /// The same, as a cell of number format `format` (a format code) gives it: at least the
    /// decimals the format shows, zeros appended, never rounded.
    public static func numberText(_ stored: String, format: String) -> String? {
        guard case .number(let decimals) = NumberFormat.shown(format) else { return nil }
        guard SheetReader.number(stored) != nil else { return nil }
        var bytes: [UInt8] = []
        SheetReader.appendNumber(Array(stored.utf8), decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
