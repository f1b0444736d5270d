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
    /// The step (−1, 0 or 1) that rounds a truncated word-sized `quotient`, given the magnitudes
    /// of the `remainder` and the `divisor` (remainder < divisor < 2^63).
    ///
    /// The same decision as ``incrementsMagnitude(negative:lastKeptDigit:discarded:)``, computed
    /// with bit arithmetic instead of comparisons: whether a remainder rounds up is as good as
    /// random from one value to the next, and a mispredicted branch per value costs more than
    /// the division (measured in the interest kernel; see docs/PERFORMANCE.md).
    @_transparent @usableFromInline
    func roundingStep(negative: Bool, quotient: Int64, remainder: UInt64, divisor: UInt64) -> Int64 {
        let rest = divisor &- remainder  // 2r ⋛ d ⇔ r ⋛ d − r
        let nonZero = (0 &- remainder) >> 63  // 1 when remainder ≠ 0
        let atLeastHalf = (rest &- remainder &- 1) >> 63  // 1 when 2r ≥ d (then r ≠ 0)
        let aboveHalf = (rest &- remainder) >> 63  // 1 when 2r > d
        let lastDigit = quotient.magnitude % 10
        let sign = UInt64(negative ? 1 : 0)
        let up: UInt64
        switch self {
        case .up: up = nonZero
        case .down: up = 0
        case .ceiling: up = nonZero & (sign ^ 1)
        case .floor: up = nonZero & sign
        case .halfUp: up = atLeastHalf
        case .halfDown: up = aboveHalf
        case .halfEven: up = aboveHalf | (atLeastHalf & lastDigit & 1)
        case .zeroFiveUp: up = nonZero & UInt64(lastDigit % 5 == 0 ? 1 : 0)
        }
        // up × (negative ? −1 : 1), without a branch.
        let magnitude = Int64(bitPattern: up)
        return (magnitude ^ -Int64(bitPattern: sign)) &+ Int64(bitPattern: sign)
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
