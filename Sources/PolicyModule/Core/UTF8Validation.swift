/// The one check of UTF-8 that every input file goes through before it is read (JSON, JSONL,
/// CSV, repayments), so that every reader sees the same valid text and an invalid byte is
/// refused with the same message whichever reader would have met it.
public enum UTF8Validation {
    /// The offset of the first byte of `bytes` that does not start a well-formed UTF-8
    /// sequence (Unicode's definition: no overlong forms, no surrogates, nothing above
    /// U+10FFFF), or nil when all of it is UTF-8.
    ///
    /// - Complexity: O(*n*); ASCII is checked eight bytes at a time.
    public static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            let count = buffer.count
            var index = 0
            while index < count {
                while index + 8 <= count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                }
                guard index < count else { break }
                let lead = buffer[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                // The length of the sequence and the range of its second byte (Unicode table 3-7).
                let length: Int
                var second: ClosedRange<UInt8> = 0x80...0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: (length, second) = (3, 0xA0...0xBF)
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: (length, second) = (3, 0x80...0x9F)
                case 0xF0: (length, second) = (4, 0x90...0xBF)
                case 0xF1...0xF3: length = 4
                case 0xF4: (length, second) = (4, 0x80...0x8F)
                default: return index
                }
                guard index + length <= count, second.contains(buffer[index + 1]) else { return index }
                for offset in 2..<length where buffer[index + offset] & 0xC0 != 0x80 { return index }
                index += length
            }
            return nil
        }
    }

    /// The 1-based line of `offset` in `bytes` and its column in characters (Unicode scalars),
    /// as an editor shows them: a byte-order mark, which it does not show, is not counted.
    public static func location(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Characters before the offset on its line: the bytes that are not continuation bytes.
        let column = bytes[lineStart..<offset].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return (line, column)
    }

    /// The message for a file that is not UTF-8: `input: not valid UTF-8 at line 3, column 17
    /// (byte 0xFF); save the file as UTF-8`.
    public static func message(_ name: String, offset: Int, in bytes: [UInt8]) -> String {
        let (line, column) = location(of: offset, in: bytes)
        let byte = String(bytes[offset], radix: 16, uppercase: true)  // ≥ 0x80: two digits
        return "\(name): " + Vocabulary.message("error.not_utf8", String(line), String(column), byte)
    }
}
