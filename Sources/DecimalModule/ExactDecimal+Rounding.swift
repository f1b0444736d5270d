/// Rounding to a precision or a scale, quantize, and reduce.
extension ExactDecimal {
    /// This value rounded to `context`.
    ///
    /// - `.precision(p)`: to at most `p` significant digits; a value that already has at most
    ///   `p` digits is returned unchanged (`1.50` stays `1.50`).
    /// - `.scale(s)`: to exactly `s` digits after the point, appending zeros if needed
    ///   (`1.5` → `1.50`, `60833.333` → `60833.33`). A negative value that rounds to zero keeps
    ///   its sign (`-0.001` → `-0.00`), as the specification's quantize does.
    ///
    /// - Throws: ``DecimalError/exponentOutOfRange`` when a scale is beyond
    ///   ±``maximumExponent`` (`.scale(Int.min)` included) or the result is beyond the limits;
    ///   ``DecimalError/tooManyDigits`` when the result would have more than ``maximumDigits``
    ///   digits.
    @inlinable public func rounded(_ context: DecimalContext) throws(DecimalError) -> ExactDecimal {
        switch context.limit {
        case .scale(let digits):
            // Wrapping: −Int.min stays out of range, and `rescaled` refuses it.
            return try rescaled(toExponent: 0 &- digits, context.rounding)
        case .precision(let digits):
            return try rounded(toPrecision: digits, context.rounding)
        }
    }

    /// This value rounded to `scale` digits after the point: `rounded(scale: 2, .halfUp)` is
    /// the money rounding 四舍五入 to the fen. The same as `rounded(.scale(scale, rounding: mode))`,
    /// with the same errors.
    @inlinable public func rounded(scale: Int, _ mode: RoundingMode) throws(DecimalError) -> ExactDecimal {
        try rescaled(toExponent: 0 &- scale, mode)
    }

    /// This value with exponent `target`, rounded with the context's rounding mode
    /// (the General Decimal Arithmetic `quantize`).
    ///
    /// - Throws: ``DecimalError/invalidOperation(_:)`` when the result would have more digits
    ///   than a `.precision` context allows, or finer digits than a `.scale` context allows;
    ///   ``DecimalError/exponentOutOfRange`` when `target` is beyond ±``maximumExponent``.
    public func quantized(toExponent target: Int, _ context: DecimalContext) throws(DecimalError) -> ExactDecimal {
        guard ExactDecimal.isWithinExponentLimit(target) else { throw .exponentOutOfRange }
        switch context.limit {
        case .precision(let digits):
            let tooLong = DecimalError.invalidOperation("quantize result would have more than \(digits) digits")
            if !isZero, adjustedExponent - target + 1 > digits { throw tooLong }
            let result = try rescaled(toExponent: target, context.rounding)
            if result.digitCount > digits { throw tooLong }
            return result
        case .scale(let digits):
            guard digits >= -target else {  // target is within the limit, so −target cannot overflow
                throw .invalidOperation("quantize exponent \(target) is finer than scale \(digits)")
            }
            return try rescaled(toExponent: target, context.rounding)
        }
    }

    /// The same value with trailing zeros of the coefficient removed (`1.500` → `1.5`,
    /// `100` → `1E+2`, any zero → `0` keeping its sign). The exponent never grows past
    /// ``maximumExponent``.
    ///
    /// - Complexity: O(*n* log *n*)-ish in the number of digits *n* (GMP removes the zeros by
    ///   dividing by squared powers of ten, not one digit at a time), so that hashing a value
    ///   with many trailing zeros is not quadratic.
    public func reduced() -> ExactDecimal {
        if isZero { return ExactDecimal(coefficient: coefficient, exponent: 0, negativeZero: isNegativeZero) }
        let (stripped, zeros) = coefficient.removingTrailingZeros(atMost: ExactDecimal.maximumExponent - exponent)
        return ExactDecimal(coefficient: stripped, exponent: Int32(exponent + zeros))
    }

    // MARK: Implementation

