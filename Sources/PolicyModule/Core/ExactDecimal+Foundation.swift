import DecimalModule
import Foundation

/// Exchange with `Foundation.Decimal`, exactly or not at all. (Here rather than in
/// DecimalModule, which links no Foundation.)
extension ExactDecimal {
    /// `decimal`'s value, exactly: every finite `Foundation.Decimal` (38 digits, exponent
    /// −128…127) is an `ExactDecimal`.
    ///
    /// - Throws: `DecimalError.invalidOperation` for NaN.
    public init(_ decimal: Foundation.Decimal) throws(DecimalError) {
        guard !decimal.isNaN else { throw .invalidOperation(Vocabulary.message("error.decimal_nan")) }
        var value = decimal
        // NSDecimalString with no locale writes plain digits and a "." point.
        self = try ExactDecimal(parsing: NSDecimalString(&value, nil))
    }
}

extension Foundation.Decimal {
    /// `value` as a `Foundation.Decimal` when it is one exactly (at most 38 significant digits,
    /// an exponent within −128…127); nil otherwise, never a rounded value.
    public init?(exactly value: ExactDecimal) {
        let reduced = value.reduced()
        guard reduced.digitCount <= 38, let converted = Foundation.Decimal(string: reduced.description, locale: Locale(identifier: "en_US_POSIX")),
            !converted.isNaN, (try? ExactDecimal(converted)) == value
        else { return nil }
        self = converted
    }
}
