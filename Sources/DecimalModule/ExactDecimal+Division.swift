/// Division, integer division and remainder.
extension ExactDecimal {
    /// This value divided by `divisor`, rounded to `context`.
    ///
    /// - `.scale(s)`: the quotient to exactly `s` digits after the point
    ///   (`10 / 3` at `.scale(2, rounding: .halfUp)` is `3.33`; `1 / 4` is `0.25`).
    /// - `.precision(p)`: the quotient to at most `p` significant digits. An exact quotient
    ///   takes the ideal exponent, the dividend's minus the divisor's, or the closest to it
    ///   that holds the digits (`1 / 4` is `0.25`; `1E+10 / 1` is `1E+10`; `1 / 3` at precision 5
    ///   is `0.33333`).
    ///
    /// - Throws: ``DecimalError/divisionByZero`` for x / 0, ``DecimalError/divisionUndefined``
    ///   for 0 / 0, ``DecimalError/exponentOutOfRange`` for a scale beyond ±``maximumExponent``,
    ///   and the limit errors for results beyond the limits.
    @_transparent
    public func divided(by divisor: ExactDecimal, _ context: DecimalContext) throws(DecimalError) -> ExactDecimal {
        // Wrapping: −Int.min stays out of range, which the inline path leaves to the general one.
        if case .scale(let digits) = context.limit,
            let quotient = ExactDecimal.inlineQuotient(self, divisor, atExponent: 0 &- digits, context.rounding)
        {
            return quotient
        }
        return try generalQuotient(dividingBy: divisor, context)
    }

    @usableFromInline func generalQuotient(dividingBy divisor: ExactDecimal, _ context: DecimalContext) throws(DecimalError) -> ExactDecimal {
        if divisor.isZero { throw isZero ? .divisionUndefined : .divisionByZero }
        let negative = isNegative != divisor.isNegative
        switch context.limit {
        case .scale(let digits):
            guard ExactDecimal.isWithinExponentLimit(digits) else { throw .exponentOutOfRange }
            let quotient = try ExactDecimal.quotient(self, divisor, atExponent: -digits, context.rounding)
            return try ExactDecimal(checking: quotient, exponent: -digits, negative: negative)
        case .precision(let digits):
            if isZero { return try ExactDecimal(checking: coefficient, exponent: exponent - divisor.exponent, negative: negative) }
            return try ExactDecimal.quotient(self, divisor, precision: digits, context.rounding)
        }
    }

    /// The integer part of this value divided by `divisor`, truncated toward zero
    /// (GDA `divide-integer`): `7 ÷ 2` is `3`, `-7 ÷ 2` is `-3`. The result is then rounded to
    /// `context` (a scale context gives it that many zero decimals).
    ///
    /// - Throws: ``DecimalError/divisionImpossible`` when the integer part has more digits than
    ///   a `.precision` context allows; ``DecimalError/divisionByZero`` and
    ///   ``DecimalError/divisionUndefined`` as ``divided(by:_:)``.
    public func dividedToIntegralValue(by divisor: ExactDecimal, _ context: DecimalContext) throws(DecimalError) -> ExactDecimal {
        if divisor.isZero { throw isZero ? .divisionUndefined : .divisionByZero }
        let quotient = try integerQuotient(dividingBy: divisor, digitLimit: context.integerDigitLimit)
        let negative = isNegative != divisor.isNegative
        return try ExactDecimal(coefficient: quotient, exponent: 0, negativeZero: negative).rounded(context)
    }

