/// Strict parsing of decimal strings.
extension ExactDecimal: LosslessStringConvertible {
    /// Parses a decimal string in the General Decimal Arithmetic syntax, finite values only:
    /// an optional sign, digits with an optional point, and an optional exponent —
    /// `"60833.33"`, `"-5"`, `".5"`, `"5."`, `"+1E+3"`, `"1.50e-2"`.
    ///
    /// The whole string must be a number: no spaces, digit grouping, `NaN` or `Infinity`.
    /// Trailing zeros are kept (`"1.50"` has exponent −2).
    ///
    /// - Throws: ``DecimalError/syntax(offset:reason:)`` naming the first offending character;
    ///   ``DecimalError/tooManyDigits`` for a coefficient of more than ``maximumDigits`` digits
    ///   (leading zeros do not count), and for input longer than ``maximumDigits`` + 24 bytes
    ///   without reading it; ``DecimalError/exponentOutOfRange``.
    public init(parsing text: some StringProtocol) throws(DecimalError) {
        var string = String(text)
        let parsed = string.withUTF8 { bytes in
            Result { () throws(DecimalError) in try ExactDecimal(utf8: bytes) }
        }
        self = try parsed.get()
    }

    /// Parses UTF-8 bytes as ``init(parsing:)`` does, without making a `String`.
    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(DecimalError) {
        // Sign, point, "E", exponent sign and a 20-digit exponent fit in the slack.
        guard bytes.count <= ExactDecimal.maximumDigits + 24 else { throw .tooManyDigits }
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        let digitsStart = index
        var smallValue: UInt64 = 0
        var fitsInline = true
        var digitCount = 0
        var fractionDigits = 0
        var pointIndex: Int?
        while index < bytes.count {
            let byte = bytes[index]
            if byte &- UInt8(ascii: "0") < 10 {
                let (times10, overflow1) = smallValue.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times10.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
                if overflow1 || overflow2 || next > UInt64(Int64.max) { fitsInline = false }
                smallValue = next
                digitCount += 1
                if pointIndex != nil { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), pointIndex == nil {
                pointIndex = index
            } else {
                break
            }
            index += 1
        }
        guard digitCount > 0 else {
            throw .syntax(offset: index, reason: index < bytes.count ? "expected a digit" : "no digits")
        }
        let digitsEnd = index
        var exponent = -fractionDigits
        if index < bytes.count {
            guard bytes[index] | 0x20 == UInt8(ascii: "e") else {
                throw .syntax(offset: index, reason: "unexpected character")
            }
            index += 1
            exponent += try ExactDecimal.parseExponent(bytes, from: &index)
        }
        guard ExactDecimal.isWithinExponentLimit(exponent) else { throw .exponentOutOfRange }
        let coefficient: Coefficient
        if fitsInline {
            coefficient = Coefficient(negative ? -Int64(smallValue) : Int64(smallValue))
        } else {
            let digits = UnsafeBufferPointer(rebasing: bytes[digitsStart..<digitsEnd])
            if digitCount > ExactDecimal.maximumDigits, ExactDecimal.significantDigitCount(digits) > ExactDecimal.maximumDigits {
                throw .tooManyDigits
            }
            coefficient = ExactDecimal.bigCoefficient(digits, negative: negative)
        }
        self.init(coefficient: coefficient, exponent: Int32(exponent), negativeZero: negative)
    }

    /// Parses a decimal string; nil if it is not one. Prefer ``init(parsing:)``, which says why.
    public init?(_ description: String) {
        guard let value = try? ExactDecimal(parsing: description) else { return nil }
        self = value
    }

    /// An exponent after "E": optional sign, then digits to the end. Saturates instead of
    /// overflowing, so a huge exponent fails the range check rather than wrapping.
    private static func parseExponent(_ bytes: UnsafeBufferPointer<UInt8>, from index: inout Int) throws(DecimalError) -> Int {
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        let start = index
        var value = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { throw .syntax(offset: index, reason: "expected an exponent digit") }
            value = min(value * 10 + Int(digit), 10 * ExactDecimal.maximumExponent)
            index += 1
        }
        guard index > start else { throw .syntax(offset: index, reason: "missing exponent digits") }
        return negative ? -value : value
    }

    /// The digits of validated digits-and-point text after its leading zeros.
    private static func significantDigitCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in text where byte != UInt8(ascii: ".") && (count > 0 || byte != UInt8(ascii: "0")) { count += 1 }
        return count
    }

    /// A coefficient from already-validated digits with at most one point among them.
    private static func bigCoefficient(_ text: UnsafeBufferPointer<UInt8>, negative: Bool) -> Coefficient {
        let digits = text.filter { $0 != UInt8(ascii: ".") }
        return digits.withUnsafeBufferPointer { buffer in
            Coefficient(normalizing: GMPInteger(asciiDigits: buffer, negative: negative))
        }
    }
}