    /// The value at exponent `target`: digits below it rounded off, or zeros appended.
    @inlinable func rescaled(toExponent target: Int, _ mode: RoundingMode) throws(DecimalError) -> ExactDecimal {
        // Rounding to an exponent is dividing by 1 to that exponent: the same word-sized path.
        if let rounded = ExactDecimal.inlineQuotient(self, ExactDecimal(1), atExponent: target, mode) { return rounded }
        guard ExactDecimal.isWithinExponentLimit(target) else { throw .exponentOutOfRange }
        if target <= exponent {
            return try ExactDecimal(checking: coefficient(alignedTo: target), exponent: target, negative: isNegative)
        }
        let kept = ExactDecimal.roundedOff(coefficient, digits: target - exponent, mode)
        return ExactDecimal(coefficient: kept, exponent: Int32(target), negativeZero: isNegative)
    }

    @usableFromInline func rounded(toPrecision digits: Int, _ mode: RoundingMode) throws(DecimalError) -> ExactDecimal {
        let excess = digitCount - digits
        guard excess > 0 else { return self }
        var kept = ExactDecimal.roundedOff(coefficient, digits: excess, mode)
        var resultExponent = exponent + excess
        if kept.digitCount > digits {  // rounding carried into a new digit: 999.9 → 1000
            kept = kept.quotientAndRemainder(dividingBy: Coefficient(10)).quotient
            resultExponent += 1
        }
        return try ExactDecimal(checking: kept, exponent: resultExponent, negative: isNegative)
    }

    /// `coefficient` / 10^`digits`, rounded with `mode`.
    @inlinable static func roundedOff(_ coefficient: Coefficient, digits: Int, _ mode: RoundingMode) -> Coefficient {
        if int64PowerOfTen(digits) == nil, digits > coefficient.digitCount {
            // Every digit is discarded, and what is discarded is below half a unit.
            return roundedQuotient(Coefficient(0), coefficient.signum, discarded: coefficient.isZero ? .zero : .belowHalf, mode)
        }
        return roundedQuotient(coefficient, dividedBy: .powerOfTen(digits), mode)
    }

    /// `numerator` / `divisor` (non-zero) rounded to an integer with `mode`.
    @inlinable static func roundedQuotient(
        _ numerator: Coefficient, dividedBy divisor: Coefficient, _ mode: RoundingMode
    ) -> Coefficient {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: divisor)
        if remainder.isZero { return quotient }
        let sign = numerator.signum * divisor.signum
        return roundedQuotient(quotient, sign, discarded: DiscardedFraction(remainder, of: divisor), mode)
    }

    /// The truncated `quotient` moved one unit away from zero if `mode` says so; `sign` is the
    /// sign of the exact quotient.
    @inlinable static func roundedQuotient(
        _ quotient: Coefficient, _ sign: Int, discarded: DiscardedFraction, _ mode: RoundingMode
    ) -> Coefficient {
        guard mode.incrementsMagnitude(negative: sign < 0, lastKeptDigit: quotient.lastDigit, discarded: discarded)
        else { return quotient }
        return quotient + Coefficient(sign < 0 ? -1 : 1)
    }
}

extension DiscardedFraction {
    /// How `remainder` / `divisor` (|remainder| < |divisor|) compares with one half.
    @inlinable init(_ remainder: Coefficient, of divisor: Coefficient) {
        if remainder.isZero {
            self = .zero
            return
        }
        switch Coefficient.compareTwiceMagnitude(remainder, with: divisor) {
        case ..<0: self = .belowHalf
        case 0: self = .half
        default: self = .aboveHalf
        }
    }

    /// The fraction 0.`digit`… where `sticky` says whether anything non-zero follows the digit.
    @inlinable init(digit: Int, sticky: Bool) {
        switch digit {
        case 0: self = sticky ? .belowHalf : .zero
        case 1...4: self = .belowHalf
        case 5: self = sticky ? .aboveHalf : .half
        default: self = .aboveHalf
        }
    }
}
