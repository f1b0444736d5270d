import Testing

@testable import PolicyModule

@Suite struct InvariantDivisorTests {
    /// Against `/` and `%` on divisors of every size (1, powers of two and their neighbours, the
    /// subsidy's 360 × 10^6 and 365 × 10^6, the largest) and numerators up to 2^64 − 1.
    @Test func agreesWithHardwareDivision() {
        var random = Random(state: 2024)
        var divisors: [UInt64] = [1, 2, 3, 7, 10, 360_000_000, 365_000_000, UInt64.max, UInt64.max - 1, 1 << 63, (1 << 63) + 1]
        for power in 1..<64 { divisors += [1 << UInt64(power), (1 << UInt64(power)) - 1, (1 << UInt64(power)) + 1] }
        for _ in 0..<200 { divisors.append(max(1, random.word() >> UInt64(random.next(0...63)))) }
        for divisor in divisors {
            let fast = InvariantDivisor(divisor)
            var numerators: [UInt64] = [0, 1, divisor - 1, divisor, divisor &+ 1, UInt64.max, UInt64.max - 1, UInt64.max / divisor &* divisor]
            for _ in 0..<50 { numerators.append(random.word() >> UInt64(random.next(0...63))) }
            for n in numerators {
                let (q, r) = fast.quotientAndRemainder(n)
                #expect(q == n / divisor && r == n % divisor, "\(n) / \(divisor)")
            }
        }
    }
}
