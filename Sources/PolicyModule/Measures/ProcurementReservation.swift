import DecimalModule

/// 沪企服办〔2023〕1号 第十一条, paraphrased: keep the share of government procurement reserved for
/// SMEs raised, the 40% for works projects through the end of 2023. 财库〔2020〕46号 第七条、第八条
/// set the frame: projects suitable for SMEs up to 4,000,000 (works) or 2,000,000 (goods and
/// services) are reserved whole (第七条); above that, at least 30% of the budget (40% under
/// 财库〔2022〕19号), of which at least 60% for small and micro enterprises (第八条).
///
/// The least a project must reserve for SMEs and, of that, for small and micro enterprises.
/// docs/POLICY.md §8.
public enum ProcurementReservation: Measure {
    /// The measure id (`procurement-reservation`).
    public static let id = "procurement-reservation"
    /// The article implemented.
    public static let article = "第十一条"
    /// The measure's name in Chinese.
    public static let titleZH = "政府采购中小企业预留份额"
    /// The measure's name in English.
    public static let titleEN = "Government procurement share reserved for SMEs"

    /// What a procurement project buys.
    public enum ProjectType: String, InputChoice {
        /// Construction works (工程).
        case works
        /// Goods (货物).
        case goods
        /// Services (服务).
        case services
    }

    /// The input of “Government procurement share reserved for SMEs” (政府采购中小企业预留份额), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// Works, goods or services.
        public var projectType: ProjectType
        /// The procurement project's budget.
        public var projectBudget: ExactDecimal
        /// The project is suitable to be supplied by SMEs (适宜由中小企业提供).
        public var suitableForSME: Bool
        /// The date the project is announced.
        public var announcementDate: Day

        enum CodingKeys: String, CodingKey {
            case projectType = "project_type", projectBudget = "project_budget", suitableForSME = "suitable_for_sme"
            case announcementDate = "announcement_date"
        }

