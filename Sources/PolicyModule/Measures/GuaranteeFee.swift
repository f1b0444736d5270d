import DecimalModule

/// 沪企服办〔2023〕1号 第十五条：“……政府性融资担保机构平均担保费率不超过 1%……”
///
/// The fee of one guarantee — on its balance-days over the guarantee's days (`end_date`), or on
/// its amount over whole months (`term_months`) — the saving against a reference rate, and
/// whether the rate is within the ceiling in effect on the start date. SPEC §4. The
/// per-guarantor average (the ceiling applies to the average) is computed over a portfolio in
/// batch from each result's `balance_days`.
public enum GuaranteeFee: Measure {
    public static let id = "guarantee-fee"
    public static let article = "第十五条"
    public static let titleZH = "融资担保费"
    public static let titleEN = "Guarantee fee under the 1% ceiling"

    public struct Input: Codable, Sendable {
        public var guaranteeID: String
        public var guarantorID: String
        public var amount: ExactDecimal
        /// Annual fee rate.
        public var feeRate: Rate
        public var startDate: Day
        /// Exactly one of `endDate` and `termMonths` is given.
        public var endDate: Day?
        public var termMonths: Int?
        /// The rate without the policy, for the saving.
        public var referenceRate: Rate?
        /// Partial repayments (with `endDate` only).
        public var repayments: [InterestSubsidy.Repayment]?

        enum CodingKeys: String, CodingKey {
            case guaranteeID = "guarantee_id", guarantorID = "guarantor_id", amount, feeRate = "fee_rate"
            case startDate = "start_date", endDate = "end_date", termMonths = "term_months"
            case referenceRate = "reference_rate", repayments
        }

        public init(guaranteeID: String, guarantorID: String, amount: ExactDecimal, feeRate: Rate, startDate: Day, endDate: Day? = nil, termMonths: Int? = nil, referenceRate: Rate? = nil, repayments: [InterestSubsidy.Repayment]? = nil) {
            self.guaranteeID = guaranteeID
            self.guarantorID = guarantorID
            self.amount = amount
            self.feeRate = feeRate
            self.startDate = startDate
            self.endDate = endDate
            self.termMonths = termMonths
            self.referenceRate = referenceRate
            self.repayments = repayments
        }
    }

    public struct Result: MeasureResult {
        public var measure = GuaranteeFee.id
        public var guaranteeID: String
        public var guarantorID: String
        /// Σ balance × days (or amount × months × day basis / 12), for the guarantor's average.
        public var balanceDays: ExactDecimal
        public var fee: ExactDecimal
        /// The fee at the reference rate minus the fee; nil without a reference rate.
        public var saving: ExactDecimal?
        /// Whether fee_rate ≤ the ceiling in effect on start_date; nil when none is in effect.
        public var compliant: Bool?
        /// `within_ceiling`, `above_ceiling` or `no_ceiling_in_effect`.
        public var reason: String
        public var parameters: [ParameterUse] = []
        public var steps: [ExplanationStep] = []

        enum CodingKeys: String, CodingKey {
            case measure, guaranteeID = "guarantee_id", guarantorID = "guarantor_id", balanceDays = "balance_days"
            case fee, saving, compliant, reason, parameters, steps
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(measure, forKey: .measure)
            try container.encode(guaranteeID, forKey: .guaranteeID)
            try container.encode(guarantorID, forKey: .guarantorID)
            try container.encode(balanceDays, forKey: .balanceDays)
            try container.encode(fee, forKey: .fee)
            try container.encode(saving, forKey: .saving)  // null when absent: the field is always there
            try container.encode(compliant, forKey: .compliant)
            try container.encode(reason, forKey: .reason)
            try container.encode(parameters, forKey: .parameters)
            try container.encode(steps, forKey: .steps)
        }
    }

    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        try Check.positive(input.amount, "amount")
        try Check.nonNegative(input.feeRate, "fee_rate")
        if let reference = input.referenceRate { try Check.nonNegative(reference, "reference_rate") }
        for (number, repayment) in (input.repayments ?? []).enumerated() {
            try Check.nonNegative(repayment.amount, "repayments[\(number)].amount")
        }
        let start = input.startDate
        let dayBasis = try worksheet.decimal("guarantee.day_basis", on: start)

