import DecimalModule
import Foundation
import PolicyModule
@testable import SpreadsheetModule
import Testing

/// The spreadsheet route: the same 1,000 loans and 1,000 guarantees (Scripts/generate_sheets.py)
/// read from CSV in every encoding and header style, and from workbooks by three writers, give
/// byte-identical results; bad workbooks get one message each.
@Suite struct SpreadsheetTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    let parameters = try! ParameterTable.bundled()

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    func batch(_ file: String, _ measure: String, sheet: String? = nil) throws -> (Batch, BatchInput) {
        let input = try BatchInput(SpreadsheetTests.fixture(file), name: file, sheet: sheet)
        let batch = try Batch(
            measure: MeasureRegistry.measure(measure), input: input.bytes, format: input.format, parameters: parameters,
            cellErrors: input.cellErrors)
        return (batch, input)
    }

    @Test(arguments: [("loans", InterestSubsidy.id), ("guarantees", GuaranteeFee.id)])
    func everyFormatGivesTheSameResults(name: String, measure: String) throws {
        let (reference, _) = try batch("\(name).csv", measure)
        #expect(reference.rowsRead == 1000 && reference.rowsFailed == 0)
        var variants = ["-bom.csv", "-gb18030.csv", "-zh.csv", ".xlsx", "-1904.xlsx"]
        if FileManager.default.fileExists(atPath: SpreadsheetTests.fixtures.appendingPathComponent("\(name)-libreoffice.xlsx").path) {
            variants.append("-libreoffice.xlsx")
        }
        for variant in variants {
            let (other, input) = try batch(name + variant, measure)
            #expect(firstDifference(other.rendered(.csv), reference.rendered(.csv)) == nil, "\(name + variant)")
            #expect(firstDifference(other.renderedSummary(.csv), reference.renderedSummary(.csv)) == nil, "\(name + variant)")
            #expect(input.notes == (variant.contains("gb18030") ? ["\(name + variant): read as GB18030 (GBK), as it is not UTF-8"] : []))
        }
    }

    @Test func theLibreOfficeWorkbooksAreCheckedIn() {
        for name in ["loans", "guarantees"] {
            #expect(FileManager.default.fileExists(atPath: SpreadsheetTests.fixtures.appendingPathComponent("\(name)-libreoffice.xlsx").path))
        }
    }

    /// The first line where two outputs differ, both ways; nil when they are byte-identical.
    func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String? {
        guard a != b else { return nil }
        let (left, right) = (String(decoding: a, as: UTF8.self).split(separator: "\n"), String(decoding: b, as: UTF8.self).split(separator: "\n"))
        for (x, y) in zip(left, right) where x != y { return "\(x)\n  expected \(y)" }
        return "\(left.count) lines, expected \(right.count)"
    }

    func fileError(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func badWorkbooksGetOneMessageEach() throws {
        let guarantee = try MeasureRegistry.measure(GuaranteeFee.id)
        func read(_ name: String, sheet: String? = nil, limits: XLSXReader.Limits = .init()) -> String? {
            fileError {
                let input = try BatchInput(try SpreadsheetTests.fixture(name), name: name, sheet: sheet, limits: limits)
                _ = try Batch(measure: guarantee, input: input.bytes, format: input.format, parameters: parameters)
            }
        }
        #expect(read("bad-empty.xlsx") == "bad-empty.xlsx: sheet Sheet is empty (no cell has a value)")
        #expect(read("bad-merged-header.xlsx")
            == "bad-merged-header.xlsx: sheet Sheet: the header row 1 has merged cells (A1:B1); unmerge them so that each column has its own name")
        #expect(read("bad-last-row.xlsx")
            == "bad-last-row.xlsx: sheet Sheet has values in row 1048576, Excel's last: rows past it were probably cut off; split the records into several files")
        #expect(read("two-sheets.xlsx", sheet: "贷款") == "two-sheets.xlsx: there is no sheet named \"贷款\"; the sheets are: 说明, 担保")
        #expect(read("guarantees.xlsx", limits: .init(partBytes: 100_000))?.hasPrefix(
            "guarantees.xlsx: its part xl/worksheets/sheet1.xml inflates to more than 0 MB, the most read (a ZIP bomb") == true)
        let workbook = try SpreadsheetTests.fixture("guarantees.xlsx")
        #expect(fileError { _ = try BatchInput(Array(workbook.prefix(workbook.count / 2)), name: "cut.xlsx") }?.hasPrefix("cut.xlsx: the .xlsx file is damaged") == true)
        #expect(read("bad-encrypted.xlsx")
            == "bad-encrypted.xlsx: the workbook is encrypted (password-protected); save a copy without a password, or as CSV")
        // An encrypted workbook is an OLE compound file holding an EncryptionInfo stream; an .xls is one without.
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let encrypted = ole + Array("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(fileError { _ = try BatchInput(encrypted, name: "locked.xlsx") }
            == "locked.xlsx: the workbook is encrypted (password-protected); save a copy without a password, or as CSV")
        #expect(fileError { _ = try BatchInput(ole, name: "old.xls") }
            == "old.xls: this is an Excel 97–2003 workbook (.xls), not .xlsx; save it as .xlsx or CSV")
        // Found by Fuzz/FuzzWorkbook: XML that breaks off in a part inflated whole (the reader
        // stopped with chunks still queued), and an entry that points past the end of the file.
        #expect(fileError { _ = try BatchInput(try SpreadsheetTests.fixture("bad-xml-after-inflating.xlsx"), name: "broken.xlsx") }?
            .hasPrefix("broken.xlsx: the .xlsx file is damaged") == true)
        #expect(fileError { _ = try BatchInput(try SpreadsheetTests.fixture("bad-entry-past-end.xlsx"), name: "past.xlsx") }?
            .hasPrefix("past.xlsx: the .xlsx file is damaged") == true)
        #expect(fileError { _ = try BatchInput(Array("PK\u{3}\u{4}not a zip".utf8), name: "fake.xlsx") }?
            .hasPrefix("fake.xlsx: the .xlsx file is damaged") == true)
    }

    @Test func aZipBombIsRefusedBeforeItIsInflated() throws {
        // 64 MB of zeros deflate to about 64 KB; the declared size alone refuses it.
        let zeros = [UInt8](repeating: UInt8(ascii: "0"), count: 64 << 20)
        let bomb = try XLSXWriter.workbook([XLSXWriter.Sheet(name: "s", columns: ["guarantee_id"], rowCount: 1) { _ in
            [.text(String(decoding: zeros, as: UTF8.self))]
        }])
        #expect(bomb.count < 1 << 20)
        let message = fileError { _ = try BatchInput(bomb, name: "bomb.xlsx", limits: .init(partBytes: 16 << 20)) }
        #expect(message == "bomb.xlsx: its part xl/worksheets/sheet1.xml inflates to more than 16 MB, the most read (a ZIP bomb, or far more rows than a sheet holds); refused before inflating it")
    }

    @Test func aZipBombThatUnderstatesItsSizeIsStoppedWhileInflating() throws {
        let zeros = [UInt8](repeating: UInt8(ascii: "0"), count: 32 << 20)
        var bomb = try XLSXWriter.workbook([XLSXWriter.Sheet(name: "s", columns: ["guarantee_id"], rowCount: 1) { _ in
            [.text(String(decoding: zeros, as: UTF8.self))]
        }])
        // The sheet part's uncompressed size, as the local and central headers declare it, made 1,000.
        let part = XLSXWriter.worksheet(XLSXWriter.Sheet(name: "s", columns: ["guarantee_id"], rowCount: 1) { _ in
            [.text(String(decoding: zeros, as: UTF8.self))]
        }).count
        let declared = (0..<4).map { UInt8(truncatingIfNeeded: part >> (8 * $0)) }
        var patched = 0
        for offset in 0..<(bomb.count - 4) where Array(bomb[offset..<offset + 4]) == declared {
            bomb.replaceSubrange(offset..<offset + 4, with: [0xE8, 0x03, 0, 0])
            patched += 1
        }
        #expect(patched == 2)
        // Stopped at the size it declares, long before the limit.
        let message = fileError { _ = try BatchInput(bomb, name: "liar.xlsx", limits: .init(partBytes: 16 << 20)) }
        #expect(message?.hasPrefix("liar.xlsx: the .xlsx file is damaged (its part xl/worksheets/sheet1.xml cannot be inflated: "
            + "it inflates to more than the 1000 bytes it declares)") == true, "\(message ?? "")")
    }

    /// Found by Fuzz/FuzzWorkbook: a sheet whose deflate stream, damaged, runs on past its entry
    /// into the rest of the file. ZIPFoundation's inflate loop never returns once it reaches
    /// the end of the file (every time in a debug build, about one run in twenty in release);
    /// the part is stopped when it inflates past its declared size, before that can happen.
    @Test(.timeLimit(.minutes(1))) func aDeflateStreamRunningPastItsEntryIsRefusedNotWaitedFor() throws {
        let workbook = try SpreadsheetTests.fixture("bad-deflate-cut-short.xlsx")
        for _ in 0..<20 {
            let message = fileError { _ = try BatchInput(workbook, name: "cut.xlsx") }
            #expect(message == "cut.xlsx: the .xlsx file is damaged (its part xl/worksheets/sheet1.xml cannot be inflated: "
                + "it inflates to more than the 1429 bytes it declares); open and save it again in Excel or WPS")
        }
    }

    @Test func aDamagedSheetIsRefusedNotMisread() throws {
        var workbook = try SpreadsheetTests.fixture("guarantees.xlsx")
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        let header = try #require(workbook.firstRange(of: name))
        // A byte of the deflated sheet flipped: inflating fails, or the checksum does not match.
        workbook[header.upperBound + 20_000] ^= 0x5A
        let message = fileError { _ = try BatchInput(workbook, name: "flipped.xlsx") }
        #expect(message?.hasPrefix("flipped.xlsx: the .xlsx file is damaged") == true, "\(message ?? "")")
    }

    @Test func aFormulaWithoutAValueIsAnErrorRow() throws {
        let (batch, _) = try batch("formula.xlsx", GuaranteeFee.id)
        #expect(batch.rowsRead == 3 && batch.rowsFailed == 1)
        #expect(batch.rowErrors.map(\.line) == [3])
        #expect(batch.rowErrors.first?.message
            == "column amount (cell C3) has a formula but no saved value (open the file in Excel or WPS and save it, so that the value is computed)")
    }

    @Test func aNamedSheetIsRead() throws {
        let (batch, input) = try batch("two-sheets.xlsx", GuaranteeFee.id, sheet: "担保")
        #expect(batch.rowsOK == 1)
        #expect(input.notes == ["two-sheets.xlsx: read sheet 担保"])
    }

    @Test func encodings() throws {
        let text = "担保编号,担保机构编号,担保金额,担保费率,起始日,到期日\nG1,甲,3000000,1%,2023-01-01,2024-01-01\n"
        let utf8 = try TextEncoding.decode(Array(text.utf8), name: "x", forced: .utf8).bytes
        #expect(utf8 == Array(text.utf8))
        // GB18030 bytes of "担保" and friends, made with the same converter the other way is not
        // available here; these are the GBK codes of 甲 (BC D7) inside ASCII.
        let gbk: [UInt8] = Array("id,name\n1,".utf8) + [0xBC, 0xD7] + Array("\n".utf8)
        let decoded = try TextEncoding.decode(gbk, name: "gbk.csv")
        #expect(decoded.encoding == .gb18030)
        #expect(String(decoding: decoded.bytes, as: UTF8.self) == "id,name\n1,甲\n")
        #expect(fileError { _ = try TextEncoding.decode(gbk, name: "gbk.csv", forced: .utf8) }?.hasPrefix("gbk.csv: not valid UTF-8 at line 2, column 3") == true)
        let neither: [UInt8] = Array("a\n".utf8) + [0xFF, 0xFF]
        #expect(fileError { _ = try TextEncoding.decode(neither, name: "bad.csv") }?.contains("nor GB18030/GBK: line 2, column 1, byte 0xFF") == true)
        #expect(try TextEncoding.decode([0xEF, 0xBB, 0xBF, 0x61], name: "bom").bytes == [0x61])
    }

    @Test func headersAsPeopleWriteThem() throws {
        let measure = try MeasureRegistry.measure(GuaranteeFee.id)
        let row = "G1,GU1,3000000,1%,2023-01-01,2024-01-01\n"
        for header in ["guarantee_id,guarantor_id,amount,fee_rate,start_date,end_date", "Guarantee-ID, GUARANTOR_ID ,Amount,fee-rate,Start Date,END-DATE",
                       "担保编号,担保机构编号,担保金额（元）,担保费率,起始日,到期日"] {
            let batch = try Batch(measure: measure, input: Array((header + "\n" + row).utf8), format: .csv, parameters: parameters)
            #expect(batch.rowsOK == 1, "\(header)")
            #expect(batch.columns.prefix(2) == ["guarantee_id", "guarantor_id"])
        }
        let message = fileError {
            _ = try Batch(measure: measure, input: Array(("guarantee_id,guarantor,amount,费率,start_date\n" + row).utf8), format: .csv, parameters: parameters)
        }
        #expect(message?.hasPrefix(
            "input: unknown column \"guarantor\" (column 2; closest: guarantor_id (担保机构编号)); unknown column \"费率\" (column 4; closest: fee_rate (担保费率)); required columns guarantor_id (担保机构编号), fee_rate (担保费率) are missing. Columns found: guarantee_id, guarantor, amount, 费率, start_date. Columns guarantee-fee reads: guarantee_id (担保编号), guarantor_id (担保机构编号), amount (担保金额),")
            == true, "\(message ?? "")")
        #expect(fileError {
            _ = try Batch(measure: measure, input: Array(("guarantee_id,担保编号\n" + row).utf8), format: .csv, parameters: parameters)
        } == "input: the columns guarantee_id and 担保编号 name guarantee_id twice in the header (columns 1 and 2)")
    }

    @Test func everyInputFieldHasOneChineseName() throws {
        var seen: [String: String] = [:]
        for measure in MeasureRegistry.all {
            for field in measure.inputFields {
                let chinese = try #require(FieldNames.chinese(field.name), "\(field.name)")
                if let other = seen.updateValue(field.name, forKey: chinese) { #expect(other == field.name, "\(chinese)") }
            }
        }
    }

    @Test func numbersAreReadExactlyToExcelsPrecision() {
        #expect(XLSXReader.numberText("0.036499999999999998") == "0.0365")
        #expect(XLSXReader.numberText("3000000") == "3000000")
        #expect(XLSXReader.numberText("3E+6") == "3000000")
        #expect(XLSXReader.numberText("1.5E-2") == "0.015")
        #expect(XLSXReader.numberText("60833.330000000002") == "60833.33")
        #expect(XLSXReader.numberText("12345678901234567") == "12345678901234600")
        #expect(XLSXReader.numberText("x") == nil)
        // A number cell keeps no trailing zero; its format's decimals are shown again.
        #expect(XLSXReader.numberText("5923463.6", format: "#,##0.00") == "5923463.60")
        #expect(XLSXReader.numberText("0.03", format: "0.00%") == "0.0300")
        #expect(XLSXReader.numberText("0.0365", format: "0.0%") == "0.0365")
        #expect(XLSXReader.numberText("12", format: "0.00\"元\";[Red]-0.00") == "12.00")
        #expect(XLSXReader.numberText("12", format: "0.00E+00") == "12")
        #expect(XLSXReader.numberText("3000000", format: "General") == "3000000")
    }
}
