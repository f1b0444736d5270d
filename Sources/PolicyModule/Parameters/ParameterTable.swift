internal import Crypto
import DecimalModule
import Yams

/// Every parameter of the policy, each a list of dated values with citations.
///
/// Loaded from the bundled `parameters.yaml` (``bundled()``) and optionally laid over by a
/// user's file in the same format (``overriding(with:)``). A lookup is always by the date the
/// rule depends on, and fails — naming the parameter and the date — when no value is in
/// effect: nothing is carried past its last date.
public struct ParameterTable: Sendable {
    /// One value of a parameter and when it is in effect.
    public struct Value: Sendable, Hashable, Codable {
        /// The value as written: a decimal (`"0.02"`) or a word (`"cap"`).
        public var value: String { didSet { decimal = try? PolicyDecimal.parse(value) } }
        /// ``value`` as a decimal, read once rather than at every lookup; nil when it is a word
        /// or beyond the bounds of docs/POLICY.md §11.
        private(set) var decimal: ExactDecimal?
        /// The first day in effect.
        public var from: Day
        /// The last day in effect; nil: still in effect.
        public var to: Day?
        /// The law, announcement or convention that sets it.
        public var citation: String

        /// A value with every field given; an optional one may be left out.
        public init(value: String, from: Day, to: Day?, citation: String) {
            self.value = value
            self.decimal = try? PolicyDecimal.parse(value)
            self.from = from
            self.to = to
            self.citation = citation
        }

        enum CodingKeys: String, CodingKey { case value, from, to, citation }

