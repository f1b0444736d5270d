import DecimalModule

/// A typed result's batch output cells, encoded straight from the result: for each output
/// field, the cell that the field's value in `JSONValue(encoding:)` would give, without building
/// that tree. A batch row needs a few scalars of a result that also carries its parameters,
/// steps and audit; encoding only those is what makes a row of the per-record measures cheap.
///
/// A field is looked up as the batch always has: in the first element of the measure's input
/// list when it has one (a portfolio's first guarantee), else at the top of the result. Words are
/// text; numbers, amounts and yes-or-no are values; a nested record or list is an empty cell.
enum ResultCells {
    static func cells(of result: some Encodable, fields: [OutputField], list: String?) throws -> [Batch.Cell] {
        let capture = Capture(names: fields.map(\.name), list: list)
        try result.encode(to: CellEncoder(capture: capture, role: .record(.top)))
        return capture.names.indices.map { capture.element[$0] ?? capture.top[$0] ?? .empty }
    }

    /// What the encoding found, by output field: at the top of the result and in the first
    /// element of its list.
    fileprivate final class Capture {
        let names: [String]
        let list: String?
        var top: [Batch.Cell?]
        var element: [Batch.Cell?]

        init(names: [String], list: String?) {
            self.names = names
            self.list = list
            top = Array(repeating: nil, count: names.count)
            element = top
        }

        func set(_ cell: Batch.Cell, _ level: Level, _ index: Int) {
            switch level {
            case .top: top[index] = cell
            case .element: element[index] = cell
            }
        }
    }

    fileprivate enum Level { case top, element }

    /// What an encoder or container is encoding.
    fileprivate enum Role {
        /// The fields of a record at `level`.
        case record(Level)
        /// The input list: its first element is a record at `.element`.
        case list
        /// The value of output field `index` at `level`.
        case field(Level, Int)
        /// Something no output field reads.
        case ignored
    }

    fileprivate struct CellEncoder: Encoder {
        let capture: Capture
        let role: Role
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(capture: capture, role: structured()))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .list = role { return Unkeyed(capture: capture, first: true) }
            _ = structured()
            return Unkeyed(capture: capture, first: false)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }

        /// The role of a container opened here: an output field given a record or a list is
        /// an empty cell, and nothing inside it is read.
        private func structured() -> Role {
            if case .field(let level, let index) = role {
                capture.set(.empty, level, index)
                return .ignored
            }
            return role
        }

        /// Encodes `value` in this role: a scalar is its cell, anything else goes through its
        /// own `encode(to:)`.
        func encode(_ value: some Encodable) throws {
            guard case .field(let level, let index) = role else {
                if case .ignored = role { return }
                return try value.encode(to: self)
            }
            switch value {
            case let amount as ExactDecimal: capture.set(.value(amount.description), level, index)
            case let text as String: capture.set(Batch.cell(.text(text)), level, index)
            case let flag as Bool: capture.set(.value(flag ? "true" : "false"), level, index)
            case let number as any BinaryInteger: capture.set(.value("\(number)"), level, index)
            default: try value.encode(to: self)
            }
        }
    }

    fileprivate struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let capture: Capture
        let role: Role
        var codingPath: [any CodingKey] { [] }

        /// The role of the value of `key`.
        private func child(_ key: Key) -> Role {
            guard case .record(let level) = role else { return .ignored }
            let name = key.stringValue
            if level == .top, name == capture.list { return .list }
            guard let index = capture.names.firstIndex(of: name) else { return .ignored }
            return .field(level, index)
        }

        mutating func encodeNil(forKey key: Key) throws {
            if case .field(let level, let index) = child(key) { capture.set(.empty, level, index) }
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try CellEncoder(capture: capture, role: child(key)).encode(value)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        { CellEncoder(capture: capture, role: child(key)).container(keyedBy: keyType) }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            CellEncoder(capture: capture, role: child(key)).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { CellEncoder(capture: capture, role: role) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { CellEncoder(capture: capture, role: child(key)) }
    }

    /// A list's elements: the first is a record at `.element` when `first` is set; the rest
    /// are not read.
    fileprivate struct Unkeyed: UnkeyedEncodingContainer {
        let capture: Capture
        var first: Bool
        var count = 0
        var codingPath: [any CodingKey] { [] }

        private mutating func next() -> CellEncoder {
            defer {
                first = false
                count += 1
            }
            return CellEncoder(capture: capture, role: first ? .record(.element) : .ignored)
        }

        mutating func encodeNil() throws { _ = next() }
        mutating func encode<T: Encodable>(_ value: T) throws { try next().encode(value) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            next().container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { next().unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { next() }
    }

    fileprivate struct Single: SingleValueEncodingContainer {
        let encoder: CellEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws {
            if case .field(let level, let index) = encoder.role { encoder.capture.set(.empty, level, index) }
        }
        mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encode(value) }
    }
}
