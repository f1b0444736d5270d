#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyModule

/// The encodings a CSV file comes in from Excel and WPS: UTF-8 (with or without the byte-order
/// mark Excel's "CSV UTF-8" writes), or GB18030 — the superset of GBK and GB2312 that Excel and
/// WPS use for "CSV" on Chinese Windows.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030

    /// A CSV file's bytes as UTF-8 without a byte-order mark, and the encoding they were read in.
    public struct Decoded: Sendable {
        public var bytes: [UInt8]
        public var encoding: TextEncoding
    }

    /// `bytes` transcoded once to UTF-8, for the readers after it, which read UTF-8 only.
    ///
    /// Without `forced`, UTF-8 is used when the bytes are valid UTF-8 (plain ASCII is), and
    /// GB18030 when they are not but decode as GB18030 throughout; otherwise the file is refused
    /// with the position of its first byte that is not UTF-8. A leading UTF-8 byte-order mark is
    /// removed. With `forced`, that encoding alone is tried.
    ///
    /// - Throws: ``Batch/FileError`` naming the file (`name`), the line and column of the first
    ///   byte that cannot be read, and the encodings tried.
    public static func decode(_ bytes: consuming [UInt8], name: String, forced: TextEncoding? = nil) throws(Batch.FileError) -> Decoded {
        let utf8Offset = forced == .gb18030 ? 0 : UTF8Validation.firstInvalidOffset(in: bytes)
        if forced == .utf8 || (forced == nil && utf8Offset == nil) {
            if let offset = utf8Offset { throw Batch.FileError(message: UTF8Validation.message(name, offset: offset, in: bytes)) }
            // The mark removed in place: taken rather than copied, the bytes are not held twice
            // (a copy of a file of ten million loans is 660 MB more at the peak).
            var utf8 = consume bytes
            if utf8.starts(with: ExcelText.byteOrderMark) { utf8.removeFirst(ExcelText.byteOrderMark.count) }
            return Decoded(bytes: utf8, encoding: .utf8)
        }
        switch gb18030ToUTF8(bytes) {
        case .success(let utf8):
            return Decoded(bytes: utf8, encoding: .gb18030)
        case .failure(let failure):
            let offset = failure.offset
            let (line, column) = UTF8Validation.location(of: offset, in: bytes)
            let byte = String(bytes[offset], radix: 16, uppercase: true)
            if forced == .gb18030 {
                throw Batch.FileError(message: "\(name): " + Vocabulary.message("error.not_gb18030", String(line), String(column), byte))
            }
            let (utf8Line, utf8Column) = UTF8Validation.location(of: utf8Offset ?? offset, in: bytes)
            let utf8Byte = String(bytes[utf8Offset ?? offset], radix: 16, uppercase: true)
            throw Batch.FileError(
                message: "\(name): " + Vocabulary.message("error.not_utf8_nor_gb18030", String(utf8Line), String(utf8Column), utf8Byte,
                    String(line), String(column), byte))
        }
    }

    /// GB18030 to UTF-8 by the C library's `iconv`, or the offset of the first byte it cannot
    /// convert (an invalid or incomplete sequence).
    static func gb18030ToUTF8(_ bytes: [UInt8]) -> Result<[UInt8], OffsetError> {
        if bytes.isEmpty { return .success([]) }
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return .failure(OffsetError(offset: 0)) }
        defer { iconv_close(converter) }
        // A GB18030 character of 1, 2 or 4 bytes is at most 4 bytes of UTF-8.
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = bytes
        let (consumed, produced, failed) = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return (inBuffer.count - inLeft, outBuffer.count - outLeft, result == -1)
            }
        }
        if failed { return .failure(OffsetError(offset: consumed)) }
        output.removeSubrange(produced...)
        return .success(output)
    }

    struct OffsetError: Error {
        let offset: Int
    }
}

/// CSV as Excel on Chinese Windows opens it without asking: UTF-8 with a byte-order mark (else
/// it reads the bytes as GBK and shows mojibake) and CRLF line ends.
public enum ExcelText {
    /// `csv` (UTF-8, LF line ends) with a byte-order mark and every LF made CRLF (inside quoted
    /// fields too, where Excel also writes CRLF).
    public static func withByteOrderMark(_ csv: [UInt8]) -> [UInt8] {
        byteOrderMark + withCRLF(csv)
    }

    /// UTF-8's byte-order mark, which tells Excel the file is UTF-8.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `csv` with every LF line end made CRLF.
    public static func withCRLF(_ csv: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(csv.count + csv.count / 32)
        for byte in csv {
            if byte == UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\r")) }
            bytes.append(byte)
        }
        return bytes
    }
}
