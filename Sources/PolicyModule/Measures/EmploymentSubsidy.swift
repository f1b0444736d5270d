import DecimalModule

/// 沪企服办〔2023〕1号 第十九条, paraphrased: an enterprise that hires a person registered as
/// unemployed in Shanghai for 3 months or more, or a 2023 graduate of Shanghai (本市), on a labour
/// contract of a year or more with social insurance paid, gets a one-off 2,000 per person.
///
/// 2,000 per qualifying hire made in 2023. docs/POLICY.md §8.
public enum EmploymentSubsidy: Measure {
    /// The measure id (`employment-subsidy`).
    public static let id = "employment-subsidy"
    /// The article implemented.
    public static let article = "第十九条"
    /// The measure's name in Chinese.
    public static let titleZH = "一次性吸纳就业补贴"
    /// The measure's name in English.
    public static let titleEN = "One-off hiring subsidy"

    /// Who was hired.
    public enum Group: String, InputChoice {
        /// Registered unemployed in Shanghai for at least 3 months.
        case unemployed
        /// A 2023 graduate of Shanghai (本市高校毕业生); graduates from elsewhere are `other`.
        case shanghaiGraduate2023 = "shanghai_graduate_2023"
        /// `other`.
        case other
    }

    /// One person hired.
    public struct Hire: Codable, Sendable {
        /// The date of hiring.
        public var hireDate: Day
        /// Unemployed (registered in Shanghai ≥ 3 months), shanghai_graduate_2023 (本市 2023 graduate) or other.
        public var group: Group
        /// The labour contract's term in months.
        public var contractMonths: Int
        /// Social insurance is paid for the hire.
        public var socialInsurancePaid: Bool

        enum CodingKeys: String, CodingKey {
            case hireDate = "hire_date", group, contractMonths = "contract_months", socialInsurancePaid = "social_insurance_paid"
        }

        /// A value with every field given; an optional one may be left out.
        public init(hireDate: Day, group: Group, contractMonths: Int, socialInsurancePaid: Bool) {
            self.hireDate = hireDate
            self.group = group
            self.contractMonths = contractMonths
            self.socialInsurancePaid = socialInsurancePaid
        }
    }

    /// The input of “One-off hiring subsidy” (一次性吸纳就业补贴), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// The people hired.
        public var hires: [Hire]

        /// A value with every field given; an optional one may be left out.
        public init(hires: [Hire]) {
            self.hires = hires
        }
    }

    /// Why a hire is or is not subsidised; the first condition that fails.
    public enum HireReason: String, Codable, Sendable, Hashable, CaseIterable {
        /// `eligible`: every condition holds.
        case eligible
        /// `not_target_group`: not in a group the article names.
        case notTargetGroup = "not_target_group"
        /// `social_insurance_not_paid`: social insurance is not paid for the hire.
        case socialInsuranceNotPaid = "social_insurance_not_paid"
        /// `contract_too_short`: the labour contract is shorter than the minimum.
        case contractTooShort = "contract_too_short"
        /// `hired_outside_period`: hired outside the period of the measure.
        case hiredOutsidePeriod = "hired_outside_period"
    }

    /// Whether any hire is subsidised.
    public enum Reason: String, Codable, Sendable, Hashable, CaseIterable {
        /// `eligible`: at least one hire qualifies.
        case eligible
        /// `no_eligible_hires`: no hire qualifies.
        case noEligibleHires = "no_eligible_hires"
    }

    /// One hire's verdict and subsidy.
    public struct HireResult: Codable, Sendable, Hashable {
        /// `eligible`, or the first condition that fails.
        public var reason: HireReason
        /// The subsidy for the hire (0.00 when not eligible).
        public var amount: ExactDecimal
    }

    /// The result of “One-off hiring subsidy”: the amounts, the reason, the steps and the parameters used.
    public struct Result: MeasureResult {
        /// The measure id, first in the JSON.
        public var measure = EmploymentSubsidy.id
        /// Whether the enterprise qualifies (`reason` is `eligible`).
        public var eligible: Bool
        /// `eligible` when at least one hire qualifies, else `no_eligible_hires`.
        public var reason: Reason
        /// Per hire, in input order.
        public var hires: [HireResult]
        /// The number of hires that qualify.
        public var eligibleHires: Int
        /// The subsidy for all eligible hires together.
        public var amount: ExactDecimal
        /// The parameters used, with their citations (empty with explanations off).
        public var parameters: [ParameterUse] = []
        /// The explanation steps, in order (empty with explanations off).
        public var steps: [ExplanationStep] = []
        /// The engine and parameter set that computed this result; nil inside a portfolio (the
        /// portfolio's own result carries it) and in results not made by `calculate`.
        public var audit: Audit?

        enum CodingKeys: String, CodingKey {
            case measure, eligible, reason, hires, eligibleHires = "eligible_hires", amount, parameters, steps, audit
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        var hires: [HireResult] = []
        for (index, hire) in input.hires.enumerated() {
            guard hire.contractMonths >= 0 else {
                throw .invalidValue(field: "hires[\(index)].contract_months", Vocabulary.message("error.negative", String(hire.contractMonths)))
            }
            let label = "hires[\(index)]"
            let reason: HireReason
            var amount = ExactDecimal.zero.round2()
            if hire.group == .other {
                reason = .notTargetGroup
            } else if !hire.socialInsurancePaid {
                reason = .socialInsuranceNotPaid
            } else if let perHire = try worksheet.decimalIfInEffect("employment.subsidy_per_hire", on: hire.hireDate) {
                let minimum = try worksheet.integer("employment.min_contract_months", on: hire.hireDate)
                if hire.contractMonths < minimum {
                    reason = .contractTooShort
                } else {
                    reason = .eligible
                    amount = perHire.round2()
                }
            } else {
                reason = .hiredOutsidePeriod
            }
            worksheet.step(
                article, zh: "\(label) \(hire.hireDate) 招用（\(hire.group.rawValue)，合同 \(hire.contractMonths) 个月）：\(reason.rawValue)，补贴 \(amount.grouped) 元",
                en: "\(label) hired \(hire.hireDate) (\(hire.group.rawValue), \(hire.contractMonths)-month contract): \(reason.rawValue), subsidy CNY \(amount.grouped)")
            hires.append(HireResult(reason: reason, amount: amount))
        }
        let eligible = hires.filter { $0.reason == .eligible }
        let total = eligible.reduce(ExactDecimal.zero.round2()) { $0 + $1.amount }
        worksheet.step(article, zh: "符合条件 \(eligible.count) 人，补贴合计 \(total.grouped) 元", en: "\(eligible.count) qualifying hires, subsidy CNY \(total.grouped)")
        return Result(
            eligible: !eligible.isEmpty, reason: eligible.isEmpty ? .noEligibleHires : .eligible, hires: hires,
            eligibleHires: eligible.count, amount: total)
    }
}

extension EmploymentSubsidy {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "eligible_hires", "amount:money"])

    /// The input fields, in the order to show them (`huiqi list employment-subsidy`).
    public static let inputFields: [InputField] = [
        .required("hire_date", .date, "the date of hiring"),
        .required("group", Group.choices, "unemployed (registered in Shanghai ≥ 3 months), shanghai_graduate_2023 (本市 2023 graduate) or other"),
        .required("contract_months", .integer, "the labour contract's term in months"),
        .required("social_insurance_paid", .flag, "social insurance is paid for the hire"),
    ]

    /// The input is a list of records under this key.
    public static let inputList: String? = "hires"
}
