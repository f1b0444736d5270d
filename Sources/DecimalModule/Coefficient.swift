/// The signed integer coefficient of an ``ExactDecimal``.
///
/// A value that fits in `Int64` is held inline (`.small`) and never touches the heap; a value
/// that does not is held in a ``GMPInteger`` (`.big`). Every operation returns `.small`
/// whenever its result fits (the design of Java's `BigDecimal.intCompact`), so `.big` holds
/// only values outside `Int64`'s range and the representation of a value is unique.
///
/// Being an enum, a `.small` coefficient is copied without reference counting. Each operation
/// has an `@inlinable` word-sized fast path that checks for overflow, and an out-of-line GMP
/// path for everything else.
@usableFromInline
enum Coefficient: Sendable {
    case small(Int64)
    case big(GMPInteger)

    @inlinable init(_ value: Int64) {
        self = .small(value)
    }

    @usableFromInline init(normalizing value: GMPInteger) {
        if let fitting = value.int64Value {
            self = .small(fitting)
        } else {
            self = .big(value)
        }
    }

    /// The value as a GMP integer (allocates for an inline value).
    @usableFromInline var gmp: GMPInteger {
        switch self {
        case .small(let value): return GMPInteger(value)
        case .big(let value): return value
        }
    }

    /// Whether the value is held inline.
    @inlinable var isSmall: Bool {
        if case .small = self { return true }
        return false
    }

    @inlinable var isZero: Bool {
        if case .small(0) = self { return true }
        return false
    }

    /// -1, 0 or 1.
    @inlinable var signum: Int {
        switch self {
        case .small(let value): return Int(value.signum())
        case .big(let value): return value.signum
        }
    }

    // MARK: Arithmetic

    @inlinable static func + (a: Coefficient, b: Coefficient) -> Coefficient {
        if case .small(let x) = a, case .small(let y) = b {
            let (sum, overflow) = x.addingReportingOverflow(y)
            if !overflow { return .small(sum) }
        }
        return bigSum(a, b)
    }

    @usableFromInline static func bigSum(_ a: Coefficient, _ b: Coefficient) -> Coefficient {
        Coefficient(normalizing: .sum(a.gmp, b.gmp))
    }

    @inlinable static func - (a: Coefficient, b: Coefficient) -> Coefficient {
        if case .small(let x) = a, case .small(let y) = b {
            let (difference, overflow) = x.subtractingReportingOverflow(y)
            if !overflow { return .small(difference) }
        }
        return bigDifference(a, b)
    }

    @usableFromInline static func bigDifference(_ a: Coefficient, _ b: Coefficient) -> Coefficient {
        Coefficient(normalizing: .difference(a.gmp, b.gmp))
    }

    @inlinable static func * (a: Coefficient, b: Coefficient) -> Coefficient {
        if case .small(let x) = a, case .small(let y) = b {
            let (product, overflow) = x.multipliedReportingOverflow(by: y)
            if !overflow { return .small(product) }
        }
        return bigProduct(a, b)
    }

    @usableFromInline static func bigProduct(_ a: Coefficient, _ b: Coefficient) -> Coefficient {
        Coefficient(normalizing: .product(a.gmp, b.gmp))
    }

    /// Adds in place; reuses the GMP storage when this value is its only owner (copy on write).
    @inlinable static func += (a: inout Coefficient, b: Coefficient) {
        if case .small(let x) = a, case .small(let y) = b {
            let (sum, overflow) = x.addingReportingOverflow(y)
            if !overflow {
                a = .small(sum)
                return
            }
        }
        a.addInPlace(b)
    }

    @usableFromInline mutating func addInPlace(_ other: Coefficient) {
        guard case .big(var storage) = self else {
            self = Coefficient.bigSum(self, other)
            return
        }
        self = .small(0)  // drop this enum's reference, so `storage` may be the only one
        if isKnownUniquelyReferenced(&storage) {
            storage.formSum(with: other.gmp)
            self = Coefficient(normalizing: storage)
        } else {
            self = Coefficient.bigSum(.big(storage), other)
        }
    }

    @inlinable var negated: Coefficient {
        if case .small(let value) = self, value != .min { return .small(-value) }
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
        if let power = int64PowerOfTen(exponent) { return .small(power) }
        return Coefficient(normalizing: .powerOfTen(exponent))
    }