        /// Reads the value with the keys of the parameters file.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                value: try container.decode(String.self, forKey: .value), from: try container.decode(Day.self, forKey: .from),
                to: try container.decodeIfPresent(Day.self, forKey: .to), citation: try container.decode(String.self, forKey: .citation))
        }

        func contains(_ day: Day) -> Bool { ParameterTable.inEffect(from: from, to: to, on: day) }
    }

    /// Each parameter's values, in date order.
    public private(set) var values: [String: [Value]] {
        didSet {
            identity = ParameterTable.sha256(of: canonicalForm)
            numbers = DatedNumbers(values)
        }
    }

    /// Whether `day` is from `from` to `to` (nil: open-ended).
    static func inEffect(from: Day, to: Day?, on day: Day) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }

    /// The numbers of ``values`` again, for the look-ups a batch makes for every row.
    private var numbers: DatedNumbers

    /// Each parameter's values as numbers and their days in effect, in one array, found by id
    /// in a ``NameTable``: a look-up copies nothing that is counted by reference. A class, so
    /// that a copy of the table (a worksheet's, for every row of a batch) counts one reference.
    private final class DatedNumbers: Sendable {
        /// A value's days in effect, and the value as a decimal and as a whole number (nil when
        /// it is not one).
        typealias Dated = (from: Day, to: Day?, decimal: ExactDecimal?, integer: Int?)
        /// Each id's values, as a range of ``dated``.
        let byID: NameTable<Range<Int>>
        /// Every parameter's values, each parameter's together in date order.
        let dated: [Dated]

        init(_ values: [String: [Value]]) {
            var ranges: [(String, Range<Int>)] = []
            var dated: [Dated] = []
            for (id, list) in values {
                ranges.append((id, dated.count..<dated.count + list.count))
                dated += list.map { ($0.from, $0.to, $0.decimal, Int($0.value)) }
            }
            byID = NameTable(ranges)
            self.dated = dated
        }

        /// The value of `id` in effect on `day`, or nil.
        func value(_ id: String, on day: Day) -> Dated? {
            guard let range = byID[id] else { return nil }
            for index in range where ParameterTable.inEffect(from: dated[index].from, to: dated[index].to, on: day) { return dated[index] }
            return nil
        }
    }

    /// Where a table's values come from.
    public enum Source: String, Codable, Hashable, Sendable {
        /// The parameters that ship with the library, unchanged.
        case bundled
        /// The bundled parameters with a user's file (`--parameters`, ``overriding(with:)``)
        /// laid over them, or a table read from a file on its own.
        case overridden
    }

    /// Whether this table is the bundled one or has values laid over it.
    public private(set) var source: Source

    /// This table's identity: the lowercase hexadecimal SHA-256 of ``canonicalForm``. Two
    /// tables with the same identity give the same result for every input.
    public private(set) var identity: String

    /// Whether this table is exactly the bundled one (``source`` is ``Source/bundled``).
    public var isBundled: Bool { source == .bundled }

    /// The audit record of results computed with this table: ``Engine/version``,
    /// ``identity`` and ``source``.
    public var audit: Audit {
        Audit(engineVersion: Engine.version, parametersSHA256: identity, parametersSource: source)
    }

    /// The parameters that ship with the library, read once from ``bundledYAML``, the text of
    /// `parameters.yaml` compiled into the library: no resource bundle or file is needed at run
    /// time, so a binary copied on its own has them.
    ///
    /// - Throws: never for the file as shipped (a test reads it); the error is declared so that
    ///   a damaged build reports instead of trapping.
    public static func bundled() throws(PolicyError) -> ParameterTable {
        try bundledTable.get()
    }

    private static let bundledTable = Result { () throws(PolicyError) -> ParameterTable in
        var table = try ParameterTable(yaml: bundledYAML, knownIDs: nil)
        table.source = .bundled
        return table
    }

    /// The ids a user's file may set: those of the bundled table.
    private static let bundledIDs = Set((try? bundled()).map { Array($0.values.keys) } ?? [])

    /// The keys of one value of a parameter.
    private static let valueKeys = ["value", "from", "to", "citation"]

    /// Reads a parameters file, to be laid over the bundled one, and checks it: every id is one
    /// of the bundled table's; each value has only the keys `value`, `from`, `to` and
    /// `citation`, is of its parameter's ``ParameterKind`` (a rate from 0 to 1, a day count, …)
    /// and does not end before it starts; no two values of a parameter overlap. YAML beyond the
    /// bounds of nesting and aliases is refused before it is expanded.
    public init(yaml text: String) throws(PolicyError) {
        try self.init(yaml: text, knownIDs: ParameterTable.bundledIDs)
    }

    /// Reads parameters from the generic form (a scenario's `parameters:` key), checked as
    /// ``init(yaml:)`` checks a file.
    public init(_ tree: InputValue) throws(PolicyError) {
        try self.init(tree, knownIDs: ParameterTable.bundledIDs)
    }

    /// `knownIDs`: the ids allowed, or nil for any (the bundled file, which defines them).
    private init(yaml text: String, knownIDs: Set<String>?) throws(PolicyError) {
        let node: Node?
        do {
            node = try YAMLDocument.compose(text)
        } catch {
            throw .invalidParameters("\(error)")
        }
        try self.init(node.map(InputValue.init(yaml:)) ?? .record([:]), knownIDs: knownIDs)
    }

    private init(_ tree: InputValue, knownIDs: Set<String>?) throws(PolicyError) {
        guard case .record(let fields) = tree else {
            throw .invalidParameters(Vocabulary.message("error.parameters_mapping"))
        }
        var values: [String: [Value]] = [:]
        for (id, list) in fields {
            if let knownIDs, !knownIDs.contains(id) {
                throw .invalidParameters(Vocabulary.message("error.not_a_parameter", id))
            }
            guard case .list(let items) = list else { throw .invalidParameters("\(id): " + Vocabulary.message("error.value_list")) }
            var entries: [Value] = []
            for (index, item) in items.enumerated() {
                if case .record(let keys) = item, let unknown = keys.keys.first(where: { !ParameterTable.valueKeys.contains($0) }) {
                    throw .invalidParameters(
                        "\(id)[\(index)]: " + Vocabulary.message("error.value_key", unknown, ParameterTable.valueKeys.joined(separator: ", ")))
                }
                let entry: Value
                do {
                    entry = try InputDecoder.decode(Value.self, from: item)
                } catch {
                    throw .invalidParameters("\(id)[\(index)]: \(error)")
                }
                if let kind = ParameterKind.table[id], !kind.accepts(entry.value) {
                    throw .invalidParameters("\(id)[\(index)]: " + Vocabulary.message("error.value_kind", entry.value, kind.description))
                }
                entries.append(entry)
            }
            values[id] = try ParameterTable.checked(entries, id: id)
        }
        self.values = values
        numbers = DatedNumbers(values)
        source = .overridden
        identity = ParameterTable.sha256(of: ParameterTable.canonicalForm(of: values))
    }

    private static func checked(_ entries: [Value], id: String) throws(PolicyError) -> [Value] {
        let sorted = entries.sorted { $0.from < $1.from }
        for entry in sorted {
            if let to = entry.to, to < entry.from {
                throw .invalidParameters("\(id): " + Vocabulary.message("error.value_ends", to.description, entry.from.description))
            }
            if entry.value.isEmpty || entry.citation.isEmpty {
                throw .invalidParameters("\(id): " + Vocabulary.message("error.value_citation"))
            }
        }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) {
            guard let end = earlier.to, end < later.from else {
                throw .invalidParameters("\(id): " + Vocabulary.message("error.values_overlap", earlier.from.description, later.from.description))
            }
        }
        return sorted
    }

    /// This table with `other` laid over it date by date: on the dates one of `other`'s values
    /// covers, that value is in effect; elsewhere this table's values stay. Parameters `other`
    /// does not name are unchanged.
    public func overriding(with other: ParameterTable) -> ParameterTable {
        var merged = self
        merged.source = .overridden
        var values = self.values
        for (id, overrides) in other.values {
            var kept: [Value] = []
            for value in values[id] ?? [] {
                var pieces = [value]
                for override in overrides { pieces = pieces.flatMap { $0.removing(override.from, override.to) } }
                kept += pieces
            }
            values[id] = (kept + overrides).sorted { $0.from < $1.from }
        }
        merged.values = values  // once: the identity and the numbers are made again at each set
        return merged
    }

    /// The days on which a value of one of `ids` begins or follows its last day, ascending: the
    /// values in effect are the same on every day between two of them.
    func changeDays(of ids: [String]) -> [Day] {
        let days = ids.flatMap { values[$0] ?? [] }.flatMap { [$0.from] + ($0.to.map { [$0.adding(days: 1)] } ?? []) }
        return Set(days).sorted()
    }

    /// The value of `id` in effect on `day`, or nil if none is.
    public func value(_ id: String, on day: Day) -> Value? {
        values[id]?.first { $0.contains(day) }
    }

    /// The decimal value of `id` in effect on `day`, read without copying the value's texts
    /// (a batch looks up several parameters a row); nil if none is in effect or it is a word.
    func decimal(_ id: String, on day: Day) -> ExactDecimal? {
        numbers.value(id, on: day)?.decimal
    }

    /// The whole-number value of `id` in effect on `day`, as ``decimal(_:on:)`` reads a
    /// decimal; nil if none is in effect or it is not written as a whole number.
    func integer(_ id: String, on day: Day) -> Int? {
        numbers.value(id, on: day)?.integer
    }

    /// The value of `id` in effect on `day`.
    ///
    /// - Throws: ``PolicyError/noParameterInEffect(id:on:)``.
    public func require(_ id: String, on day: Day) throws(PolicyError) -> Value {
        guard let value = value(id, on: day) else { throw .noParameterInEffect(id: id, on: day) }
        return value
    }

    /// The values of every parameter in effect on `day`, by id.
    public func inEffect(on day: Day) -> [(id: String, value: Value)] {
        values.keys.sorted().compactMap { id in value(id, on: day).map { (id, $0) } }
    }
}

