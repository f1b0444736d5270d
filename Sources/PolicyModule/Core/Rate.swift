import DecimalModule

/// An annual rate or a share, written as a decimal (`0.0365`) or a percentage (`3.65%`); both
/// forms are accepted everywhere a rate is, and mean exactly the same value.
public struct Rate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The rate as a fraction: 0.0365 for 3.65%.
    public var value: ExactDecimal

    public init(_ value: ExactDecimal) {
        self.value = value
    }

    /// Parses `0.0365` or `3.65%`.
    public init(parsing text: String) throws(PolicyError) {
        if text.hasSuffix("%") {
            let percent = try PolicyDecimal.parse(String(text.dropLast()))
            value = percent * ExactDecimal(1, exponent: -2)
        } else {
            value = try PolicyDecimal.parse(text)
        }
    }

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
    public init(from decoder: any Decoder) throws {
        self = try Rate(parsing: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value.description)
    }
}

/// The bounds SPEC §11 puts on decimal input: at most 100 characters, an adjusted exponent
/// within ±100 — refused before any arithmetic.
enum PolicyDecimal {
    static let maximumLength = 100
    static let exponentBound = 100

    static func parse(_ text: String) throws(PolicyError) -> ExactDecimal {
        guard text.utf8.count <= maximumLength else {
            throw .invalidValue(field: nil, "a number may have at most \(maximumLength) characters")
        }
        func beyondBound() -> PolicyError {
            .invalidValue(field: nil, "\"\(text)\" is beyond the magnitude a policy input may have (10^±\(exponentBound))")
        }
        let value: ExactDecimal
        do {
            value = try ExactDecimal(parsing: text)
        } catch .syntax(let offset, let reason) {
            throw .invalidValue(field: nil, "\"\(text)\" is \(DecimalError.syntax(offset: offset, reason: reason))")
        } catch {
            throw beyondBound()  // an exponent beyond the decimal type's range is beyond ours too
        }
        guard value.isZero || abs(value.adjustedExponent) <= exponentBound else { throw beyondBound() }
        return value
    }
}
