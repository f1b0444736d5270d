import DecimalModule
import Testing

/// What integrators expect of a number type: grouping, 人民币大写, literals, `Numeric`, `Int64`.
@Suite struct ConveniencesTests {
    @Test(arguments: [
        ("3000000", "3,000,000"), ("60833.33", "60,833.33"), ("-1234.5", "-1,234.5"), ("100", "100"), ("0.001", "0.001"),
        ("1E+3", "1,000"), ("1234", "1,234"), ("-999", "-999"), ("123456789012.50", "123,456,789,012.50"),
    ])
    func groupedInThousands(text: String, grouped: String) throws {
        #expect(try ExactDecimal(parsing: text).grouped == grouped)
    }

    @Test(arguments: [
        ("100000", "壹拾万元整"), ("60833.33", "陆万零捌佰叁拾叁元叁角叁分"), ("1.05", "壹元零伍分"), ("0.50", "伍角整"),
        ("0.05", "伍分"), ("0", "零元整"), ("1000.05", "壹仟元零伍分"), ("10.30", "壹拾元叁角整"), ("1000001", "壹佰万零壹元整"),
        ("10005", "壹万零伍元整"), ("100000000", "壹亿元整"), ("100010000", "壹亿零壹万元整"), ("1000100", "壹佰万零壹佰元整"),
        ("101000", "壹拾万壹仟元整"), ("1010", "壹仟零壹拾元整"), ("200000.00", "贰拾万元整"), ("-3.5", "负叁元伍角整"),
        ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"), ("100000001", "壹亿零壹元整"),
        ("1E+3", "壹仟元整"), ("0.1", "壹角整"),
    ])
    func renminbiUppercase(amount: String, words: String) throws {
        #expect(try ExactDecimal(parsing: amount).renminbiUppercase() == words)
    }

    @Test(arguments: ["0.001", "1E+12", "-1000000000000", "1E+100"])
    func renminbiUppercaseRefusesWhatIsNotAnAmountInFen(amount: String) throws {
        #expect(throws: DecimalError.self) { try ExactDecimal(parsing: amount).renminbiUppercase() }
    }

    @Test func stringLiteralsAreExact() {
        let rate: ExactDecimal = "0.0365"
        #expect(rate == ExactDecimal(365, exponent: -4) && rate.description == "0.0365")
        let big: ExactDecimal = "123456789012345678901234567890.12"
        #expect(big.description == "123456789012345678901234567890.12")
    }

    /// Generic numeric code works on exact decimals.
    @Test func numericConformance() throws {
        func total<T: Numeric>(_ values: [T]) -> T { values.reduce(0, +) }
        func product<T: Numeric>(_ values: [T]) -> T { values.reduce(1, *) }
        func negated<T: SignedNumeric>(_ value: T) -> T { -value }
        #expect(total(["0.1", "0.2"] as [ExactDecimal]) == "0.3")
        #expect(product(["1.1", "1.1"] as [ExactDecimal]).description == "1.21")
        #expect(negated(ExactDecimal(5)) == -5)
        var value: ExactDecimal = "2.5"
        value *= 4
        #expect(value == 10)
        #expect(ExactDecimal(exactly: UInt64.max)?.description == "18446744073709551615")
        #expect(ExactDecimal(exactly: Int8(-7)) == -7)
    }

    @Test(arguments: [("60833.00", Int64(60833)), ("1E+3", 1000), ("-5", -5), ("9223372036854775807", Int64.max), ("0", 0)])
    func int64Exactly(text: String, expected: Int64) throws {
        #expect(Int64(exactly: try ExactDecimal(parsing: text)) == expected)
        #expect(ExactDecimal(expected) == (try ExactDecimal(parsing: text)))
    }

    @Test(arguments: ["0.5", "9223372036854775808", "1E+19", "-9223372036854775809"])
    func int64ExactlyRefusesWhatDoesNotFit(text: String) throws {
        #expect(Int64(exactly: try ExactDecimal(parsing: text)) == nil)
    }
}
