@testable import DecimalModule

/// Parses a literal the test knows to be valid.
func dec(_ text: String) -> ExactDecimal {
    do {
        return try ExactDecimal(parsing: text)
    } catch {
        preconditionFailure("test literal \"\(text)\" does not parse: \(error)")
    }
}

extension ExactDecimal {
    /// Whether the coefficient is held inline (not in GMP storage).
    var isInline: Bool { coefficient.isSmall }
}
