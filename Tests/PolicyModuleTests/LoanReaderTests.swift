import DecimalModule
@testable import PolicyModule
import PropertyBased
import Testing

/// The byte-level reader's amounts for the fixed-point route, against the generic reader.
@Suite struct LoanReaderTests {
    /// Line feeds counted eight bytes at a time, against a count byte by byte, over bytes that
    /// are mostly line feeds and their neighbours (0x09, 0x0B, 0x8A), of random lengths (0–70)
    /// from random offsets (0–7), so that words and the bytes after them are both counted.
    @Test func countsLineFeedsAsAByteByByteCount() async {
        let bytes = Gen.element(of: [0x0A, 0x0A, 0x09, 0x0B, 0x8A, 0x00, 0xFF, 0x2C] as [UInt8]).map { $0 ?? 0x0A }.array(of: 0...70)
        await propertyCheck(count: 2_000, input: bytes, Gen.int(in: 0...7)) { (bytes: [UInt8], offset: Int) in
            let start = min(offset, bytes.count)
            let counted = bytes.withUnsafeBufferPointer { SimpleCSV.lineFeeds(in: UnsafeBufferPointer(rebasing: $0[start...])) }
            #expect(counted == bytes[start...].filter { $0 == 0x0A }.count)
        }
    }

    /// Ids numbered by their bytes, against a dictionary of strings: ids that share long
    /// prefixes and suffixes and differ in the middle (the bytes a cheap hash might skip), empty
    /// and non-ASCII ones, many enough that the table grows.
    @Test func numbersIDsAsADictionaryOfStringsDoes() async {
        let piece = Gen.element(of: ["E", "0", "00000000", "é", "企业", "-", "SHANGHAI-2023-", ""]).map { $0 ?? "" }
        // Three pieces between a shared prefix and suffix; fewer pieces alone (short ids).
        let id = piece.array(of: 0...3).map { $0.count == 3 ? "91310000" + $0.joined() + "-LOAN-00000000" : $0.joined() }
        let ids = id.array(of: 0...200)
        await propertyCheck(count: 300, input: ids) { (ids: [String]) in
            var text: [UInt8] = []
            let spans = ids.map { id -> Range<Int> in
                text += id.utf8
                return text.count - id.utf8.count..<text.count
            }
            var table = IDNumbers(expected: 1)
            var numbers: [String: Int32] = [:]
            text.withUnsafeBufferPointer { text in
                for (id, span) in zip(ids, spans) {
                    let expected = numbers[id] ?? Int32(numbers.count)
                    let found = table.number(of: span, in: text)
                    #expect(found.number == expected && found.new == (numbers[id] == nil), "\(id)")
                    numbers[id] = expected
                }
            }
            #expect(table.count == numbers.count)
        }
    }

    /// A byte found eight bytes at a time, against the standard library's search, over bytes
    /// that are mostly the byte and its neighbours, from every offset.
    @Test func findsAByteAsTheStandardLibraryDoes() async {
        let bytes = Gen.element(of: [0x22, 0x22, 0x21, 0x23, 0xA2, 0x00, 0x2C, 0x41] as [UInt8]).map { $0 ?? 0x41 }.array(of: 0...40)
        await propertyCheck(count: 2_000, input: bytes, Gen.int(in: 0...40)) { (bytes: [UInt8], start: Int) in
            let start = min(start, bytes.count)
            let found = bytes.withUnsafeBufferPointer { SimpleCSV.firstIndex(of: 0x22, in: $0, from: start) }
            #expect(found == bytes[start...].firstIndex(of: 0x22))
        }
    }

    /// Whether a file's quotes are simple, decided quote by quote, against a reading of every
    /// byte in turn (a quote must open a cell, close before a line break and be followed by a
    /// comma or a line end), over short files of quotes, commas and line ends.
    @Test func decidesSimpleQuotesAsAByteByByteReading() async {
        func byteByByte(_ bytes: [UInt8]) -> Bool {
            var index = 0
            var atCellStart = true
            while index < bytes.count {
                guard bytes[index] == 0x22 else {
                    atCellStart = bytes[index] == 0x2C || bytes[index] == 0x0A
                    index += 1
                    continue
                }
                guard atCellStart, let close = bytes[(index + 1)...].firstIndex(where: { $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }),
                    bytes[close] == 0x22, close > index + 1
                else { return false }
                let next = close + 1
                let ends = next == bytes.count || bytes[next] == 0x2C || bytes[next] == 0x0A
                    || (bytes[next] == 0x0D && (next + 1 == bytes.count || bytes[next + 1] == 0x0A))
                guard ends else { return false }
                index = next
                atCellStart = false
            }
            return true
        }
        let bytes = Gen.element(of: [0x22, 0x22, 0x2C, 0x0A, 0x0D, 0x61, 0x61, 0x62] as [UInt8]).map { $0 ?? 0x61 }.array(of: 0...24)
        await propertyCheck(count: 5_000, input: bytes) { (bytes: [UInt8]) in
            #expect(bytes.withUnsafeBufferPointer { Batch.quotesAreSimple($0, from: 0) } == byteByByte(bytes), "\(bytes)")
        }
    }

