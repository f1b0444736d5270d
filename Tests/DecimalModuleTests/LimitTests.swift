import Foundation
import Testing

@testable import DecimalModule

/// Extreme arguments and inputs at the type's limits: each is an error or a fast answer, never a
/// trap and never a quadratic or runaway computation (docs/RELIABILITY.md, rows 1, 19, 20).
@Suite struct LimitTests {
    @Test(arguments: [Int.min, Int.min + 1, -2_000_000_000, 2_000_000_000, Int.max])
    func scalesBeyondTheExponentLimitThrow(scale: Int) throws {
        let context = DecimalContext.scale(scale, rounding: .halfUp)
        for value in [dec("1.5"), dec("123456789012345678901234567890.5"), dec("-0")] {
            #expect(throws: DecimalError.exponentOutOfRange) { try value.rounded(context) }
            #expect(throws: DecimalError.exponentOutOfRange) { try value.rounded(scale: scale, .down) }
            #expect(throws: DecimalError.exponentOutOfRange) { try value.divided(by: 3, context) }
            #expect(throws: DecimalError.exponentOutOfRange) { try value.divided(by: dec("1E+40"), context) }
            #expect(throws: DecimalError.exponentOutOfRange) { try value.dividedToIntegralValue(by: 1, context) }
            #expect(throws: DecimalError.exponentOutOfRange) { try value.adding(1, context) }
            #expect(throws: DecimalError.exponentOutOfRange) { try value.multiplied(by: 7, context) }
        }
        if scale < 0 {
            #expect(throws: DecimalError.self) { try dec("1").quantized(toExponent: 0, context) }
        } else {
            #expect(try dec("1").quantized(toExponent: 0, context) == 1)
        }
    }

    @Test func theLargestPrecisionIsExactArithmetic() throws {
        let huge = DecimalContext.precision(Int.max)
        #expect(try dec("1.5").adding(dec("2.25"), huge).description == "3.75")
        #expect(try dec("1").divided(by: 4, huge).description == "0.25")
        #expect(try dec("1E+10").adding(dec("1E-10"), huge).description == "10000000000.0000000001")
        #expect(try dec("1.5").rounded(huge).description == "1.5")
    }

    @Test func aZeroOfTinyExponentAtHugePrecisionIsRefused() throws {
        #expect(throws: DecimalError.tooManyDigits) { try dec("1").adding(dec("0E-1999999999"), .precision(Int.max)) }
        #expect(throws: DecimalError.tooManyDigits) { try dec("0E-1999999999").subtracting(dec("7"), .precision(2_000_000)) }
        // Within the limit, the zeros the precision shows are kept.
        #expect(try dec("1").adding(dec("0E-5"), .precision(Int.max)).description == "1.00000")
    }

    @Test(arguments: [Int.max, Int.min, Int.max - 5, 19, -1])
    func int64ValueTakesAnyScale(scale: Int) {
        #expect(dec("60833.33").int64Value(scale: scale) == nil)
        #expect(dec("1E+3").int64Value(scale: scale) == (scale == -1 ? 100 : nil))
    }

    @Test func parsingRefusesACoefficientLongerThanTheLimit() throws {
        let limit = ExactDecimal.maximumDigits
        let over = String(repeating: "9", count: limit + 10)
        #expect(throws: DecimalError.tooManyDigits) { try ExactDecimal(parsing: over) }
        #expect(throws: DecimalError.tooManyDigits) { try ExactDecimal(parsing: "-" + over + "E-5") }
        #expect(throws: DecimalError.tooManyDigits) { try ExactDecimal(parsing: "1." + over) }
        // Leading zeros are not digits of the coefficient.
        let padded = try ExactDecimal(parsing: String(repeating: "0", count: 20) + "7" + String(repeating: "0", count: limit - 1))
        #expect(padded.digitCount == limit)
        let fraction = try ExactDecimal(parsing: "0." + String(repeating: "0", count: 20) + String(repeating: "3", count: limit))
        #expect(fraction.digitCount == limit)
    }

    @Test func aValueWithManyTrailingZerosHashesAsItsReducedForm() throws {
        let value = try ExactDecimal(parsing: "1" + String(repeating: "0", count: 300_000))
        #expect(value.reduced().description == "1E+300000")
        #expect(value.hashValue == ExactDecimal(1, exponent: 300_000).hashValue)
    }

    @Test func reducingStopsAtTheExponentLimit() throws {
        let value = try ExactDecimal(parsing: "1" + String(repeating: "0", count: 30) + "E+1999999990")
        let reduced = value.reduced()
        #expect(reduced.exponent == ExactDecimal.maximumExponent)
        #expect(reduced == value)
        #expect(reduced.description == "1.000000000000000000000E+2000000020")
    }

    @Test func anExactQuotientWithManyZerosReachesItsIdealExponent() throws {
        // Divided to 300,000 digits, then 300,000 zeros shed to reach the ideal exponent.
        let quotient = try dec("1E+200000").divided(by: 1, .precision(300_000))
        #expect(quotient.description == "1E+200000")
    }

    @Test func limitMessagesReadAsSentences() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ExactDecimal].self, from: Data(#"["1e999999999999"]"#.utf8)) }
        do {
            _ = try JSONDecoder().decode([ExactDecimal].self, from: Data(#"["1e999999999999"]"#.utf8))
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription == "\"1e999999999999\" is out of range: the exponent would be beyond ±1999999999")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