extension ParameterTable.Value {
    /// The parts of this value's range outside `from…to` (to nil: open-ended).
    func removing(_ from: Day, _ to: Day?) -> [ParameterTable.Value] {
        var pieces: [ParameterTable.Value] = []
        if self.from < from {
            var before = self
            before.to = min(self.to ?? from.adding(days: -1), from.adding(days: -1))
            pieces.append(before)
        }
        if let to, self.to.map({ to < $0 }) ?? true {
            var after = self
            after.from = max(self.from, to.adding(days: 1))
            pieces.append(after)
        }
        return pieces
    }
}

// MARK: Identity

extension ParameterTable {
    /// The canonical form of the values in effect, from which ``identity`` is computed: UTF-8
    /// text, the same on every platform, that anyone can rebuild from `huiqi params --format
    /// json` and hash with `sha256sum`.
    ///
    /// The first line is `huiqi-parameters 1`. Then one line per value, the parameters in the
    /// order of their ids' UTF-8 bytes and each parameter's values by their first day:
    ///
    ///     id <TAB> from <TAB> to <TAB> value <TAB> citation <LF>
    ///
    /// `from` and `to` are `YYYY-MM-DD` (`to` empty when the value is still in effect); `value`
    /// and `citation` are the text as the parameters file gives it. In every field a backslash
    /// is written `\\`, a tab `\t`, a line feed `\n` and a carriage return `\r`; nothing else
    /// is changed (no Unicode normalization). Citations are included: a result's worksheet
    /// cites them, so an auditor must see the same.
    public var canonicalForm: String { ParameterTable.canonicalForm(of: values) }

    static func canonicalForm(of values: [String: [Value]]) -> String {
        func escaped(_ field: String) -> String {
            var text = ""
            for character in field.unicodeScalars {
                switch character {
                case "\\": text += "\\\\"
                case "\t": text += "\\t"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                default: text.unicodeScalars.append(character)
                }
            }
            return text
        }
        var lines = ["huiqi-parameters 1\n"]
        for id in values.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            for value in values[id] ?? [] {
                let fields = [id, value.from.description, value.to?.description ?? "", value.value, value.citation]
                lines.append(fields.map(escaped).joined(separator: "\t") + "\n")
            }
        }
        return lines.joined()
    }

    static func sha256(of text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
