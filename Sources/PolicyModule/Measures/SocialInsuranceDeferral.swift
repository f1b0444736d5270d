import DecimalModule

/// 沪企服办〔2023〕1号 第二十条, paraphrased: no late fee is charged on social-insurance
/// contributions whose payment was deferred, when the enterprise pays them by the end of 2023.
/// 社会保险法 第八十六条 sets the late fee at 0.05% a day.
///
/// The late fee a deferred contribution would bear from the end of the deferral to the
/// repayment, waived when repaid from 2022 through 2023-12-31, and, shown apart, the fee the
/// deferral period itself did not bear. docs/POLICY.md §8.
public enum SocialInsuranceDeferral: Measure {
    /// The measure id (`social-insurance-deferral`).
    public static let id = "social-insurance-deferral"
    /// The article implemented.
    public static let article = "第二十条"
    /// The measure's name in Chinese.
    public static let titleZH = "社会保险费缓缴免滞纳金"
    /// The measure's name in English.
    public static let titleEN = "Late-fee waiver on deferred social insurance"

    /// The input of “Late-fee waiver on deferred social insurance” (社会保险费缓缴免滞纳金), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// The deferred contributions.
        public var deferredAmount: ExactDecimal
        /// When the contributions were originally due.
        public var dueDate: Day
        /// The last day of the deferral (default 2022-12-31).
        public var deferralEnd: Day?
        /// When they were paid.
        public var repaidDate: Day

        enum CodingKeys: String, CodingKey {
            case deferredAmount = "deferred_amount", dueDate = "due_date", deferralEnd = "deferral_end", repaidDate = "repaid_date"
        }

        /// A value with every field given; an optional one may be left out.
        public init(deferredAmount: ExactDecimal, dueDate: Day, deferralEnd: Day? = nil, repaidDate: Day) {
            self.deferredAmount = deferredAmount
            self.dueDate = dueDate
            self.deferralEnd = deferralEnd
            self.repaidDate = repaidDate
        }
    }

    /// Whether the late fee is waived.
    public enum Reason: String, Codable, Sendable, Hashable, CaseIterable {
        /// `eligible`: repaid by the deadline: the late fee is waived.
        case eligible
        /// `repaid_after_deadline`: repaid after the deadline: the late fee is due.
        case repaidAfterDeadline = "repaid_after_deadline"
    }

    /// The result of “Late-fee waiver on deferred social insurance”: the amounts, the reason, the steps and the parameters used.
    public struct Result: MeasureResult {
        /// The measure id, first in the JSON.
        public var measure = SocialInsuranceDeferral.id
        /// Whether the enterprise qualifies (`reason` is `eligible`).
        public var eligible: Bool
        /// `eligible` or `repaid_after_deadline`.
        public var reason: Reason
        /// Days from the later of the due date and the deferral's end to the repayment (0 when
        /// repaid by then).
        public var daysLate: Int
        /// The late fee on those days without the waiver.
        public var lateFee: ExactDecimal
        /// The late fee waived.
        public var amount: ExactDecimal
        /// The fee the deferral period itself would have borne (due date to the deferral's end or
        /// the repayment), which the deferral spares.
        public var waivedDuringDeferral: ExactDecimal
        /// The parameters used, with their citations (empty with explanations off).
        public var parameters: [ParameterUse] = []
        /// The explanation steps, in order (empty with explanations off).
        public var steps: [ExplanationStep] = []
        /// The engine and parameter set that computed this result; nil inside a portfolio (the
        /// portfolio's own result carries it) and in results not made by `calculate`.
        public var audit: Audit?

        enum CodingKeys: String, CodingKey {
            case measure, eligible, reason, daysLate = "days_late", lateFee = "late_fee", amount
            case waivedDuringDeferral = "waived_during_deferral", parameters, steps, audit
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        try Check.nonNegative(input.deferredAmount, "deferred_amount")
        guard input.repaidDate >= input.dueDate else {
            throw .invalidValue(field: "repaid_date", Vocabulary.message("error.repaid_before_due", input.repaidDate.description, input.dueDate.description))
        }
        let deferralEnd = input.deferralEnd ?? Day(year: 2022, month: 12, day: 31)!
        let dailyRate = try worksheet.decimal("social_insurance.late_fee_daily_rate", on: input.dueDate)
        let lateFrom = max(input.dueDate, deferralEnd)
        let days = max(0, input.repaidDate - lateFrom)
        let fee = (input.deferredAmount * dailyRate * ExactDecimal(days)).round2()
        let deferralDays = max(0, min(deferralEnd, input.repaidDate) - input.dueDate)
        let duringDeferral = (input.deferredAmount * dailyRate * ExactDecimal(deferralDays)).round2()
        worksheet.step(
            article, zh: "缓缴期内 \(deferralDays) 天不计滞纳金（\(input.deferredAmount.grouped) × \(Rate(dailyRate).percentDescription) × \(deferralDays) = \(duringDeferral.grouped) 元）",
            en: "No late fee for the \(deferralDays) days of the deferral (\(input.deferredAmount.grouped) × \(Rate(dailyRate).percentDescription) × \(deferralDays) = CNY \(duringDeferral.grouped))")
        worksheet.step(
            "社会保险法 第八十六条", zh: "缓缴期满（\(lateFrom)）至补缴日 \(input.repaidDate) 的滞纳金 = \(input.deferredAmount.grouped) × \(Rate(dailyRate).percentDescription) × \(days) 天 = \(fee.grouped) 元",
            en: "Late fee from the end of the deferral (\(lateFrom)) to the repayment on \(input.repaidDate) = \(input.deferredAmount.grouped) × \(Rate(dailyRate).percentDescription) × \(days) days = CNY \(fee.grouped)")
        guard let waiver = try worksheet.decimalIfInEffect("social_insurance.late_fee_waiver", on: input.repaidDate) else {
            worksheet.step(article, zh: "\(input.repaidDate) 补缴，不在免收期限内，不予减免", en: "Repaid on \(input.repaidDate), outside the waiver's dates: no waiver")
            return Result(
                eligible: false, reason: .repaidAfterDeadline, daysLate: days, lateFee: fee, amount: ExactDecimal.zero.round2(),
                waivedDuringDeferral: duringDeferral)
        }
        let waived = (fee * waiver).round2()
        worksheet.step(article, zh: "按期补缴，免收滞纳金 \(waived.grouped) 元", en: "Repaid in time: late fee of CNY \(waived.grouped) waived")
        return Result(eligible: true, reason: .eligible, daysLate: days, lateFee: fee, amount: waived, waivedDuringDeferral: duringDeferral)
    }
}

extension SocialInsuranceDeferral {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list([
        "eligible", "reason", "days_late", "late_fee:money", "amount:money", "waived_during_deferral:money",
    ])

    /// The input fields, in the order to show them (`huiqi list social-insurance-deferral`).
    public static let inputFields: [InputField] = [
        .required("deferred_amount", .amount, "the deferred contributions"),
        .required("due_date", .date, "when they were originally due"),
        .optional("deferral_end", .date, "the last day of the deferral; default 2022-12-31"),
        .required("repaid_date", .date, "when they were paid"),
    ]
}
