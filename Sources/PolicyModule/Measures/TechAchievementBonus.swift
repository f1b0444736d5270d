import DecimalModule

/// 沪企服办〔2023〕1号 第三条, paraphrased: eligible technology-based SMEs (科技型中小企业) get their
/// original support raised by 30%.
///
/// The extra 30% on an original support amount; the result also shows the total.
/// docs/POLICY.md §8.
public enum TechAchievementBonus: Measure {
    public static let id = "tech-achievement-bonus"
    public static let article = "第三条"
    public static let titleZH = "科技型中小企业成果转化支持上浮"
    public static let titleEN = "Extra support for technology-based SMEs"

    public struct Input: Codable, Sendable {
        public var techSME: Bool
        public var originalSupport: ExactDecimal
        public var supportDate: Day

        enum CodingKeys: String, CodingKey {
            case techSME = "tech_sme", originalSupport = "original_support", supportDate = "support_date"
        }

        public init(techSME: Bool, originalSupport: ExactDecimal, supportDate: Day) {
            self.techSME = techSME
            self.originalSupport = originalSupport
            self.supportDate = supportDate
        }
    }

    public struct Result: MeasureResult {
        public var measure = TechAchievementBonus.id
        public var eligible: Bool
        public var reason: String
        /// The extra support (30% of the original).
        public var amount: ExactDecimal
        /// Original plus extra.
        public var total: ExactDecimal
        public var parameters: [ParameterUse] = []
        public var steps: [ExplanationStep] = []
        /// The engine and parameter set that computed this result; nil inside a portfolio (the
        /// portfolio's own result carries it) and in results not made by `calculate`.
        public var audit: Audit?
    }

    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        try Check.nonNegative(input.originalSupport, "original_support")
        guard input.techSME else {
            let refusal = GrantResult(measure: id, refusing: "not_tech_sme", kind: .amount, article: article, zh: "非科技型中小企业", en: "not a technology-based SME", &worksheet)
            return Result(eligible: false, reason: refusal.reason, amount: refusal.amount, total: input.originalSupport.round2())
        }
        let extra = try worksheet.share("tech_achievement.extra_share", of: input.originalSupport, on: input.supportDate, article, zh: "上浮支持", en: "Extra support")
        let total = input.originalSupport.round2() + extra
        worksheet.step(article, zh: "支持合计 = \(input.originalSupport.grouped) + \(extra.grouped) = \(total.grouped) 元", en: "Total support = \(input.originalSupport.grouped) + \(extra.grouped) = CNY \(total.grouped)")
        return Result(eligible: true, reason: "eligible", amount: extra, total: total)
    }
}

extension TechAchievementBonus {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "amount:money", "total:money"])

    public static let inputFields: [InputField] = [
        .required("tech_sme", .flag, "an eligible technology-based SME (科技型中小企业)"),
        .required("original_support", .amount, "the support before the increase"),
        .required("support_date", .date, "the date of the support"),
    ]
}
