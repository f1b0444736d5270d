import DecimalModule

/// 沪企服办〔2023〕1号 第二条, paraphrased: a high-tech enterprise within its validity period that
/// is first counted among 四上 enterprises in 2023 is rewarded with 5% of its prior-year R&D
/// investment, at most 500,000.
///
/// `min(5% × prior-year R&D, 500,000)`. docs/POLICY.md §8.
public enum RDInvestmentReward: Measure {
    /// The measure id (`rd-investment-reward`).
    public static let id = "rd-investment-reward"
    /// The article implemented.
    public static let article = "第二条"
    /// The measure's name in Chinese.
    public static let titleZH = "高新技术企业研发投入奖励"
    /// The measure's name in English.
    public static let titleEN = "R&D investment reward for high-tech enterprises"

    /// The input of “R&D investment reward for high-tech enterprises” (高新技术企业研发投入奖励), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// A high-tech enterprise whose certificate is in its validity period.
        public var highTechValid: Bool
        /// The year it was first counted among 四上 enterprises.
        public var firstAboveScaleYear: Int
        /// R&D investment of the prior year.
        public var priorYearRD: ExactDecimal

        enum CodingKeys: String, CodingKey {
            case highTechValid = "high_tech_valid", firstAboveScaleYear = "first_above_scale_year"
            case priorYearRD = "prior_year_rd"
        }

        /// A value with every field given; an optional one may be left out.
        public init(highTechValid: Bool, firstAboveScaleYear: Int, priorYearRD: ExactDecimal) {
            self.highTechValid = highTechValid
            self.firstAboveScaleYear = firstAboveScaleYear
            self.priorYearRD = priorYearRD
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> GrantResult {
        try Check.nonNegative(input.priorYearRD, "prior_year_rd")
        guard input.highTechValid else {
            return GrantResult(measure: id, refusing: .notHighTech, kind: .amount, article: article, zh: "非有效期内高新技术企业", en: "not a high-tech enterprise in its validity period", &worksheet)
        }
        guard input.firstAboveScaleYear == 2023, let day = Day(year: 2023, month: 1, day: 1) else {
            return GrantResult(
                measure: id, refusing: .notFirstAboveScaleIn2023, kind: .amount, article: article,
                zh: "首次纳入“四上”统计的年份为 \(input.firstAboveScaleYear)，非 2023 年",
                en: "first counted as above-scale in \(input.firstAboveScaleYear), not 2023", &worksheet)
        }
        let reward = try worksheet.share("rd_investment_reward.rate", of: input.priorYearRD, on: day, article, zh: "上年度研发投入奖励", en: "Reward on the prior year's R&D")
        return GrantResult(
            measure: id, reason: .eligible, amount: try worksheet.capped(reward, by: "rd_investment_reward.cap", on: day, article), kind: .amount)
    }
}

extension RDInvestmentReward {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "amount:money"])

    /// The input fields, in the order to show them (`huiqi list rd-investment-reward`).
    public static let inputFields: [InputField] = [
        .required("high_tech_valid", .flag, "a high-tech enterprise within its validity period"),
        .required("first_above_scale_year", .integer, "the year first counted among 四上 enterprises"),
        .required("prior_year_rd", .amount, "R&D investment of the prior year"),
    ]
}
