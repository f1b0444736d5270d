import PropertyBased
import Testing

@testable import DecimalModule

@Suite struct ArithmeticTests {
    /// Exact results, checked with Python's decimal (`Decimal(a) + Decimal(b)` at a precision
    /// large enough to be exact).
    @Test(arguments: [
        ("1.5", "1.25", "2.75", "0.25", "1.875"),
        ("1.50", "1", "2.50", "0.50", "1.50"),
        ("9223372036854775807", "1", "9223372036854775808", "9223372036854775806", "9223372036854775807"),
        ("-9223372036854775808", "-1", "-9223372036854775809", "-9223372036854775807", "9223372036854775808"),
        ("3037000500", "3037000500", "6074001000", "0", "9223372037000250000"),
        ("1E+20", "1", "100000000000000000001", "99999999999999999999", "1E+20"),
        ("0.02", "3000000", "3000000.02", "-2999999.98", "60000.00"),
        ("-0", "-0", "-0", "0", "0"),
        ("0", "-5", "-5", "5", "-0"),
        // Zero results take the general path, which gives them their sign.
        ("-1.5", "0", "-1.5", "-1.5", "-0.0"),
        ("1.5", "-1.5", "0.0", "3.0", "-2.25"),
        ("-0.00", "-0", "-0.00", "0.00", "0.00"),
        ("-7", "0.0", "-7.0", "-7.0", "-0.0"),
        ("123456789012345678901234567890", "-123456789012345678901234567890", "0", "246913578024691357802469135780",
         "-15241578753238836750495351562536198787501905199875019052100"),
    ])
    func exactOperations(a: String, b: String, sum: String, difference: String, product: String) throws {
        let (x, y) = (dec(a), dec(b))
        #expect((x + y).description == sum)
        #expect((x - y).description == difference)
        #expect((x * y).description == product)
        #expect(try x.adding(y).description == sum)
        #expect(try x.subtracting(y).description == difference)
        #expect(try x.multiplied(by: y).description == product)
        var total = x
        total += y
        #expect(total.description == sum)
        total = x
        total -= y
        #expect(total.description == difference)
    }

    @Test func resultsMoveBackInline() {
        let big = dec("9223372036854775808")
        #expect(!big.isInline)
        let back = big - 1
        #expect(back.isInline)
        #expect(back == dec("9223372036854775807"))
        #expect((dec("123456789012345678901234567890") * 0).isInline)
    }

    @Test func additionInPlaceCopiesOnWrite() {
        let original = dec("100000000000000000000000")
        var copy = original
        copy += dec("1")
        #expect(original.description == "100000000000000000000000")
        #expect(copy.description == "100000000000000000000001")
        var unique = dec("100000000000000000000000")
        unique += dec("-99999999999999999999999")
        #expect(unique.description == "1")
        #expect(unique.isInline)
    }

    @Test func fixedPointExchange() {
        #expect(dec("60833.33").int64Value(scale: 2) == 6_083_333)
        #expect(dec("0.0365").int64Value(scale: 6) == 36_500)
        #expect(dec("2E+3").int64Value(scale: 2) == 200_000)
        #expect(dec("0.005").int64Value(scale: 2) == nil)
        #expect(dec("92233720368547758.08").int64Value(scale: 2) == nil)
        #expect(dec("9223372036854775807").int64Value(scale: 1) == nil)
        #expect(dec("60833.33").int64Coefficient == 6_083_333)
        #expect(dec("9223372036854775808").int64Coefficient == nil)
    }

    @Test func negationAndMagnitude() {
        #expect((-dec("1.50")).description == "-1.50")
        #expect((-dec("0")).description == "0")
        #expect((-dec("-0")).description == "0")
        #expect(dec("-1.50").magnitude.description == "1.50")
        #expect(dec("-0").magnitude.description == "0")
        #expect((-dec("-9223372036854775808")).description == "9223372036854775808")
    }

    /// The interest-subsidy kernel, round_half_up(principal × rate × days / 360, 2), on the
    /// worked examples of docs/POLICY.md §3 (computed by hand).
    @Test(arguments: [
        ("3000000", "0.0365", 365, "111020.83"), ("3000000", "0.02", 365, "60833.33"), ("3000000", "0.02", 200, "33333.33"),
        ("5000000", "0.02", 365, "101388.89"), ("6000000", "0.02", 365, "121666.67"), ("1000000", "0.018", 365, "18250.00"),
    ])
    func moneyKernel(principal: String, rate: String, days: Int, expected: String) throws {
        let interest = try (dec(principal) * dec(rate) * ExactDecimal(days)).divided(by: 360, .scale(2, rounding: .halfUp))
        #expect(interest.description == expected)
        #expect(interest.isInline)
    }