    /// This value minus `divisor` × the truncated integer quotient (GDA `remainder`): it has the
    /// sign of this value and the smaller of the two exponents (`7.5 rem 2` is `1.5`,
    /// `-7 rem 2` is `-1`), then is rounded to `context`.
    ///
    /// - Throws: ``DecimalError/invalidOperation(_:)`` for a remainder by zero,
    ///   ``DecimalError/divisionUndefined`` for 0 rem 0, ``DecimalError/divisionImpossible`` as
    ///   ``dividedToIntegralValue(by:_:)``.
    public func remainder(dividingBy divisor: ExactDecimal, _ context: DecimalContext) throws(DecimalError) -> ExactDecimal {
        if divisor.isZero { throw isZero ? .divisionUndefined : .invalidOperation("remainder by zero") }
        let quotient = try integerQuotient(dividingBy: divisor, digitLimit: context.integerDigitLimit)
        let exponent = min(exponent, divisor.exponent)
        let dividend = try coefficient(alignedTo: exponent)
        let remainder: Coefficient
        if quotient.isZero {
            remainder = dividend
        } else {
            remainder = try dividend - divisor.coefficient(alignedTo: exponent) * quotient
        }
        return try ExactDecimal(checking: remainder, exponent: exponent, negative: isNegative).rounded(context)
    }

    // MARK: Implementation

    /// round(a / b) at exponent `target` when the coefficients, the scaled one, and the
    /// quotient all fit in `Int64` — the money case, `x.divided(by: 360, .scale(2, …))`;
    /// nil otherwise (and for a zero divisor), leaving it to the general path.
    @_transparent @usableFromInline
    static func inlineQuotient(_ a: ExactDecimal, _ b: ExactDecimal, atExponent target: Int, _ mode: RoundingMode) -> ExactDecimal? {
        guard _fastPath(a.coefficient.isSmall), _fastPath(b.coefficient.isSmall),
            case .small(let numerator) = a.coefficient, case .small(let denominator) = b.coefficient,
            // A divisor of 0, or of Int64.min, whose magnitude 2^63 the branch-free rounding
            // cannot take, is left to the general path: one comparison for both.
            _fastPath(denominator.magnitude &- 1 < Int64.max.magnitude), _fastPath(isWithinExponentLimit(target))
        else { return nil }
        // Scale the dividend up, or the divisor (rounding digits away), by 10^|shift|: one
        // power-of-ten lookup on each side, so the sign of the shift is tested once.
        let shift = a.exponent - b.exponent - target
        let negative = (numerator ^ denominator) < 0
        // The quotient's magnitude, or 0 where this path does not apply.
        let magnitude: UInt64
        if shift >= 0 {
            magnitude = withInt64PowerOfTen(shift, otherwise: 0) { power in
                let (scaled, overflow) = numerator.multipliedReportingOverflow(by: power)
                return overflow ? 0 : mode.roundedQuotient(scaled.magnitude, denominator.magnitude, negative: negative)
            }
        } else {
            magnitude = withInt64PowerOfTen(-shift, otherwise: 0) { power in
                let (scaled, overflow) = denominator.multipliedReportingOverflow(by: power)
                return overflow ? 0 : mode.roundedQuotient(numerator.magnitude, scaled.magnitude, negative: negative)
            }
        }
        // Left to the general path, with the cases above: a zero quotient, whose sign needs both
        // operands' signs, and a magnitude of 2^63 (from Int64.min ÷ 1), which fits in Int64
        // only negated. Both fail one signed comparison.
        guard _fastPath(Int64(bitPattern: magnitude) > 0) else { return nil }
        let rounded = negative ? -Int64(magnitude) : Int64(magnitude)
        return ExactDecimal(coefficient: .small(rounded), exponent: Int32(truncatingIfNeeded: target))
    }

