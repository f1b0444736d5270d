/// Bytes written at a cursor into memory with room for them: an output row's numbers, dates and
/// fields, without the capacity and uniqueness checks that appending to an array makes at every
/// byte (they were a fifth of the time of writing a loan's row). Room is checked field by
/// field, against the end of the memory.
struct ByteCursor {
    /// Where the next byte goes.
    private(set) var position: UnsafeMutablePointer<UInt8>
    /// The end of the room.
    private let end: UnsafeMutablePointer<UInt8>

    /// A cursor at the start of `buffer`, with its room.
    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        position = buffer.baseAddress!
        end = buffer.baseAddress! + buffer.count
    }

    /// Checks that `count` more bytes fit.
    private func room(_ count: Int) {
        precondition(end - position >= count, "a row longer than the room made for it")
    }

    /// One byte.
    mutating func write(_ byte: UInt8) {
        room(1)
        put(byte)
    }

    /// One byte, its room checked before.
    private mutating func put(_ byte: UInt8) {
        position.initialize(to: byte)
        position += 1
    }

    /// Bytes as they are.
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        room(bytes.count)
        guard let base = bytes.baseAddress else { return }
        position.initialize(from: base, count: bytes.count)
        position += bytes.count
    }

    /// A literal's bytes.
    mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A non-negative fixed-point number, `value` × 10^-`places`, as `ExactDecimal` prints it:
    /// 1095000000, 60833.33, 0.05.
    mutating func writeDecimal(_ value: Int64, places: Int) {
        precondition(value >= 0 && places >= 0)
        // The number of digits, by comparison (at most 19 in an Int64), not by division.
        var written = 1
        var power: Int64 = 10
        while written < 19, value >= power {
            written += 1
            power &*= 10
        }
        let digits = max(written, places + 1)
        let length = digits + (places > 0 ? 1 : 0)
        room(length)
        // Backwards from the last digit, two at a time (a division by 100 where there were two
        // by 10): the `places` digits after the point, the point, then the others.
        var cursor = position + length
        var rest = UInt64(value)
        let pairs = ByteCursor.pairs.utf8Start
        func writeDigits(_ count: Int) {
            var count = count
            while count >= 2 {
                let pair = Int(rest % 100) * 2
                rest /= 100
                cursor -= 2
                cursor.initialize(to: pairs[pair])
                (cursor + 1).initialize(to: pairs[pair + 1])
                count -= 2
            }
            if count == 1 {
                cursor -= 1
                cursor.initialize(to: UInt8(truncatingIfNeeded: 48 + rest % 10))
                rest /= 10
            }
        }
        writeDigits(places)
        if places > 0 {
            cursor -= 1
            cursor.initialize(to: UInt8(ascii: "."))
        }
        writeDigits(digits - places)
        position += length
    }

    /// The two digits of 00 to 99, one pair after another.
    private static let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// A date as `YYYY-MM-DD`.
    mutating func writeDay(_ day: Day) {
        writeDecimal(Int64(day.year), places: 0)
        writeTwoDigits(day.month)
        writeTwoDigits(day.day)
    }

    /// `-` and a number under 100 in two digits.
    private mutating func writeTwoDigits(_ part: Int) {
        room(3)
        put(UInt8(ascii: "-"))
        put(UInt8(truncatingIfNeeded: 48 + part / 10))
        put(UInt8(truncatingIfNeeded: 48 + part % 10))
    }

    /// A CSV field of `utf8`: quoted (RFC 4180) when it holds a comma, a quote or a line break,
    /// with a leading `'` when `neutralising` and a spreadsheet would run it as a formula.
    /// At most twice its bytes and three.
    mutating func writeCSV(_ utf8: UnsafeBufferPointer<UInt8>, neutralising: Bool) {
        let prefix = neutralising && ByteCursor.startsFormula(utf8.first)
        guard utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            if prefix { write(UInt8(ascii: "'")) }
            write(utf8)
            return
        }
        room(2 * utf8.count + 3)
        put(UInt8(ascii: "\""))
        if prefix { put(UInt8(ascii: "'")) }
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { put(byte) }
            put(byte)
        }
        put(UInt8(ascii: "\""))
    }

    /// Whether a text cell starting with `byte` is one a spreadsheet would run as a formula.
    private static func startsFormula(_ byte: UInt8?) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }
}

extension Array<UInt8> {
    /// Appends what `write` writes at a cursor, given room for `capacity` bytes (on the stack
    /// when small), in one copy.
    mutating func append(writingAtMost capacity: Int, _ write: (inout ByteCursor) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var cursor = ByteCursor(buffer)
            write(&cursor)
            append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress, count: cursor.position - buffer.baseAddress!))
        }
    }
}
