import DecimalModule
import PolicyModule

/// A worksheet part (`xl/worksheets/sheetN.xml`) written as CSV while it is parsed, row by row:
/// line *n* is row *n*. See ``XLSXReader`` for how each kind of cell becomes text. Cells are
/// handled as bytes — the parser's, the shared strings', the CSV's — with a `String` only for
/// the rare number that is not plain.
final class SheetReader: PartReader {
    private let strings: [[UInt8]]
    private let formats: [NumberFormat.Shown]
    private let date1904: Bool

    // The state read and written on every event is marked @exclusivity(unchecked): the parser
    // calls one event at a time on one thread, so no two accesses can overlap, and the dynamic
    // check cost a tenth of reading a sheet.

    /// The CSV so far.
    @exclusivity(unchecked) private(set) var csv: [UInt8] = []
    private(set) var cellErrors: [Int: String] = [:]
    /// The first row with a value, the header.
    private(set) var headerRow: Int?
    private(set) var lastRowWithValues = 0
    private(set) var merges: [(reference: String, rows: ClosedRange<Int>)] = []

    private var header: [String] = []
    @exclusivity(unchecked) private var linesWritten = 0
    @exclusivity(unchecked) private var row = 0
    /// The current row's cells: their text in `rowText`, by column.
    @exclusivity(unchecked) private var rowText: [UInt8] = []
    @exclusivity(unchecked) private var cells: [Range<Int>?] = []
    // The cell being read.
    @exclusivity(unchecked) private var column = 0
    @exclusivity(unchecked) private var type = CellType.number
    @exclusivity(unchecked) private var style = 0
    @exclusivity(unchecked) private var value: [UInt8] = []
    @exclusivity(unchecked) private var collecting = false
    @exclusivity(unchecked) private var hasFormula = false
    @exclusivity(unchecked) private var hasValue = false
    /// Date serial numbers already written out, as `YYYY-MM-DD`.
    @exclusivity(unchecked) private var dates: [Int: [UInt8]] = [:]

    enum CellType { case number, sharedString, string, boolean, error, isoDate }

    init(strings: [[UInt8]], formats: [NumberFormat.Shown], date1904: Bool) {
        self.strings = strings
        self.formats = formats
        self.date1904 = date1904
    }

    /// A sheet's CSV is about a sixth of its XML (openpyxl's, Excel's): reserved at once rather
    /// than grown by doubling.
    override func expect(bytes: Int) {
        csv.reserveCapacity(bytes / 5)
    }

