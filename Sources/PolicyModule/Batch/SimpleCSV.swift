/// A CSV file whose quoting is simple (``Batch/quotesAreSimple(_:from:)``): every line end ends a
/// record and a quoted cell is the bytes between its quotes. Its records are read in parallel
/// chunks of whole lines, each cell a range of the file's bytes, with nothing kept per record:
/// the route of machine-written files for the loan reader and for every measure read one
/// record a row. Any other file (and a list measure's, JSON Lines, a generic reading) is read
/// by ``CSVDocument``.
struct SimpleCSV: Sendable {
    /// One chunk of the body: whole lines, the number of its first line, its line feeds.
    struct Chunk: Sendable {
        let range: Range<Int>
        let firstLine: Int
        let lineFeeds: Int
    }

    /// The names the header writes.
    let header: [String]
    /// The lines after the header, in chunks of at least 64 KB (one for a smaller body), at
    /// most 64 of them.
    let chunks: [Chunk]

    /// The header and chunks of `input`; nil when a quote is not simple, the header is quoted,
    /// or the file is empty or starts with blank lines (which the generic reader skips). A
    /// byte-order mark is skipped.
    init?(_ input: [UInt8]) {
        let headerStart = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard input.withUnsafeBufferPointer({ Batch.quotesAreSimple($0, from: headerStart) }) else {
            return nil
        }
        let headerEnd = input.firstIndex(of: UInt8(ascii: "\n")) ?? input.count
        var headerBytes = input[headerStart..<headerEnd]
        guard !headerBytes.contains(UInt8(ascii: "\"")) else { return nil }
        if headerBytes.last == UInt8(ascii: "\r") { headerBytes = headerBytes.dropLast() }
        // An empty file, or blank lines before the header (empty, or empty cells alone as a
        // spreadsheet saves a blank row): the generic reader skips them.
        guard headerBytes.contains(where: { $0 != UInt8(ascii: ",") }) else { return nil }
        // Split as bytes: split as characters, a comma followed by a combining mark (U+05AF)
        // would be one character, not a separator, and two columns would read as one.
        header = headerBytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        // Chunks of whole lines, then each chunk's first line number from the line ends before it.
        let body = min(headerEnd + 1, input.count)..<input.count
        let chunkCount = max(1, min(64, body.count / 65_536))
        var bounds = [body.lowerBound]
        for chunk in 1..<chunkCount {
            var cut = body.lowerBound + body.count * chunk / chunkCount
            while cut < body.upperBound, input[cut - 1] != UInt8(ascii: "\n") { cut += 1 }
            bounds.append(max(cut, bounds.last!))
        }
        bounds.append(body.upperBound)
        let ranges = (0..<chunkCount).map { bounds[$0]..<bounds[$0 + 1] }
        let lineFeeds = Batch.concurrentMap(chunkCount) { chunk in
            input.withUnsafeBufferPointer { SimpleCSV.lineFeeds(in: UnsafeBufferPointer(rebasing: $0[ranges[chunk]])) }
        }
        var firstLine = 2
        chunks = (0..<chunkCount).map { chunk in
            defer { firstLine += lineFeeds[chunk] }
            return Chunk(range: ranges[chunk], firstLine: firstLine, lineFeeds: lineFeeds[chunk])
        }
    }

