import DecimalModule

/// A batch row's result cells, kept compactly from when the row is computed until it is
/// written: each cell's kind and, for text and values, its length and UTF-8 bytes, in a buffer
/// that the rows of a chunk of the file share (``CellArena``).
///
/// An array of ``Batch/Cell`` per row was two to four times the size (the array's header and
/// 16 bytes a cell, most of them spare), and on the machines this runs on a fresh page of
/// memory costs more than what is written into it.
struct CellRow: Sendable {
    /// What a cell is, as ``Batch/Cell`` has it.
    enum Kind: UInt8 {
        /// ``Batch/Cell/empty``: no bytes follow.
        case empty
        /// ``Batch/Cell/text(_:)``: written with the formula guard.
        case text
        /// ``Batch/Cell/value(_:)``: written as it is.
        case value
    }

    /// The arena that holds the row's bytes.
    let arena: CellArena
    /// Where the row's cells are in the arena's bytes.
    let start: UInt32
    let end: UInt32

    /// The cells, as ``Batch/Cell`` values.
    var cells: [Batch.Cell] {
        var cells: [Batch.Cell] = []
        forEach { kind, bytes in
            switch kind {
            case .empty: cells.append(.empty)
            case .text: cells.append(.text(String(decoding: bytes, as: UTF8.self)))
            case .value: cells.append(.value(String(decoding: bytes, as: UTF8.self)))
            }
        }
        return cells
    }

    /// Calls `body` with each cell's kind and bytes (none for an empty cell), in order. The
    /// bytes are the arena's own: `body` must not add a row to the same arena, which could move
    /// them (and the arena's accesses are not checked at run time).
    func forEach(_ body: (Kind, UnsafeBufferPointer<UInt8>) -> Void) {
        arena.bytes.withUnsafeBufferPointer { bytes in
            var offset = Int(start)
            while offset < Int(end) {
                let kind = Kind(rawValue: bytes[offset])!
                offset += 1
                guard kind != .empty else {
                    body(.empty, UnsafeBufferPointer(rebasing: bytes[offset..<offset]))
                    continue
                }
                // The length, seven bits a byte, the lowest first; the high bit: more follow.
                var length = 0
                var shift = 0
                while true {
                    let byte = bytes[offset]
                    offset += 1
                    length |= Int(byte & 0x7F) << shift
                    shift += 7
                    if byte < 0x80 { break }
                }
                body(kind, UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]))
                offset += length
            }
        }
    }
}

/// The bytes of a chunk's rows' cells (``CellRow``). Written by the one thread that computes
/// the chunk's rows, and only read once they are all computed (the batch waits for every
/// chunk before it reads a row), so it is shared between threads without a lock.
final class CellArena: @unchecked Sendable {
    /// The rows' cells, one after another. Not checked for exclusive access at run time (a
    /// check at each row's every read and write cost 6% of a batch): the one writer, then
    /// readers alone, as said above.
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []

    /// An arena with room for `capacity` bytes before it grows (room not written is never
    /// touched: a generous guess costs address space only).
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Whether the arena is too full for another row's offsets to be sure to fit in 32 bits
    /// (half their range: a row's cells are far smaller than the rest): the caller starts a new
    /// one.
    var isFull: Bool { bytes.count >= 1 << 31 }

    /// A row of the cells `write` writes, in turn.
    func row(_ write: (CellWriter) throws -> Void) rethrows -> CellRow {
        let start = bytes.count
        try write(CellWriter(arena: self))
        return CellRow(arena: self, start: UInt32(start), end: UInt32(bytes.count))
    }

    fileprivate func append(_ kind: CellRow.Kind, _ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(kind.rawValue)
        var length = utf8.count
        while length >= 0x80 {
            bytes.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        bytes.append(UInt8(length))
        bytes.append(contentsOf: utf8)
    }

    fileprivate func append(_ kind: CellRow.Kind, _ text: String) {
        var text = text
        text.withUTF8 { append(kind, $0) }
    }

    fileprivate func appendEmpty() { bytes.append(CellRow.Kind.empty.rawValue) }
}

/// Writes the cells of one batch row, in turn, straight into a chunk's arena (``CellArena``):
/// what a measure that writes its own cells (``BatchRecord``) is given. An amount's digits go
/// from the value to the arena with no `String` made for them.
struct CellWriter {
    fileprivate let arena: CellArena

    /// `cell`, as it is.
    func cell(_ cell: Batch.Cell) {
        switch cell {
        case .empty: arena.appendEmpty()
        case .text(let text): arena.append(.text, text)
        case .value(let value): arena.append(.value, value)
        }
    }

    /// A text of `bytes` (UTF-8), as ``Batch/Cell/text(_:)``; empty when there are none.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.isEmpty { arena.appendEmpty() } else { arena.append(.text, bytes) }
    }

    /// An amount, as the result's JSON writes it; empty when absent.
    func amount(_ value: ExactDecimal?) {
        guard let value else { return arena.appendEmpty() }
        value.withDescriptionUTF8 { arena.append(.value, $0) }
    }

    /// An amount held as `coefficient × 10^−decimals` (decimals 0…6, which is never written with
    /// an exponent), as ``ExactDecimal/description`` writes it: `-0.05`, `1095000000`, `60833.33`.
    func amount(_ coefficient: Int64, decimals: Int) {
        precondition((0...6).contains(decimals), "CellWriter.amount: decimals out of range")
        // A sign, 19 digits, a point and the zeros before them fit in 32 bytes.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var magnitude = coefficient.magnitude
            var index = buffer.count
            func put(_ byte: UInt8) {
                index -= 1
                buffer[index] = byte
            }
            for _ in 0..<decimals {
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            }
            if decimals > 0 { put(UInt8(ascii: ".")) }
            repeat {
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            if coefficient < 0 { put(UInt8(ascii: "-")) }
            arena.append(.value, UnsafeBufferPointer(rebasing: buffer[index...]))
        }
    }

    /// A whole number; empty when absent.
    func number(_ value: Int?) {
        guard let value else { return arena.appendEmpty() }
        amount(Int64(value), decimals: 0)
    }

    /// A yes-or-no; empty when absent.
    func flag(_ value: Bool?) { cell(value.map { .value($0 ? "true" : "false") } ?? .empty) }

    /// A word of a result (a reason), as any text of a result is made a cell.
    func word<Word: RawRepresentable>(_ value: Word) where Word.RawValue == String { cell(Batch.cell(text: value.rawValue)) }
}
