import DecimalModule
import Foundation
import Yams

/// A regression case on a tax scenario (docs/POLICY.md §10): a measure, its input, optional parameter
/// overrides, and either the expected result fields or an expected error.
///
/// ```yaml
/// - name: 3M first loan, one year at 3.65%
///   measure: interest-subsidy
///   input: {loans: [{enterprise_id: E1, loan_id: L1, principal: "3000000", …}]}
///   expect:
///     total_granted: "60833.33"
///     loans.0.reason: eligible
/// ```
///
/// `expect` names result fields by dotted path (`loans.0.reason`); decimals compare by exact
/// value (`"60833.30"` matches `60833.3`), other values as text, `null` matches an empty or
/// absent field. `expect_error` asserts that the calculation fails with a message containing
/// the given text. `parameters` is laid over the bundled parameters, in the format of
/// `parameters.yaml`.
public struct Scenario: Sendable, CustomStringConvertible {
    /// The scenario's name, unique in its file.
    public var name: String
    /// The measure id, first in the JSON.
    public var measure: String
    /// The measure's input.
    public var input: InputValue
    /// Expected fields, by path, in file order.
    public var expect: [(path: String, value: InputValue)]
    /// A fragment of the error the input must give, instead of a result.
    public var expectError: String?
    /// Parameters laid over the bundled ones for this scenario.
    public var parameters: ParameterTable?
    /// Where the case starts: `file:line`.
    /// The file and line of the scenario.
    public var location: String

    /// The name and where the scenario is: `name (file.yaml:12)`.
    public var description: String { "\(name) (\(location))" }

    /// The most a scenario file may have: 16 MB.
    public static let maximumFileSize = 16 << 20

    /// Reads the cases of a scenario file, refusing one larger than ``maximumFileSize`` (or a
    /// stream that goes on past it) without reading the rest.
    public static func load(path: String) throws(PolicyError) -> [Scenario] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .invalidValue(field: nil, Vocabulary.message("error.cannot_read_scenario", path, String(cString: strerror(errno))))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw .invalidValue(field: nil, Vocabulary.message("error.cannot_read_scenario", path, error.localizedDescription))
        }
        guard data.count <= maximumFileSize else {
            throw .invalidValue(field: nil, Vocabulary.message("error.scenario_too_large", path, String(maximumFileSize >> 20)))
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Reads the cases of a scenario file's text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(PolicyError) -> [Scenario] {
        let root: Node?
        do {
            root = try YAMLDocument.compose(text)
        } catch {
            throw .invalidValue(field: nil, "\(file): \(error)")
        }
        guard let root else { return [] }
        guard case .sequence(let cases) = root else { throw .invalidValue(field: nil, "\(file): " + Vocabulary.message("error.expected_cases")) }
        return try cases.map { (node) throws(PolicyError) in try Scenario(node, file: file) }
    }

    init(_ node: Node, file: String) throws(PolicyError) {
        location = "\(file):\(node.mark?.line ?? 0)"
        guard case .record(let fields) = InputValue(yaml: node) else {
            throw .invalidValue(field: nil, "\(location): " + Vocabulary.message("error.case_mapping"))
        }
        guard let name = fields["name"]?.text, let measure = fields["measure"]?.text else {
            throw .invalidValue(field: nil, "\(location): " + Vocabulary.message("error.case_name_measure"))
        }
        self.name = name
        self.measure = measure
        input = fields["input"] ?? .record([:])
        expectError = fields["expect_error"]?.text
        parameters = try fields["parameters"].map { (tree) throws(PolicyError) in try ParameterTable(tree) }
        // Keep the file's order of expectations, for readable failure lists.
        var expectations: [(String, InputValue)] = []
        if case .mapping(let mapping)? = node["expect"] {
            for (key, value) in mapping { expectations.append((key.string ?? "", InputValue(yaml: value))) }
        }
        expect = expectations
        guard !expect.isEmpty || expectError != nil else {
            throw .invalidValue(field: nil, "\(location): " + Vocabulary.message("error.case_expect"))
        }
    }
}

/// One way a scenario did not hold.
public struct ScenarioFailure: Sendable, CustomStringConvertible {
    /// The scenario's name.
    public var scenario: String
    /// The file and line of the scenario.
    public var location: String
    /// The result field, or nil for a failure of the whole case.
    public var field: String?
    /// What the scenario expects.
    public var expected: String
    /// What the calculation gave.
    public var actual: String

    /// The failure as `huiqi test` prints it.
    public var description: String {
        "\(location): \(scenario): " + (field.map { "\($0): " } ?? "") + "expected \(expected), got \(actual)"
    }
}

extension Scenario {
    /// Runs the case against `parameters` (with the case's own overrides laid over them) and
    /// returns how it failed; empty when it holds.
    public func run(parameters base: ParameterTable) -> [ScenarioFailure] {
        func failure(_ field: String?, _ expected: String, _ actual: String) -> ScenarioFailure {
            ScenarioFailure(scenario: name, location: location, field: field, expected: expected, actual: actual)
        }
        let table = parameters.map { base.overriding(with: $0) } ?? base
        let result: InputValue
        do {
            let measure = try MeasureRegistry.measure(self.measure)
            result = try JSONValue(encoding: try measure.calculate(input, table)).inputValue
        } catch {
            guard let fragment = expectError else { return [failure(nil, "a result", "error: \(error)")] }
            let message = "\(error)"
            return message.contains(fragment) ? [] : [failure(nil, "an error containing \"\(fragment)\"", "error: \(message)")]
        }
        if let fragment = expectError {
            return [failure(nil, "an error containing \"\(fragment)\"", "a result")]
        }
        return expect.compactMap { path, expected in
            let actual = result.value(at: path)
            return Scenario.matches(expected, actual) ? nil : failure(path, expected.display, actual?.display ?? "no such field")
        }
    }

    /// Decimals by value, `null` against empty or absent, everything else as text.
    static func matches(_ expected: InputValue, _ actual: InputValue?) -> Bool {
        switch (expected, actual) {
        case (.null, nil), (.null, .null?), (.null, .text("")?):
            return true
        case (.text(let want), .text(let got)?):
            if let a = try? ExactDecimal(parsing: want), let b = try? ExactDecimal(parsing: got) { return a == b }
            return want == got
        case (.list(let want), .list(let got)?):
            return want.count == got.count && zip(want, got).allSatisfy { matches($0, $1) }
        case (.record(let want), .record(let got)?):
            return want.allSatisfy { key, value in matches(value, got[key]) }
        default:
            return false
        }
    }
}

extension InputValue {
    /// The value as a scenario message shows it.
    var display: String {
        switch self {
        case .text(let text): return text
        case .null: return "null"
        case .list(let items): return "[" + items.map(\.display).joined(separator: ", ") + "]"
        case .record(let fields): return "{" + fields.map { "\($0): \($1.display)" }.joined(separator: ", ") + "}"
        }
    }
}
