import ArgumentParser
import DecimalModule
import Foundation

extension RoundingMode: ExpressibleByArgument {}

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "An exact decimal calculator: + − × ÷, unary minus, parentheses, percentages.",
        discussion: """
            Addition, subtraction and multiplication are exact. A division that does not end is
            rounded to \(Eval.defaultPrecision) significant digits (--precision to change), and the
            output says so; the result is rounded only if --scale or --precision is given.
            Operators: + - * / × ÷ ( ); 3.65% means 0.0365. Rounding modes: \(RoundingMode.allCases.map(\.rawValue).joined(separator: ", ")).

            Examples:
              huiqi eval '3000000 * 3.65% * 365 / 360' --scale 2
              huiqi eval '(101388.89 + 121666.67) - 200000'
              huiqi eval '1 / 3' --precision 10 --rounding down
            """)

    static let defaultPrecision = 34

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The expression (quote it for the shell); it may start with '-'.", valueName: "expression"))
    var words: [String] = []

    var expression: String { words.joined(separator: " ") }

    @Option(help: "Round the result to this many decimals.")
    var scale: Int?

    @Option(help: "Significant digits for divisions (and the result, if no --scale).")
    var precision: Int?

    @Option(help: "How to round.")
    var rounding: RoundingMode = .halfUp

    func validate() throws {
        if words.isEmpty { throw ValidationError("give an expression, e.g. huiqi eval '3000000 * 2% * 365 / 360' --scale 2") }
        if let precision, precision < 1 { throw ValidationError("--precision must be at least 1") }
        if let scale, abs(scale) > 1_000 { throw ValidationError("--scale must be between -1000 and 1000") }
    }

    func run() throws {
        var evaluator = Evaluator(divisionContext: .precision(precision ?? Eval.defaultPrecision, rounding: rounding))
        var value: ExactDecimal
        do {
            value = try evaluator.evaluate(expression)
            if let scale {
                value = try value.rounded(scale: scale, rounding)
            } else if let precision {
                value = try value.rounded(.precision(precision, rounding: rounding))
            }
        } catch {
            report("\(error)")
            throw ExitCode(1)
        }
        try emit((try? value.plainDescription()) ?? value.description)
        if evaluator.roundedDivision {
            report("note: a division was rounded to \(precision ?? Eval.defaultPrecision) significant digits (\(rounding.rawValue))", prefixed: false)
        }
    }
}

/// Evaluates an arithmetic expression over `ExactDecimal` (recursive descent):
///
///     sum     = product (("+" | "-") product)*
///     product = unary (("*" | "/" | "×" | "÷") unary)*
///     unary   = ("-" | "+") unary | primary
///     primary = number ["%"] | "(" sum ")"
///
/// Parentheses and signs may nest at most ``maximumDepth`` deep, so that the recursion is
/// bounded whatever the expression.
struct Evaluator {
    /// How deep parentheses and signs may nest.
    static let maximumDepth = 100

    let divisionContext: DecimalContext
    private(set) var roundedDivision = false
    private var characters: [Character] = []
    private var position = 0
    private var depth = 0

    init(divisionContext: DecimalContext) {
        self.divisionContext = divisionContext
    }

    struct SyntaxError: Error, CustomStringConvertible {
        let message: String
        let position: Int
        var description: String { "\(message) at character \(position + 1)" }
    }

    mutating func evaluate(_ text: String) throws -> ExactDecimal {
        characters = Array(text)
        position = 0
        let value = try sum()
        skipSpaces()
        guard position == characters.count else { throw SyntaxError(message: "unexpected '\(characters[position])'", position: position) }
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
            throw SyntaxError(message: "parentheses and signs nested more than \(Evaluator.maximumDepth) deep", position: position - 1)
        }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func primary() throws -> ExactDecimal {
        if take(["("]) != nil {
            let value = try nested { (evaluator: inout Evaluator) in try evaluator.sum() }
            guard take([")"]) != nil else { throw SyntaxError(message: "expected ')'", position: position) }
            return value
        }
        skipSpaces()
        let start = position
        while position < characters.count, characters[position].isNumber || characters[position] == "." { position += 1 }
        if position < characters.count, characters[position] == "e" || characters[position] == "E" {
            position += 1
            if position < characters.count, characters[position] == "+" || characters[position] == "-" { position += 1 }
            while position < characters.count, characters[position].isNumber { position += 1 }
        }
        guard position > start else {
            throw SyntaxError(message: position < characters.count ? "expected a number, not '\(characters[position])'" : "expected a number", position: position)
        }
        var value: ExactDecimal
        do {
            value = try ExactDecimal(parsing: String(characters[start..<position]))
        } catch {
            throw SyntaxError(message: "'\(String(characters[start..<position]))' is not a number", position: start)
        }
        if take(["%"]) != nil {
            do {
                value = try value.multiplied(by: ExactDecimal(1, exponent: -2))
            } catch {
                throw SyntaxError(message: "'\(String(characters[start..<position]))' is out of range: \(error)", position: start)
            }
        }
        return value
    }
}
