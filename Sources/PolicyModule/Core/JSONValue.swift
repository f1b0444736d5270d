import DecimalModule

/// A JSON document that keeps the order of its keys: results are written with their fields in
/// the order docs/POLICY.md lists them (`measure` first), the same on every run.
public indirect enum JSONValue: Sendable, Equatable {
    /// A string (every amount, rate and date is one).
    case string(String)
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number (counts, days).
    case integer(Int)
    /// `null`.
    case null
    /// An array.
    case array([JSONValue])
    /// An object whose keys keep their order.
    case object([(String, JSONValue)])

    /// Whether the two are equal.
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered == b.rendered }

    /// Encodes `value` through its `Encodable` conformance, keeping the order in which it
    /// encodes its fields. Amounts are strings (their own encoding); an absent optional is
    /// left out unless the type writes `null` itself.
    public init(encoding value: some Encodable) throws {
        let root = Slot()
        try value.encode(to: TreeEncoder(slot: root, codingPath: []))
        self = root.value
    }

    /// Pretty-printed JSON, two-space indented.
    public var rendered: String { render(indent: "") }

    /// JSON on one line (for JSON lines).
    public var compact: String {
        switch self {
        case .array(let items): return "[" + items.map(\.compact).joined(separator: ",") + "]"
        case .object(let fields): return "{" + fields.map { JSONValue.quote($0) + ":" + $1.compact }.joined(separator: ",") + "}"
        default: return rendered
        }
    }

    /// The same tree as an ``InputValue`` (booleans and numbers as text), for navigating paths.
    public var inputValue: InputValue {
        switch self {
        case .string(let text): return .text(text)
        case .bool(let value): return .text(value ? "true" : "false")
        case .integer(let value): return .text(String(value))
        case .null: return .null
        case .array(let items): return .list(items.map(\.inputValue))
        case .object(let fields):
            var record = InputFields()
            for (key, value) in fields { record[key] = value.inputValue }
            return .record(record)
        }
    }

    private func render(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text): return JSONValue.quote(text)
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.render(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { inner + JSONValue.quote($0) + ": " + $1.render(indent: inner) }.joined(separator: ",\n")
                + "\n\(indent)}"
        }
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// Where an encoder writes: a value being built, shared by the containers that fill it.
private final class Slot {
    enum Content {
        case value(JSONValue)
        case object([(String, Slot)])
        case array([Slot])
    }

    var content: Content = .value(.null)

    var value: JSONValue {
        switch content {
        case .value(let value): return value
        case .object(let fields): return .object(fields.map { ($0, $1.value) })
        case .array(let items): return .array(items.map(\.value))
        }
    }
}

private struct TreeEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = slot.content {} else { slot.content = .object([]) }
        return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = slot.content {} else { slot.content = .array([]) }
        return Unkeyed(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }

    /// Encodes `value` into `slot`: the scalars this library uses directly, anything else
    /// through its own `encode(to:)`.
    static func encode(_ value: some Encodable, into slot: Slot, path: [any CodingKey]) throws {
        switch value {
        case let text as String: slot.content = .value(.string(text))
        case let flag as Bool: slot.content = .value(.bool(flag))
        case let number as Int: slot.content = .value(.integer(number))
        default: try value.encode(to: TreeEncoder(slot: slot, codingPath: path))
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let slot: Slot
        let codingPath: [any CodingKey]

        private func child(_ key: Key) -> Slot {
            let child = Slot()
            if case .object(var fields) = slot.content {
                slot.content = .value(.null)  // the only reference now: appended in place, not copied
                fields.append((key.stringValue, child))
                slot.content = .object(fields)
            }
            return child
        }

        mutating func encodeNil(forKey key: Key) throws { child(key).content = .value(.null) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try TreeEncoder.encode(value, into: child(key), path: codingPath + [key])
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        { TreeEncoder(slot: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType) }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            TreeEncoder(slot: child(key), codingPath: codingPath + [key]).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { TreeEncoder(slot: slot, codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(slot: child(key), codingPath: codingPath + [key]) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let slot: Slot
        let codingPath: [any CodingKey]
        var count: Int {
            if case .array(let items) = slot.content { return items.count }
            return 0
        }

        private func next() -> Slot {
            let child = Slot()
            if case .array(var items) = slot.content {
                slot.content = .value(.null)  // the only reference now: appended in place, not copied
                items.append(child)
                slot.content = .array(items)
            }
            return child
        }

        mutating func encodeNil() throws { next().content = .value(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws { try TreeEncoder.encode(value, into: next(), path: codingPath) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            TreeEncoder(slot: next(), codingPath: codingPath).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            TreeEncoder(slot: next(), codingPath: codingPath).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { TreeEncoder(slot: next(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { slot.content = .value(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws { try TreeEncoder.encode(value, into: slot, path: codingPath) }
    }
}
