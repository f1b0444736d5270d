/// Ids numbered in order of first appearance, looked up by their bytes where they are (a loan
/// file's enterprise ids in the input): no `String` is made, and the hash is not SipHash.
///
/// Open addressing, at most half full, grown by doubling. The hash mixes every eight bytes of the
/// id with a seed drawn once per process, so that a file cannot be written to make its ids
/// collide; a probe compares the stored hash first and then the bytes in full, so a collision
/// costs a probe, never a wrong number.
struct IDNumbers {
    /// For each slot (a power of two of them), the number of the id it holds, or −1.
    private var slots: [Int32]
    /// Each number's hash and where its id's bytes are (the first occurrence).
    private var hashes: [UInt64] = []
    private var spans: [Range<Int>] = []

    private static let seed = UInt64.random(in: .min ... .max)

    /// A table with room for `expected` ids before it grows.
    init(expected: Int) {
        var count = 16
        while count < expected * 2 { count *= 2 }
        slots = [Int32](repeating: -1, count: count)
        hashes.reserveCapacity(expected)
        spans.reserveCapacity(expected)
    }

    /// The number of ids.
    var count: Int { spans.count }

    /// The number of the id at `span` of `text`, and whether it was numbered now (its first
    /// occurrence).
    mutating func number(of span: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> (number: Int32, new: Bool) {
        let id = UnsafeBufferPointer(rebasing: text[span])
        let hash = IDNumbers.hash(id)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while case let number = slots[slot], number >= 0 {
            if hashes[Int(number)] == hash, UnsafeBufferPointer(rebasing: text[spans[Int(number)]]).sameBytes(as: id) {
                return (number, false)
            }
            slot = (slot + 1) & mask
        }
        let number = Int32(spans.count)
        slots[slot] = number
        hashes.append(hash)
        spans.append(span)
        if spans.count * 2 > slots.count { grow() }
        return (number, true)
    }

    /// Twice the slots, every number placed again by its hash.
    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }

    /// Every eight bytes (the last ones padded with zeros) and the count, mixed with the seed.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < raw.count {
            tail = tail << 8 | UInt64(raw[offset])
            offset += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 29)
    }
}