    @Test func comparisonIsByValue() {
        #expect(dec("1.5") == dec("1.50"))
        #expect(dec("0") == dec("-0E+5"))
        #expect(dec("1E+3") == dec("1000.000"))
        #expect(dec("0.1") < dec("0.10000000000000000000000001"))
        #expect(dec("-1E+1000") < dec("-1E+999"))
        #expect(dec("1E-1999999999") > 0)
        #expect(dec("9223372036854775808") > dec("9223372036854775807.99999"))
        #expect(Set([dec("1.5"), dec("1.50"), dec("15E-1")]).count == 1)
        #expect(dec("2.50").hashValue == dec("2.5").hashValue)
        #expect(dec("100000000000000000000000000000E-10").hashValue == dec("1E+19").hashValue)
    }
}

@Suite struct RoundingTests {
    /// The table in RoundingMode's documentation, checked against Python's
    /// `Decimal(v).quantize(Decimal(1), rounding=…)`.
    @Test(arguments: [
        (RoundingMode.up, ["2", "3", "3", "3", "-2", "-3", "2", "1", "6", "7"]),
        (.down, ["1", "2", "2", "2", "-1", "-2", "1", "0", "5", "6"]),
        (.ceiling, ["2", "3", "3", "3", "-1", "-2", "2", "1", "6", "7"]),
        (.floor, ["1", "2", "2", "2", "-2", "-3", "1", "0", "5", "6"]),
        (.halfUp, ["2", "3", "2", "3", "-2", "-3", "1", "0", "5", "6"]),
        (.halfDown, ["1", "2", "2", "3", "-1", "-2", "1", "0", "5", "6"]),
        (.halfEven, ["2", "2", "2", "3", "-2", "-2", "1", "0", "5", "6"]),
        (.zeroFiveUp, ["1", "2", "2", "2", "-1", "-2", "1", "1", "6", "6"]),
    ])
    func roundsToInteger(mode: RoundingMode, expected: [String]) throws {
        let inputs = ["1.5", "2.5", "2.4", "2.6", "-1.5", "-2.5", "1.0000001", "0.01", "5.1", "6.1"]
        #expect(try inputs.map { try dec($0).rounded(scale: 0, mode).description } == expected)
    }

    @Test func scaleRoundingKeepsTheScale() throws {
        #expect(try dec("1.5").rounded(scale: 2, .halfUp).description == "1.50")
        #expect(try dec("60833.333").rounded(scale: 2, .halfUp).description == "60833.33")
        #expect(try dec("0.005").rounded(scale: 2, .halfUp).description == "0.01")
        #expect(try dec("-0.005").rounded(scale: 2, .halfUp).description == "-0.01")
        #expect(try dec("-0.001").rounded(scale: 2, .halfUp).description == "-0.00")
        #expect(try dec("1234.5").rounded(scale: -2, .halfUp).description == "1.2E+3")
        #expect(try dec("1E-1000000000").rounded(scale: 2, .up).description == "0.01")
        #expect(try dec("1E-1000000000").rounded(scale: 2, .halfUp).description == "0.00")
    }

    @Test func precisionRounding() throws {
        #expect(try dec("999.96").rounded(.precision(4, rounding: .halfUp)).description == "1000")
        #expect(try dec("1.50").rounded(.precision(4)).description == "1.50")
        #expect(try dec("123456789012345678901234567890").rounded(.precision(5, rounding: .down)).description == "1.2345E+29")
    }

    @Test func divisionByContext() throws {
        #expect(try dec("10").divided(by: 3, .scale(2, rounding: .halfUp)).description == "3.33")
        #expect(try dec("1").divided(by: 4, .precision(9)).description == "0.25")
        #expect(try dec("1E+10").divided(by: 1, .precision(9)).description == "1E+10")
        #expect(try dec("1").divided(by: 3, .precision(5)).description == "0.33333")
        #expect(try dec("2").divided(by: 3, .precision(40)).description == "0.6666666666666666666666666666666666666667")
        #expect(try dec("-7").dividedToIntegralValue(by: 2, .precision(9)).description == "-3")
        #expect(try dec("7").dividedToIntegralValue(by: 2, .scale(2)).description == "3.00")
        #expect(try dec("7.5").remainder(dividingBy: 2, .precision(9)).description == "1.5")
        #expect(try dec("-7").remainder(dividingBy: 2, .precision(9)).description == "-1")
        #expect(try dec("1E-1000000000").divided(by: 3, .scale(2, rounding: .ceiling)).description == "0.01")
        // At the edges of the word-sized path (checked with Python's decimal).
        #expect(try dec("-9223372036854775808").divided(by: 1, .scale(0)).description == "-9223372036854775808")
        #expect(try dec("-9223372036854775808").divided(by: -1, .scale(0)).description == "9223372036854775808")
        #expect(try dec("9223372036854775807").divided(by: dec("0.5"), .scale(0)).description == "18446744073709551614")
        #expect(try dec("-9223372036854775808").divided(by: 3, .scale(1, rounding: .halfEven)).description == "-3074457345618258602.7")
        #expect(try dec("-0.004").divided(by: 1, .scale(2)).description == "-0.00")
        let int64Min = dec("-9223372036854775808")
        for mode in RoundingMode.allCases {
            #expect(try int64Min.divided(by: int64Min, .scale(0, rounding: mode)).description == "1", "\(mode)")
        }
        #expect(try dec("4611686018427387904").divided(by: int64Min, .scale(0, rounding: .halfEven)).description == "-0")
        #expect(try dec("4611686018427387904").divided(by: int64Min, .scale(0, rounding: .halfUp)).description == "-1")
    }

