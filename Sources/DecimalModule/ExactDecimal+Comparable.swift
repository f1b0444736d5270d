/// Equality, ordering and hashing by numeric value: `1.5 == 1.50`, `-0 == 0`.
extension ExactDecimal: Comparable, Hashable {
    @inlinable public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) == 0
    }

    @inlinable public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Hashes the value, not its representation: equal values (`1.5`, `1.50`, `15E-1`) hash
    /// alike.
    public func hash(into hasher: inout Hasher) {
        let canonical = reduced()
        if canonical.isZero {
            hasher.combine(0 as Int64)
            return
        }
        canonical.coefficient.hash(into: &hasher)
        hasher.combine(canonical.storedExponent)
    }

    /// The sign of a − b, by value.
    @inlinable static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.storedExponent == b.storedExponent {
            return Coefficient.compare(a.coefficient, b.coefficient)
        }
        return generalCompare(a, b)
    }

    @usableFromInline static func generalCompare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        let (signA, signB) = (a.signum, b.signum)
        if signA != signB { return signA < signB ? -1 : 1 }
        if signA == 0 { return 0 }
        // Same sign, both non-zero: a larger adjusted exponent means a larger magnitude.
        let (adjustedA, adjustedB) = (a.adjustedExponent, b.adjustedExponent)
        if adjustedA != adjustedB { return (adjustedA > adjustedB ? 1 : -1) * signA }
        // Equal adjusted exponents: the exponents differ by less than the digit counts, so
        // aligning cannot exceed the limits.
        let exponent = min(a.exponent, b.exponent)
        let alignedA = a.coefficient.multipliedByPowerOfTen(a.exponent - exponent)
        let alignedB = b.coefficient.multipliedByPowerOfTen(b.exponent - exponent)
        return Coefficient.compare(alignedA, alignedB)
    }
}
