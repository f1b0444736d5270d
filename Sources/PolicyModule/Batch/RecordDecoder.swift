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
    let column: [String: Int]

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw NotPlain() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw NotPlain() }

    /// The field `name`, or nil when it is absent (no such column, or an empty cell).
    fileprivate func field(_ name: String) -> CSVDocument.Field? {
        guard let index = column[name], index < record.count, !record.fields[index].range.isEmpty else { return nil }
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

    /// The value of `type` written plainly in `bytes`.
    static func value<T: Decodable>(_ type: T.Type, _ bytes: UnsafeBufferPointer<UInt8>) throws -> T {
        let value: Any?
        if type == ExactDecimal.self {
            value = LoanReader.narrowing(bytes, PlainValue.amount)
        } else if type == Bool.self {
            value = LoanReader.narrowing(bytes, PlainValue.flag)
        } else if type == Day.self {
            value = LoanReader.narrowing(bytes, LoanReader.day)
        } else if type == Rate.self {
            value = LoanReader.narrowing(bytes, PlainValue.rate)
        } else if type == Int.self {
            value = PlainValue.integer(bytes)
        } else if type == String.self {
            value = PlainValue.text(bytes)
        } else if let choice = type as? any InputChoice.Type {
            value = PlainValue.text(bytes).flatMap { choice.chosen(by: $0) }
        } else {
            // Another type that reads itself from text (a list `200000;200000;200000`): from
            // the cell's text, by the generic decoder.
            guard let text = PlainValue.text(bytes) else { throw NotPlain() }
            return try InputDecoder.decode(type, from: .text(text))
        }
        guard let value else { throw NotPlain() }
        return value as! T
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: RecordDecoder
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { decoder.column.keys.compactMap { Key(stringValue: $0) }.filter(contains) }

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
