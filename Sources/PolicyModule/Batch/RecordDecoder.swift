import DecimalModule

/// Decodes a measure's typed input straight from one CSV record's bytes: the batch's route for
/// rows written plainly, with no `String` or ``InputValue`` made per cell.
///
/// It reads the field types the generic ``InputDecoder`` reads, each value by ``PlainValue``
/// (full-width forms made ASCII first, as ``LoanReader`` reads them), and an absent field is an
/// empty cell or no column, as there. Anything else — a value not plainly written, a missing
/// required field, a quoted cell holding doubled quotes, a nested record or list — throws
/// ``NotPlain``, and the batch reads that row with the generic decoder instead, which gives the
/// same value or words the error. So this decoder never changes a result; it only skips work.
struct RecordDecoder: Decoder {
    /// The row is not read here; the generic decoder reads it.
    struct NotPlain: Error {}

    /// The file's bytes, which the record's fields point into.
    let bytes: UnsafeBufferPointer<UInt8>
    let record: CSVDocument.Record
    /// The column of each field name the header gives.
    let columns: FieldColumns

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw NotPlain() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw NotPlain() }

    /// The field `name`, or nil when it is absent (no such column, or an empty cell).
    fileprivate func field(_ name: String) -> CSVDocument.Field? {
        guard let index = columns.column(of: name), index < record.count, !record.fields[index].range.isEmpty else { return nil }
        return record.fields[index]
    }

    /// The bytes of field `name`, or nil when it is absent.
    func cell(_ name: String) throws -> UnsafeBufferPointer<UInt8>? {
        guard let field = field(name) else { return nil }
        if field.escaped { throw NotPlain() }
        return UnsafeBufferPointer(rebasing: bytes[field.range])
    }

    /// The value of field `name`, for a measure that reads its input itself (``BatchRecord``),
    /// as the keyed container reads it; ``NotPlain`` when it is absent.
    func value<T: Decodable>(_ name: String) throws -> T {
        guard let bytes = try cell(name) else { throw NotPlain() }
        return try RecordDecoder.value(T.self, bytes)
    }

    /// The value of field `name`, or nil when it is absent.
    func valueIfPresent<T: Decodable>(_ name: String) throws -> T? {
        guard let bytes = try cell(name) else { return nil }
        return try RecordDecoder.value(T.self, bytes)
    }

    /// The choice of field `name` (a measure's word), for a measure that reads its input
    /// itself; ``NotPlain`` when it is absent.
    func choice<T: InputChoice>(_ name: String) throws -> T {
        guard let bytes = try cell(name) else { throw NotPlain() }
        return try RecordDecoder.choice(T.self, bytes)
    }

    /// The choice of field `name`, or nil when it is absent.
    func choiceIfPresent<T: InputChoice>(_ name: String) throws -> T? {
        guard let bytes = try cell(name) else { return nil }
        return try RecordDecoder.choice(T.self, bytes)
    }

    /// The value of `type` written plainly in `bytes`. Each value is cast from its own type,
    /// not from `Any`: in a copy of this function made for one type the casts fold away.
    static func value<T: Decodable>(_ type: T.Type, _ bytes: UnsafeBufferPointer<UInt8>) throws -> T {
        if type == ExactDecimal.self {
            return try plain(LoanReader.narrowing(bytes, PlainValue.amount)) as! T
        } else if type == Bool.self {
            return try plain(LoanReader.narrowing(bytes, PlainValue.flag)) as! T
        } else if type == Day.self {
            return try plain(LoanReader.narrowing(bytes, LoanReader.day)) as! T
        } else if type == Rate.self {
            return try plain(LoanReader.narrowing(bytes, PlainValue.rate)) as! T
        } else if type == Int.self {
            return try plain(PlainValue.integer(bytes)) as! T
        } else if type == String.self {
            return try plain(PlainValue.text(bytes)) as! T
        } else if let choiceType = type as? any InputChoice.Type {
            return try RecordDecoder.choice(choiceType, bytes) as! T
        }
        // Another type that reads itself from text (a list `200000;200000;200000`): from the
        // cell's text, by the generic decoder.
        let text: String = try plain(PlainValue.text(bytes))
        return try InputDecoder.decode(type, from: .text(text))
    }

    /// The choice written in `bytes`: a word of lower-case letters, digits and `_` is its own
    /// raw value (trimming, full-width forms and case would leave it as it is); anything else
    /// is read as the generic decoder reads it.
    private static func choice<T: InputChoice>(_ type: T.Type, _ bytes: UnsafeBufferPointer<UInt8>) throws -> T {
        let plainWord = bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "_") }
        if plainWord, let choice = T(rawValue: String(decoding: bytes, as: UTF8.self)) { return choice }
        return try plain(PlainValue.text(bytes).flatMap(T.chosen))
    }

    /// `value`, or ``NotPlain`` when there is none.
    private static func plain<V>(_ value: V?) throws -> V {
        guard let value else { throw NotPlain() }
        return value
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: RecordDecoder
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { decoder.columns.table.names.compactMap { Key(stringValue: $0) }.filter(contains) }

        func contains(_ key: Key) -> Bool { decoder.field(key.stringValue) != nil }

        func decodeNil(forKey key: Key) -> Bool { decoder.field(key.stringValue) == nil }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder.value(key.stringValue) }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try decoder.valueIfPresent(key.stringValue) }
        // The types a synthesized `init(from:)` asks for by name, read as the others are (the
        // protocol's own `decodeIfPresent` of them looks the cell up three times).
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.value(key.stringValue) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.value(key.stringValue) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.value(key.stringValue) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decoder.valueIfPresent(key.stringValue) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decoder.valueIfPresent(key.stringValue) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decoder.valueIfPresent(key.stringValue) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw NotPlain()
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw NotPlain() }
        func superDecoder() throws -> any Decoder { throw NotPlain() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw NotPlain() }
    }
}

/// The columns of a file's fields, found by name. For the records of one chunk of a file, read
/// one after another, it can remember: a measure asks for the same names in the same order at
/// every record, so the name asked for in each turn is kept with its column, and when the next
/// record asks the same name in that turn (the same string, held here so that its storage is
/// not reused), the column is known without a look-up. Any other name is looked up in the table.
final class FieldColumns {
    /// The column of each field name the header gives.
    let table: NameTable<Int>
    /// Whether the names asked are remembered (records read one after another by one thread).
    private let remembering: Bool
    // Used by one thread, a chunk's: not checked for exclusive access at run time (the check
    // cost as much as the look-up it saves).
    @exclusivity(unchecked) private var asked: [(name: String, column: Int?)] = []
    @exclusivity(unchecked) private var turn = 0

    /// The columns of `table`; `remembering` the names asked from record to record, for the
    /// records of one chunk read in turn by one thread.
    init(_ table: NameTable<Int>, remembering: Bool) {
        self.table = table
        self.remembering = remembering
    }

    /// A new record: its first name asked is the first turn's.
    func startRecord() { turn = 0 }

    /// The column of field `name`, or nil when the header has none.
    func column(of name: String) -> Int? {
        guard remembering else { return table[name] }
        defer { turn += 1 }
        if turn < asked.count, asked[turn].name == name { return asked[turn].column }
        let column = table[name]
        if turn < asked.count { asked[turn] = (name, column) } else { asked.append((name, column)) }
        return column
    }
}
