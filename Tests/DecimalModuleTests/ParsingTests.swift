import Foundation
import Testing

@testable import DecimalModule

@Suite struct ParsingTests {
    @Test(arguments: [
        ("60833.33", "6083333", -2), ("-5", "-5", 0), (".5", "5", -1), ("5.", "5", 0), ("+1E+3", "1", 3),
        ("1.50e-2", "150", -4), ("0.00", "0", -2), ("-0", "0", 0), ("1E0", "1", 0), ("1e+0000000007", "1", 7),
        ("9223372036854775807", "9223372036854775807", 0), ("9223372036854775808", "9223372036854775808", 0),
        ("-9223372036854775808", "-9223372036854775808", 0), ("0.000000000000000000000000000000000000001", "1", -39),
        ("12345678901234567890.123456789012345678901", "12345678901234567890123456789012345678901", -21),
    ])
    func parsesCoefficientAndExponent(text: String, coefficient: String, exponent: Int) throws {
        let value = try ExactDecimal(parsing: text)
        #expect((value.isNegative && !value.isZero ? "-" : "") + value.coefficient.magnitudeDigits == coefficient)
        #expect(value.exponent == exponent)
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let value = try ExactDecimal(parsing: "-0.00")
        #expect(value.isZero && value.isNegative)
        #expect(value.description == "-0.00")
        #expect(value == 0)
    }

    @Test func inlineUntilInt64Overflows() {
        #expect(dec("9223372036854775807").isInline)
        #expect(dec("-9223372036854775808").isInline)
        #expect(!dec("9223372036854775808").isInline)
        #expect(dec("000000000000000000000000000001").isInline)  // leading zeros do not count
    }

    @Test(arguments: [
        ("", 0, "no digits"), ("1..2", 2, "unexpected character"), ("abc", 0, "expected a digit"),
        ("1e", 2, "missing exponent digits"), ("1e+", 3, "missing exponent digits"), (" 1", 0, "expected a digit"),
        ("1 ", 1, "unexpected character"), ("NaN", 0, "expected a digit"), ("Infinity", 0, "expected a digit"),
        ("1,000", 1, "unexpected character"), ("１", 0, "expected a digit"), ("+", 1, "no digits"),
        ("-.", 2, "no digits"), (".", 1, "no digits"), ("1e5x", 3, "expected an exponent digit"),
        ("1_000", 1, "unexpected character"), ("0x10", 1, "unexpected character"), ("--1", 1, "expected a digit"),
    ])
    func refusesWithPosition(text: String, offset: Int, reason: String) {
        #expect(throws: DecimalError.syntax(offset: offset, reason: reason)) { try ExactDecimal(parsing: text) }
        #expect(ExactDecimal(text) == nil)
    }

    @Test func refusesExponentsBeyondTheLimit() {
        #expect(throws: DecimalError.exponentOutOfRange) { try ExactDecimal(parsing: "1e999999999999") }
        #expect(throws: DecimalError.exponentOutOfRange) { try ExactDecimal(parsing: "1E+2000000000") }
        #expect(throws: DecimalError.exponentOutOfRange) {
            try ExactDecimal(parsing: "1e99999999999999999999999999999999999999999999")
        }
        #expect(throws: Never.self) { try ExactDecimal(parsing: "1E+1999999999") }
        #expect(throws: Never.self) { try ExactDecimal(parsing: "1E-1999999999") }
    }

    @Test func refusesHugeInputWithoutReadingIt() {
        let tenMegabytes = String(repeating: "9", count: 10_000_000)
        #expect(throws: DecimalError.tooManyDigits) { try ExactDecimal(parsing: tenMegabytes) }
    }

    @Test func acceptsTheLongestAllowedCoefficient() throws {
        let digits = "7" + String(repeating: "0", count: ExactDecimal.maximumDigits - 1)
        let value = try ExactDecimal(parsing: digits)
        #expect(value.digitCount == ExactDecimal.maximumDigits)
        #expect(throws: DecimalError.tooManyDigits) { try value.multiplied(by: 10) }
    }

    @Test func parsesFromUTF8Bytes() throws {
        let bytes = Array("123.45,6".utf8)
        let value = try bytes.withUnsafeBufferPointer { try ExactDecimal(utf8: UnsafeBufferPointer(rebasing: $0[0..<6])) }
        #expect(value == dec("123.45"))
    }
}

