import Foundation
import PolicyModule
import ZIPFoundation

/// Writes a workbook (.xlsx) of one or more sheets, each a header row and rows of
/// ``Batch/Cell``s: text as text cells (formatted as text, `@`, so that an id such as `00123`
/// stays as written when edited), numbers as number cells in a format showing the decimals they
/// were written with — amounts in `0.00`, a rate `0.012500` in `0.000000` — and booleans as the words `true`/`false`, as in the CSV
/// output. The header row is bold and frozen. A number of more than 15 significant digits,
/// which a spreadsheet would round, is written as text.
///
/// The container is written by ZIPFoundation (deflated), the XML as text.
public enum XLSXWriter {
    /// One sheet to write.
    public struct Sheet {
        public var name: String
        public var columns: [String]
        public var rowCount: Int
        /// The cells of row `index` (0-based, after the header).
        public var row: (Int) -> [Batch.Cell]

        public init(name: String, columns: [String], rowCount: Int, row: @escaping (Int) -> [Batch.Cell]) {
            self.name = name
            self.columns = columns
            self.rowCount = rowCount
            self.row = row
        }
    }

    /// The cell formats of styles.xml, by index; from ``decimalsBase`` on, `0.0`, `0.000`, …
    /// (one to 15 decimals), so that a number shows the decimals it was written with.
    enum Style: Int {
        case general = 0, amount = 1, text = 2, header = 3
    }

    static let decimalsBase = 4

    /// The style of a number written with `decimals` decimals: general for a whole number,
    /// `0.00` for amounts, else `0.` and that many zeros.
    static func numberStyle(decimals: Int) -> Int {
        switch decimals {
        case 0: return Style.general.rawValue
        case 2: return Style.amount.rawValue
        default: return decimalsBase + decimals - 1
        }
    }

    static func decimals(_ number: String) -> Int {
        number.firstIndex(of: ".").map { number.distance(from: $0, to: number.endIndex) - 1 } ?? 0
    }

