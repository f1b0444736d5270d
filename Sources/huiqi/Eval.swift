import ArgumentParser
import DecimalModule
import Foundation
import PolicyModule

extension RoundingMode: ExpressibleByArgument {}

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "An exact decimal calculator: + − × ÷, unary minus, parentheses, percentages.",
        discussion: """
            Addition, subtraction and multiplication are exact. A division that does not end is \
            rounded to \(Eval.defaultPrecision) significant digits (--precision to change), and the \
            output says so; the result is rounded only if --scale or --precision is given. \
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
        if words.isEmpty { throw ValidationError(Vocabulary.message("error.eval_expression", "huiqi eval '3000000 * 2% * 365 / 360' --scale 2")) }
        if let precision, precision < 1 { throw ValidationError(Vocabulary.message("error.eval_precision")) }
        if let scale, abs(scale) > 1_000 { throw ValidationError(Vocabulary.message("error.eval_scale")) }
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
            report(Vocabulary.message("error.eval_rounded", String(precision ?? Eval.defaultPrecision), rounding.rawValue), prefixed: false)
        }
    }
}
