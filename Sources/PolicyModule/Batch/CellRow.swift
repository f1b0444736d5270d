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

    /// `cells` stored, as a row of this arena.
    func row(_ cells: [Batch.Cell]) -> CellRow {
        let start = bytes.count
        for cell in cells {
            switch cell {
            case .empty: bytes.append(CellRow.Kind.empty.rawValue)
            case .text(let text): append(.text, text)
            case .value(let value): append(.value, value)
            }
        }
        return CellRow(arena: self, start: UInt32(start), end: UInt32(bytes.count))
    }

    private func append(_ kind: CellRow.Kind, _ text: String) {
        bytes.append(kind.rawValue)
        var text = text
        text.withUTF8 { utf8 in
            var length = utf8.count
            while length >= 0x80 {
                bytes.append(UInt8(length & 0x7F) | 0x80)
                length >>= 7
            }
            bytes.append(UInt8(length))
            bytes.append(contentsOf: utf8)
        }
    }
}