    /// The workbook's bytes.
    /// - Throws: ``Batch/FileError`` if the container cannot be made.
    public static func workbook(_ sheets: [Sheet]) throws(Batch.FileError) -> [UInt8] {
        var parts: [(String, [UInt8])] = [
            ("[Content_Types].xml", contentTypes(sheets.count)),
            ("_rels/.rels", Array(packageRelationships.utf8)),
            ("xl/workbook.xml", workbookXML(sheets.map(\.name))),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheets.count)),
            ("xl/styles.xml", Array(styles.utf8)),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet)))
        }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, bytes) in parts {
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Date(timeIntervalSinceReferenceDate: 0),
                    compressionMethod: .deflate
                ) { position, size in
                    Data(bytes[Int(position)..<Int(position) + size])
                }
            }
            guard let data = archive.data else { throw Batch.FileError(message: Vocabulary.message("error.workbook_make")) }
            return [UInt8](data)
        } catch let error as Batch.FileError {
            throw error
        } catch {
            throw Batch.FileError(message: Vocabulary.message("error.workbook_make_because", "\(error)"))
        }
    }

    static func worksheet(_ sheet: Sheet) -> [UInt8] {
        var xml: [UInt8] = []
        xml.reserveCapacity(256 + sheet.rowCount * sheet.columns.count * 40)
        xml += Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "</sheetView></sheetViews><sheetData>").utf8)
        let letters = sheet.columns.indices.map { SheetReader.reference($0, 0).dropLast() }.map { Array($0.utf8) }
        func appendRow(_ number: Int, _ cells: [Batch.Cell], header: Bool) {
            xml += Array("<row r=\"\(number)\">".utf8)
            let numberText = Array(String(number).utf8)
            for (index, cell) in cells.enumerated() {
                let reference = (index < letters.count ? letters[index] : Array(SheetReader.reference(index, 0).dropLast().utf8)) + numberText
                switch cell {
                case .empty:
                    continue
                case .value(let text) where isNumber(text):
                    xml += Array("<c r=\"".utf8) + reference + Array("\" s=\"\(numberStyle(decimals: decimals(text)))\"><v>".utf8)
                    xml += Array(text.utf8)
                    xml += Array("</v></c>".utf8)
                case .value(let text), .text(let text):
                    let style: Style = header ? .header : .text
                    xml += Array("<c r=\"".utf8) + reference + Array("\" s=\"\(style.rawValue)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8)
                    appendEscaped(text, to: &xml)
                    xml += Array("</t></is></c>".utf8)
                }
            }
            xml += Array("</row>".utf8)
        }
        appendRow(1, sheet.columns.map(Batch.Cell.text), header: true)
        for index in 0..<sheet.rowCount { appendRow(index + 2, sheet.row(index), header: false) }
        xml += Array("</sheetData></worksheet>".utf8)
        return xml
    }

    /// A plain decimal of at most 15 significant digits (what a number cell keeps exactly).
    static func isNumber(_ text: String) -> Bool {
        var digits = 0
        var significant = false
        var point = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if byte != UInt8(ascii: "0") { significant = true }
                if significant { digits += 1 }
            case UInt8(ascii: "."):
                if point { return false }
                point = true
            case UInt8(ascii: "-") where index == 0:
                break
            default:
                return false
            }
        }
        return !text.isEmpty && text != "-" && digits <= 15 && text.utf8.last != UInt8(ascii: ".")
    }

    /// XML text: `& < >` escaped; characters XML 1.0 cannot hold written as Excel's `_xHHHH_`.
    static func appendEscaped(_ text: String, to xml: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": xml += Array("&amp;".utf8)
            case "<": xml += Array("&lt;".utf8)
            case ">": xml += Array("&gt;".utf8)
            case "\t", "\n", "\r": xml += Array(String(scalar).utf8)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    xml += Array("_x\(String(repeating: "0", count: 4 - hex.count))\(hex)_".utf8)
                } else {
                    xml += Array(String(scalar).utf8)
                }
            }
        }
    }

    static func contentTypes(_ sheetCount: Int) -> [UInt8] {
        let sheets = (1...max(1, sheetCount)).prefix(sheetCount).map {
            "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        return Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + sheets + "</Types>").utf8)
    }

    static let packageRelationships = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    static func workbookXML(_ names: [String]) -> [UInt8] {
        var xml = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>").utf8)
        for (index, name) in names.enumerated() {
            xml += Array("<sheet name=\"".utf8)
            appendEscaped(name, to: &xml)
            xml += Array("\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>".utf8)
        }
        xml += Array("</sheets></workbook>".utf8)
        return xml
    }

    static func workbookRelationships(_ sheetCount: Int) -> [UInt8] {
        let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let sheets = (0..<sheetCount).map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(type)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        return Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + sheets
            + "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(type)/styles\" Target=\"styles.xml\"/></Relationships>").utf8)
    }

    /// The cell formats, in ``Style``'s order — general, `0.00`, text (`@`), bold — then one per
    /// count of decimals from 1 to 15 (``numberStyle(decimals:)``).
    static let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<numFmts count=\"15\">" + (1...15).map { "<numFmt numFmtId=\"\(163 + $0)\" formatCode=\"0.\(String(repeating: "0", count: $0))\"/>" }.joined() + "</numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"\(decimalsBase + 15)\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
        + (1...15).map { "<xf numFmtId=\"\(163 + $0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" }.joined()
        + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
}

extension XLSXWriter {
    /// A batch's rows as a workbook: the sheet `results`, and with `withSummary` the per-enterprise
    /// or per-guarantor summary as a second sheet, `summary`.
    public static func workbook(results batch: Batch, withSummary: Bool) throws(Batch.FileError) -> [UInt8] {
        var sheets = [Sheet(name: "results", columns: batch.columns, rowCount: batch.rowsRead, row: batch.row)]
        if withSummary { sheets.append(summarySheet(batch)) }
        return try workbook(sheets)
    }

    /// A batch's summary alone as a workbook.
    public static func workbook(summaryOf batch: Batch) throws(Batch.FileError) -> [UInt8] {
        try workbook([summarySheet(batch)])
    }

    private static func summarySheet(_ batch: Batch) -> Sheet {
        let rows = batch.summaryRows
        return Sheet(name: "summary", columns: batch.summaryColumns, rowCount: rows.count) { rows[$0] }
    }
}
