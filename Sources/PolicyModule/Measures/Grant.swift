import DecimalModule

/// The result of a measure that grants one amount: whether the enterprise qualifies, why, and
/// how much — named for what the article gives: the amount itself, a maximum (不超过 / 最高:
/// `max_support`) or a minimum (不低于: `minimum_award`). docs/POLICY.md §8.
public struct GrantResult: MeasureResult {
    /// What the amount is, and the name of its field.
    public enum AmountKind: String, Codable, Sendable, CaseIterable {
        /// The amount granted.
        case amount
        /// The most the article allows (不超过 / 最高); the authority decides the grant.
        case maxSupport = "max_support"
        /// The least the article promises (不低于).
        case minimumAward = "minimum_award"
    }

    /// Why a grant is or is not made: `eligible`, or the first condition that fails.
    public enum Reason: String, Codable, Sendable, Hashable, CaseIterable {
        /// `eligible`: every condition holds.
        case eligible
        /// `not_high_tech`: not a high-tech enterprise within its validity (第二条).
        case notHighTech = "not_high_tech"
        /// `not_first_above_scale_in_2023`: not first above designated size in 2023 (第二条).
        case notFirstAboveScaleIn2023 = "not_first_above_scale_in_2023"
        /// `not_tech_sme`: not a technology-based SME (第三条).
        case notTechSME = "not_tech_sme"
        /// `investment_below_threshold`: the approved investment is below the threshold (第四条).
        case investmentBelowThreshold = "investment_below_threshold"
        /// `project_not_approved`: the project is not approved (第五条).
        case projectNotApproved = "project_not_approved"
        /// `compute_not_in_shanghai`: the compute is not provided in Shanghai (第七条).
        case computeNotInShanghai = "compute_not_in_shanghai"
        /// `not_core_algorithm_or_large_model`: not for a core algorithm or a large model (第七条).
        case notCoreAlgorithmOrLargeModel = "not_core_algorithm_or_large_model"
        /// `not_digital_service`: not a digital transformation service (第八条).
        case notDigitalService = "not_digital_service"
        /// `not_newly_recognized`: not newly recognised (第一条).
        case notNewlyRecognized = "not_newly_recognized"
    }

    /// The measure id, first in the JSON.
    public var measure: String
    /// Whether the enterprise qualifies (`reason` is `eligible`).
    public var eligible: Bool
    /// `eligible`, or the first condition that fails.
    public var reason: Reason
    /// The amount (0.00 when not eligible), written under the name of `amountKind`.
    public var amount: ExactDecimal
    /// What `amount` is, and so the name of its field in the JSON.
    public var amountKind: AmountKind
    /// The parameters used, with their citations (empty with explanations off).
    public var parameters: [ParameterUse] = []
    /// The explanation steps, in order (empty with explanations off).
    public var steps: [ExplanationStep] = []
    /// The engine and parameter set that computed this result; nil in results not made by
    /// `calculate`.
    public var audit: Audit?

    init(measure: String, reason: Reason, amount: ExactDecimal, kind: AmountKind) {
        self.measure = measure
        self.eligible = reason == .eligible
        self.reason = reason
        self.amount = amount.round2()
        self.amountKind = kind
    }

    /// A refusal: `reason`, nothing granted, and the step that says why.
    init(measure: String, refusing reason: Reason, kind: AmountKind, article: String, zh: String, en: String, _ worksheet: inout Worksheet) {
        worksheet.step(article, zh: "\(zh)，不予支持（\(reason.rawValue)）", en: "\(en): not eligible (\(reason.rawValue))")
        self.init(measure: measure, reason: reason, amount: .zero, kind: kind)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Reads the value from a decoder (the library's input decoder or `JSONDecoder`), with the field names of docs/POLICY.md.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        measure = try container.decode(String.self, forKey: Key("measure"))
        eligible = try container.decode(Bool.self, forKey: Key("eligible"))
        reason = try container.decode(Reason.self, forKey: Key("reason"))
        guard let kind = AmountKind.allCases.first(where: { container.contains(Key($0.rawValue)) }) else {
            throw PolicyError.missingField("amount")
        }
        amountKind = kind
        amount = try container.decode(ExactDecimal.self, forKey: Key(kind.rawValue))
        parameters = try container.decodeIfPresent([ParameterUse].self, forKey: Key("parameters")) ?? []
        steps = try container.decodeIfPresent([ExplanationStep].self, forKey: Key("steps")) ?? []
        audit = try container.decodeIfPresent(Audit.self, forKey: Key("audit"))
    }

    /// Writes the value with the field names of docs/POLICY.md, every field present (null when absent).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(measure, forKey: Key("measure"))
        try container.encode(eligible, forKey: Key("eligible"))
        try container.encode(reason, forKey: Key("reason"))
        try container.encode(amount, forKey: Key(amountKind.rawValue))
        try container.encode(parameters, forKey: Key("parameters"))
        try container.encode(steps, forKey: Key("steps"))
        try container.encodeIfPresent(audit, forKey: Key("audit"))
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
