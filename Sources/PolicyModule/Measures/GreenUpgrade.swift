import DecimalModule

/// 沪企服办〔2023〕1号 第六条, paraphrased: approved green and low-carbon upgrade projects of SMEs
/// are supported with up to 10,000,000.
///
/// The most the support can be: the support requested, up to 10,000,000. docs/POLICY.md §8.
public enum GreenUpgrade: Measure {
    /// The measure id (`green-upgrade`).
    public static let id = "green-upgrade"
    /// The article implemented.
    public static let article = "第六条"
    /// The measure's name in Chinese.
    public static let titleZH = "绿色低碳转型支持"
    /// The measure's name in English.
    public static let titleEN = "Green and low-carbon upgrade support"

    /// The input of “Green and low-carbon upgrade support” (绿色低碳转型支持), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// The project is approved.
        public var projectApproved: Bool
        /// The support requested.
        public var requestedSupport: ExactDecimal
        /// The date of approval.
        public var approvalDate: Day

        enum CodingKeys: String, CodingKey {
            case projectApproved = "project_approved", requestedSupport = "requested_support", approvalDate = "approval_date"
        }

        /// A value with every field given; an optional one may be left out.
        public init(projectApproved: Bool, requestedSupport: ExactDecimal, approvalDate: Day) {
            self.projectApproved = projectApproved
            self.requestedSupport = requestedSupport
            self.approvalDate = approvalDate
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> GrantResult {
        try Check.nonNegative(input.requestedSupport, "requested_support")
        guard input.projectApproved else {
            return GrantResult(measure: id, refusing: .projectNotApproved, kind: .maxSupport, article: article, zh: "项目未获批准", en: "the project is not approved", &worksheet)
        }
        let granted = try worksheet.capped(input.requestedSupport, by: "green_upgrade.cap", on: input.approvalDate, article)
        return GrantResult(measure: id, reason: .eligible, amount: granted, kind: .maxSupport)
    }
}

extension GreenUpgrade {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "max_support:money"])

    /// The input fields, in the order to show them (`huiqi list green-upgrade`).
    public static let inputFields: [InputField] = [
        .required("project_approved", .flag, "the project is approved"),
        .required("requested_support", .amount, "the support requested"),
        .required("approval_date", .date, "the date of approval"),
    ]
}
