/// How a result is rounded when digits must be discarded: the eight rounding modes of the
/// General Decimal Arithmetic specification.
///
/// What each mode does to values halfway and beyond, rounding to an integer:
///
/// | mode         |  1.5 |  2.5 |  2.4 |  2.6 | −1.5 | −2.5 | 1.0000001 |
/// |--------------|------|------|------|------|------|------|-----------|
/// | `up`         |    2 |    3 |    3 |    3 |   −2 |   −3 |         2 |
/// | `down`       |    1 |    2 |    2 |    2 |   −1 |   −2 |         1 |
/// | `ceiling`    |    2 |    3 |    3 |    3 |   −1 |   −2 |         2 |
/// | `floor`      |    1 |    2 |    2 |    2 |   −2 |   −3 |         1 |
/// | `halfUp`     |    2 |    3 |    2 |    3 |   −2 |   −3 |         1 |
/// | `halfDown`   |    1 |    2 |    2 |    3 |   −1 |   −2 |         1 |
/// | `halfEven`   |    2 |    2 |    2 |    3 |   −2 |   −2 |         1 |
/// | `zeroFiveUp` |    1 |    2 |    2 |    2 |   −1 |   −2 |         1 |
///
/// `zeroFiveUp` rounds toward zero, except that a discarded non-zero part moves a last kept
/// digit of 0 or 5 away from zero (0.01 → 1, 5.1 → 6, 6.1 → 6).
public enum RoundingMode: String, CaseIterable, Hashable, Sendable, Codable {
    /// Away from zero, whenever anything non-zero is discarded.
    case up
    /// Toward zero (truncation).
    case down
    /// Toward +∞.
    case ceiling
    /// Toward −∞.
    case floor
    /// To nearest; a tie goes away from zero (四舍五入, `ROUND_HALF_UP`).
    case halfUp
    /// To nearest; a tie goes toward zero.
    case halfDown
    /// To nearest; a tie goes to the even digit (banker's rounding).
    case halfEven
    /// Toward zero, unless that would leave a last digit of 0 or 5: then away from zero.
    case zeroFiveUp
}

/// How the discarded part of a coefficient compares with half a unit in the last kept place.
@usableFromInline
enum DiscardedFraction: Sendable {
    case zero, belowHalf, half, aboveHalf
}

extension RoundingMode {
    /// `dividend` / `divisor` (magnitudes: `dividend` ≤ 2^63, 0 < `divisor` < 2^63) rounded in
    /// this mode, for a quotient whose sign is `negative`: the word-sized path of every division
    /// and rounding to a scale. The same decisions as
    /// ``incrementsMagnitude(negative:lastKeptDigit:discarded:)``, made without a branch:
    /// whether a value rounds up is as good as random from one value to the next, and a
    /// mispredicted branch per value costs more than the division (docs/PERFORMANCE.md).
    @_transparent @usableFromInline
    func roundedQuotient(_ dividend: UInt64, _ divisor: UInt64, negative: Bool) -> UInt64 {
        // Six modes look only at the remainder r. For them a bias b added before a truncating
        // division rounds: ⌊(n + b) / d⌋ moves up exactly when r ≥ d − b. No remainder is
        // computed, and with a constant divisor the rounding is an addition before the
        // division's multiply and shift. (n + b < 2^64 by the bounds above.)
        let bias: UInt64
        switch self {
        case .up: bias = divisor &- 1  // up when r ≥ 1
        case .down: bias = 0
        case .ceiling: bias = negative ? 0 : divisor &- 1
        case .floor: bias = negative ? divisor &- 1 : 0
        case .halfUp: bias = divisor / 2  // up when r ≥ ⌈d/2⌉, that is 2r ≥ d
        case .halfDown: bias = (divisor &- 1) / 2  // up when r ≥ ⌊d/2⌋ + 1, that is 2r > d
        case .halfEven:
            let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
            let rest = divisor &- remainder  // 2r ⋛ d ⇔ r ⋛ d − r
            let aboveHalf = (rest &- remainder) >> 63  // 1 when 2r > d
            let atLeastHalf = (rest &- remainder &- 1) >> 63  // 1 when 2r ≥ d
            return quotient &+ (aboveHalf | (atLeastHalf & quotient & 1))
        case .zeroFiveUp:
            let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
            let nonZero = (0 &- remainder) >> 63  // 1 when r ≠ 0
            return quotient &+ (nonZero & (quotient % 5 == 0 ? 1 : 0))
        }
        return (dividend &+ bias) / divisor
    }

    /// Whether rounding moves the kept magnitude one unit away from zero.
    @_transparent @usableFromInline
    func incrementsMagnitude(negative: Bool, lastKeptDigit: Int, discarded: DiscardedFraction) -> Bool {
        if discarded == .zero { return false }
        switch self {
        case .up: return true
        case .down: return false
        case .ceiling: return !negative
        case .floor: return negative
        case .halfUp: return discarded != .belowHalf
        case .halfDown: return discarded == .aboveHalf
        case .halfEven: return discarded == .aboveHalf || (discarded == .half && lastKeptDigit % 2 == 1)
        case .zeroFiveUp: return lastKeptDigit == 0 || lastKeptDigit == 5
        }
    }
}
