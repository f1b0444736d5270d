/// `Numeric` and `SignedNumeric`, so that generic numeric code accepts an ``ExactDecimal``.
///
/// The multiplication these protocols require cannot throw, so, like `+` and `-`
/// (`AdditiveArithmetic`) and like `Int`'s operators on overflow, it traps on a result beyond
/// the type's limits (``maximumDigits`` digits, exponent ±``maximumExponent``) — a stop, never
/// a wrong value. Code that multiplies values it has not bounded uses
/// ``multiplied(by:)``, which throws instead.
extension ExactDecimal: SignedNumeric {
    /// The integer `source`, exactly; nil only if it has more than ``maximumDigits`` digits.
    public init?<T: BinaryInteger>(exactly source: T) {
        if let small = Int64(exactly: source) {
            self.init(small)
            return
        }
        guard let value = try? ExactDecimal(parsing: String(source)) else { return nil }
        self = value
    }

    /// Multiplies in place, exactly (traps beyond the limits, as ``*(_:_:)`` does).
    public static func *= (lhs: inout ExactDecimal, rhs: ExactDecimal) {
        lhs = lhs * rhs
    }
}

extension ExactDecimal: ExpressibleByStringLiteral {
    /// A decimal literal written as a string, exactly: `let rate: ExactDecimal = "0.0365"`.
    ///
    /// Only a literal in the source reaches this initializer (an interpolated string does not
    /// compile), so a malformed one is a programming error and stops the program, as an
    /// out-of-range integer literal does not compile. Text from outside goes through
    /// ``init(parsing:)``, which throws. There is deliberately no float literal: `0.1` as a
    /// float literal is already a binary approximation before any initializer sees it.
    ///
    /// Swift reads `ExactDecimal("0.1")` with a literal argument as this literal too (as it
    /// reads `UInt8(42)`); the failable `ExactDecimal(_:)` of `LosslessStringConvertible` is
    /// the one a `String` value reaches.
    public init(stringLiteral value: StaticString) {
        do {
            self = try ExactDecimal(parsing: value.description)
        } catch {
            preconditionFailure("ExactDecimal literal \"\(value)\": \(error)")
        }
    }
}

extension Int64 {
    /// `value` as an `Int64` when it is a whole number that fits (`60833.00` → 60833); nil
    /// when it has a fraction (`0.5`) or is beyond `Int64`'s range. The other way,
    /// `ExactDecimal(_:)` is always exact.
    public init?(exactly value: ExactDecimal) {
        guard let integer = value.reduced().int64Value(scale: 0) else { return nil }
        self = integer
    }
}
