/// Exact addition, subtraction, multiplication and negation, and their rounded forms.
extension ExactDecimal: AdditiveArithmetic {
    /// The exact sum. Its exponent is the smaller of the two exponents (`1.5 + 1.25 = 2.75`,
    /// `1.50 + 1 = 2.50`).
    ///
    /// - Throws: ``DecimalError/tooManyDigits`` when aligning the operands would need more
    ///   than ``maximumDigits`` digits (`1E+2000000 + 1`).
    /// - Complexity: O(1) when both coefficients and the result fit in 64 bits.
    @inlinable public func adding(_ other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        if let sum = ExactDecimal.inlineSum(self, other) ?? ExactDecimal.alignedWordSum(self, other) { return sum }
        return try ExactDecimal.generalSum(self, other)
    }

    /// The exact difference; see ``adding(_:)``.
    @inlinable public func subtracting(_ other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        try adding(other.signFlipped)
    }

    /// The exact product: the coefficients multiplied, the exponents added
    /// (`1.5 × 0.02 = 0.030`).
    ///
    /// - Throws: ``DecimalError/tooManyDigits`` or ``DecimalError/exponentOutOfRange`` when the
    ///   product is beyond the limits.
    @inlinable public func multiplied(by other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        if let product = ExactDecimal.inlineProduct(self, other) { return product }
        return try ExactDecimal.generalProduct(self, other)
    }

