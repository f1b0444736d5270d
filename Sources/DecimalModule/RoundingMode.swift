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
    /// `dividend` / `divisor` (magnitudes; `divisor` > 0) rounded in this mode, for a quotient
    /// whose sign is `negative`. The word-sized path of every division and rounding to a scale.
    @_transparent @usableFromInline
    func roundedQuotient(_ dividend: UInt64, _ divisor: UInt64, negative: Bool) -> UInt64 {
        if let bias = truncationBias(negative: negative, divisor: divisor) {
            // dividend ≤ 2^63 and bias < divisor ≤ 2^63, so the sum fits.
            return (dividend &+ bias) / divisor
        }
        let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
        return quotient &+ roundingIncrement(negative: negative, quotient: quotient, remainder: remainder, divisor: divisor)
    }

    /// For the six modes that look only at the remainder: the amount that, added to the
    /// dividend's magnitude, makes a truncating division come out rounded, since
    /// ⌊(n + bias) / d⌋ moves up exactly when the remainder r ≥ d − bias. No remainder and no
    /// comparison are left: with a constant divisor, rounding is an addition and the division's
    /// multiply and shift. nil for `halfEven` and `zeroFiveUp`, which look at the last digit too.
    @_transparent @usableFromInline
    func truncationBias(negative: Bool, divisor: UInt64) -> UInt64? {
        switch self {
        case .up: return divisor &- 1  // up when r ≥ 1
        case .down: return 0
        case .ceiling: return negative ? 0 : divisor &- 1
        case .floor: return negative ? divisor &- 1 : 0
        case .halfUp: return divisor / 2  // up when r ≥ ⌈d/2⌉, that is 2r ≥ d
        case .halfDown: return (divisor &- 1) / 2  // up when r ≥ ⌊d/2⌋ + 1, that is 2r > d
        case .halfEven, .zeroFiveUp: return nil
        }
    }

    /// 1 when the truncated `quotient` (a magnitude) moves one unit away from zero, given the
    /// magnitudes of the `remainder` and the `divisor` (remainder < divisor ≤ 2^63); else 0.
    ///
    /// The same decision as ``incrementsMagnitude(negative:lastKeptDigit:discarded:)``, computed
    /// with bit arithmetic instead of comparisons: whether a remainder rounds up is as good as
    /// random from one value to the next, and a mispredicted branch per value costs more than
    /// the division (measured in the interest kernel; see docs/PERFORMANCE.md).
    @_transparent @usableFromInline
    func roundingIncrement(negative: Bool, quotient: UInt64, remainder: UInt64, divisor: UInt64) -> UInt64 {
        let rest = divisor &- remainder  // 2r ⋛ d ⇔ r ⋛ d − r
        let nonZero = (0 &- remainder) >> 63  // 1 when remainder ≠ 0
        let atLeastHalf = (rest &- remainder &- 1) >> 63  // 1 when 2r ≥ d (then r ≠ 0)
        let aboveHalf = (rest &- remainder) >> 63  // 1 when 2r > d
        let lastDigit = quotient % 10
        let sign: UInt64 = negative ? 1 : 0
        switch self {
        case .up: return nonZero
        case .down: return 0
        case .ceiling: return nonZero & (sign ^ 1)
        case .floor: return nonZero & sign
        case .halfUp: return atLeastHalf
        case .halfDown: return aboveHalf
        case .halfEven: return aboveHalf | (atLeastHalf & lastDigit & 1)
        case .zeroFiveUp: return nonZero & (lastDigit % 5 == 0 ? 1 : 0)
        }
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
