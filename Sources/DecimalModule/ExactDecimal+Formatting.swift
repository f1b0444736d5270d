/// Conversion to text.
extension ExactDecimal: CustomStringConvertible {
    /// The General Decimal Arithmetic *to-scientific-string*: plain digits when the exponent is
    /// ≤ 0 and the value is not tiny, scientific notation otherwise. Trailing zeros are kept,
    /// and the string parses back to the same coefficient and exponent.
    ///
    /// `60833.33` → `"60833.33"`, `1.50` → `"1.50"`, `1E+3` → `"1E+3"`, `0.0000001` → `"1E-7"`,
    /// `-0` → `"-0"`.
    public var description: String { formatted(engineering: false) }

    /// Calls `body` with the UTF-8 bytes of ``description``. A value held in a word and
    /// written plainly (most amounts) is written into a buffer on the stack, with no `String`
    /// made: what a writer of many values (a batch's output cells) wants. (Not generic over a
    /// result: a generic function called from another module finds its types at run time.)
    public func withDescriptionUTF8(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if case .small(let value) = coefficient, exponent <= 0, ExactDecimal.withPlainUTF8(value.magnitude, places: -exponent, negative: isNegative, body) {
            return
        }
        var text = formatted(engineering: false)
        text.withUTF8(body)
    }

    /// The General Decimal Arithmetic *to-engineering-string*: as ``description``, but any
    /// exponent shown is a multiple of three (`1E+4` → `"10E+3"`).
    public var engineeringDescription: String { formatted(engineering: true) }

    /// The value in plain digits, never with an exponent: `1E+3` → `"1000"`,
    /// `1E-7` → `"0.0000001"`, `1.50` → `"1.50"`.
    ///
    /// - Throws: ``DecimalError/tooManyDigits`` if that would take more than
    ///   ``maximumDigits`` digits (`1E+999999` is fine, `1E+99999999` is not).
    public func plainDescription() throws(DecimalError) -> String {
        let digits = coefficient.magnitudeDigits
        let sign = isNegative ? "-" : ""
        if exponent >= 0 {
            guard exponent <= ExactDecimal.maximumDigits - digits.utf8.count else { throw .tooManyDigits }
            let zeros = isZero ? "" : String(repeating: "0", count: exponent)
            return sign + digits + zeros
        }
        let fractionDigits = -exponent
        guard fractionDigits <= ExactDecimal.maximumDigits else { throw .tooManyDigits }
        if digits.utf8.count > fractionDigits {
            let split = digits.index(digits.endIndex, offsetBy: -fractionDigits)
            return sign + digits[..<split] + "." + digits[split...]
        }
        return sign + "0." + String(repeating: "0", count: fractionDigits - digits.utf8.count) + digits
    }

    /// The specification's conversion to a string (its section "Numbers: Abstract
    /// representation → to-scientific-string / to-engineering-string").
    private func formatted(engineering: Bool) -> String {
        var plain = ""
        if case .small(let value) = coefficient, exponent <= 0,
            ExactDecimal.withPlainUTF8(value.magnitude, places: -exponent, negative: isNegative, { plain = String(decoding: $0, as: UTF8.self) })
        {
            return plain
        }
        let digits = Array(coefficient.magnitudeDigits.utf8)
        var result = isNegative ? "-" : ""
        let exponent = self.exponent
        // Digits before the point, and the exponent shown after "E" (nil: no exponent part).
        var leading = digits.count + exponent
        var shownExponent: Int?
        if exponent > 0 || leading < -5 {
            var adjusted = exponent + digits.count - 1
            leading = 1
            if engineering {
                let excess = ((adjusted % 3) + 3) % 3  // adjusted minus the multiple of 3 at or below it
                adjusted -= excess
                if !isZero {
                    leading += excess
                } else if excess != 0 {  // zero: "0.00E+3" instead of "0E+1"
                    adjusted += 3
                    leading = excess - 2
                }
            }
            shownExponent = adjusted
        }
        if leading > 0 {
            for position in 0..<leading {
                result.unicodeScalars.append(Unicode.Scalar(position < digits.count ? digits[position] : UInt8(ascii: "0")))
            }
            if leading < digits.count {
                result += "."
                result += String(decoding: digits[leading...], as: UTF8.self)
            }
        } else {
            result += "0." + String(repeating: "0", count: -leading) + String(decoding: digits, as: UTF8.self)
        }
        if let shownExponent, shownExponent != 0 {
            result += shownExponent > 0 ? "E+\(shownExponent)" : "E\(shownExponent)"
        }
        return result
    }

    /// An inline coefficient's value written plainly, when the specification writes it so
    /// (`magnitude` × 10^−`places`, no more than five zeros after the point before the first
    /// digit): the digits written once, backwards, into a buffer on the stack and passed to
    /// `body`, and true; false, and `body` not called, otherwise. Most amounts (`60833.33`) take
    /// this way.
    private static func withPlainUTF8(_ magnitude: UInt64, places: Int, negative: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        var digitCount = 1
        var rest = magnitude / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        guard digitCount - places >= -5 else { return false }
        // At most a sign, "0.", five zeros and 20 digits.
        let capacity = 32
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var position = capacity
            var rest = magnitude
            var written = 0
            repeat {
                position -= 1
                buffer[position] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                rest /= 10
                written += 1
                if written == places {
                    position -= 1
                    buffer[position] = UInt8(ascii: ".")
                }
            } while rest > 0 || written <= places
            if negative {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            body(UnsafeBufferPointer(rebasing: buffer[position...]))
        }
        return true
    }
}
