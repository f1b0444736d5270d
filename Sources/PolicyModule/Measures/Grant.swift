import DecimalModule

/// The result of a measure that grants one amount: whether the enterprise qualifies, why, and
/// how much (SPEC §8).
public struct GrantResult: MeasureResult {
    public var measure: String
    public var eligible: Bool
    /// `eligible`, or the first condition that fails.
    public var reason: String
    /// The amount granted (0.00 when not eligible).
    public var amount: ExactDecimal
    public var parameters: [ParameterUse] = []
    public var steps: [ExplanationStep] = []

    init(measure: String, reason: String, amount: ExactDecimal) {
        self.measure = measure
        self.eligible = reason == "eligible"
        self.reason = reason
        self.amount = amount.round2()
    }

    /// A refusal: `reason`, nothing granted, and the step that says why.
    init(measure: String, refusing reason: String, article: String, zh: String, en: String, _ worksheet: inout Worksheet) {
        worksheet.step(article, zh: "\(zh)，不予支持（\(reason)）", en: "\(en): not eligible (\(reason))")
        self.init(measure: measure, reason: reason, amount: .zero)
    }
}

extension Worksheet {
    /// `round2(base × share)`, the share a parameter in effect on `day`, recorded as a step.
    mutating func share(
        _ parameter: String, of base: ExactDecimal, on day: Day, _ article: String, zh: String, en: String
    ) throws(PolicyError) -> ExactDecimal {
        let share = try decimal(parameter, on: day)
        let amount = (base * share).round2()
        step(
            article, zh: "\(zh) = \(base.grouped) × \(Rate(share).percentDescription) = \(amount.grouped) 元",
            en: "\(en) = \(base.grouped) × \(Rate(share).percentDescription) = CNY \(amount.grouped)")
        return amount
    }

    /// `min(amount, cap)`, the cap a parameter in effect on `day`, recorded as a step.
    mutating func capped(
        _ amount: ExactDecimal, by parameter: String, on day: Day, _ article: String
    ) throws(PolicyError) -> ExactDecimal {
        let cap = try decimal(parameter, on: day)
        let granted = min(amount, cap).round2()
        step(
            article, zh: "上限 \(cap.grouped) 元：核定 min(\(amount.grouped), \(cap.grouped)) = \(granted.grouped) 元",
            en: "Capped at CNY \(cap.grouped): min(\(amount.grouped), \(cap.grouped)) = CNY \(granted.grouped)")
        return granted
    }
}
