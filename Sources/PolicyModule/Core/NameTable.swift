/// A map from names to values, made once and then only read, for look-ups made for every row of
/// a batch: a parameter by its id, a column of a file's header by its field name.
///
/// A `Dictionary<String, …>` hashes the whole name with SipHash at each look-up, and that was
/// a tenth of the time of a batch row that reads six cells and seven parameters. The names here
/// are few and fixed when the table is made, so a cheaper hash does: the name's length and its
/// first and last eight bytes, mixed by multiplication, into a table of open addressing at most
/// half full. A probe compares the stored hash first and then the name in full, so a collision
/// costs a probe, never a wrong value; nothing reference-counted is copied until the value found.
struct NameTable<Value: Sendable>: Sendable {
    /// For each slot (a power of two of them, at least twice the number of names), the entry
    /// it holds, or -1.
    private let slots: [Int]
    /// Each entry's hash.
    private let hashes: [Int]
    /// Each entry's name, as a range of ``nameBytes``.
    private let ranges: [Range<Int>]
    /// Each entry's value.
    private let values: [Value]
    /// The entries' names, one after another, as UTF-8.
    private let nameBytes: [UInt8]

    /// The table of `pairs`; a name given twice keeps its last value.
    init(_ pairs: some Sequence<(String, Value)>) {
        var slots = [Int](repeating: -1, count: 4)
        var hashes: [Int] = []
        var ranges: [Range<Int>] = []
        var values: [Value] = []
        var nameBytes: [UInt8] = []
        let pairs = Array(pairs)
        while slots.count < pairs.count * 2 { slots += slots.map { _ in -1 } }
        for (name, value) in pairs {
            let bytes = Array(name.utf8)
            let hash = bytes.withUnsafeBufferPointer(NameTable.hash)
            var index = hash & (slots.count - 1)
            while slots[index] >= 0, !nameBytes[ranges[slots[index]]].elementsEqual(bytes) { index = (index + 1) & (slots.count - 1) }
            if slots[index] >= 0 {
                values[slots[index]] = value
                continue
            }
            slots[index] = values.count
            hashes.append(hash)
            ranges.append(nameBytes.count..<nameBytes.count + bytes.count)
            values.append(value)
            nameBytes += bytes
        }
        (self.slots, self.hashes, self.ranges, self.values, self.nameBytes) = (slots, hashes, ranges, values, nameBytes)
    }

    /// The names, in no particular order.
    var names: [String] { ranges.map { String(decoding: nameBytes[$0], as: UTF8.self) } }

    /// The value of `name`, or nil when the table has no such name.
    subscript(name: String) -> Value? {
        var name = name
        guard let entry = name.withUTF8({ query in entry(query) }) else { return nil }
        return values[entry]
    }

    /// The entry whose name is `query`, or nil.
    private func entry(_ query: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = NameTable.hash(query)
        let mask = slots.count - 1
        var index = hash & mask
        return nameBytes.withUnsafeBufferPointer { nameBytes in
            while case let entry = slots[index], entry >= 0 {
                if hashes[entry] == hash, UnsafeBufferPointer(rebasing: nameBytes[ranges[entry]]).sameBytes(as: query) { return entry }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    /// The length and the first and last eight bytes (fewer of a shorter name), mixed.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        var first: UInt64 = 0
        var last: UInt64 = 0
        if count >= 8 {
            let raw = UnsafeRawBufferPointer(bytes)
            first = raw.loadUnaligned(as: UInt64.self)
            last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            for byte in bytes { first = first << 8 | UInt64(byte) }
        }
        var mixed = (first &* 0x9E37_79B9_7F4A_7C15) ^ (last &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        mixed ^= mixed >> 29
        mixed &*= 0xBF58_476D_1CE4_E5B9
        mixed ^= mixed >> 32
        return Int(truncatingIfNeeded: mixed)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes are `other`'s, compared eight at a time.
    func sameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        let a = UnsafeRawBufferPointer(self)
        let b = UnsafeRawBufferPointer(other)
        var offset = 0
        while offset + 8 <= a.count {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
            offset += 8
        }
        while offset < a.count {
            if a[offset] != b[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Whether these are the bytes of `word`, exactly.
    func spells(_ word: StaticString) -> Bool {
        sameBytes(as: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }
}
