import DecimalModule

/// 沪企服办〔2023〕1号 第二十条：“……缓缴期间免收滞纳金，企业应于 2023 年底前补缴到位。”
/// 社会保险法 第八十六条：逾期缴纳的，自欠缴之日起按日加收万分之五的滞纳金。
///
/// The late fee a deferred contribution would bear (0.05% a day from the due date to the
/// repayment), waived when repaid while the waiver is in effect (through 2023-12-31) (SPEC §8).
public enum SocialInsuranceDeferral: Measure {
    public static let id = "social-insurance-deferral"
    public static let article = "第二十条"
    public static let titleZH = "社会保险费缓缴免滞纳金"
    public static let titleEN = "Late-fee waiver on deferred social insurance"

    public struct Input: Codable, Sendable {
        public var deferredAmount: ExactDecimal
        public var dueDate: Day
        public var repaidDate: Day

        enum CodingKeys: String, CodingKey {
            case deferredAmount = "deferred_amount", dueDate = "due_date", repaidDate = "repaid_date"
        }

        public init(deferredAmount: ExactDecimal, dueDate: Day, repaidDate: Day) {
            self.deferredAmount = deferredAmount
            self.dueDate = dueDate
            self.repaidDate = repaidDate
        }
    }

    public struct Result: MeasureResult {
        public var measure = SocialInsuranceDeferral.id
        public var eligible: Bool
        public var reason: String
        public var daysLate: Int
        /// The late fee without the waiver.
        public var lateFee: ExactDecimal
        /// The late fee waived.
        public var amount: ExactDecimal
        public var parameters: [ParameterUse] = []
        public var steps: [ExplanationStep] = []

        enum CodingKeys: String, CodingKey {
            case measure, eligible, reason, daysLate = "days_late", lateFee = "late_fee", amount, parameters, steps
        }
    }

    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        try Check.nonNegative(input.deferredAmount, "deferred_amount")
        guard input.repaidDate >= input.dueDate else {
            throw .invalidValue(field: "repaid_date", "is before due_date (\(input.repaidDate) < \(input.dueDate))")
        }
        let days = input.repaidDate - input.dueDate
        let dailyRate = try worksheet.decimal("social_insurance.late_fee_daily_rate", on: input.dueDate)
        let fee = (input.deferredAmount * dailyRate * ExactDecimal(days)).round2()
        worksheet.step(
            "社会保险法 第八十六条", zh: "滞纳金 = \(input.deferredAmount.grouped) × \(Rate(dailyRate).percentDescription) × \(days) 天 = \(fee.grouped) 元",
            en: "Late fee = \(input.deferredAmount.grouped) × \(Rate(dailyRate).percentDescription) × \(days) days = CNY \(fee.grouped)")
        guard let waiver = try worksheet.decimalIfInEffect("social_insurance.late_fee_waiver", on: input.repaidDate) else {
            worksheet.step(article, zh: "\(input.repaidDate) 补缴，已过免收期限，不予减免", en: "Repaid on \(input.repaidDate), after the waiver period: no waiver")
            return Result(eligible: false, reason: "repaid_after_deadline", daysLate: days, lateFee: fee, amount: ExactDecimal.zero.round2())
        }
        let waived = (fee * waiver).round2()
        worksheet.step(article, zh: "缓缴期间补缴，免收滞纳金 \(waived.grouped) 元", en: "Repaid within the deferral: late fee of CNY \(waived.grouped) waived")
        return Result(eligible: true, reason: "eligible", daysLate: days, lateFee: fee, amount: waived)
    }
}

extension SocialInsuranceDeferral {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "days_late", "late_fee:money", "amount:money"])

    public static let inputFields: [InputField] = [
        .required("deferred_amount", .amount, "the deferred contributions"),
        .required("due_date", .date, "when they were due"),
        .required("repaid_date", .date, "when they were paid"),
    ]
}
