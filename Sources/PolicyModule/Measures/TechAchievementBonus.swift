import DecimalModule

/// 沪企服办〔2023〕1号 第三条, paraphrased: eligible technology-based SMEs (科技型中小企业) get their
/// original support raised by 30%.
///
/// The extra 30% on an original support amount; the result also shows the total.
/// docs/POLICY.md §8.
public enum TechAchievementBonus: Measure {
    /// The measure id (`tech-achievement-bonus`).
    public static let id = "tech-achievement-bonus"
    /// The article implemented.
    public static let article = "第三条"
    /// The measure's name in Chinese.
    public static let titleZH = "科技型中小企业成果转化支持上浮"
    /// The measure's name in English.
    public static let titleEN = "Extra support for technology-based SMEs"

    /// The input of “Extra support for technology-based SMEs” (科技型中小企业成果转化支持上浮), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// An eligible technology-based SME (科技型中小企业).
        public var techSME: Bool
        /// The support before the increase.
        public var originalSupport: ExactDecimal
        /// The date of the support.
        public var supportDate: Day

        enum CodingKeys: String, CodingKey {
            case techSME = "tech_sme", originalSupport = "original_support", supportDate = "support_date"
        }

        /// A value with every field given; an optional one may be left out.
        public init(techSME: Bool, originalSupport: ExactDecimal, supportDate: Day) {
            self.techSME = techSME
            self.originalSupport = originalSupport
            self.supportDate = supportDate
        }
    }

    /// The result of “Extra support for technology-based SMEs”: the amounts, the reason, the steps and the parameters used.
    public struct Result: MeasureResult {
        /// The measure id, first in the JSON.
        public var measure = TechAchievementBonus.id
        /// Whether the enterprise qualifies (`reason` is `eligible`).
        public var eligible: Bool
        /// `eligible`, or the first condition that fails.
        public var reason: GrantResult.Reason
        /// The extra support (30% of the original).
        public var amount: ExactDecimal
        /// Original plus extra.
        public var total: ExactDecimal
        /// The parameters used, with their citations (empty with explanations off).
        public var parameters: [ParameterUse] = []
        /// The explanation steps, in order (empty with explanations off).
        public var steps: [ExplanationStep] = []
        /// The engine and parameter set that computed this result; nil inside a portfolio (the
        /// portfolio's own result carries it) and in results not made by `calculate`.
        public var audit: Audit?
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        try Check.nonNegative(input.originalSupport, "original_support")
        guard input.techSME else {
            let refusal = GrantResult(measure: id, refusing: .notTechSME, kind: .amount, article: article, zh: "非科技型中小企业", en: "not a technology-based SME", &worksheet)
            return Result(eligible: false, reason: refusal.reason, amount: refusal.amount, total: input.originalSupport.round2())
        }
        let extra = try worksheet.share("tech_achievement.extra_share", of: input.originalSupport, on: input.supportDate, article, zh: "上浮支持", en: "Extra support")
        let total = input.originalSupport.round2() + extra
        worksheet.step(article, zh: "支持合计 = \(input.originalSupport.grouped) + \(extra.grouped) = \(total.grouped) 元", en: "Total support = \(input.originalSupport.grouped) + \(extra.grouped) = CNY \(total.grouped)")
        return Result(eligible: true, reason: .eligible, amount: extra, total: total)
    }
}

extension TechAchievementBonus {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "amount:money", "total:money"])

    /// The input fields, in the order to show them (`huiqi list tech-achievement-bonus`).
    public static let inputFields: [InputField] = [
        .required("tech_sme", .flag, "an eligible technology-based SME (科技型中小企业)"),
        .required("original_support", .amount, "the support before the increase"),
        .required("support_date", .date, "the date of the support"),
    ]
}
