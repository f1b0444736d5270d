/// One field of a measure's input, as a user types it: its name in docs/POLICY.md, what kind of value it
/// takes, whether it is required, and a line of help. The CLI's flags (`--taxable-income`) and
/// its `--help` come from these.
public struct InputField: Sendable {
    /// What a field's value is, which decides how it is read and shown.
    public enum Kind: Sendable, Equatable {
        /// A non-negative amount of yuan (`3000000`, `60833.33`).
        case amount
        /// A rate, as a decimal or a percentage (`0.02`, `2%`).
        case rate
        /// A date (`2023-06-30`, `2023/6/30`, `20230630`, `2023年6月30日`).
        case date
        /// A whole number (years, months).
        case integer
        /// A non-negative decimal that is not money (an annual average headcount).
        case number
        /// yes or no (`true`/`false`, `1`/`0`, `yes`/`no`, `是`/`否`); on the command line `--name` / `--no-name`.
        case flag
        /// One of the listed words.
        case choice([String])
        /// An identifier.
        case text
        /// A list of amounts, separated by `;` in one cell or flag (`200000;200000;200000`).
        case amounts
        /// Repayments: `DATE=AMOUNT` pairs, separated by `;` on the command line.
        case repayments
    }

    /// The field's name, snake case (`drawdown_date`).
    public let name: String
    /// What its value is.
    public let kind: Kind
    /// Whether the input must give it.
    public let required: Bool
    /// What a calculator user gets when they leave the field out (the ids of a single loan,
    /// `E1`/`L1`); nil: the field is simply absent. Never an eligibility fact.
    public let calculatorDefault: String?
    /// One line of help, in English; ``AnyMeasure/help(_:_:)`` gives it in any language.
    public let help: String

    static func required(_ name: String, _ kind: Kind, _ help: String) -> InputField {
        InputField(name: name, kind: kind, required: true, calculatorDefault: nil, help: help)
    }

    static func optional(_ name: String, _ kind: Kind, _ help: String) -> InputField {
        InputField(name: name, kind: kind, required: false, calculatorDefault: nil, help: help)
    }

    static func identifier(_ name: String, default value: String, _ help: String) -> InputField {
        InputField(name: name, kind: .text, required: true, calculatorDefault: value, help: help)
    }
}

extension AnyMeasure {
    /// The help line of one of this measure's input fields in `language`: the vocabulary's
    /// `help.MEASURE.FIELD` (`help.interest-subsidy.principal` → 实际放款金额 / the amount
    /// drawn), what `huiqi list MEASURE` and guided entry show. The English one is the field's
    /// ``InputField/help``, as a test holds it.
    public func help(_ field: InputField, _ language: Language) -> String {
        Vocabulary.tables[language]?["help.\(id).\(field.name)"] ?? field.help
    }
}

extension InputChoice {
    /// The accepted words, for an ``InputField/Kind/choice(_:)``.
    static var choices: InputField.Kind { .choice(allCases.map(\.rawValue)) }
}

/// A result field as a batch output column.
public struct OutputField: Sendable, Hashable {
    /// The column's name, the result field's (`subsidy_granted`).
    public let name: String
    /// An amount of money, totalled in a batch's closing summary.
    public let money: Bool

    /// Fields written `name`, or `name:money` for amounts.
    static func list(_ specs: [String]) -> [OutputField] {
        specs.map { spec in
            spec.hasSuffix(":money") ? OutputField(name: String(spec.dropLast(6)), money: true) : OutputField(name: spec, money: false)
        }
    }
}
