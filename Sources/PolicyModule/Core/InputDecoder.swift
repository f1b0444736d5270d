import DecimalModule

/// Decodes a measure's typed input from an ``InputValue``: text is converted to the field's
/// type (decimals within the bounds of docs/POLICY.md §11, `Rate` with or without `%`, `Day`, `Int`, `Bool`
/// from `true`/`false`/`1`/`0`), an empty text or null is an absent field, and every error
/// names the field's path (`loans[1].principal`).
struct InputDecoder: Decoder {
    let value: InputValue
    /// The path of the record or list holding the value, and the value's key in it: the
    /// path is joined only when asked for (an error, a nested container), not for every field.
    let parentPath: [any CodingKey]
    let key: (any CodingKey)?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: InputValue, in parentPath: [any CodingKey] = [], key: (any CodingKey)? = nil) {
        self.value = value
        self.parentPath = parentPath
        self.key = key
    }

    var codingPath: [any CodingKey] { key.map { parentPath + [$0] } ?? parentPath }

    static func decode<T: Decodable>(_ type: T.Type, from value: InputValue) throws(PolicyError) -> T {
        do {
            return try T(from: InputDecoder(value: value))
        } catch let error as PolicyError {
            throw error
        } catch {
            throw .invalidValue(field: nil, "\(error)")
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .record(let fields) = value else { throw mismatch("error.expected_record") }
        return KeyedDecodingContainer(Keyed<Key>(fields: fields, codingPath: codingPath))
    }

    /// A list, or one text of items separated by `;` (`200000;200000;200000`: a cell or a flag
    /// cannot hold a list otherwise, and `,` groups digits).
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch value {
        case .list(let items):
            return Unkeyed(items: items, codingPath: codingPath)
        case .text(let text):
            let items = text.split(separator: ";", omittingEmptySubsequences: false)
            return Unkeyed(items: items.map { .text($0.trimmingSpaces) }, codingPath: codingPath)
        default:
            throw mismatch("error.expected_list")
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }

    var path: String { InputDecoder.path(codingPath) }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// The value is not what the field takes: `key` is the message saying what it takes
    /// (`error.expected_list`).
    func mismatch(_ key: String) -> PolicyError {
        .invalidValue(field: path, Vocabulary.message(key))
    }

    /// The value as text, or an error naming the field.
    func text() throws(PolicyError) -> String {
        guard case .text(let text) = value else { throw mismatch("error.expected_value") }
        return text
    }

    func convert<T>(_ conversion: (String) throws(PolicyError) -> T) throws(PolicyError) -> T {
        do {
            return try conversion(text())
        } catch {
            throw error.attributed(to: path)
        }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: InputDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool {
            if case .null = decoder.value { return true }
            return decoder.value == .text("")
        }

        func decode(_ type: Bool.Type) throws -> Bool {
            try decoder.convert(InputText.bool)
        }

        func decode(_ type: String.Type) throws -> String {
            try decoder.convert { (text) throws(PolicyError) in
                guard text.utf8.count <= 200 else { throw .invalidValue(field: nil, Vocabulary.message("error.text_too_long")) }
                return text
            }
        }

        func decode(_ type: Int.Type) throws -> Int {
            try decoder.convert { (text) throws(PolicyError) in
                let digits = InputText.normalized(text)
                guard digits.utf8.count <= 18, let value = Int(digits) else {
                    throw .invalidValue(field: nil, Vocabulary.message("error.not_whole_number", String(text.prefix(40))))
                }
                return value
            }
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if type == ExactDecimal.self {
                return try decoder.convert(InputText.amount) as! T
            }
            if type == Rate.self { return try decoder.convert { (text) throws(PolicyError) in try Rate(parsing: text) } as! T }
            if type == Day.self { return try decoder.convert { (text) throws(PolicyError) in try Day(parsing: text) } as! T }
            return try T(from: decoder)
        }

        func decode(_ type: Double.Type) throws -> Double { throw decoder.mismatch("error.expected_decimal_text") }  // refuses binary floating point
        func decode(_ type: Float.Type) throws -> Float { throw decoder.mismatch("error.expected_decimal_text") }  // refuses binary floating point
        func decode(_ type: Int8.Type) throws -> Int8 { try narrow(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try narrow(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try narrow(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try narrow(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try narrow(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try narrow(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try narrow(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try narrow(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try narrow(type) }

        private func narrow<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
            guard let value = T(exactly: try decode(Int.self)) else { throw decoder.mismatch("error.expected_smaller_integer") }
            return value
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let fields: InputFields
        let codingPath: [any CodingKey]
        var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

        private func child(_ key: Key) throws -> InputDecoder {
            guard let value = fields[key.stringValue] else {
                throw PolicyError.missingField(InputDecoder.path(codingPath + [key]))
            }
            return InputDecoder(value: value, in: codingPath, key: key)
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            guard let value = fields[key.stringValue] else { return true }
            return value == .null || value == .text("")
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let decoder = try child(key)
            if try decodeNil(forKey: key) { throw PolicyError.missingField(decoder.path) }
            return try Single(decoder: decoder).decode(type)
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            if try decodeNil(forKey: key) { return nil }
            return try decode(type, forKey: key)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        { try child(key).container(keyedBy: type) }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try child(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { InputDecoder(value: .record(fields), in: codingPath) }
        func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let items: [InputValue]
        let codingPath: [any CodingKey]
        var currentIndex = 0
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        private struct Index: CodingKey {
            var intValue: Int?
            var stringValue: String { String(intValue ?? 0) }
            init(_ index: Int) { intValue = index }
            init?(stringValue: String) { nil }
            init?(intValue: Int) { self.intValue = intValue }
        }

        private mutating func next() throws -> InputDecoder {
            guard !isAtEnd else { throw PolicyError.invalidValue(field: InputDecoder.path(codingPath), Vocabulary.message("error.list_ended")) }
            defer { currentIndex += 1 }
            return InputDecoder(value: items[currentIndex], in: codingPath, key: Index(currentIndex))
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, items[currentIndex] == .null else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try Single(decoder: next()).decode(type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        { try next().container(keyedBy: type) }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> any Decoder { try next() }
    }
}

/// A text-valued choice in an input (`period_type`, `category`, `location`): decoding names
/// the field and lists the accepted values.
public protocol InputChoice: RawRepresentable, CaseIterable, Codable, Hashable, Sendable where RawValue == String {}

extension InputChoice {
    /// The choice `text` names, in any case, or nil.
    static func chosen(by text: String) -> Self? { Self(rawValue: InputText.normalized(text).lowercased()) }

    /// Reads the value from a decoder (the library's input decoder or `JSONDecoder`), with the field names of docs/POLICY.md.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self.chosen(by: text) else {
            let accepted = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw PolicyError.invalidValue(
                field: InputDecoder.path(decoder.codingPath), Vocabulary.message("error.unknown_value", String(text.prefix(40)), accepted))
        }
        self = value
    }
}

extension Substring {
    /// Without the spaces and tabs around it.
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
