import DecimalModule

/// Evaluates an arithmetic expression over `ExactDecimal` (recursive descent):
///
///     sum     = product (("+" | "-") product)*
///     product = unary (("*" | "/" | "×" | "÷") unary)*
///     unary   = ("-" | "+") unary | primary
///     primary = number ["%"] | "(" sum ")"
///
/// Parentheses and signs may nest at most ``maximumDepth`` deep, so that the recursion is
/// bounded whatever the expression.
public struct Evaluator {
    /// How deep parentheses and signs may nest.
    public static let maximumDepth = 100

    /// How a division that does not end is rounded.
    public let divisionContext: DecimalContext
    /// Whether a division was rounded (its quotient times the divisor is not the dividend).
    public private(set) var roundedDivision = false
    private var characters: [Character] = []
    private var position = 0
    private var depth = 0

    public init(divisionContext: DecimalContext) {
        self.divisionContext = divisionContext
    }

    /// What is wrong with the expression and where (`expected ')' at character 9`).
    public struct SyntaxError: Error, CustomStringConvertible {
        public let message: String
        /// The character's offset, from 0.
        public let position: Int
        public var description: String { Vocabulary.message("error.at_character", message, String(position + 1)) }
    }

    /// The value of `text`. Numbers are read as every input is (docs/POLICY.md §1):
    /// `3,000,000.00`, `¥300万`, full-width digits and operators.
    ///
    /// - Throws: ``SyntaxError``, ``PolicyError`` for a number that cannot be read, or
    ///   `DecimalError` (a division by zero).
    public mutating func evaluate(_ text: String) throws -> ExactDecimal {
        characters = Array(InputText.normalized(text))
        position = 0
        let value = try sum()
        skipSpaces()
        guard position == characters.count else { throw SyntaxError(message: Vocabulary.message("error.eval_unexpected", String(characters[position])), position: position) }
        return value
    }

    private mutating func skipSpaces() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    private mutating func take(_ options: Set<Character>) -> Character? {
        skipSpaces()
        guard position < characters.count, options.contains(characters[position]) else { return nil }
        position += 1
        return characters[position - 1]
    }

    private mutating func sum() throws -> ExactDecimal {
        var value = try product()
        while let operation = take(["+", "-"]) {
            let operand = try product()
            value = operation == "+" ? try value.adding(operand) : try value.subtracting(operand)
        }
        return value
    }

    private mutating func product() throws -> ExactDecimal {
        var value = try unary()
        while let operation = take(["*", "×", "/", "÷"]) {
            let operand = try unary()
            if operation == "*" || operation == "×" {
                value = try value.multiplied(by: operand)
            } else {
                let quotient = try value.divided(by: operand, divisionContext)
                if try quotient.multiplied(by: operand) != value { roundedDivision = true }
                value = quotient
            }
        }
        return value
    }

    private mutating func unary() throws -> ExactDecimal {
        if let sign = take(["-", "+"]) {
            let value = try nested { (evaluator: inout Evaluator) in try evaluator.unary() }
            return sign == "-" ? -value : value
        }
        return try primary()
    }

    /// `body` one level deeper, refused beyond ``maximumDepth``.
    private mutating func nested(_ body: (inout Evaluator) throws -> ExactDecimal) throws -> ExactDecimal {
        guard depth < Evaluator.maximumDepth else {
            throw SyntaxError(message: Vocabulary.message("error.eval_depth", String(Evaluator.maximumDepth)), position: position - 1)
        }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func primary() throws -> ExactDecimal {
        if take(["("]) != nil {
            let value = try nested { (evaluator: inout Evaluator) in try evaluator.sum() }
            guard take([")"]) != nil else { throw SyntaxError(message: Vocabulary.message("error.eval_parenthesis"), position: position) }
            return value
        }
        skipSpaces()
        let start = position
        // A number is read as a word: digits, letters and the marks of §1 together, so that
        // `3_000_000` or `NaN` is refused as an amount, as in every other entry point.
        let word: (Character) -> Bool = { $0.isASCIIDigit || $0.isLetter || $0 == "_" || ".,¥￥".contains($0) }
        while position < characters.count {
            let character = characters[position]
            let exponentSign = (character == "+" || character == "-") && position > start && "eE".contains(characters[position - 1])
                && characters[start].isASCIIDigit
            guard word(character) || exponentSign else { break }
            position += 1
        }
        // Digits after a space continue the number (`3 000 000`): refused whole, as an amount.
        var next = position
        while next < characters.count, characters[next] == " " { next += 1 }
        if position > start, next > position, next < characters.count, characters[next].isASCIIDigit {
            while next < characters.count, characters[next] == " " || word(characters[next]) { next += 1 }
            position = next
            while characters[position - 1] == " " { position -= 1 }
        }
        guard position > start else {
            let message = position < characters.count
                ? Vocabulary.message("error.eval_number_not", String(characters[position])) : Vocabulary.message("error.eval_number")
            throw SyntaxError(message: message, position: position)
        }
        let value: ExactDecimal
        do {
            value = try InputText.amount(String(characters[start..<position]))
        } catch {
            throw SyntaxError(message: "\(error)", position: start)
        }
        return take(["%"]) != nil ? value * ExactDecimal(1, exponent: -2) : value
    }
}
