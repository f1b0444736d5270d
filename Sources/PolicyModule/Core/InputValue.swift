import DecimalModule
import Yams

/// A measure's input in generic form: the tree a JSON object, a YAML mapping or a CSV row
/// becomes, with field names as keys (`principal`, `drawdown_date`, `loans`). Scalars are kept
/// as text and converted only when a measure's typed input is decoded from it, so no number
/// ever passes through binary floating point.
public indirect enum InputValue: Sendable, Hashable {
    /// A scalar, as written (numbers, dates and booleans are read by the field's type).
    case text(String)
    /// A list of values.
    case list([InputValue])
    /// Named fields, in their order.
    case record(InputFields)
    /// `null`.
    case null

    /// Reads a JSON document. Amounts and rates must be strings; JSON integers are accepted
    /// (as their digits) and JSON numbers with a fraction or exponent are refused.
    ///
    /// The reader is strict: the document must be UTF-8, objects and arrays may nest at most
    /// ``maximumJSONDepth`` deep, a key may appear once per object, and strings take only
    /// JSON's escapes (`\u` with four hex digits, surrogates in pairs). Every error names the
    /// byte where reading stopped.
    ///
    /// - Complexity: O(*n*) in the length of the document.
    public init(json: [UInt8]) throws(PolicyError) {
        var reader = JSONReader(bytes: json)
        self = try reader.document()
    }

    /// How deep JSON objects and arrays may nest (the reader recurses once per level).
    public static let maximumJSONDepth = 64

    /// Reads a YAML node (scenario files, parameter files).
    public init(yaml node: Node) {
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            self = isNull ? .null : .text(scalar.string)
        case .mapping(let mapping):
            var fields = InputFields()
            for (key, value) in mapping { fields[key.string ?? ""] = InputValue(yaml: value) }
            self = .record(fields)
        case .sequence(let sequence):
            self = .list(sequence.map { InputValue(yaml: $0) })
        case .alias:
            self = .null
        }
    }

    /// The value at `path`, a dotted path of field names and list indexes (`loans.0.reason`).
    public func value(at path: String) -> InputValue? {
        var current = self
        for component in path.split(separator: ".") {
            switch current {
            case .record(let fields):
                guard let next = fields[String(component)] else { return nil }
                current = next
            case .list(let items):
                guard let index = Int(component), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// A text field read as the value of this tree, for messages.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// The fields of a record, in the order they were written (so that output follows input).
///
/// - Complexity: a lookup or an insertion is O(1) on average (a scan below 16 keys, a hash
///   index above), so reading a record of *n* keys is O(*n*); removing a key is O(*n*).
public struct InputFields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The keys, in the order they were given.
    public private(set) var keys: [String] = []
    private var values: [InputValue] = []
    /// Each key's position, kept from ``indexedCount`` keys on (below it a scan is faster and
    /// allocates nothing).
    private var positions: [String: Int] = [:]
    private static let indexedCount = 16

    /// No fields.
    public init() {}

    /// The fields of a literal, in its order.
    public init(dictionaryLiteral elements: (String, InputValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The value of `key`; setting nil removes it, setting a new key appends it.
    public subscript(key: String) -> InputValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let index = position(of: key) {
                if let newValue { values[index] = newValue } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                    reindex()
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
                if keys.count == InputFields.indexedCount {
                    reindex()
                } else if keys.count > InputFields.indexedCount {
                    positions[key] = keys.count - 1
                }
            }
        }
    }

    /// The (key, value) pairs in order.
    public func makeIterator() -> Zip2Sequence<[String], [InputValue]>.Iterator { zip(keys, values).makeIterator() }

    /// Whether the two are equal.
    public static func == (a: InputFields, b: InputFields) -> Bool { a.keys == b.keys && a.values == b.values }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(values)
    }

    private func position(of key: String) -> Int? {
        keys.count < InputFields.indexedCount ? keys.firstIndex(of: key) : positions[key]
    }

    private mutating func reindex() {
        positions = [:]
        guard keys.count >= InputFields.indexedCount else { return }
        for (index, key) in keys.enumerated() { positions[key] = index }
    }
}

/// A strict, small JSON reader into ``InputValue``: scalars stay text, numbers keep their
/// digits. (Foundation's readers turn numbers into binary floating point.)
struct JSONReader {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// How deep the value being read is nested.
    private var depth = 0

    mutating func document() throws(PolicyError) -> InputValue {
        if let invalid = UTF8Validation.firstInvalidOffset(in: bytes) {
            index = invalid
            throw error("error.json_utf8")
        }
        let value = try self.value()
        skipSpace()
        guard index == bytes.count else { throw error("error.json_trailing") }
        return value
    }

    /// The message of vocabulary key `key` at the current byte.
    private func error(_ key: String, _ arguments: String...) -> PolicyError {
        let message = arguments.isEmpty ? Vocabulary.message(key) : Vocabulary.message(key, arguments[0])
        return .invalidValue(field: nil, Vocabulary.message("error.json", message, String(index + 1)))
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func value() throws(PolicyError) -> InputValue {
        skipSpace()
        guard index < bytes.count else { throw error("error.json_end") }
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < InputValue.maximumJSONDepth else {
                throw error("error.json_depth", String(InputValue.maximumJSONDepth))
            }
            depth += 1
            defer { depth -= 1 }
            return try collection()
        case UInt8(ascii: "\""):
            return .text(try string())
        default:
            for (word, value) in [("true", InputValue.text("true")), ("false", .text("false")), ("null", .null)]
            where bytes[index...].starts(with: word.utf8) {
                index += word.utf8.count
                return value
            }
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digits = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > digits else { throw error("error.unexpected_character") }
            if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
                throw error("error.json_number")
            }
            return .text(String(decoding: bytes[start..<index], as: UTF8.self))
        }
    }

    /// The object or array whose opening byte is at `index`.
    private mutating func collection() throws(PolicyError) -> InputValue {
        if bytes[index] == UInt8(ascii: "{") {
            index += 1
            var fields = InputFields()
            try elements(closedBy: UInt8(ascii: "}")) { (reader: inout JSONReader) throws(PolicyError) in
                reader.skipSpace()
                let key = try reader.string()
                reader.skipSpace()
                guard reader.index < reader.bytes.count, reader.bytes[reader.index] == UInt8(ascii: ":") else {
                    throw reader.error("error.json_colon")
                }
                reader.index += 1
                guard fields[key] == nil else { throw reader.error("error.json_key_twice", key) }
                fields[key] = try reader.value()
            }
            return .record(fields)
        }
        index += 1
        var items: [InputValue] = []
        try elements(closedBy: UInt8(ascii: "]")) { (reader: inout JSONReader) throws(PolicyError) in
            items.append(try reader.value())
        }
        return .list(items)
    }

    /// The comma-separated elements of an object or array whose opening byte has been read, each
    /// read by `element`, through the `closer`.
    private mutating func elements(
        closedBy closer: UInt8, _ element: (inout JSONReader) throws(PolicyError) -> Void
    ) throws(PolicyError) {
        skipSpace()
        if index < bytes.count, bytes[index] == closer {
            index += 1
            return
        }
        while true {
            try element(&self)
            skipSpace()
            guard index < bytes.count else { throw error("error.json_end") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == closer else { throw error("error.json_separator", String(Character(Unicode.Scalar(closer)))) }
            index += 1
            return
        }
    }

    /// A string with its escapes decoded — JSON's only: `\" \\ \/ \b \f \n \r \t`, and `\u` with
    /// four hex digits, a surrogate only in a pair — and raw control characters refused.
    private mutating func string() throws(PolicyError) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("error.json_string") }
        index += 1
        var scalars: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error("error.json_end") }
                let escape = bytes[index]
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "u"):
                    index -= 1  // errors name the backslash
                    scalars.append(contentsOf: Array(String(Character(try unicodeEscape())).utf8))
                    continue
                default:
                    index -= 1
                    throw error("error.json_escape", String(Character(Unicode.Scalar(escape))))
                }
                index += 1
            case ..<0x20:
                throw error("error.json_control", String(format4: byte))
            default:
                scalars.append(byte)
                index += 1
            }
        }
        throw error("error.json_unterminated")
    }

    /// The scalar of a `\u` escape at `index` (the backslash), with its low surrogate if it is
    /// a high one; `index` ends after it.
    private mutating func unicodeEscape() throws(PolicyError) -> Unicode.Scalar {
        let high = try hexQuad()
        switch high {
        case 0xD800...0xDBFF:
            guard bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
                throw error("error.json_high_surrogate")
            }
            let low = try hexQuad()
            guard (0xDC00...0xDFFF).contains(low) else {
                index -= 6
                throw error("error.json_high_surrogate")
            }
            return Unicode.Scalar(0x10000 + (high - 0xD800) << 10 + (low - 0xDC00))!
        case 0xDC00...0xDFFF:
            index -= 6
            throw error("error.json_low_surrogate")
        default:
            return Unicode.Scalar(high)!
        }
    }

    /// `\u` and exactly four hex digits at `index`, as a UTF-16 code unit.
    private mutating func hexQuad() throws(PolicyError) -> UInt32 {
        var code: UInt32 = 0
        for offset in 2..<6 {
            guard index + offset < bytes.count, let digit = JSONReader.hexDigit(bytes[index + offset]) else {
                throw error("error.json_hex")
            }
            code = code << 4 | digit
        }
        index += 6
        return code
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}

extension String {
    /// A byte as four hex digits: `001f`.
    fileprivate init(format4 byte: UInt8) {
        let hex = String(byte, radix: 16)
        self = String(repeating: "0", count: 4 - hex.count) + hex
    }
}
