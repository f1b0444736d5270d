import DecimalModule

/// One step of a calculation, as a finance officer would check it by hand: the formula with the
/// numbers filled in, in Chinese and English, and the article that applies.
public struct ExplanationStep: Codable, Hashable, Sendable {
    /// The article or rule applied (`第十五条`, `财税〔2019〕13号`).
    public var article: String
    /// The step in Chinese.
    public var zh: String
    /// The step in English.
    public var en: String
}

/// A parameter a calculation used: its id, the value, its citation and the dates it is in
/// effect.
public struct ParameterUse: Codable, Hashable, Sendable {
    /// The parameter id (`interest_subsidy.rate`).
    public var id: String
    /// The value as the parameters file writes it.
    public var value: String
    /// The law, announcement or convention that sets it.
    public var citation: String
    /// The first day the value is in effect.
    public var from: Day
    /// The last day it is in effect; nil: still in effect.
    public var to: Day?
}

/// What a calculation records as it goes: the parameters it looked up and the steps it took.
/// Every measure computes through one.
public struct Worksheet: Sendable {
    let parameters: ParameterTable
    /// Whether steps and the parameters used are recorded; off in batch, where only the
    /// amounts are kept.
    let explaining: Bool
    /// The parameters looked up so far, each once, in order.
    public private(set) var parametersUsed: [ParameterUse] = []
    /// The steps recorded so far, in order.
    public private(set) var steps: [ExplanationStep] = []

    init(parameters: ParameterTable, explaining: Bool = true) {
        self.parameters = parameters
        self.explaining = explaining
    }

    /// The decimal value of `id` on `day`, recorded as used.
    mutating func decimal(_ id: String, on day: Day) throws(PolicyError) -> ExactDecimal {
        // Not explaining, nothing is recorded: the decimal alone, without copying the value
        // (a missing or non-decimal value falls through, and the lookup below words the error).
        if !explaining, let decimal = parameters.decimal(id, on: day) { return decimal }
        return try decimal(of: parameters.require(id, on: day), id: id)
    }

    /// The decimal value of `id` on `day`, or nil if none is in effect (for rules where that is
    /// an outcome, not an error).
    mutating func decimalIfInEffect(_ id: String, on day: Day) throws(PolicyError) -> ExactDecimal? {
        if !explaining, let decimal = parameters.decimal(id, on: day) { return decimal }
        guard let value = parameters.value(id, on: day) else { return nil }
        return try decimal(of: value, id: id)
    }

    /// A whole-number parameter (day counts, months, years).
    mutating func integer(_ id: String, on day: Day) throws(PolicyError) -> Int {
        if !explaining, let integer = parameters.integer(id, on: day) { return integer }
        let value = try parameters.require(id, on: day)
        guard let integer = Int(value.value) else { throw .invalidParameters("\(id): " + Vocabulary.message("error.value_kind", value.value, Vocabulary.message("error.kind_whole_number"))) }
        record(id, value)
        return integer
    }

    /// A word-valued parameter, one of `allowed`.
    mutating func word(_ id: String, on day: Day, allowed: [String]) throws(PolicyError) -> String {
        let value = try parameters.require(id, on: day)
        guard allowed.contains(value.value) else {
            throw .invalidParameters("\(id): " + Vocabulary.message("error.value_kind", value.value, ParameterKind.word(allowed).description))
        }
        record(id, value)
        return value.value
    }

    private mutating func decimal(of value: ParameterTable.Value, id: String) throws(PolicyError) -> ExactDecimal {
        guard let decimal = value.decimal else {
            throw .invalidParameters("\(id): " + Vocabulary.message("error.value_kind", value.value, Vocabulary.message("error.kind_decimal")))
        }
        record(id, value)
        return decimal
    }

    private mutating func record(_ id: String, _ value: ParameterTable.Value) {
        guard explaining else { return }  // a batch keeps amounts only
        let use = ParameterUse(id: id, value: value.value, citation: value.citation, from: value.from, to: value.to)
        if !parametersUsed.contains(use) { parametersUsed.append(use) }
    }

    /// Takes in what another worksheet recorded (one record of several): its parameters, and its
    /// steps labelled with the record (`G1：…`).
    mutating func absorb(_ other: Worksheet, labelled label: String) {
        guard explaining else { return }
        for use in other.parametersUsed where !parametersUsed.contains(use) { parametersUsed.append(use) }
        steps += other.steps.map { ExplanationStep(article: $0.article, zh: "\(label)：\($0.zh)", en: "\(label): \($0.en)") }
    }

    /// Adds a step. The texts are only formatted when the worksheet is explaining.
    mutating func step(_ article: String, zh: @autoclosure () -> String, en: @autoclosure () -> String) {
        guard explaining else { return }
        steps.append(ExplanationStep(article: article, zh: zh(), en: en()))
    }
}

/// Money arithmetic as docs/POLICY.md §1 defines it.
extension ExactDecimal {
    /// `round2`: to the fen, half away from zero (四舍五入).
    func round2() -> ExactDecimal {
        // Policy values are bounded (docs/POLICY.md §11), so rounding to scale 2 cannot fail.
        (try? rounded(scale: 2, .halfUp)) ?? self
    }

    /// `self / divisor` rounded once to the fen (the divisor is a positive policy value).
    func divided2(by divisor: ExactDecimal) -> ExactDecimal {
        (try? divided(by: divisor, .scale(2, rounding: .halfUp))) ?? self
    }
}

/// Validation helpers that name the field.
enum Check {
    static func nonNegative(_ value: ExactDecimal, _ field: String) throws(PolicyError) {
        if value.isNegative && !value.isZero { throw .invalidValue(field: field, Vocabulary.message("error.negative", value.description)) }
    }

    static func positive(_ value: ExactDecimal, _ field: String) throws(PolicyError) {
        if value.signum <= 0 { throw .invalidValue(field: field, Vocabulary.message("error.not_positive", value.description)) }
    }

    static func nonNegative(_ rate: Rate, _ field: String) throws(PolicyError) {
        try nonNegative(rate.value, field)
    }
}
