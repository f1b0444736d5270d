import DecimalModule

/// 沪企服办〔2023〕1号 第五条, paraphrased: the total-investment threshold of supported technical
/// transformation projects is lowered from 20,000,000 to 10,000,000, and projects are supported in
/// proportion to their approved investment.
///
/// Whether the project reaches the threshold in effect on the application date (10,000,000 from
/// 2023-05-17, 20,000,000 before), and the most the support can be: 10% of the approved
/// investment. docs/POLICY.md §8.
public enum TechTransformation: Measure {
    /// The measure id (`tech-transformation`).
    public static let id = "tech-transformation"
    /// The article implemented.
    public static let article = "第五条"
    /// The measure's name in Chinese.
    public static let titleZH = "技术改造项目支持"
    /// The measure's name in English.
    public static let titleEN = "Technology upgrade project support"

    /// The input of “Technology upgrade project support” (技术改造项目支持), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// The project's total investment.
        public var totalInvestment: ExactDecimal
        /// The investment approved for support (part of the total).
        public var approvedInvestment: ExactDecimal
        /// The date of application.
        public var applicationDate: Day

        enum CodingKeys: String, CodingKey {
            case totalInvestment = "total_investment", approvedInvestment = "approved_investment", applicationDate = "application_date"
        }

        /// A value with every field given; an optional one may be left out.
        public init(totalInvestment: ExactDecimal, approvedInvestment: ExactDecimal, applicationDate: Day) {
            self.totalInvestment = totalInvestment
            self.approvedInvestment = approvedInvestment
            self.applicationDate = applicationDate
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> GrantResult {
        try Check.nonNegative(input.totalInvestment, "total_investment")
        try Check.nonNegative(input.approvedInvestment, "approved_investment")
        guard input.approvedInvestment <= input.totalInvestment else {
            throw .invalidValue(field: "approved_investment", Vocabulary.message("error.part_of", "total_investment"))
        }
        let day = input.applicationDate
        let threshold = try worksheet.decimal("tech_transformation.investment_threshold", on: day)
        guard input.totalInvestment >= threshold else {
            return GrantResult(
                measure: id, refusing: .investmentBelowThreshold, kind: .maxSupport, article: article,
                zh: "总投资 \(input.totalInvestment.grouped) 元低于门槛 \(threshold.grouped) 元",
                en: "total investment CNY \(input.totalInvestment.grouped) is below the threshold of CNY \(threshold.grouped)", &worksheet)
        }
        worksheet.step(article, zh: "总投资 \(input.totalInvestment.grouped) ≥ 门槛 \(threshold.grouped)", en: "Total investment \(input.totalInvestment.grouped) ≥ threshold \(threshold.grouped)")
        let support = try worksheet.share("tech_transformation.support_share", of: input.approvedInvestment, on: day, article, zh: "最高支持", en: "Maximum support")
        return GrantResult(measure: id, reason: .eligible, amount: support, kind: .maxSupport)
    }
}

extension TechTransformation {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "max_support:money"])

    /// The input fields, in the order to show them (`huiqi list tech-transformation`).
    public static let inputFields: [InputField] = [
        .required("total_investment", .amount, "the project's total investment"),
        .required("approved_investment", .amount, "the investment approved for support"),
        .required("application_date", .date, "the date of application"),
    ]
}
