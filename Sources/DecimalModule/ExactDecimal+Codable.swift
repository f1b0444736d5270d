/// JSON and other `Codable` formats carry an `ExactDecimal` as a string: `"60833.33"`.
///
/// A string keeps every digit and the exponent exactly; a JSON number would pass through
/// binary floating point in most decoders. Decoding accepts only a string in the syntax of
/// ``ExactDecimal/init(parsing:)``.
extension ExactDecimal: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.typeMismatch(
                ExactDecimal.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected a decimal number as a string, like \"60833.33\""))
        }
        do {
            self = try ExactDecimal(parsing: text)
        } catch {
            // "is not a decimal number: …" for syntax; "is out of range: the exponent would be …".
            let reason = if case .syntax = error { "is \(error)" } else { "is out of range: \(error)" }
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "\"\(text.prefix(40))\" \(reason)", underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