    /// The exact sum. Traps if the result is beyond the limits; see ``adding(_:)``.
    @_transparent
    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        if let sum = inlineSum(lhs, rhs) ?? alignedWordSum(lhs, rhs) { return sum }
        return trappingOnLimit { () throws(DecimalError) in try generalSum(lhs, rhs) }
    }

    /// The exact difference. Traps if the result is beyond the limits; see ``subtracting(_:)``.
    @inlinable public static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        lhs + rhs.signFlipped
    }

    /// The exact product. Traps if the result is beyond the limits; see ``multiplied(by:)``.
    @_transparent
    public static func * (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        if let product = inlineProduct(lhs, rhs) { return product }
        return trappingOnLimit { () throws(DecimalError) in try generalProduct(lhs, rhs) }
    }

    /// Adds in place; a value held in GMP storage that no other copy shares is updated
    /// without allocating.
    @_transparent
    public static func += (lhs: inout ExactDecimal, rhs: ExactDecimal) {
        if let sum = inlineSum(lhs, rhs) {
            lhs = sum
        } else {
            lhs = consumingSum(consume lhs, rhs)
        }
    }

    /// `a + b` off the fast path, for `+=`: in place when the exponents agree, so that
    /// ``Coefficient``'s `+=` can reuse uniquely referenced GMP storage. Taking and returning
    /// the value (rather than mutating it) lets a running total stay in registers.
    @usableFromInline static func consumingSum(_ a: consuming ExactDecimal, _ b: ExactDecimal) -> ExactDecimal {
        if a.storedExponent == b.storedExponent, !a.isZero {
            a.coefficient += b.coefficient
            a.isNegativeZero = false
            return a
        }
        return a + b
    }

    /// Subtracts in place.
    @inlinable public static func -= (lhs: inout ExactDecimal, rhs: ExactDecimal) {
        lhs += rhs.signFlipped
    }

    /// The negated value, 0 − x: the sign flips, and a zero stays `+0` (GDA `minus`).
    @inlinable public static prefix func - (operand: ExactDecimal) -> ExactDecimal {
        if operand.isZero { return ExactDecimal(coefficient: operand.coefficient, exponent: operand.storedExponent) }
        return operand.signFlipped
    }

    /// The absolute value, with the same exponent (`|-1.50| = 1.50`).
    @inlinable public var magnitude: ExactDecimal {
        isNegative ? -self : self
    }

    // MARK: Rounded forms (the General Decimal Arithmetic `add`, `subtract`, `multiply`)

    /// The sum rounded to `context`, computed without ever writing out digits that the
    /// rounding cannot see: `1E+1000000000 + 1` at precision 9 is `1.00000000E+1000000000`.
    /// An exact zero sum of operands with opposite signs is `-0` under `.floor`, `+0` otherwise.
    public func adding(_ other: ExactDecimal, _ context: DecimalContext) throws(DecimalError) -> ExactDecimal {
        var sum: ExactDecimal
        if isZero != other.isZero {
            let (value, zero) = isZero ? (other, self) : (self, other)
            sum = value
            if case .precision(let digits) = context.limit, zero.exponent < value.exponent {
                // x + 0 has the zero's exponent; keep only the trailing zeros the precision shows,
                // refusing before writing them out if they are more than a coefficient may have.
                let padding = min(value.exponent - zero.exponent, max(0, digits - value.digitCount))
                guard padding <= ExactDecimal.maximumDigits - value.digitCount else { throw .tooManyDigits }
                sum = try ExactDecimal(
                    checking: value.coefficient.multipliedByPowerOfTen(padding), exponent: value.exponent - padding)
            }
        } else {
            let (large, small) = adjustedExponent >= other.adjustedExponent ? (self, other) : (other, self)
            sum = try ExactDecimal.generalSum(large, small.standIn(beside: large, roundedTo: context))
            if sum.isZero, isNegative != other.isNegative {
                sum.isNegativeZero = context.rounding == .floor
            }
        }
        return try sum.rounded(context)
    }

    /// The difference rounded to `context`; see ``adding(_:_:)``.
    public func subtracting(_ other: ExactDecimal, _ context: DecimalContext) throws(DecimalError) -> ExactDecimal {
        try adding(other.signFlipped, context)
    }

    /// The product rounded to `context`.
    public func multiplied(by other: ExactDecimal, _ context: DecimalContext) throws(DecimalError) -> ExactDecimal {
        try multiplied(by: other).rounded(context)
    }

    // MARK: Implementation

    /// The sum when both coefficients are word-sized with the same exponent and the sum fits in
    /// `Int64` — a running total of amounts at one scale. Operands of different exponents are
    /// aligned off the inlined path (``alignedWordSum(_:_:)``): inlining the alignment too
    /// slowed the interest kernel by 6% (docs/PERFORMANCE.md).
    @_transparent @usableFromInline
    static func inlineSum(_ a: ExactDecimal, _ b: ExactDecimal) -> ExactDecimal? {
        guard _fastPath(a.coefficient.isSmall), _fastPath(b.coefficient.isSmall),
            _fastPath(a.storedExponent == b.storedExponent),
            case .small(let x) = a.coefficient, case .small(let y) = b.coefficient
        else { return nil }
        let (sum, overflow) = x.addingReportingOverflow(y)
        // A zero sum, whose sign needs both operands' signs, is left to the general path.
        guard _fastPath(!overflow), _fastPath(sum != 0) else { return nil }
        return ExactDecimal(coefficient: Coefficient(sum), exponent: a.storedExponent)
    }

    @usableFromInline static func generalSum(_ a: ExactDecimal, _ b: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        let exponent = min(a.exponent, b.exponent)
        let sum = try a.coefficient(alignedTo: exponent) + b.coefficient(alignedTo: exponent)
        return try ExactDecimal(checking: sum, exponent: exponent, negative: a.isNegativeZero && b.isNegativeZero)
    }

    /// The sum of word-sized operands with different exponents, when the aligned coefficients
    /// and the sum fit in `Int64` (and the sum is not zero).
    @usableFromInline @inline(never)
    static func alignedWordSum(_ a: ExactDecimal, _ b: ExactDecimal) -> ExactDecimal? {
        guard case .small(let x) = a.coefficient, case .small(let y) = b.coefficient else { return nil }
        // Scale the operand with the larger exponent down to the smaller one.
        let (high, low) = a.storedExponent > b.storedExponent ? (x, y) : (y, x)
        let shift = Int(a.storedExponent) - Int(b.storedExponent)
        guard let power = int64PowerOfTen(Int(shift.magnitude)) else { return nil }
        let (scaled, overflow) = high.multipliedReportingOverflow(by: power)
        guard !overflow else { return nil }
        let (sum, sumOverflow) = scaled.addingReportingOverflow(low)
        guard !sumOverflow, sum != 0 else { return nil }
        return ExactDecimal(coefficient: .small(sum), exponent: min(a.storedExponent, b.storedExponent))
    }

    /// The coefficient of this value written with the smaller exponent `target`.
    @usableFromInline func coefficient(alignedTo target: Int) throws(DecimalError) -> Coefficient {
        let shift = exponent - target
        if shift == 0 || isZero { return coefficient }
        guard shift <= ExactDecimal.maximumDigits - digitCount else { throw .tooManyDigits }
        return coefficient.multipliedByPowerOfTen(shift)
    }

    /// The product when both coefficients and the result fit in `Int64`.
    @_transparent @usableFromInline
    static func inlineProduct(_ a: ExactDecimal, _ b: ExactDecimal) -> ExactDecimal? {
        guard _fastPath(a.coefficient.isSmall), _fastPath(b.coefficient.isSmall),
            case .small(let x) = a.coefficient, case .small(let y) = b.coefficient
        else { return nil }
        let (product, overflow) = x.multipliedReportingOverflow(by: y)
        let exponent = Int(a.storedExponent) + Int(b.storedExponent)
        // A zero product, whose sign needs both operands' signs, is left to the general path.
        guard _fastPath(!overflow), _fastPath(product != 0), _fastPath(ExactDecimal.isWithinExponentLimit(exponent))
        else { return nil }
        return ExactDecimal(coefficient: Coefficient(product), exponent: Int32(truncatingIfNeeded: exponent))
    }

    @usableFromInline static func generalProduct(_ a: ExactDecimal, _ b: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        guard a.isZero || b.isZero || a.digitCount + b.digitCount - 1 <= ExactDecimal.maximumDigits else {
            throw .tooManyDigits
        }
        return try ExactDecimal(
            checking: a.coefficient * b.coefficient, exponent: a.exponent + b.exponent,
            negative: a.isNegative != b.isNegative)
    }

    @usableFromInline static func trappingOnLimit(_ operation: () throws(DecimalError) -> ExactDecimal) -> ExactDecimal {
        do {
            return try operation()
        } catch {
            preconditionFailure("ExactDecimal: \(error)")
        }
    }

    /// For a rounded sum with `large` (the operand with the larger adjusted exponent): this
    /// value, or, when it lies entirely below every digit rounding to `context` can see, a
    /// one-digit stand-in of the same sign just below them. `large + standIn` then rounds
    /// exactly as `large + self` does, and the exact sum stays short however far apart the
    /// exponents are.
    func standIn(beside large: ExactDecimal, roundedTo context: DecimalContext) -> ExactDecimal {
        guard !isZero, !large.isZero else { return self }
        // A precision beyond the digit limit sees no more than the limit does (the result is
        // exact or too long either way), and a scale beyond the exponent limit fails when the
        // sum is rounded: clamped, neither can overflow here.
        let lowestVisible: Int
        switch context.limit {
        case .precision(let digits):
            lowestVisible = large.adjustedExponent - min(digits, ExactDecimal.maximumDigits + 1) - 2
        case .scale(let digits):
            lowestVisible = -min(max(digits, -ExactDecimal.maximumExponent - 1), ExactDecimal.maximumExponent + 1) - 2
        }
        let floor = min(large.exponent, lowestVisible)
        guard adjustedExponent <= floor - 2 else { return self }
        // |self| < 10^(floor − 1); the stand-in 10^(floor − 2) is too, and neither reaches a
        // digit that rounding keeps, a rounding digit, or a digit of `large`.
        return ExactDecimal(coefficient: Coefficient(isNegative ? -1 : 1), exponent: Int32(floor - 2))
    }
}