    @Test func quantize() throws {
        #expect(try dec("2.17").quantized(toExponent: -3, .precision(9)).description == "2.170")
        #expect(try dec("2.175").quantized(toExponent: -2, .precision(9, rounding: .halfEven)).description == "2.18")
        #expect(try dec("2.175").quantized(toExponent: -2, .scale(4)).description == "2.18")
    }
}

/// Every error the type can throw, from each operation that throws it.
@Suite struct ErrorTests {
    @Test func divisionErrors() {
        #expect(throws: DecimalError.divisionByZero) { try dec("1").divided(by: 0, .scale(2)) }
        #expect(throws: DecimalError.divisionByZero) { try dec("-1").dividedToIntegralValue(by: dec("0.00"), .precision(9)) }
        #expect(throws: DecimalError.divisionUndefined) { try dec("0").divided(by: 0, .precision(9)) }
        #expect(throws: DecimalError.divisionUndefined) { try dec("0").remainder(dividingBy: 0, .precision(9)) }
        #expect(throws: DecimalError.invalidOperation("remainder by zero")) { try dec("5").remainder(dividingBy: 0, .precision(9)) }
        #expect(throws: DecimalError.divisionImpossible) { try dec("1E+10").dividedToIntegralValue(by: 1, .precision(5)) }
        #expect(throws: DecimalError.divisionImpossible) { try dec("123456").remainder(dividingBy: dec("0.1"), .precision(6)) }
    }

    @Test func quantizeErrors() {
        #expect(throws: DecimalError.invalidOperation("quantize result would have more than 3 digits")) {
            try dec("9.99").quantized(toExponent: -2, .precision(3, rounding: .halfUp)).quantized(toExponent: -3, .precision(3))
        }
        #expect(throws: DecimalError.invalidOperation("quantize result would have more than 2 digits")) {
            try dec("9.99").quantized(toExponent: -1, .precision(2, rounding: .halfUp))
        }
        #expect(throws: DecimalError.invalidOperation("quantize exponent -3 is finer than scale 2")) {
            try dec("1").quantized(toExponent: -3, .scale(2))
        }
        #expect(throws: DecimalError.exponentOutOfRange) { try dec("1").quantized(toExponent: 2_000_000_000, .precision(9)) }
    }

    @Test func limitErrors() {
        #expect(throws: DecimalError.tooManyDigits) { try dec("1E+1000000").adding(1) }
        #expect(throws: DecimalError.tooManyDigits) { try dec("1E+1000000").subtracting(1) }
        #expect(throws: DecimalError.exponentOutOfRange) { try dec("1E+1999999999").multiplied(by: dec("1E+1")) }
        #expect(throws: DecimalError.exponentOutOfRange) { try dec("1").rounded(scale: 2_000_000_000, .halfUp) }
        #expect(throws: DecimalError.tooManyDigits) { try dec("1").rounded(scale: 1_000_001, .halfUp) }
        #expect(throws: DecimalError.tooManyDigits) { try dec("1E+1000001").divided(by: 3, .scale(0)) }
        #expect(throws: Never.self) { try dec("1E+1000000000").adding(1, .precision(9)) }
    }

    @Test func messagesNameTheProblem() {
        #expect(DecimalError.syntax(offset: 2, reason: "unexpected character").description
            == "not a decimal number: unexpected character at character 3")
        #expect(DecimalError.tooManyDigits.description == "the number would have more than 1000000 digits")
        #expect(DecimalError.exponentOutOfRange.description == "the exponent would be beyond ±1999999999")
    }
}

/// Division to a scale, the money path with its own word-sized fast path.
@Suite struct ScaleDivisionTests {
    @Test(arguments: scaleDivisionVectors)
    func matchesPythonDecimal(dividend: String, divisor: String, scale: Int, mode: RoundingMode, expected: String) throws {
        let quotient = try dec(dividend).divided(by: dec(divisor), .scale(scale, rounding: mode))
        #expect(quotient.description == expected)
    }

    @Test func inlinePathAgreesWithGeneralPath() async {
        await propertyCheck(count: 1_000, input: decimals, decimals, Gen.int(in: -3...8)) {
            (a: ExactDecimal, b: ExactDecimal, scale: Int) in
            guard !b.isZero else { return }
            for mode in RoundingMode.allCases {
                let context = DecimalContext.scale(scale, rounding: mode)
                let general = try a.generalQuotient(dividingBy: b, context)
                let public_ = try a.divided(by: b, context)
                #expect(public_.description == general.description, "\(a) / \(b) \(mode)")
            }
        }
    }
}
