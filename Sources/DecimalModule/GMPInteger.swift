internal import CGMP

/// An arbitrary-precision integer that owns one GMP `mpz_t`.
///
/// This is the only file of the package that talks to GMP. The `mpz_t` lives in its own
/// allocation, initialised in `init` and cleared in `deinit`, so copying a reference to this
/// object never copies GMP's limb pointer (a bare `__mpz_struct` inside a Swift value would be
/// freed twice).
///
/// Instances are treated as immutable once shared. The only mutating operation,
/// ``formSum(with:)``, is called by ``Coefficient`` after `isKnownUniquelyReferenced`
/// has proved that no one else sees the object (copy on write).
@usableFromInline
final class GMPInteger: @unchecked Sendable {
    private let raw: UnsafeMutableRawPointer

    private var z: UnsafeMutablePointer<__mpz_struct> {
        raw.assumingMemoryBound(to: __mpz_struct.self)
    }

    /// A new integer with the value zero.
    @usableFromInline init() {
        raw = UnsafeMutableRawPointer.allocate(
            byteCount: MemoryLayout<__mpz_struct>.size,
            alignment: MemoryLayout<__mpz_struct>.alignment)
        __gmpz_init(z)
    }

    deinit {
        __gmpz_clear(z)
        raw.deallocate()
    }

    @usableFromInline convenience init(_ value: Int64) {
        self.init()
        __gmpz_set_si(z, Int(value))
    }

    /// Parses ASCII decimal digits (no sign, no point). The caller has validated them.
    @usableFromInline convenience init(asciiDigits: UnsafeBufferPointer<UInt8>, negative: Bool) {
        self.init()
        var text = [CChar](repeating: 0, count: asciiDigits.count + 1)
        for (index, byte) in asciiDigits.enumerated() { text[index] = CChar(bitPattern: byte) }
        let status = __gmpz_set_str(z, text, 10)
        precondition(status == 0, "GMPInteger: digits were not validated")
        if negative { huiqi_mpz_neg(z, z) }
    }

    /// -1, 0 or 1.
    @usableFromInline var signum: Int { Int(huiqi_mpz_sgn(z)) }

    /// The value, if it fits in `Int64`.
    @usableFromInline var int64Value: Int64? {
        huiqi_mpz_fits_slong_p(z) != 0 ? Int64(huiqi_mpz_get_si(z)) : nil
    }

    @usableFromInline static func sum(_ a: GMPInteger, _ b: GMPInteger) -> GMPInteger {
        let r = GMPInteger()
        __gmpz_add(r.z, a.z, b.z)
        return r
    }

    @usableFromInline static func difference(_ a: GMPInteger, _ b: GMPInteger) -> GMPInteger {
        let r = GMPInteger()
        __gmpz_sub(r.z, a.z, b.z)
        return r
    }

    @usableFromInline static func product(_ a: GMPInteger, _ b: GMPInteger) -> GMPInteger {
        let r = GMPInteger()
        __gmpz_mul(r.z, a.z, b.z)
        return r
    }

    /// Adds `other` to this integer in place. Only for an object no one else references.
    @usableFromInline func formSum(with other: GMPInteger) {
        __gmpz_add(z, z, other.z)
    }

    @usableFromInline func negated() -> GMPInteger {
        let r = GMPInteger()
        huiqi_mpz_neg(r.z, z)
        return r
    }

    @usableFromInline func magnitude() -> GMPInteger {
        let r = GMPInteger()
        huiqi_mpz_abs(r.z, z)
        return r
    }

    /// 10^exponent.
    @usableFromInline static func powerOfTen(_ exponent: Int) -> GMPInteger {
        let r = GMPInteger()
        __gmpz_ui_pow_ui(r.z, 10, UInt(exponent))
        return r
    }

    /// This integer (not zero) with every factor of ten divided out, and how many there were.
    /// GMP's `mpz_remove` divides by 10^(2^k) for growing k, so a value with many trailing
    /// zeros costs a few large divisions, not one per zero.
    @usableFromInline func removingFactorsOfTen() -> (GMPInteger, Int) {
        let result = GMPInteger()
        let ten = GMPInteger(10)
        let count = __gmpz_remove(result.z, z, ten.z)
        return (result, Int(count))
    }

    /// Quotient truncated toward zero and the remainder (which has the sign of `a`).
    @usableFromInline static func truncatingDivision(_ a: GMPInteger, _ b: GMPInteger) -> (GMPInteger, GMPInteger) {
        let q = GMPInteger()
        let r = GMPInteger()
        __gmpz_tdiv_qr(q.z, r.z, a.z, b.z)
        return (q, r)
    }

    /// The sign of a − b.
    @usableFromInline static func compare(_ a: GMPInteger, _ b: GMPInteger) -> Int {
        Int(__gmpz_cmp(a.z, b.z).signum())
    }

    /// The sign of 2|a| − |b|.
    @usableFromInline static func compareTwiceMagnitude(_ a: GMPInteger, with b: GMPInteger) -> Int {
        let twice = GMPInteger()
        __gmpz_mul_2exp(twice.z, a.z, 1)
        return Int(__gmpz_cmpabs(twice.z, b.z).signum())
    }

    /// |self| mod `divisor`.
    @usableFromInline func magnitudeRemainder(dividingBy divisor: UInt) -> UInt {
        __gmpz_tdiv_ui(z, divisor)
    }

    /// The number of decimal digits of |self| (1 for zero).
    @usableFromInline var decimalDigitCount: Int {
        let estimate = Int(__gmpz_sizeinbase(z, 10))  // exact or one too large
        guard estimate > 1 else { return 1 }
        let lowerBound = GMPInteger.powerOfTen(estimate - 1)
        return __gmpz_cmpabs(z, lowerBound.z) < 0 ? estimate - 1 : estimate
    }

    /// Whether |self| has more than `limit` decimal digits, without computing the exact count
    /// unless GMP's estimate is on the boundary.
    @usableFromInline func hasMoreDigits(than limit: Int) -> Bool {
        let estimate = Int(__gmpz_sizeinbase(z, 10))  // exact or one too large
        if estimate <= limit { return false }
        if estimate > limit + 1 { return true }
        return decimalDigitCount > limit
    }

    /// The decimal digits of |self|.
    @usableFromInline var magnitudeDigits: String {
        let capacity = Int(__gmpz_sizeinbase(z, 10)) + 2
        var buffer = [CChar](repeating: 0, count: capacity)
        let magnitude = self.magnitude()
        __gmpz_get_str(&buffer, 10, magnitude.z)
        let length = buffer.firstIndex(of: 0) ?? capacity
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Feeds the sign and the limbs to `hasher`.
    @usableFromInline func hash(into hasher: inout Hasher) {
        hasher.combine(signum)
        let count = huiqi_mpz_size(z)
        for index in 0..<count {
            hasher.combine(UInt(huiqi_mpz_getlimbn(z, mp_size_t(index))))
        }
    }
}
