/// Division of many numerators by one divisor known only at run time, as a multiplication and
/// shifts instead of a hardware division (Granlund and Montgomery, "Division by invariant
/// integers using multiplication", 1994, figure 4.1; Warren, *Hacker's Delight*, §10-8).
///
/// For a divisor d ≥ 1 with ℓ = ⌈log₂ d⌉ and m = ⌊2⁶⁴ (2^ℓ − d) / d⌋ + 1, every 64-bit n has
/// ⌊n / d⌋ = (t + ((n − t) >> 1)) >> (ℓ − 1), where t is the high word of m × n. The result is
/// exact for every n; a property test checks it against `/`.
struct InvariantDivisor: Sendable {
    let divisor: UInt64
    private let multiplier: UInt64
    private let shift: UInt64

    init(_ divisor: UInt64) {
        precondition(divisor > 0, "InvariantDivisor: division by zero")
        self.divisor = divisor
        let bits = UInt64(64 - (divisor - 1).leadingZeroBitCount)  // ⌈log₂ d⌉, 0 for d = 1
        shift = bits
        if bits == 0 {
            multiplier = 0
        } else {
            // ⌊2⁶⁴ (2^ℓ − d) / d⌋ + 1; the high word 2^ℓ − d is below d, so the quotient fits.
            let high = bits == 64 ? 0 &- divisor : (1 << bits) &- divisor
            multiplier = divisor.dividingFullWidth((high: high, low: 0)).quotient &+ 1
        }
    }

    /// ⌊n / divisor⌋ and the remainder.
    @inline(__always)
    func quotientAndRemainder(_ n: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        guard shift > 0 else { return (n, 0) }
        let t = multiplier.multipliedFullWidth(by: n).high
        let quotient = (t &+ ((n &- t) >> 1)) >> (shift - 1)
        return (quotient, n &- quotient &* divisor)
    }
}