        /// A value with every field given; an optional one may be left out.
        public init(projectType: ProjectType, projectBudget: ExactDecimal, suitableForSME: Bool, announcementDate: Day) {
            self.projectType = projectType
            self.projectBudget = projectBudget
            self.suitableForSME = suitableForSME
            self.announcementDate = announcementDate
        }
    }

    /// Whether a share is reserved for SMEs.
    public enum Reason: String, Codable, Sendable, Hashable, CaseIterable {
        /// `eligible`: suitable for SMEs: a share is reserved.
        case eligible
        /// `not_suitable_for_sme`: not suitable for SMEs: nothing is reserved.
        case notSuitableForSME = "not_suitable_for_sme"
    }

    /// The result of “Government procurement share reserved for SMEs”: the amounts, the reason, the steps and the parameters used.
    public struct Result: MeasureResult {
        /// The measure id, first in the JSON.
        public var measure = ProcurementReservation.id
        /// Whether the enterprise qualifies (`reason` is `eligible`).
        public var eligible: Bool
        /// `eligible` or `not_suitable_for_sme`.
        public var reason: Reason
        /// Whether the whole project is reserved for SMEs (a budget within the limit).
        public var wholeProject: Bool
        /// The share of the budget reserved at least (1 for a whole project).
        public var reservationShare: ExactDecimal
        /// The least amount reserved for SMEs.
        public var reservedMinimum: ExactDecimal
        /// Of that, the least for small and micro enterprises; nil for a whole-project reservation
        /// (财库〔2020〕46号 第七条 sets no such share) and when nothing is reserved.
        public var smallMicroMinimum: ExactDecimal?
        /// The parameters used, with their citations (empty with explanations off).
        public var parameters: [ParameterUse] = []
        /// The explanation steps, in order (empty with explanations off).
        public var steps: [ExplanationStep] = []
        /// The engine and parameter set that computed this result; nil inside a portfolio (the
        /// portfolio's own result carries it) and in results not made by `calculate`.
        public var audit: Audit?

        enum CodingKeys: String, CodingKey {
            case measure, eligible, reason, wholeProject = "whole_project", reservationShare = "reservation_share"
            case reservedMinimum = "reserved_minimum", smallMicroMinimum = "small_micro_minimum", parameters, steps, audit
        }

        /// Writes the value with the field names of docs/POLICY.md, every field present (null when absent).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(measure, forKey: .measure)
            try container.encode(eligible, forKey: .eligible)
            try container.encode(reason, forKey: .reason)
            try container.encode(wholeProject, forKey: .wholeProject)
            try container.encode(reservationShare, forKey: .reservationShare)
            try container.encode(reservedMinimum, forKey: .reservedMinimum)
            try container.encode(smallMicroMinimum, forKey: .smallMicroMinimum)  // null when none applies: the field is always there
            try container.encode(parameters, forKey: .parameters)
            try container.encode(steps, forKey: .steps)
            try container.encodeIfPresent(audit, forKey: .audit)
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        try Check.nonNegative(input.projectBudget, "project_budget")
        guard input.suitableForSME else {
            worksheet.step(article, zh: "项目不适宜由中小企业提供，无预留份额（not_suitable_for_sme）", en: "The project is not suitable for SMEs: nothing reserved (not_suitable_for_sme)")
            let zero = ExactDecimal.zero.round2()
            return Result(
                eligible: false, reason: .notSuitableForSME, wholeProject: false, reservationShare: .zero, reservedMinimum: zero,
                smallMicroMinimum: nil)
        }
        let day = input.announcementDate
        let kind = input.projectType == .works ? ("works", "工程") : ("goods_services", "货物和服务")
        let limit = try worksheet.decimal("procurement.whole_project_limit.\(kind.0)", on: day)
        let wholeProject = input.projectBudget <= limit
        let share = wholeProject ? ExactDecimal(1) : try worksheet.decimal("procurement.reserved_share.\(kind.0)", on: day)
        let reserved = (input.projectBudget * share).round2()
        if wholeProject {
            worksheet.step(
                "财库〔2020〕46号 第七条", zh: "\(kind.1)项目预算 \(input.projectBudget.grouped) ≤ \(limit.grouped)：整个项目专门面向中小企业，预留 \(reserved.grouped) 元",
                en: "A \(input.projectType.rawValue) project of \(input.projectBudget.grouped) ≤ \(limit.grouped): reserved whole for SMEs, CNY \(reserved.grouped)")
        } else {
            worksheet.step(
                article, zh: "\(kind.1)项目预算 \(input.projectBudget.grouped) > \(limit.grouped)：预留不低于 \(input.projectBudget.grouped) × \(Rate(share).percentDescription) = \(reserved.grouped) 元",
                en: "A \(input.projectType.rawValue) project of \(input.projectBudget.grouped) > \(limit.grouped): reserve at least \(input.projectBudget.grouped) × \(Rate(share).percentDescription) = CNY \(reserved.grouped)")
        }
        let smallMicro = wholeProject ? nil : try worksheet.share(
            "procurement.small_micro_share", of: reserved, on: day, "财库〔2020〕46号 第八条", zh: "其中小微企业不低于", en: "Of which for small and micro enterprises, at least")
        return Result(
            eligible: true, reason: .eligible, wholeProject: wholeProject, reservationShare: share, reservedMinimum: reserved,
            smallMicroMinimum: smallMicro)
    }
}

extension ProcurementReservation {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list([
        "eligible", "reason", "whole_project", "reservation_share", "reserved_minimum:money", "small_micro_minimum:money",
    ])

    /// The input fields, in the order to show them (`huiqi list procurement-reservation`).
    public static let inputFields: [InputField] = [
        .required("project_type", ProjectType.choices, "works, goods or services"),
        .required("project_budget", .amount, "the procurement project's budget"),
        .required("suitable_for_sme", .flag, "the project is suitable to be supplied by SMEs"),
        .required("announcement_date", .date, "the date the project is announced"),
    ]
}
