import DecimalModule

/// 沪企服办〔2023〕1号 第十一条：“……将预留面向中小企业采购的份额提高至 40% 以上……”
///
/// The part of a government procurement project's budget reserved for SMEs, at least 40%, for
/// projects announced through 2023-12-31 (SPEC §8).
public enum ProcurementReservation: Measure {
    public static let id = "procurement-reservation"
    public static let article = "第十一条"
    public static let titleZH = "政府采购中小企业预留份额"
    public static let titleEN = "Government procurement share reserved for SMEs"

    public struct Input: Codable, Sendable {
        public var projectBudget: ExactDecimal
        public var announcementDate: Day

        enum CodingKeys: String, CodingKey {
            case projectBudget = "project_budget", announcementDate = "announcement_date"
        }

        public init(projectBudget: ExactDecimal, announcementDate: Day) {
            self.projectBudget = projectBudget
            self.announcementDate = announcementDate
        }
    }

    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> GrantResult {
        try Check.nonNegative(input.projectBudget, "project_budget")
        let reserved = try worksheet.share(
            "procurement.sme_reserved_share", of: input.projectBudget, on: input.announcementDate, article,
            zh: "预留中小企业份额（不低于）", en: "Share reserved for SMEs (at least)")
        return GrantResult(measure: id, reason: "eligible", amount: reserved)
    }
}

extension ProcurementReservation {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "amount:money"])

    public static let inputFields: [InputField] = [
        .required("project_budget", .amount, "the procurement project's budget"),
        .required("announcement_date", .date, "the date the project is announced"),
    ]
}
