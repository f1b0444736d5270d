/// Exchange with fixed-point integers (amounts in fen, rates in millionths), for code that
/// stores or computes money in machine words.
extension ExactDecimal {
    /// The coefficient, when it fits in 64 bits (`60833.33` → 6083333, with ``exponent`` −2).
    @inlinable public var int64Coefficient: Int64? {
        if case .small(let value) = coefficient { return value }
        return nil
    }

    /// This value × 10^`scale` as an `Int64`, when that is a whole number that fits:
    /// `60833.33` at scale 2 is 6083333; `3.65%` (0.0365) at scale 6 is 36500; `0.005` at scale 2
    /// is nil (it would need rounding).
    ///
    /// Any `scale` may be asked for: one whose power of ten cannot fit gives nil.
    public func int64Value(scale: Int) -> Int64? {
        let (shift, shiftOverflow) = exponent.addingReportingOverflow(scale)
        guard let coefficient = int64Coefficient, !shiftOverflow, shift >= 0, let power = int64PowerOfTen(shift) else {
            return nil
        }
        let (scaled, overflow) = coefficient.multipliedReportingOverflow(by: power)
        return overflow ? nil : scaled
    }
}