    /// The rows `read` makes of each chunk, in order, and what it returns for each chunk with
    /// the index of the chunk's first row. Each chunk writes its rows into its own stretch of
    /// one array, with room for a row per line, and the stretches are then moved together: no
    /// row is copied.
    func rows<Row: Sendable, Extra: Sendable>(
        _ read: @Sendable (_ chunk: Chunk, _ rows: inout RowSink<Row>) -> Extra
    ) -> (rows: [Row], extras: [(firstRow: Int, extra: Extra)]) {
        var offsets = [0]
        for chunk in chunks { offsets.append(offsets.last! + chunk.lineFeeds + 1) }
        let starts = offsets
        let chunks = chunks
        var extras: [(firstRow: Int, extra: Extra)] = []
        let rows = [Row](unsafeUninitializedCapacity: offsets.last!) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress!)
            let read = Batch.concurrentMap(chunks.count) { chunk in
                var sink = RowSink(base: slots.base + starts[chunk], capacity: chunks[chunk].lineFeeds + 1)
                let extra = read(chunks[chunk], &sink)
                return (sink.count, extra)
            }
            for (chunk, (count, extra)) in read.enumerated() {
                (slots.base + initialized).moveInitialize(from: slots.base + starts[chunk], count: count)
                extras.append((initialized, extra))
                initialized += count
            }
        }
        return (rows, extras)
    }

    /// Calls `body` with each record of the whole lines in `range` of `bytes`, in order: its line
    /// number, its cells (a quoted cell without its quotes) and where its content ends (before
    /// a CRLF's CR). An empty line, or one of empty cells alone (a blank row as a spreadsheet
    /// saves it), is no record.
    static func forEachRecord(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, firstLine: Int,
        _ body: (_ line: Int, _ cells: inout [Range<Int>], _ contentEnd: Int) -> Void
    ) {
        func cell(_ range: Range<Int>) -> Range<Int> {
            range.count >= 2 && bytes[range.lowerBound] == UInt8(ascii: "\"") ? (range.lowerBound + 1)..<(range.upperBound - 1) : range
        }
        var cells: [Range<Int>] = []
        var line = firstLine
        var start = range.lowerBound
        while start < range.upperBound {
            // The line's cells and its end, in one pass over its bytes.
            cells.removeAll(keepingCapacity: true)
            var cellStart = start
            var quoted = false
            var end = start
            while end < range.upperBound {
                let byte = bytes[end]
                if byte == UInt8(ascii: "\n") { break }
                if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if byte == UInt8(ascii: ","), !quoted {
                    cells.append(cell(cellStart..<end))
                    cellStart = end + 1
                }
                end += 1
            }
            defer {
                start = end + 1
                line += 1
            }
            let contentEnd = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
            if contentEnd == start { continue }
            cells.append(cell(cellStart..<contentEnd))
            if cells.allSatisfy({ $0.isEmpty }) { continue }
            body(line, &cells, contentEnd)
        }
    }

    /// The number of line feeds in `bytes`, counted eight bytes at a time.
    static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        var count = 0
        var index = 0
        while index + 8 <= raw.count {
            count += matches(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self), of: UInt8(ascii: "\n")).nonzeroBitCount
            index += 8
        }
        return count + raw[index...].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// The first index of `byte` in `bytes` (indexed from 0: a whole buffer) from `start`, looked
    /// for eight bytes at a time (a file's quotes are few and far between), or nil.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let raw = UnsafeRawBufferPointer(bytes)
        var index = start
        while index + 8 <= raw.count {
            // The lowest bit set is the first byte's (the words are loaded little-endian).
            let found = matches(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self), of: byte)
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < raw.count {
            if raw[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The high bit of exactly each byte of `word` that is `byte`: the bytes made zero where
    /// they are `byte`, then the high bit of each zero byte (no carry from one byte to the next).
    private static func matches(_ word: UInt64, of byte: UInt8) -> UInt64 {
        let low7 = UInt64(0x7F7F_7F7F_7F7F_7F7F)
        let zeroed = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return ~(((zeroed & low7) &+ low7) | zeroed | low7)
    }
}

/// Rows written one after another into uninitialized memory with room for `capacity` of them
/// (not copyable: two copies would initialize the same slots).
struct RowSink<Row>: ~Copyable {
    let base: UnsafeMutablePointer<Row>
    let capacity: Int
    private(set) var count = 0

    init(base: UnsafeMutablePointer<Row>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    mutating func append(_ row: Row) {
        precondition(count < capacity, "more rows than lines")
        (base + count).initialize(to: row)
        count += 1
    }
}
