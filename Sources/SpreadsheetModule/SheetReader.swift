import DecimalModule
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PolicyModule

/// A worksheet part (`xl/worksheets/sheetN.xml`) read as it is parsed into CSV, row by row:
/// line *n* is row *n*. See ``XLSXReader`` for how each kind of cell becomes text.
final class SheetReader: PartReader {
    private let strings: [String]
    private let formats: [NumberFormat.Shown]
    private let date1904: Bool

    /// The CSV so far.
    private(set) var csv: [UInt8] = []
    private(set) var cellErrors: [Int: String] = [:]
    /// The first row with a value, the header.
    private(set) var headerRow: Int?
    private(set) var lastRowWithValues = 0
    private(set) var merges: [(reference: String, rows: ClosedRange<Int>)] = []

    private var header: [String] = []
    private var linesWritten = 0
    private var row = 0
    private var cells: [String?] = []
    // The cell being read.
    private var column = 0
    private var type = ""
    private var style = 0
    private var value = ""
    private var collecting = false
    private var hasFormula = false
    private var hasValue = false

    init(strings: [String], formats: [NumberFormat.Shown], date1904: Bool) {
        self.strings = strings
        self.formats = formats
        self.date1904 = date1904
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "c":
            column = attributes["r"].flatMap(SheetReader.columnIndex) ?? cells.count
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
            hasFormula = false
            hasValue = false
        case "v", "t":
            collecting = true
            hasValue = true
        case "f":
            hasFormula = true
        case "row":
            row = attributes["r"].flatMap(Int.init) ?? row + 1
            cells.removeAll(keepingCapacity: true)
        case "mergeCell":
            if let reference = attributes["ref"], let rows = SheetReader.rows(of: reference) { merges.append((reference, rows)) }
        default:
            break
        }
    }

    override func characters(_ string: String) {
        if collecting { value += string }
    }

    override func end(_ name: String) {
        switch name {
        case "v", "t":
            collecting = false
        case "c":
            endCell()
        case "row":
            endRow()
        default:
            break
        }
    }

    private func endCell() {
        guard column < 16_384 else {
            error = "cell \(SheetReader.reference(column, row)) is past Excel's last column"
            return
        }
        let text: String?
        if value.isEmpty && hasFormula { hasValue = false }
        if !hasValue {
            text = nil
            if hasFormula { fail("has a formula but no saved value (open the file in Excel or WPS and save it, so that the value is computed)") }
        } else {
            switch type {
            case "s":
                guard let index = Int(value), strings.indices.contains(index) else {
                    error = "cell \(SheetReader.reference(column, row)) refers to shared string \(value), which does not exist (the file is damaged)"
                    return
                }
                text = strings[index]
            case "inlineStr", "str":
                text = value
            case "b":
                text = value == "1" ? "true" : value == "0" ? "false" : value
            case "e":
                text = nil
                fail("holds the error value \(value)")
            case "d":
                text = String(value.prefix(10))
            default:
                switch style < formats.count ? formats[style] : .number(decimals: 0) {
                case .date:
                    text = date(value)
                case .number(let decimals):
                    text = SheetReader.number(value).map { SheetReader.padded($0, decimals: decimals) } ?? value
                }
            }
        }
        guard let text, !text.isEmpty else { return }
        if cells.count <= column { cells.append(contentsOf: repeatElement(nil, count: column + 1 - cells.count)) }
        cells[column] = text
    }

    /// Marks the current row as failed because of the current cell.
    private func fail(_ problem: String) {
        guard cellErrors[row] == nil else { return }
        let named = column < header.count && !header[column].isEmpty ? "column \(header[column]) " : ""
        cellErrors[row] = "\(named)(cell \(SheetReader.reference(column, row))) \(problem)"
    }

    private func endRow() {
        guard cells.contains(where: { $0 != nil }) || cellErrors[row] != nil else { return }
        guard row > linesWritten else {
            error = "row \(row) comes after row \(linesWritten) (the file is damaged)"
            return
        }
        if headerRow == nil {
            headerRow = row
            header = cells.map { $0 ?? "" }
        }
        lastRowWithValues = row
        // Empty cells at the end are left out of the XML; the CSV row still has every column.
        if cells.count < header.count { cells.append(contentsOf: repeatElement(nil, count: header.count - cells.count)) }
        csv.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: row - 1 - linesWritten))
        for (index, cell) in cells.enumerated() {
            if index > 0 { csv.append(UInt8(ascii: ",")) }
            if let cell { Batch.appendCSV(cell, to: &csv) }
        }
        csv.append(UInt8(ascii: "\n"))
        linesWritten = row
    }

    /// A serial date number as `YYYY-MM-DD` (the time of day, if any, left out); the text as
    /// it is when it is no date, for the field's reader to refuse.
    private func date(_ serialText: String) -> String {
        guard let serial = try? ExactDecimal(parsing: serialText), !serial.isNegative,
            let days = try? serial.rounded(scale: 0, .down), days.digitCount <= 7, let whole = Int(days.description)
        else { return serialText }
        if date1904 { return Day(year: 1904, month: 1, day: 1)!.adding(days: whole).description }
        // The 1900 system counts a 29 February 1900 that never was (serial 60), as Lotus 1-2-3 did.
        if whole == 60 {
            fail("holds the date serial 60, 1900-02-29, a day that does not exist")
            return ""
        }
        guard whole > 0 else { return serialText }
        // Serial 1 is 1900-01-01; from serial 61 on, one day less for the day that never was.
        return Day(year: 1900, month: 1, day: 1)!.adding(days: whole < 60 ? whole - 1 : whole - 2).description
    }

    /// A number cell's stored text as exact decimal text without an exponent, at most 15
    /// significant digits; nil when it is no decimal.
    static func number(_ text: String) -> String? {
        // The common case, a plain number Excel wrote as typed, is returned as it is.
        var digits = 0
        var point = false
        var plain = true
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): if point { plain = false }; point = true
            case UInt8(ascii: "-") where index == 0: break
            default: plain = false
            }
        }
        if plain, digits > 0, digits <= 15, !point || text.utf8.last != UInt8(ascii: "0"), text.utf8.last != UInt8(ascii: ".") {
            return text
        }
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
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference.utf8 {
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