@Suite struct FormattingTests {
    @Test(arguments: [
        ("60833.33", "60833.33", "60833.33", "60833.33"), ("1.50", "1.50", "1.50", "1.50"),
        ("1E+3", "1E+3", "1E+3", "1000"), ("0.0000001", "1E-7", "100E-9", "0.0000001"),
        ("0.000001", "0.000001", "0.000001", "0.000001"), ("-0", "-0", "-0", "-0"), ("0E+2", "0E+2", "0.0E+3", "0"),
        ("0E+1", "0E+1", "0.00E+3", "0"), ("123E+5", "1.23E+7", "12.3E+6", "12300000"),
        ("-1.5E-10", "-1.5E-10", "-150E-12", "-0.00000000015"), ("12345E-2", "123.45", "123.45", "123.45"),
        ("1E+2", "1E+2", "100", "100"), ("-9223372036854775809.5", "-9223372036854775809.5", "-9223372036854775809.5", "-9223372036854775809.5"),
    ])
    func formats(text: String, scientific: String, engineering: String, plain: String) throws {
        let value = dec(text)
        #expect(value.description == scientific)
        #expect(value.engineeringDescription == engineering)
        #expect(try value.plainDescription() == plain)
    }

    /// Word-sized coefficients are written by their own route; its edges, against Python's
    /// `decimal` (`str` and `to_eng_string`): the first exponent of scientific notation, the
    /// largest magnitudes, zeros, signs.
    @Test(arguments: [
        (Int64(6_083_333), -2, "60833.33", "60833.33"), (-5, -2, "-0.05", "-0.05"), (0, -2, "0.00", "0.00"),
        (1, -6, "0.000001", "0.000001"), (1, -7, "1E-7", "100E-9"), (12, -7, "0.0000012", "0.0000012"), (12, -8, "1.2E-7", "120E-9"),
        (.min, 0, "-9223372036854775808", "-9223372036854775808"), (.min, -19, "-0.9223372036854775808", "-0.9223372036854775808"),
        (.max, -24, "0.000009223372036854775807", "0.000009223372036854775807"),
        (.max, -25, "9.223372036854775807E-7", "922.3372036854775807E-9"), (0, -6, "0.000000", "0.000000"), (0, -7, "0E-7", "0.0E-6"),
        (100, 0, "100", "100"),
    ])
    func formatsWordSizedCoefficients(coefficient: Int64, exponent: Int, scientific: String, engineering: String) {
        let value = ExactDecimal(coefficient, exponent: exponent)
        #expect(value.description == scientific)
        #expect(value.engineeringDescription == engineering)
        #expect(dec(scientific) == value)
    }

    @Test func negativeZeroKeepsItsSignAndPlaces() {
        #expect(dec("-0.00").description == "-0.00")
        #expect(dec("-0E-7").description == "-0E-7")
    }

    @Test func plainFormRefusesAbsurdLength() {
        #expect(throws: DecimalError.tooManyDigits) { try dec("1E+99999999").plainDescription() }
        #expect(throws: DecimalError.tooManyDigits) { try dec("1E-99999999").plainDescription() }
    }
}

@Suite struct CodableTests {
    struct Row: Codable, Equatable {
        var amount: ExactDecimal
    }

    @Test func encodesAsAString() throws {
        let json = try JSONEncoder().encode(Row(amount: dec("60833.30")))
        #expect(String(decoding: json, as: UTF8.self) == #"{"amount":"60833.30"}"#)
        #expect(try JSONDecoder().decode(Row.self, from: json).amount.description == "60833.30")
    }

    @Test func refusesJSONNumbersAndBadStrings() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Row.self, from: Data(#"{"amount":60833.3}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Row.self, from: Data(#"{"amount":"6O833"}"#.utf8)) }
    }
}
