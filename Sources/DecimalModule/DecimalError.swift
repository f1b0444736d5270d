/// Why a decimal operation could not produce a value.
///
/// ``ExactDecimal`` holds finite values only: where the General Decimal Arithmetic
/// specification would return NaN or Infinity, an operation throws one of these instead.
public enum DecimalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text is not a decimal number. `offset` is the 0-based UTF-8 offset of the first
    /// character that could not be accepted (the text's length if it ended too early).
    case syntax(offset: Int, reason: String)
    /// A non-zero value divided by zero (GDA `Division_by_zero`).
    case divisionByZero
    /// Zero divided by zero (GDA `Division_undefined`).
    case divisionUndefined
    /// The integer quotient of a `dividedToIntegralValue` or `remainder` has more digits than
    /// the context precision allows (GDA `Division_impossible`).
    case divisionImpossible
    /// An operation with no meaningful result, e.g. a remainder by zero or a quantize whose
    /// result needs more digits than the precision (GDA `Invalid_operation`).
    case invalidOperation(String)
    /// A result's exponent would leave ±``ExactDecimal/maximumExponent``.
    case exponentOutOfRange
    /// A coefficient would need more than ``ExactDecimal/maximumDigits`` digits.
    case tooManyDigits

    public var description: String {
        switch self {
        case .syntax(let offset, let reason):
            return "not a decimal number: \(reason) at character \(offset + 1)"
        case .divisionByZero:
            return "division by zero"
        case .divisionUndefined:
            return "zero divided by zero is undefined"
        case .divisionImpossible:
            return "the integer quotient has more digits than the precision allows"
        case .invalidOperation(let what):
            return "invalid operation: \(what)"
        case .exponentOutOfRange:
            return "the exponent would be beyond ±\(ExactDecimal.maximumExponent)"
        case .tooManyDigits:
            return "the number would have more than \(ExactDecimal.maximumDigits) digits"
        }
    }
}
