@testable import PolicyModule
import PropertyBased
import Testing

/// A batch row's cells kept in a chunk's arena: read back as they were stored, and written to
/// CSV byte for byte as the cells themselves are.
@Suite struct CellRowTests {
    /// `cells` stored in `arena` by its writer, one after another.
    static func row(_ cells: [Batch.Cell], in arena: CellArena) -> CellRow {
        arena.row { writer in
            for cell in cells { writer.cell(cell) }
        }
    }

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
            let stored = rows.map { CellRowTests.row($0, in: arena) }
            for (cells, row) in zip(rows, stored) {
                #expect(row.cells == cells)
                var written: [UInt8] = []
                row.forEach { kind, bytes in
                    written.append(UInt8(ascii: ","))
                    if kind != .empty { Batch.appendCSV(bytes, neutralising: kind == .text, to: &written) }
                }
                #expect(String(decoding: written, as: UTF8.self) == cells.map { "," + CellRowTests.written($0) }.joined())
            }
        }
    }

    /// A cell as a spreadsheet-safe CSV field, written here from the rule rather than by the
    /// library: a text starting with `=`, `+`, `-`, `@`, a tab or a CR gets a `'`; a field with
    /// a comma, a quote or a line break is quoted, its quotes doubled.
    static func written(_ cell: Batch.Cell) -> String {
        func quoted(_ bytes: [UInt8]) -> [UInt8] {
            guard bytes.contains(where: { [0x2C, 0x22, 0x0A, 0x0D].contains($0) }) else { return bytes }
            return [0x22] + bytes.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22]
        }
        switch cell {
        case .empty: return ""
        case .value(let value): return String(decoding: quoted(Array(value.utf8)), as: UTF8.self)
        case .text(let text):
            let guarded = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(text.utf8.first ?? 0) ? [0x27] + Array(text.utf8) : Array(text.utf8)
            return String(decoding: quoted(guarded), as: UTF8.self)
        }
    }

    /// A cell whose length takes three bytes to write (16 KiB and more) comes back whole, and
    /// the rows after it too.
    @Test func keepsALongCell() {
        let long = Batch.Cell.text(String(repeating: "长", count: 8_000))
        let arena = CellArena(capacity: 0)
        let rows = [[long, .value("1.00")], [.empty, long], [.value("2")]].map { CellRowTests.row($0, in: arena) }
        #expect(rows.map(\.cells) == [[long, .value("1.00")], [.empty, long], [.value("2")]])
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
