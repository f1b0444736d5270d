/// A CSV document (RFC 4180) read from UTF-8 bytes: comma-separated fields, records ended by
/// CRLF or LF, fields in double quotes may hold commas, quotes (doubled) and line breaks.
///
/// Records are found in one pass over the bytes; a field is a range of them, copied only when
/// it holds doubled quotes, so reading allocates per record, not per cell.
public struct CSVDocument: Sendable {
    /// One record: where it starts, and its fields.
    public struct Record: Sendable {
        /// The 1-based line the record starts on.
        public let line: Int
        let fields: [Field]
        /// Why the record could not be read (an unterminated quote, text after a closing quote).
        public let error: String?

        /// The number of fields of the record.
        public var count: Int { fields.count }
    }

    struct Field: Sendable {
        var range: Range<Int>
        /// The field was quoted and holds doubled quotes to collapse.
        var escaped: Bool
    }

    /// The file's bytes, which records' fields point into.
    public let bytes: [UInt8]
    /// The records, the header first, each with its line number.
    public let records: [Record]

    /// Splits `bytes` into records and fields (quoted fields, doubled quotes and CRLF as RFC 4180).
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var records: [Record] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0  // a UTF-8 byte-order mark
        var line = 1
        var width = 0  // the previous record's field count, which the next is likely to have
        while index < bytes.count {
            let start = line
            var fields: [Field] = []
            fields.reserveCapacity(width)
            var error: String?
            var endOfRecord = false
            while !endOfRecord {
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                    index += 1
                    let fieldStart = index
                    var escaped = false
                    var closed = false
                    while index < bytes.count {
                        let byte = bytes[index]
                        if byte == UInt8(ascii: "\"") {
                            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                                escaped = true
                                index += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if byte == UInt8(ascii: "\n") { line += 1 }
                        index += 1
                    }
                    fields.append(Field(range: fieldStart..<index, escaped: escaped))
                    if !closed {
                        error = error ?? Vocabulary.message("error.quote_not_closed")
                    } else {
                        index += 1  // the closing quote
                    }
                    // After a closing quote: a separator, a line end, or the end.
                    if index < bytes.count, bytes[index] != UInt8(ascii: ","), !CSVDocument.lineEnds(in: bytes, at: index) {
                        error = error ?? Vocabulary.message("error.text_after_quote", String(fields.count))
                        while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "\n") { index += 1 }
                    }
                } else {
                    let fieldStart = index
                    while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "\n") { index += 1 }
                    var end = index
                    if end > fieldStart, bytes[end - 1] == UInt8(ascii: "\r"), index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                        end -= 1
                    }
                    fields.append(Field(range: fieldStart..<end, escaped: false))
                }
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\r") { index += 1 }
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                    line += 1
                    endOfRecord = true
                }
            }
            width = fields.count
            // An empty line, or one of empty fields alone (a blank row as a spreadsheet saves it).
            let blank = fields.allSatisfy({ $0.range.isEmpty }) && error == nil
            if !blank { records.append(Record(line: start, fields: fields, error: error)) }
        }
        self.records = records
    }

    /// Whether a line ends at `index` of `bytes`: an LF, or a CR before an LF or at the end. A CR
    /// alone is no line end, after a closing quote as anywhere else (both batch readers ask here).
    static func lineEnds<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, at index: Int) -> Bool where Bytes.Index == Int {
        guard index < bytes.endIndex else { return false }
        if bytes[index] == UInt8(ascii: "\n") { return true }
        return bytes[index] == UInt8(ascii: "\r") && (index + 1 == bytes.endIndex || bytes[index + 1] == UInt8(ascii: "\n"))
    }

    /// The bytes of a field, with doubled quotes collapsed.
    public func bytes(of record: Record, at index: Int) -> ArraySlice<UInt8> {
        CSVDocument.bytes(of: record, at: index, in: bytes)
    }

    /// The bytes of a field of a record read from `bytes`, with doubled quotes collapsed.
    static func bytes(of record: Record, at index: Int, in bytes: [UInt8]) -> ArraySlice<UInt8> {
        let field = record.fields[index]
        guard field.escaped else { return bytes[field.range] }
        var unescaped: [UInt8] = []
        var position = field.range.lowerBound
        while position < field.range.upperBound {
            unescaped.append(bytes[position])
            position += bytes[position] == UInt8(ascii: "\"") ? 2 : 1
        }
        return unescaped[...]
    }

    /// A field as text, or nil if it is not valid UTF-8.
    public func text(of record: Record, at index: Int) -> String? {
        String(validating: bytes(of: record, at: index), as: UTF8.self)
    }
}