    /// round(a / b) as a coefficient for exponent `target`.
    @usableFromInline static func quotient(
        _ a: ExactDecimal, _ b: ExactDecimal, atExponent target: Int, _ mode: RoundingMode
    ) throws(DecimalError) -> Coefficient {
        // a / b = (ca / cb) × 10^(ea − eb), so the coefficient for 10^target is ca × 10^shift / cb.
        let shift = a.exponent - b.exponent - target
        if shift >= 0 {
            if int64PowerOfTen(shift) == nil || !a.coefficient.isSmall,
                a.digitCount + shift - b.digitCount > ExactDecimal.maximumDigits
            {
                throw .tooManyDigits
            }
            return roundedQuotient(a.coefficient.multipliedByPowerOfTen(shift), dividedBy: b.coefficient, mode)
        }
        if int64PowerOfTen(-shift) == nil, -shift > a.digitCount {
            // ca < 10^−shift / 10, so the quotient is below a tenth of a unit.
            let sign = a.coefficient.signum * b.coefficient.signum
            return roundedQuotient(Coefficient(0), sign, discarded: a.isZero ? .zero : .belowHalf, mode)
        }
        return roundedQuotient(a.coefficient, dividedBy: b.coefficient.multipliedByPowerOfTen(-shift), mode)
    }

    /// a / b (both non-zero) rounded to `precision` significant digits, with the ideal exponent
    /// when exact.
    @usableFromInline static func quotient(
        _ a: ExactDecimal, _ b: ExactDecimal, precision: Int, _ mode: RoundingMode
    ) throws(DecimalError) -> ExactDecimal {
        let digits = min(precision, ExactDecimal.maximumDigits + 1)
        let idealExponent = a.exponent - b.exponent
        // Scale the dividend so the truncated quotient has `digits` or `digits + 1` digits.
        let shift = digits + b.digitCount - a.digitCount
        let numerator = shift > 0 ? a.coefficient.multipliedByPowerOfTen(shift) : a.coefficient
        let denominator = shift < 0 ? b.coefficient.multipliedByPowerOfTen(-shift) : b.coefficient
        var (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        var discarded = DiscardedFraction(remainder, of: denominator)
        var resultExponent = idealExponent - shift
        if quotient.digitCount > digits {
            let (shorter, lastDigit) = quotient.quotientAndRemainder(dividingBy: Coefficient(10))
            discarded = DiscardedFraction(digit: lastDigit.lastDigit, sticky: discarded != .zero)
            quotient = shorter
            resultExponent += 1
        }
        let sign = a.coefficient.signum * b.coefficient.signum
        quotient = roundedQuotient(quotient, sign, discarded: discarded, mode)
        if quotient.digitCount > digits {  // rounded up to 10^digits
            quotient = quotient.quotientAndRemainder(dividingBy: Coefficient(10)).quotient
            resultExponent += 1
        }
        if discarded == .zero, resultExponent < idealExponent {  // exact: move toward the ideal exponent
            let (shorter, zeros) = quotient.removingTrailingZeros(atMost: idealExponent - resultExponent)
            quotient = shorter
            resultExponent += zeros
        }
        return try ExactDecimal(checking: quotient, exponent: resultExponent)
    }

    /// trunc(self / divisor) for a non-zero divisor, refusing quotients of more than
    /// `digitLimit` digits without computing them.
    func integerQuotient(dividingBy divisor: ExactDecimal, digitLimit: Int) throws(DecimalError) -> Coefficient {
        if isZero { return Coefficient(0) }
        // 10^(gap − 1) < |self / divisor| < 10^(gap + 1)
        let gap = adjustedExponent - divisor.adjustedExponent
        if gap < 0 { return Coefficient(0) }
        if gap > digitLimit { throw .divisionImpossible }
        let shift = exponent - divisor.exponent
        let numerator = shift > 0 ? coefficient.multipliedByPowerOfTen(shift) : coefficient
        let denominator = shift < 0 ? divisor.coefficient.multipliedByPowerOfTen(-shift) : divisor.coefficient
        let quotient = numerator.quotientAndRemainder(dividingBy: denominator).quotient
        if quotient.digitCount > digitLimit { throw .divisionImpossible }
        return quotient
    }
}

extension DecimalContext {
    /// The most digits an integer quotient may have under this context.
    var integerDigitLimit: Int {
        switch limit {
        case .precision(let digits): return min(digits, ExactDecimal.maximumDigits)
        case .scale: return ExactDecimal.maximumDigits
        }
    }
}
