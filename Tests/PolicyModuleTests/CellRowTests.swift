@testable import PolicyModule
import PropertyBased
import Testing

/// A batch row's cells kept in a chunk's arena: read back as they were stored, and written to
/// CSV byte for byte as the cells themselves are.
@Suite struct CellRowTests {
    /// Texts that need quoting or neutralising, non-ASCII ones, and ones longer than a length
    /// byte holds (128 bytes and more), in rows stored one after another in one arena.
    @Test func givesBackItsCellsAndWritesThemAsTheyAre() async {
        let text = zip(
            Gen.element(of: ["", "=", "-", "+", "@", "\t", "\r", "a"]),
            Gen.element(of: ["1234.56", "x,y", "say \"hi\"", "line\nbreak", "增值税", "", "0.00"]),
            Gen.int(in: 0...300)
        ).map { ($0 ?? "") + ($1 ?? "") + String(repeating: "9", count: $2 > 150 ? $2 : 0) }
        let cell = zip(Gen.int(in: 0...2), text).map { kind, text -> Batch.Cell in
            switch kind {
            case 0: .empty
            case 1: .text(text)
            default: .value(text)
            }
        }
        await propertyCheck(count: 300, input: cell.array(of: 0...12).array(of: 1...5)) { (rows: [[Batch.Cell]]) in
            let arena = CellArena(capacity: 16)
            let stored = rows.map(arena.row)
            for (cells, row) in zip(rows, stored) {
                #expect(row.cells == cells)
                var written: [UInt8] = []
                row.forEach { kind, bytes in
                    written.append(UInt8(ascii: ","))
                    if kind != .empty { Batch.appendCSV(bytes, neutralising: kind == .text, to: &written) }
                }
                var expected: [UInt8] = []
                for cell in cells {
                    expected.append(UInt8(ascii: ","))
                    Batch.appendCSV(cell, to: &expected)
                }
                #expect(written == expected)
            }
        }
    }

    /// A text a spreadsheet would run as a formula gets a `'`, inside the quotes when quoted.
    @Test(arguments: [
        (Batch.Cell.text("=1+2"), "'=1+2"), (.text("-3,5"), "\"'-3,5\""), (.value("-3.50"), "-3.50"), (.text("a\"b"), "\"a\"\"b\""),
        (.text("\r"), "\"'\r\""), (.empty, ""),
    ])
    func neutralisesAndQuotes(cell: Batch.Cell, written: String) {
        var bytes: [UInt8] = []
        Batch.appendCSV(cell, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == written)
    }
}
