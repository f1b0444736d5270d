import DecimalModule

/// An annual rate or a share, written as a decimal (`0.0365`) or a percentage (`3.65%`); both
/// forms are accepted everywhere a rate is, and mean exactly the same value.
public struct Rate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The rate as a fraction: 0.0365 for 3.65%.
    public var value: ExactDecimal

    /// The rate `value` as a fraction (0.0365 for 3.65%), unchecked.
    public init(_ value: ExactDecimal) {
        self.value = value
    }

    /// The rate of `percent` per cent, exactly: `Rate(percent: 2)` is 0.02, `Rate(percent:
    /// "3.65")` is 0.0365. Unchecked, like ``init(_:)``; ``init(parsing:)`` checks.
    public init(percent: ExactDecimal) {
        value = percent * ExactDecimal(1, exponent: -2)
    }

    /// Parses `0.0365` or `3.65%`, refusing what cannot be a rate (docs/POLICY.md §1): a value
    /// written without `%` that is 1 or more (`3.65` would be 365%; the message suggests
    /// `3.65%`), and any rate above 100%.
    public init(parsing text: String) throws(PolicyError) {
        let written = InputText.normalized(text)
        let percent = written.hasSuffix("%")
        guard let number = try PolicyDecimal.parseIfDecimal(percent ? String(written.dropLast()) : written) else {
            throw .invalidValue(field: nil, Vocabulary.message("error.not_a_rate", String(text.prefix(40))))
        }
        value = percent ? number * ExactDecimal(1, exponent: -2) : number
        if !percent, value >= 1 {
            // Plain digits where they are short (365%), scientific past that (1E+102%).
            func shown(_ number: ExactDecimal) -> String {
                let reduced = number.reduced()
                return (try? reduced.plainDescription()).flatMap { $0.count <= 30 ? $0 : nil } ?? reduced.description
            }
            let meaning = shown(value * 100)
            let fraction = shown(value * ExactDecimal(1, exponent: -2))
            throw .invalidValue(field: nil, Vocabulary.message("error.implausible_rate", text, meaning, written, fraction))
        }
        if value > 1 {
            throw .invalidValue(field: nil, Vocabulary.message("error.rate_above_100", text))
        }
    }

    /// Whether the first comes before the second.
    public static func < (a: Rate, b: Rate) -> Bool { a.value < b.value }

    /// The rate as a decimal fraction (`0.0365`).
    public var description: String { value.description }

    /// The rate as a percentage for explanations (`3.65%`, `2%`).
    public var percentDescription: String {
        let percent = (value * 100).reduced()
        return ((try? percent.plainDescription()) ?? percent.description) + "%"
    }
}

extension Rate: Codable {
    /// Reads the value from a decoder (the library's input decoder or `JSONDecoder`), with the field names of docs/POLICY.md.
    public init(from decoder: any Decoder) throws {
        self = try Rate(parsing: decoder.singleValueContainer().decode(String.self))
    }

    /// Writes the value with the field names of docs/POLICY.md, every field present (null when absent).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value.description)
    }
}

/// The bounds docs/POLICY.md §11 puts on decimal input: at most 100 characters, an adjusted exponent
/// within ±100 — refused before any arithmetic.
enum PolicyDecimal {
    static let maximumLength = 100
    static let exponentBound = 100

    static func parse(_ text: String) throws(PolicyError) -> ExactDecimal {
        guard let value = try parseIfDecimal(text) else { throw .invalidValue(field: nil, Vocabulary.message("error.not_a_number", text)) }
        return value
    }

    /// The value of `text`, or nil when it is not written as a decimal at all — so that a caller
    /// can say what it expected instead; a decimal beyond the bounds is refused here.
    static func parseIfDecimal(_ text: String) throws(PolicyError) -> ExactDecimal? {
        guard text.utf8.count <= maximumLength else {
            throw .invalidValue(field: nil, Vocabulary.message("error.too_long", String(maximumLength)))
        }
        func beyondBound() -> PolicyError {
            .invalidValue(field: nil, Vocabulary.message("error.beyond_bound", text, String(exponentBound)))
        }
        let value: ExactDecimal
        do {
            value = try ExactDecimal(parsing: text)
        } catch .syntax {
            return nil
        } catch {
            throw beyondBound()  // an exponent beyond the decimal type's range is beyond ours too
        }
        guard value.isZero || abs(value.adjustedExponent) <= exponentBound else { throw beyondBound() }
        // −0 is an amount of nothing, not a negative one: read as 0 (never printed as -0.00).
        return value.isZero && value.isNegative ? -value : value
    }
}
