import PropertyBased
import Testing

@testable import DecimalModule

/// Values that cross the inline/GMP boundary: small ones, ones near ±2^63 (a quarter of them
/// exactly Int64.max or Int64.min), 20–38-digit ones built from two 64-bit halves, and ones
/// with trailing zeros, with exponents from −30 to 30.
let decimals = zip(Gen.int64(), Gen.int64(), Gen.int(in: 0...4), Gen.int(in: -30...30)).map(makeDecimal)

@Sendable func makeDecimal(_ parts: (Int64, Int64, Int, Int)) -> ExactDecimal {
    let (high, low, kind, exponent) = parts
    let offset = low % 4 == 0 ? 0 : Int64(low.magnitude % 1_000)
    let coefficient: String
    switch kind {
    case 0: coefficient = String(high % 1_000)
    case 1: coefficient = String(high)
    case 2: coefficient = high > 0 ? String(Int64.max - offset) : String(Int64.min + offset)
    case 3: coefficient = String(high) + String(low.magnitude)
    default: coefficient = String(high % 100) + String(repeating: "0", count: Int(low.magnitude % 30))
    }
    return dec(coefficient + "E" + String(exponent))
}

@Suite struct PropertyTests {
    @Test func additionAndMultiplicationCommute() async {
        await propertyCheck(count: 500, input: decimals, decimals) { (a: ExactDecimal, b: ExactDecimal) in
            #expect((a + b).description == (b + a).description)
            #expect((a * b).description == (b * a).description)
        }
    }

    @Test func additionAndMultiplicationAssociate() async {
        await propertyCheck(count: 300, input: decimals, decimals, decimals) { (a: ExactDecimal, b: ExactDecimal, c: ExactDecimal) in
            let sumLeft: ExactDecimal = (a + b) + c
            let sumRight: ExactDecimal = a + (b + c)
            #expect(sumLeft == sumRight)
            let productLeft: ExactDecimal = (a * b) * c
            let productRight: ExactDecimal = a * (b * c)
            #expect(productLeft == productRight)
        }
    }

    @Test func multiplicationDistributes() async {
        await propertyCheck(count: 300, input: decimals, decimals, decimals) { (a: ExactDecimal, b: ExactDecimal, c: ExactDecimal) in
            let left: ExactDecimal = a * (b + c)
            let right: ExactDecimal = a * b + a * c
            #expect(left == right)
        }
    }

    @Test func subtractionUndoesAddition() async {
        await propertyCheck(count: 500, input: decimals, decimals) { (a: ExactDecimal, b: ExactDecimal) in
            let roundTrip: ExactDecimal = a - b + b
            #expect(roundTrip == a)
            #expect((a - a).isZero)
        }
    }

    @Test func exactDivisionUndoesMultiplication() async {
        await propertyCheck(count: 300, input: decimals, decimals) { (a: ExactDecimal, b: ExactDecimal) in
            guard !b.isZero else { return }
            let product: ExactDecimal = a * b
            let quotient = try product.divided(by: b, .precision(80))
            #expect(quotient == a)
        }
    }

    @Test func textRoundTrips() async {
        await propertyCheck(count: 500, input: decimals) { (a: ExactDecimal) in
            let parsed = try ExactDecimal(parsing: a.description)
            #expect(parsed.description == a.description)
            #expect(parsed.exponent == a.exponent)
            #expect(try ExactDecimal(parsing: a.plainDescription()) == a)
            #expect(try ExactDecimal(parsing: a.engineeringDescription) == a)
        }
    }

    /// The bytes a batch writes (`withDescriptionUTF8`) are the description's, written on the
    /// stack or through a `String`: values in a word and not, with exponents either side of 0
    /// and tiny values that take an exponent.
    @Test func descriptionBytesAreTheDescription() async {
        func written(_ value: ExactDecimal) -> String {
            var text = ""
            value.withDescriptionUTF8 { text = String(decoding: $0, as: UTF8.self) }
            return text
        }
        await propertyCheck(count: 500, input: decimals) { (a: ExactDecimal) in
            #expect(written(a) == a.description)
            #expect(written(-a) == (-a).description)
        }
        let texts = ["60833.33", "-0.000001", "1E-7", "1E+3", "-0", "0.00", "99999999999999999999.99"]
        #expect(texts.map { written(dec($0)) } == texts)
    }

    @Test func equalValuesHashAlike() async {
        await propertyCheck(count: 500, input: decimals, Gen.int(in: 0...25)) { (a: ExactDecimal, zeros: Int) in
            let one = try ExactDecimal(1).rounded(scale: zeros, .down)  // 1.000…, `zeros` zeros
            let padded: ExactDecimal = a * one
            #expect(padded == a)
            #expect(padded.hashValue == a.hashValue)
            #expect(a.reduced() == a)
            #expect(a.reduced().hashValue == a.hashValue)
        }
    }

    @Test func orderAgreesWithSubtraction() async {
        await propertyCheck(count: 500, input: decimals, decimals) { (a: ExactDecimal, b: ExactDecimal) in
            let difference: ExactDecimal = a - b
            #expect((a < b) == (difference.signum < 0))
            #expect((a == b) == difference.isZero)
        }
    }

    @Test func scaleRoundingIsWithinHalfAUnit() async {
        await propertyCheck(count: 500, input: decimals, Gen.int(in: -5...10)) { (a: ExactDecimal, scale: Int) in
            let rounded = try a.rounded(scale: scale, .halfUp)
            #expect(rounded.exponent == -scale)
            let error: ExactDecimal = (a - rounded).magnitude
            let twiceError: ExactDecimal = error * 2
            #expect(twiceError <= ExactDecimal(1, exponent: -scale))
        }
    }
}
