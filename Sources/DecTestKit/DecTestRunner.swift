import DecimalModule

/// What happened to one test case.
public enum DecTestOutcome: Sendable, Equatable {
    case passed
    case failed(String)
    case skipped(reason: String)
}

/// Counts for one or more `.decTest` files.
public struct DecTestReport: Sendable {
    public var passed = 0
    public var failed = 0
    public var skipped = 0
    /// How many cases were skipped for each reason.
    public var skipReasons: [String: Int] = [:]
    /// One line per failed case: id, operation, operands, expected and actual.
    public var failures: [String] = []

    public init() {}

    public mutating func record(_ outcome: DecTestOutcome, of testCase: DecTestCase) {
        switch outcome {
        case .passed:
            passed += 1
        case .failed(let message):
            failed += 1
            let operands = testCase.operands.map { "'\($0)'" }.joined(separator: " ")
            failures.append("\(testCase.id) (line \(testCase.line)) \(testCase.operation) \(operands): \(message)")
        case .skipped(let reason):
            skipped += 1
            skipReasons[reason, default: 0] += 1
        }
    }

    public mutating func merge(_ other: DecTestReport) {
        passed += other.passed
        failed += other.failed
        skipped += other.skipped
        skipReasons.merge(other.skipReasons, uniquingKeysWith: +)
        failures += other.failures
    }

    /// `N passed, N failed, N skipped`.
    public var summary: String { "\(passed) passed, \(failed) failed, \(skipped) skipped" }
}

/// Runs `.decTest` cases against ``ExactDecimal``.
///
/// Skipped, with the reason counted: operands or results that are NaN, sNaN, Infinity or
/// `#`-encoded (the type holds finite values only); cases whose expected conditions include
/// Overflow, Underflow, Subnormal or Clamped (the type has no exponent limits of its own);
/// subset arithmetic (`extended: 0`); operations this runner does not cover. A case whose
/// expected conditions include Invalid_operation, Division_by_zero, Division_impossible,
/// Division_undefined or Conversion_syntax passes only if the operation throws the matching
/// ``DecimalError``.
public enum DecTestRunner {
    /// The operations covered: the GDA operations the type implements.
    public static let operations: Set<String> = [
        "add", "subtract", "multiply", "divide", "divideint", "remainder", "quantize", "compare",
        "abs", "minus", "plus", "reduce", "tosci", "toeng", "apply",
    ]

    public static func run(_ cases: [DecTestCase]) -> DecTestReport {
        var report = DecTestReport()
        for testCase in cases { report.record(outcome(of: testCase), of: testCase) }
        return report
    }

    public static func outcome(of testCase: DecTestCase) -> DecTestOutcome {
        if let reason = skipReason(testCase) { return .skipped(reason: reason) }
        let context: DecTestContext
        do {
            context = try DecTestContext(testCase.directives)
        } catch {
            return .failed("\(error)")
        }
        let expectedErrors = testCase.conditions.compactMap(errorKind(ofCondition:))
        do {
            let actual = try evaluate(testCase, in: context)
            if !expectedErrors.isEmpty {
                return .failed("expected \(testCase.conditions.sorted().joined(separator: " ")), got \(actual)")
            }
            return actual == testCase.expected ? .passed : .failed("expected \(testCase.expected), got \(actual)")
        } catch {
            if expectedErrors.contains(ErrorKind(error, in: testCase.operation)) { return .passed }
            return .failed("expected \(testCase.expected), threw \(error)")
        }
    }

    // MARK: Skipping

    static func skipReason(_ testCase: DecTestCase) -> String? {
        if testCase.directives["extended"] == "0" { return "subset arithmetic (extended: 0)" }
        if !operations.contains(testCase.operation) { return "operation \(testCase.operation) not covered" }
        let values = testCase.operands + [testCase.expected]
        if values.contains(where: { $0.contains("#") }) { return "#-encoded operand" }
        if testCase.operands.contains(where: isSpecialValue) { return "NaN or Infinity operand" }
        let limits: Set<String> = ["overflow", "underflow", "subnormal", "clamped"]
        if let condition = testCase.conditions.intersection(limits).sorted().first {
            return "\(condition) condition"
        }
        if isSpecialValue(testCase.expected), testCase.conditions.compactMap(errorKind(ofCondition:)).isEmpty {
            return "NaN or Infinity result"
        }
        return nil
    }

    /// NaN, sNaN or Infinity in the specification's syntax (case-insensitive, optional sign,
    /// NaN payload digits).
    static func isSpecialValue(_ text: String) -> Bool {
        var body = Substring(text.lowercased())
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        if body == "inf" || body == "infinity" { return true }
        for prefix in ["snan", "nan"] where body.hasPrefix(prefix) {
            return body.dropFirst(prefix.count).allSatisfy(\.isASCII) && body.dropFirst(prefix.count).allSatisfy(\.isNumber)
        }
        return false
    }

    // MARK: Evaluation