    /// This coefficient with up to `limit` trailing decimal zeros removed, and how many were
    /// removed (`1500` → `15`, 2). Not for zero. A GMP value loses all of its zeros in one
    /// `mpz_remove`, not one division per digit.
    func removingTrailingZeros(atMost limit: Int) -> (Coefficient, zeros: Int) {
        switch self {
        case .small(var value):
            var zeros = 0
            while zeros < limit, value % 10 == 0 {
                value /= 10
                zeros += 1
            }
            return (.small(value), zeros)
        case .big(let value):
            let (stripped, zeros) = value.removingFactorsOfTen()
            guard zeros > limit else { return (Coefficient(normalizing: stripped), zeros) }
            return (Coefficient(normalizing: stripped).multipliedByPowerOfTen(zeros - limit), limit)
        }
    }

    /// The quotient truncated toward zero, and the remainder (which has the sign of self).
    /// The divisor is not zero.
    @inlinable func quotientAndRemainder(dividingBy divisor: Coefficient)
        -> (quotient: Coefficient, remainder: Coefficient)
    {
        if case .small(let x) = self, case .small(let y) = divisor, !(x == .min && y == -1) {
            let (q, r) = x.quotientAndRemainder(dividingBy: y)
            return (.small(q), .small(r))
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
        if case .small(let x) = a, case .small(let y) = b {
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        return GMPInteger.compare(a.gmp, b.gmp)
    }

    /// The sign of 2|remainder| − |divisor|: how a discarded remainder compares with one half.
    @inlinable static func compareTwiceMagnitude(_ remainder: Coefficient, with divisor: Coefficient) -> Int {
        if case .small(let x) = remainder, case .small(let y) = divisor {
            return compareTwiceMagnitude(x, with: y)
        }
        return GMPInteger.compareTwiceMagnitude(remainder.gmp, with: divisor.gmp)
    }

    /// The sign of 2|remainder| − |divisor|, for |remainder| < |divisor|.
    @inlinable static func compareTwiceMagnitude(_ remainder: Int64, with divisor: Int64) -> Int {
        let r = remainder.magnitude
        let rest = divisor.magnitude - r  // 2r ⋛ d ⇔ r ⋛ d − r, without overflow
        return r < rest ? -1 : (r == rest ? 0 : 1)
    }

    /// The last decimal digit of |self|.
    @inlinable var lastDigit: Int {
        switch self {
        case .small(let value): return Int(value.magnitude % 10)
        case .big(let value): return Int(value.magnitudeRemainder(dividingBy: 10))
        }
    }

    /// The number of decimal digits of |self| (1 for zero).
    @usableFromInline var digitCount: Int {
        switch self {
        case .big(let value):
            return value.decimalDigitCount
        case .small(let value):
            let magnitude = value.magnitude
            var digits = 1
            while digits < 19, magnitude >= UInt64(int64PowerOfTen(digits)!) { digits += 1 }
            return digits
        }
    }

    /// The decimal digits of |self|.
    @usableFromInline var magnitudeDigits: String {
        switch self {
        case .small(let value): return String(value.magnitude)
        case .big(let value): return value.magnitudeDigits
        }
    }

    @usableFromInline func hash(into hasher: inout Hasher) {
        switch self {
        case .small(let value): hasher.combine(value)
        case .big(let value): value.hash(into: &hasher)
        }
    }
}

/// 10^exponent when it fits in `Int64` (exponent 0…18), else nil.
@_transparent @usableFromInline func int64PowerOfTen(_ exponent: Int) -> Int64? {
    withInt64PowerOfTen(exponent, otherwise: nil) { $0 }
}

/// `body(10^exponent)` when the power fits in `Int64` (exponent 0…18), else `otherwise`.
///
/// Each exponent is its own case with the power as a constant, so that `body` is compiled once
/// per exponent with that constant: a division in `body` whose divisor is the power times a
/// constant (rounding to a scale divides by the power itself) becomes a multiplication and
/// shifts instead of a hardware division. Not a global table, which would need lazy
/// initialisation on every access from inlined code.
@_transparent @usableFromInline
func withInt64PowerOfTen<Result>(_ exponent: Int, otherwise: Result, _ body: (Int64) -> Result) -> Result {
    switch exponent {
    case 0: return body(1)
    case 1: return body(10)
    case 2: return body(100)
    case 3: return body(1_000)
    case 4: return body(10_000)
    case 5: return body(100_000)
    case 6: return body(1_000_000)
    case 7: return body(10_000_000)
    case 8: return body(100_000_000)
    case 9: return body(1_000_000_000)
    case 10: return body(10_000_000_000)
    case 11: return body(100_000_000_000)
    case 12: return body(1_000_000_000_000)
    case 13: return body(10_000_000_000_000)
    case 14: return body(100_000_000_000_000)
    case 15: return body(1_000_000_000_000_000)
    case 16: return body(10_000_000_000_000_000)
    case 17: return body(100_000_000_000_000_000)
    case 18: return body(1_000_000_000_000_000_000)
    default: return otherwise
    }
}
