import DecimalModule
import Yams

/// A measure's input in generic form: the tree a JSON object, a YAML mapping or a CSV row
/// becomes, with field names as keys (`principal`, `drawdown_date`, `loans`). Scalars are kept
/// as text and converted only when a measure's typed input is decoded from it, so no number
/// ever passes through binary floating point.
public indirect enum InputValue: Sendable, Hashable {
    case text(String)
    case list([InputValue])
    case record(InputFields)
    case null

    /// Reads a JSON document. Amounts and rates must be strings; JSON integers are accepted
    /// (as their digits) and JSON numbers with a fraction or exponent are refused.
    public init(json: [UInt8]) throws(PolicyError) {
        var reader = JSONReader(bytes: json)
        self = try reader.document()
    }

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
public struct InputFields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String] = []
    private var values: [InputValue] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, InputValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The value of `key`; setting nil removes it, setting a new key appends it.
    public subscript(key: String) -> InputValue? {
        get { keys.firstIndex(of: key).map { values[$0] } }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue { values[index] = newValue } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    public func makeIterator() -> Zip2Sequence<[String], [InputValue]>.Iterator { zip(keys, values).makeIterator() }
}

/// A strict, small JSON reader into ``InputValue``: scalars stay text, numbers keep their
/// digits. (Foundation's readers turn numbers into binary floating point.)
struct JSONReader {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func document() throws(PolicyError) -> InputValue {
        let value = try self.value()
        skipSpace()
        guard index == bytes.count else { throw error("unexpected text after the JSON value") }
        return value
    }

    private func error(_ message: String) -> PolicyError {
        .invalidValue(field: nil, "JSON: \(message) at byte \(index + 1)")
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func value() throws(PolicyError) -> InputValue {
        skipSpace()
        guard index < bytes.count else { throw error("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var fields = InputFields()
            try elements(closedBy: UInt8(ascii: "}")) { (reader: inout JSONReader) throws(PolicyError) in
                reader.skipSpace()
                let key = try reader.string()
                reader.skipSpace()
                guard reader.index < reader.bytes.count, reader.bytes[reader.index] == UInt8(ascii: ":") else {
                    throw reader.error("expected ':'")
                }
                reader.index += 1
                guard fields[key] == nil else { throw reader.error("the key \"\(key)\" appears twice") }
                fields[key] = try reader.value()
            }
            return .record(fields)
        case UInt8(ascii: "["):
            index += 1
            var items: [InputValue] = []
            try elements(closedBy: UInt8(ascii: "]")) { (reader: inout JSONReader) throws(PolicyError) in
                items.append(try reader.value())
            }
            return .list(items)
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
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > start else { throw error("unexpected character") }
            if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
                throw error("write amounts and rates as strings (\"3.65\"), not JSON numbers")
            }
            return .text(String(decoding: bytes[start..<index], as: UTF8.self))
        }
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
            guard index < bytes.count else { throw error("unexpected end") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == closer else { throw error("expected ',' or '\(Character(Unicode.Scalar(closer)))'") }
            index += 1
            return
        }
    }

    private mutating func string() throws(PolicyError) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string") }
        index += 1
        var scalars: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw error("unexpected end") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { throw error("bad \\u escape") }
                    index += 4
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: scalars.append(escape)
                }
            default:
                scalars.append(byte)
            }
        }
        throw error("unterminated string")
    }
}
