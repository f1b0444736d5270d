/// The limit a rounded result must respect, and how to round to it.
///
/// Every operation that can produce more digits than it can keep — division, rounding,
/// quantize, the rounded forms of `+`, `−` and `×` — takes a context. A context is either
///
/// - ``precision(_:rounding:)``: at most that many significant digits (the General Decimal
///   Arithmetic context precision), or
/// - ``scale(_:rounding:)``: exactly that many digits after the decimal point, the form money
///   takes (`.scale(2, rounding: .halfUp)` rounds to the fen, 四舍五入).
///
/// ```swift
/// let third = try ExactDecimal(1).divided(by: 3, .precision(5))              // 0.33333
/// let fee = try ExactDecimal(parsing: "30416.666").rounded(.scale(2, rounding: .halfUp)) // 30416.67
/// ```
public struct DecimalContext: Hashable, Sendable {
    /// What a result is limited to.
    public enum Limit: Hashable, Sendable {
        /// At most this many significant digits (≥ 1).
        case precision(Int)
        /// This many digits after the decimal point (negative: round to tens, hundreds, …).
        case scale(Int)
    }

    /// What a result is limited to.
    public let limit: Limit
    /// How discarded digits are rounded.
    public let rounding: RoundingMode

    @inlinable init(limit: Limit, rounding: RoundingMode) {
        self.limit = limit
        self.rounding = rounding
    }

    /// At most `digits` significant digits (`digits` ≥ 1), rounded with `rounding`.
    @inlinable public static func precision(_ digits: Int, rounding: RoundingMode = .halfEven) -> DecimalContext {
        precondition(digits >= 1, "DecimalContext: precision must be at least 1, not \(digits)")
        return DecimalContext(limit: .precision(digits), rounding: rounding)
    }

    /// Exactly `digits` digits after the decimal point, rounded with `rounding`.
    @inlinable public static func scale(_ digits: Int, rounding: RoundingMode = .halfUp) -> DecimalContext {
        DecimalContext(limit: .scale(digits), rounding: rounding)
    }
}