    override func start(_ name: XMLName, _ attributes: XMLAttributes) {
        switch name.single {
        case UInt8(ascii: "c"):
            column = cells.count
            type = .number
            style = 0
            attributes.forEach { attribute, value in
                switch attribute.single {
                case UInt8(ascii: "r"): column = SheetReader.columnIndex(value) ?? column
                case UInt8(ascii: "t"): type = SheetReader.cellType(value)
                case UInt8(ascii: "s"): style = SheetReader.integer(value) ?? 0
                default: break
                }
            }
            value.removeAll(keepingCapacity: true)
            hasFormula = false
            hasValue = false
        case UInt8(ascii: "v"), UInt8(ascii: "t"):
            collecting = true
            hasValue = true
        case UInt8(ascii: "f"):
            hasFormula = true
        default:
            if name.is("row") {
                row = attributes.integer("r") ?? row + 1
                rowText.removeAll(keepingCapacity: true)
                cells.removeAll(keepingCapacity: true)
            } else if name.is("mergeCell") {
                if let reference = attributes.string("ref"), let rows = SheetReader.rows(of: reference) { merges.append((reference, rows)) }
            }
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if collecting { value.append(contentsOf: bytes) }
    }

    override func end(_ name: XMLName) {
        switch name.single {
        case UInt8(ascii: "v"), UInt8(ascii: "t"): collecting = false
        case UInt8(ascii: "c"): endCell()
        default: if name.is("row") { endRow() }
        }
    }

    static func cellType(_ bytes: UnsafeBufferPointer<UInt8>) -> CellType {
        guard let first = bytes.first else { return .number }
        switch first {
        case UInt8(ascii: "s"): return bytes.count == 1 ? .sharedString : .string  // s, str
        case UInt8(ascii: "i"): return .string  // inlineStr
        case UInt8(ascii: "b"): return .boolean
        case UInt8(ascii: "e"): return .error
        case UInt8(ascii: "d"): return .isoDate
        default: return .number
        }
    }

    private func endCell() {
        guard column < 16_384 else {
            error = Vocabulary.message("error.cell_past_last_column", SheetReader.reference(column, row))
            return
        }
        if value.isEmpty && hasFormula { hasValue = false }
        guard hasValue else {
            if hasFormula { fail(Vocabulary.message("error.cell_formula")) }
            return
        }
        let start = rowText.count
        switch type {
        case .sharedString:
            guard let index = SheetReader.integer(value), strings.indices.contains(index) else {
                error = Vocabulary.message("error.cell_shared_string", SheetReader.reference(column, row), String(decoding: value, as: UTF8.self))
                return
            }
            rowText.append(contentsOf: strings[index])
        case .string:
            rowText.append(contentsOf: value)
        case .boolean:
            rowText.append(contentsOf: value == [UInt8(ascii: "1")] ? Array("true".utf8) : value == [UInt8(ascii: "0")] ? Array("false".utf8) : value)
        case .error:
            fail(Vocabulary.message("error.cell_error_value", String(decoding: value, as: UTF8.self)))
            return
        case .isoDate:
            rowText.append(contentsOf: value.prefix(10))
        case .number:
            switch style < formats.count ? formats[style] : .number(decimals: 0) {
            case .date:
                appendDate()
            case .number(let decimals):
                SheetReader.appendNumber(value, decimals: decimals, to: &rowText)
            }
        }
        guard rowText.count > start else { return }
        if cells.count <= column { cells.append(contentsOf: repeatElement(nil, count: column + 1 - cells.count)) }
        cells[column] = start..<rowText.count
    }

    /// Marks the current row as failed because of the current cell.
    private func fail(_ problem: String) {
        guard cellErrors[row] == nil else { return }
        let cell = SheetReader.reference(column, row)
        cellErrors[row] = column < header.count && !header[column].isEmpty
            ? Vocabulary.message("error.cell_in_column", header[column], cell, problem) : Vocabulary.message("error.cell", cell, problem)
    }

    private func endRow() {
        guard cells.contains(where: { $0 != nil }) || cellErrors[row] != nil else { return }
        guard row > linesWritten else {
            error = Vocabulary.message("error.row_order", String(row), String(linesWritten))
            return
        }
        if headerRow == nil {
            headerRow = row
            header = cells.map { range in range.map { String(decoding: rowText[$0], as: UTF8.self) } ?? "" }
        }
        lastRowWithValues = row
        csv.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: row - 1 - linesWritten))
        // Empty cells at the end are left out of the XML; the CSV row still has every column.
        for index in 0..<max(cells.count, header.count) {
            if index > 0 { csv.append(UInt8(ascii: ",")) }
            guard index < cells.count, let range = cells[index] else { continue }
            let text = rowText[range]
            if text.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                Batch.appendCSV(String(decoding: text, as: UTF8.self), to: &csv)
            } else {
                csv.append(contentsOf: text)
            }
        }
        csv.append(UInt8(ascii: "\n"))
        linesWritten = row
    }

    /// The cell's serial date number as `YYYY-MM-DD` (the time of day, if any, left out); the
    /// text as it is when it is no date, for the field's reader to refuse.
    private func appendDate() {
        let whole: Int?
        if let integer = SheetReader.integer(value) {
            whole = integer
        } else {
            let text = String(decoding: value, as: UTF8.self)
            whole = (try? ExactDecimal(parsing: text)).flatMap { serial in
                guard !serial.isNegative, let days = try? serial.rounded(scale: 0, .down), days.digitCount <= 7 else { return nil }
                return Int(days.description)
            }
        }
        guard let whole, whole > 0 else { return rowText.append(contentsOf: value) }
        if let known = dates[whole] { return rowText.append(contentsOf: known) }
        let day: Day
        if date1904 {
            day = Day(year: 1904, month: 1, day: 1)!.adding(days: whole)
        } else if whole == 60 {
            // The 1900 system counts a 29 February 1900 that never was, as Lotus 1-2-3 did.
            return fail(Vocabulary.message("error.cell_serial_60"))
        } else {
            // Serial 1 is 1900-01-01; from serial 61 on, one day less for the day that never was.
            day = Day(year: 1900, month: 1, day: 1)!.adding(days: whole < 60 ? whole - 1 : whole - 2)
        }
        let text = Array(day.description.utf8)
        dates[whole] = text
        rowText.append(contentsOf: text)
    }

    /// A non-negative whole number of at most 18 digits.
    static func integer(_ bytes: some Collection<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var number = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return number
    }

    /// Appends a number cell's stored text as exact decimal text without an exponent, at most
    /// 15 significant digits and at least `decimals` decimals; the text as it is when it is no
    /// decimal (for the field's reader to refuse).
    static func appendNumber(_ stored: [UInt8], decimals: Int, to bytes: inout [UInt8]) {
        // The common case, a plain number of at most 15 digits, is copied as it is.
        var digits = 0
        var point: Int?
        var plain = !stored.isEmpty
        for (index, byte) in stored.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): if point != nil { plain = false }; point = index
            case UInt8(ascii: "-") where index == 0: break
            default: plain = false
            }
        }
        let trimmed = point == nil || (stored.last != UInt8(ascii: "0") && stored.last != UInt8(ascii: "."))
        if plain, digits > 0, digits <= 15, trimmed {
            bytes.append(contentsOf: stored)
            let shown = point.map { stored.count - $0 - 1 } ?? -1
            if shown < decimals, decimals > 0 {
                if shown < 0 { bytes.append(UInt8(ascii: ".")) }
                bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals - max(shown, 0)))
            }
            return
        }
        let text = String(decoding: stored, as: UTF8.self)
        guard let number = number(text) else { return bytes.append(contentsOf: stored) }
        bytes.append(contentsOf: padded(number, decimals: decimals).utf8)
    }

    /// A number cell's stored text as exact decimal text without an exponent, at most 15
    /// significant digits; nil when it is no decimal.
    static func number(_ text: String) -> String? {
        guard var value = try? ExactDecimal(parsing: text) else { return nil }
        if value.digitCount > 15, let rounded = try? value.rounded(.precision(15)) { value = rounded }
        return try? value.reduced().plainDescription()
    }

    /// `number` with zeros appended to show at least `decimals` decimals, as its cell's format
    /// shows it (`5923463.6` in `#,##0.00` → `5923463.60`): a number cell keeps no trailing
    /// zero, and an amount's decimals carry into results (balance × days). Never rounded.
    static func padded(_ number: String, decimals: Int) -> String {
        guard decimals > 0 else { return number }
        let shown = number.firstIndex(of: ".").map { number.distance(from: $0, to: number.endIndex) - 1 } ?? -1
        guard shown < decimals else { return number }
        return number + (shown < 0 ? "." : "") + String(repeating: "0", count: decimals - max(shown, 0))
    }

    /// `C12` → column 2 (0-based); nil when it is no reference.
    static func columnIndex(_ reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference {
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { break }
            index = index * 26 + Int(byte - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters > 0 ? index - 1 : nil
    }

    /// The rows a range (`A1:C2`) spans.
    static func rows(of range: String) -> ClosedRange<Int>? {
        let rows = range.split(separator: ":").map { Int($0.drop(while: { $0.isLetter })) }
        guard let first = rows.first ?? nil, let last = rows.last ?? nil, first <= last else { return nil }
        return first...last
    }

    /// `(2, 12)` → `C12`.
    static func reference(_ column: Int, _ row: Int) -> String {
        var letters = ""
        var rest = column + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            rest = (rest - 1) / 26
        }
        return "\(letters)\(row)"
    }
}
