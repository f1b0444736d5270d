import PolicyModule

/// A batch input file as finance teams have it — CSV in UTF-8 (with or without a byte-order
/// mark) or GB18030/GBK, JSON lines, or an .xlsx workbook — turned once into what ``Batch``
/// reads: UTF-8 CSV or JSON lines, and the rows that fail whatever their cells say.
public struct BatchInput: Sendable {
    /// The text for ``Batch``.
    public var bytes: [UInt8]
    public var format: Batch.Format
    /// Rows that fail regardless of their cells (a workbook's formula without a value), by line.
    public var cellErrors: [Int: String]
    /// What was read, when it is worth saying: `read as GB18030`, `read sheet 贷款`.
    public var notes: [String]

    /// Reads `bytes`, named `name` (its path) in messages. A workbook is recognised by its
    /// content (a ZIP archive, or the compound file of an encrypted or .xls workbook) whatever
    /// the name; JSON lines by the name's `.jsonl`/`.ndjson`; anything else is CSV in
    /// `encoding`, or the encoding found (``TextEncoding/decode(_:name:forced:)``).
    ///
    /// - Throws: ``Batch/FileError`` for a file that cannot be read as a whole.
    ///
    /// `path`, if given, is the regular file `bytes` were read from, which a workbook is then read
    /// from again rather than from a temporary copy.
    public init(
        _ bytes: consuming [UInt8], name: String, path: String? = nil, encoding: TextEncoding? = nil, sheet: String? = nil,
        limits: XLSXReader.Limits = XLSXReader.Limits()
    ) throws(Batch.FileError) {
        notes = []
        cellErrors = [:]
        if BatchInput.isWorkbook(bytes) {
            if encoding != nil { throw Batch.FileError(message: "\(name): " + Vocabulary.message("error.encoding_workbook")) }
            let read = try XLSXReader.read(bytes, name: name, path: path, sheet: sheet, limits: limits)
            self.bytes = read.csv
            format = .csv
            cellErrors = read.cellErrors
            if sheet != nil { notes.append("\(name): " + Vocabulary.message("error.read_sheet", read.name)) }
            return
        }
        if sheet != nil { throw Batch.FileError(message: "\(name): " + Vocabulary.message("error.sheet_text")) }
        let lower = name.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            self.bytes = bytes
            format = .jsonl
            return
        }
        let decoded = try TextEncoding.decode(consume bytes, name: name, forced: encoding)
        self.bytes = decoded.bytes
        format = .csv
        if decoded.encoding == .gb18030 { notes.append("\(name): " + Vocabulary.message(encoding == nil ? "error.read_gb18030_guessed" : "error.read_gb18030")) }
    }

    /// Whether `bytes` are a workbook: a ZIP archive, or an OLE compound file (an encrypted
    /// .xlsx or an .xls).
    public static func isWorkbook(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    }
}