        // The fee at `rate`, rounded to the fen; and the balance-days it is charged on.
        let balanceDays: ExactDecimal
        let feeAt: (Rate) -> ExactDecimal
        switch (input.endDate, input.termMonths) {
        case (let end?, nil):
            guard end > start else {
                throw .invalidValue(field: "end_date", "must be after start_date (\(end) is not after \(start))")
            }
            balanceDays = InterestSubsidy.balanceDays(
                principal: input.amount, repayments: input.repayments ?? [], from: start, to: end)
            feeAt = { (balanceDays * $0.value).divided2(by: dayBasis) }
            worksheet.step(
                article, zh: "担保期 \(start) 至 \(end)（\(end - start) 天），余额×天数 = \(balanceDays.grouped)",
                en: "Guarantee from \(start) to \(end) (\(end - start) days), balance × days = \(balanceDays.grouped)")
        case (nil, let months?):
            guard months >= 1 else { throw .invalidValue(field: "term_months", "must be at least 1 (got \(months))") }
            balanceDays = (input.amount * ExactDecimal(months) * dayBasis).divided2(by: 12)
            feeAt = { (input.amount * $0.value * ExactDecimal(months)).divided2(by: 12) }
            worksheet.step(
                article, zh: "担保期 \(months) 个月，按月计费", en: "Guarantee term of \(months) months, charged by the month")
        default:
            throw .invalidValue(field: "term_months", "give exactly one of end_date and term_months")
        }
        let fee = feeAt(input.feeRate)
        worksheet.step(
            article, zh: "担保费 = \(input.amount.grouped) × \(input.feeRate.percentDescription) 按期计 = \(fee.grouped) 元",
            en: "Fee = \(input.amount.grouped) × \(input.feeRate.percentDescription) over the term = CNY \(fee.grouped)")
        var saving: ExactDecimal?
        if let reference = input.referenceRate {
            let referenceFee = feeAt(reference)
            saving = referenceFee - fee
            worksheet.step(
                article, zh: "按参考费率 \(reference.percentDescription) 计 \(referenceFee.grouped) 元，节省 \(saving!.grouped) 元",
                en: "At the reference rate \(reference.percentDescription): CNY \(referenceFee.grouped); saving CNY \(saving!.grouped)")
        }
        var compliant: Bool?
        if let ceiling = try worksheet.decimalIfInEffect("guarantee.fee_rate_ceiling", on: start) {
            compliant = input.feeRate.value <= ceiling
            worksheet.step(
                article,
                zh: "费率 \(input.feeRate.percentDescription) \(compliant! ? "不超过" : "超过")上限 \(Rate(ceiling).percentDescription)",
                en: "Rate \(input.feeRate.percentDescription) is \(compliant! ? "within" : "above") the ceiling of \(Rate(ceiling).percentDescription)")
        } else {
            worksheet.step(
                article, zh: "\(start) 无有效费率上限，合规性空缺", en: "No fee-rate ceiling in effect on \(start): compliance left empty")
        }
        return Result(
            guaranteeID: input.guaranteeID, guarantorID: input.guarantorID, balanceDays: balanceDays, fee: fee,
            saving: saving, compliant: compliant,
            reason: compliant.map { $0 ? "within_ceiling" : "above_ceiling" } ?? "no_ceiling_in_effect")
    }
}

extension GuaranteeFee {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["balance_days", "fee:money", "saving:money", "compliant", "reason"])

    public static let inputFields: [InputField] = [
        .identifier("guarantee_id", default: "G1", "the guarantee"),
        .identifier("guarantor_id", default: "GU1", "the guarantor (for the portfolio average)"),
        .required("amount", .amount, "the amount guaranteed"),
        .required("fee_rate", .rate, "the annual fee rate"),
        .required("start_date", .date, "the first day of the guarantee"),
        .optional("end_date", .date, "the end of the guarantee (or give term_months)"),
        .optional("term_months", .integer, "the term in whole months (or give end_date)"),
        .optional("reference_rate", .rate, "the rate without the policy, for the saving"),
        .optional("repayments", .repayments, "partial repayments, DATE=AMOUNT,… (with end_date)"),
    ]
}