    /// An amount read from its bytes is the generic reader's, to the exponent (the digits
    /// printed), over strings of digits, points, commas, currency marks, units and spaces; one
    /// the byte-level reader leaves (nil) is read by the generic reader instead.
    @Test func readsAmountsAsTheGenericReader() async {
        let piece = Gen.element(of: ["0", "7", "12", "345", "9999", ".", ",", ",000", "¥", "元", "万", "亿", " ", "-", "e"]).map { $0 ?? "" }
        await propertyCheck(count: 3_000, input: piece.array(of: 0...9)) { (pieces: [String]) in
            let text = pieces.joined()
            guard let read = Array(text.utf8).withUnsafeBufferPointer(LoanReader.amount) else { return }
            let generic = try? InputText.amount(text)
            #expect(ExactDecimal(read.value, exponent: -read.decimals).description == generic?.description, "\(text)")
        }
    }

    /// E-notation is read into fixed point with the value the generic reader reads, a positive
    /// exponent written out in whole yuan; beyond 18 digits it is left to the other routes.
    @Test(arguments: [
        ("4.09303819E+6", 409_303_819, 2), ("2.4e6", 2_400_000, 0), ("1.2E+6", 1_200_000, 0), ("5E-3", 5, 3), ("12E-1", 12, 1),
        ("0E+5", 0, 0), (" 3.5E+2\t", 350, 0), ("1E+17", 100_000_000_000_000_000, 0), ("3000000.00", 300_000_000, 2),
    ] as [(String, Int64, Int)])
    func readsEnotationAsTheGenericReader(text: String, value: Int64, decimals: Int) throws {
        let read = Array(text.utf8).withUnsafeBufferPointer(LoanReader.fixedAmount)
        #expect(read?.value == value && read?.decimals == decimals)
        #expect(ExactDecimal(value, exponent: -decimals) == (try InputText.amount(text)))
    }

    @Test(arguments: ["1E+18", "9.99E+20", "1.2E+", "E5", "1.2E+6万", "1E1000", "-1E+3", "1.2.3E4", "1E+3 4", "1e+-3"])
    func leavesTheRestToTheOtherRoutes(text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer(LoanReader.fixedAmount) == nil)
    }

    /// A date in the spellings of docs/POLICY.md §1 is read from its bytes as the generic reader
    /// reads it; anything else near them (a part too long or missing, a separator changed or
    /// added, 年 without 月) is left to the generic reader, never read as another day.
    @Test(arguments: [
        ("2023/6/30", true), ("2023/06/30", true), ("2023-6-3", true), ("2023年6月30日", true), ("2023年12月1日", true),
        ("20230630", true), ("2023/6-30", false), ("2023/6/30/1", false), ("2023//30", false), ("202/6/30", false),
        ("2023/123/1", false), ("2023/6/301", false), ("2023年6日30日", false), ("2023年6月", false), ("2023年6月30", false),
        ("2023/2/30", false), ("/6/30", false), ("2023/6/", false),
    ])
    func readsDatesAsTheGenericReader(text: String, readHere: Bool) {
        let day = Array(text.utf8).withUnsafeBufferPointer(LoanReader.day)
        #expect((day != nil) == readHere)
        if let day { #expect(day == (try? InputText.day(text))) }
    }

    /// Full-width forms and ideographic spaces are made ASCII before a value is read, as the
    /// generic reader makes them; ids are not values and are not touched.
    @Test func readsFullWidthValuesAsTheGenericReader() throws {
        func read<T>(_ text: String, _ reader: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
            Array(text.utf8).withUnsafeBufferPointer { LoanReader.narrowing($0, reader) }
        }
        let rate = try #require(read("４．５１％", LoanReader.rate))
        #expect(rate.millionths == 45_100 && rate.exponent == -4)
        #expect(read("２０２２－１０－３０", LoanReader.day) == Day(year: 2022, month: 10, day: 30))
        #expect(read("２０２２／１／３", LoanReader.day) == Day(year: 2022, month: 1, day: 3))
        let grouped = try #require(read("\u{3000}３，０００，０００．００\u{3000}", LoanReader.fixedAmount))
        #expect(grouped.value == 300_000_000 && grouped.decimals == 2)
        let scientific = try #require(read("１．２Ｅ＋６", LoanReader.fixedAmount))
        #expect(scientific.value == 1_200_000 && scientific.decimals == 0)
        #expect(try InputText.amount("１．２Ｅ＋６") == ExactDecimal(1_200_000))
        // Longer than the buffer: left to the other routes.
        #expect(read(String(repeating: "１", count: 22), LoanReader.fixedAmount) == nil)
        #expect(read("1234.5", LoanReader.fixedAmount)?.value == 12_345)
    }
}