    static func evaluate(_ testCase: DecTestCase, in context: DecTestContext) throws -> String {
        let operands = try testCase.operands.map { try ExactDecimal(parsing: $0) }
        func operand(_ index: Int) throws -> ExactDecimal {
            guard index < operands.count else { throw DecTestSyntaxError(line: testCase.line, message: "missing operand") }
            return operands[index]
        }
        let rounding = context.rounding
        switch testCase.operation {
        case "add": return try operand(0).adding(operand(1), rounding).description
        case "subtract": return try operand(0).subtracting(operand(1), rounding).description
        case "multiply": return try operand(0).multiplied(by: operand(1), rounding).description
        case "divide": return try operand(0).divided(by: operand(1), rounding).description
        case "divideint": return try operand(0).dividedToIntegralValue(by: operand(1), rounding).description
        case "remainder": return try operand(0).remainder(dividingBy: operand(1), rounding).description
        case "quantize": return try context.quantize(operand(0), toExponentOf: operand(1)).description
        case "compare":
            let (a, b) = try (operand(0), operand(1))
            return a < b ? "-1" : (a == b ? "0" : "1")
        case "abs":
            let value = try operand(0)
            return try (value.isNegative ? context.minus(value) : context.plus(value)).description
        case "minus": return try context.minus(operand(0)).description
        case "plus": return try context.plus(operand(0)).description
        case "reduce": return try operand(0).rounded(rounding).reduced().description
        case "toeng": return try operand(0).rounded(rounding).engineeringDescription
        default: return try operand(0).rounded(rounding).description  // tosci, apply
        }
    }

    /// The kind of error a condition calls for.
    enum ErrorKind: Equatable {
        case syntax, divisionByZero, divisionUndefined, divisionImpossible, invalidOperation, other

        init(_ error: any Error, in operation: String) {
            switch error as? DecimalError {
            // A quantize target whose exponent is beyond the type's range cannot even be read;
            // GDA calls the same request an invalid operation (target exponent out of range).
            case .exponentOutOfRange? where operation == "quantize": self = .invalidOperation
            case .syntax?: self = .syntax
            case .divisionByZero?: self = .divisionByZero
            case .divisionUndefined?: self = .divisionUndefined
            case .divisionImpossible?: self = .divisionImpossible
            case .invalidOperation?: self = .invalidOperation
            default: self = .other
            }
        }
    }

    static func errorKind(ofCondition condition: String) -> ErrorKind? {
        switch condition {
        case "conversion_syntax": return .syntax
        case "division_by_zero": return .divisionByZero
        case "division_undefined": return .divisionUndefined
        case "division_impossible": return .divisionImpossible
        case "invalid_operation": return .invalidOperation
        default: return nil
        }
    }
}

/// The context directives of a case, as the type's ``DecimalContext`` and the exponent limits
/// that only quantize consults.
struct DecTestContext {
    var rounding: DecimalContext
    var maxExponent: Int
    var minExponent: Int
    var precision: Int

    init(_ directives: [String: String]) throws(DecTestSyntaxError) {
        guard let precision = Int(directives["precision"] ?? ""), precision >= 1 else {
            throw DecTestSyntaxError(line: 0, message: "no valid precision directive")
        }
        let modes: [String: RoundingMode] = [
            "up": .up, "down": .down, "ceiling": .ceiling, "floor": .floor, "half_up": .halfUp,
            "half_down": .halfDown, "half_even": .halfEven, "05up": .zeroFiveUp,
        ]
        guard let mode = modes[directives["rounding"] ?? ""] else {
            throw DecTestSyntaxError(line: 0, message: "unknown rounding \(directives["rounding"] ?? "(none)")")
        }
        self.precision = precision
        self.rounding = .precision(precision, rounding: mode)
        self.maxExponent = Int(directives["maxexponent"]?.replacingPlus() ?? "") ?? 999_999_999
        self.minExponent = Int(directives["minexponent"]?.replacingPlus() ?? "") ?? -999_999_999
    }

    /// GDA `minus`: 0 − x, where the zero has x's exponent.
    func minus(_ value: ExactDecimal) throws -> ExactDecimal {
        try ExactDecimal(0, exponent: value.exponent).subtracting(value, rounding)
    }

    /// GDA `plus`: 0 + x, where the zero has x's exponent.
    func plus(_ value: ExactDecimal) throws -> ExactDecimal {
        try ExactDecimal(0, exponent: value.exponent).adding(value, rounding)
    }

    /// GDA `quantize`, with the context's exponent limits the type itself does not have:
    /// a target exponent outside Etiny…Emax, or a result above Emax, is an invalid operation.
    func quantize(_ value: ExactDecimal, toExponentOf pattern: ExactDecimal) throws -> ExactDecimal {
        let tiny = minExponent - (precision - 1)
        guard (tiny...maxExponent).contains(pattern.exponent) else {
            throw DecimalError.invalidOperation("target exponent outside the context's range")
        }
        let result = try value.quantized(toExponent: pattern.exponent, rounding)
        if !result.isZero, result.adjustedExponent > maxExponent {
            throw DecimalError.invalidOperation("quantize result above the context's maximum exponent")
        }
        return result
    }
}

extension String {
    fileprivate func replacingPlus() -> String { hasPrefix("+") ? String(dropFirst()) : self }
}
