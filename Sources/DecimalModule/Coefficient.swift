/// The signed integer coefficient of an ``ExactDecimal``.
///
/// A value that fits in `Int64` is held inline in ``small`` and never touches the heap;
/// a value that does not is held in a ``GMPInteger`` in ``big``. Every operation returns the
/// inline form whenever its result fits (the design of Java's `BigDecimal.intCompact`), so
/// `big` is non-nil only for values outside `Int64`'s range.
///
/// Each operation has an `@inlinable` word-sized fast path that checks for overflow and calls
/// an out-of-line GMP path only when the fast path cannot hold the result.
@usableFromInline
struct Coefficient: Sendable {
    /// The value, when ``big`` is nil.
    @usableFromInline var small: Int64
    /// The value, when it does not fit in `Int64`.
    @usableFromInline var big: GMPInteger?

    @inlinable init(_ value: Int64) {
        small = value
        big = nil
    }

    @usableFromInline init(normalizing value: GMPInteger) {
        if let fitting = value.int64Value {
            self = Coefficient(fitting)
        } else {
            small = 0
            big = value
        }
    }

    /// The value as a GMP integer (allocates for an inline value).
    @usableFromInline var gmp: GMPInteger { big ?? GMPInteger(small) }

    @inlinable var isZero: Bool { big == nil && small == 0 }

    /// -1, 0 or 1.
    @inlinable var signum: Int {
        if let big { return big.signum }
        return Int(small.signum())
    }

    // MARK: Arithmetic

    @inlinable static func + (a: Coefficient, b: Coefficient) -> Coefficient {
        if a.big == nil, b.big == nil {
            let (sum, overflow) = a.small.addingReportingOverflow(b.small)
            if !overflow { return Coefficient(sum) }
        }
        return bigSum(a, b)
    }

    @usableFromInline static func bigSum(_ a: Coefficient, _ b: Coefficient) -> Coefficient {
        Coefficient(normalizing: .sum(a.gmp, b.gmp))
    }

    @inlinable static func - (a: Coefficient, b: Coefficient) -> Coefficient {
        if a.big == nil, b.big == nil {
            let (difference, overflow) = a.small.subtractingReportingOverflow(b.small)
            if !overflow { return Coefficient(difference) }
        }
        return bigDifference(a, b)
    }

    @usableFromInline static func bigDifference(_ a: Coefficient, _ b: Coefficient) -> Coefficient {
        Coefficient(normalizing: .difference(a.gmp, b.gmp))
    }

    @inlinable static func * (a: Coefficient, b: Coefficient) -> Coefficient {
        if a.big == nil, b.big == nil {
            let (product, overflow) = a.small.multipliedReportingOverflow(by: b.small)
            if !overflow { return Coefficient(product) }
        }
        return bigProduct(a, b)
    }

    @usableFromInline static func bigProduct(_ a: Coefficient, _ b: Coefficient) -> Coefficient {
        Coefficient(normalizing: .product(a.gmp, b.gmp))
    }

    /// Adds in place; reuses the GMP storage when this value is its only owner (copy on write).
    @inlinable static func += (a: inout Coefficient, b: Coefficient) {
        if a.big == nil, b.big == nil {
            let (sum, overflow) = a.small.addingReportingOverflow(b.small)
            if !overflow {
                a.small = sum
                return
            }
        }
        a.addInPlace(b)
    }

    @usableFromInline mutating func addInPlace(_ other: Coefficient) {
        if big != nil, isKnownUniquelyReferenced(&big) {
            big!.formSum(with: other.gmp)
            if let fitting = big!.int64Value { self = Coefficient(fitting) }
        } else {
            self = Coefficient.bigSum(self, other)
        }
    }

    @inlinable var negated: Coefficient {
        if big == nil, small != .min { return Coefficient(-small) }
        return Coefficient(normalizing: gmp.negated())
    }

    @inlinable var magnitude: Coefficient {
        signum < 0 ? negated : self
    }

    /// self × 10^exponent, for exponent ≥ 0.
    @inlinable func multipliedByPowerOfTen(_ exponent: Int) -> Coefficient {
        if exponent == 0 { return self }
        return self * Coefficient.powerOfTen(exponent)
    }

    /// 10^exponent, for exponent ≥ 0.
    @inlinable static func powerOfTen(_ exponent: Int) -> Coefficient {
        if exponent < int64PowersOfTen.count { return Coefficient(int64PowersOfTen[exponent]) }
        return Coefficient(normalizing: .powerOfTen(exponent))
    }

    /// The quotient truncated toward zero, and the remainder (which has the sign of self).
    /// The divisor is not zero.
    @inlinable func quotientAndRemainder(dividingBy divisor: Coefficient)
        -> (quotient: Coefficient, remainder: Coefficient)
    {
        if big == nil, divisor.big == nil, !(small == .min && divisor.small == -1) {
            let (q, r) = small.quotientAndRemainder(dividingBy: divisor.small)
            return (Coefficient(q), Coefficient(r))
        }
        return bigQuotientAndRemainder(dividingBy: divisor)
    }

    @usableFromInline func bigQuotientAndRemainder(dividingBy divisor: Coefficient)
        -> (quotient: Coefficient, remainder: Coefficient)
    {
        let (q, r) = GMPInteger.truncatingDivision(gmp, divisor.gmp)
        return (Coefficient(normalizing: q), Coefficient(normalizing: r))
    }

    // MARK: Comparison and digits

    /// The sign of a − b.
    @inlinable static func compare(_ a: Coefficient, _ b: Coefficient) -> Int {
        if a.big == nil, b.big == nil {
            return a.small < b.small ? -1 : (a.small == b.small ? 0 : 1)
        }
        return GMPInteger.compare(a.gmp, b.gmp)
    }

    /// The sign of 2|remainder| − |divisor|: how a discarded remainder compares with one half.
    @inlinable static func compareTwiceMagnitude(_ remainder: Coefficient, with divisor: Coefficient) -> Int {
        if remainder.big == nil, divisor.big == nil {
            let r = remainder.small.magnitude
            let d = divisor.small.magnitude
            let rest = d - r  // r < d, so no overflow; 2r ⋛ d ⇔ r ⋛ d − r
            return r < rest ? -1 : (r == rest ? 0 : 1)
        }
        return GMPInteger.compareTwiceMagnitude(remainder.gmp, with: divisor.gmp)
    }

    /// The last decimal digit of |self|.
    @inlinable var lastDigit: Int {
        if big == nil { return Int(small.magnitude % 10) }
        return Int(big!.magnitudeRemainder(dividingBy: 10))
    }

    /// The number of decimal digits of |self| (1 for zero).
    @usableFromInline var digitCount: Int {
        guard big == nil else { return big!.decimalDigitCount }
        let m = small.magnitude
        var digits = 1
        var bound: UInt64 = 10
        while digits < 20, m >= bound {
            digits += 1
            if digits == 20 { break }
            bound *= 10
        }
        return digits
    }

    /// The decimal digits of |self|.
    @usableFromInline var magnitudeDigits: String {
        guard big == nil else { return big!.magnitudeDigits }
        return String(small.magnitude)
    }

    @usableFromInline func hash(into hasher: inout Hasher) {
        if let big { big.hash(into: &hasher) } else { hasher.combine(small) }
    }
}

/// 10^0 through 10^18: the powers of ten that fit in `Int64`.
@usableFromInline let int64PowersOfTen: [Int64] = [
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000,
    100_000_000_000_000, 1_000_000_000_000_000, 10_000_000_000_000_000,
    100_000_000_000_000_000, 1_000_000_000_000_000_000,
]
