import DecimalModule

/// 沪企服办〔2023〕1号 第十五条, paraphrased: government financing guarantee institutions keep
/// their average guarantee fee rate at or below 1%.
///
/// The fee of one guarantee — by whole months (`amount × rate × months / 12`, with
/// `term_months` or dates a whole number of calendar months apart) or on its balance-days over
/// ACT/365 — the saving against a reference rate, and whether its rate is above the ceiling.
/// The ceiling applies to a guarantor's **average** rate, so compliance belongs to the
/// portfolio: ``portfolio(_:parameters:explaining:)`` and ``guarantors(_:parameters:)``.
/// docs/POLICY.md §4.
public enum GuaranteeFee: Measure, BatchRecord {
    /// The measure id (`guarantee-fee`).
    public static let id = "guarantee-fee"
    /// The article implemented.
    public static let article = "第十五条"
    /// The measure's name in Chinese.
    public static let titleZH = "融资担保费"
    /// The measure's name in English.
    public static let titleEN = "Guarantee fee under the 1% ceiling"

    /// The input of “Guarantee fee under the 1% ceiling” (融资担保费), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// The guarantee (calc default `G1`).
        public var guaranteeID: String
        /// The guarantor whose average is tested (calc default `GU1`).
        public var guarantorID: String
        /// The amount guaranteed.
        public var amount: ExactDecimal
        /// Annual fee rate.
        public var feeRate: Rate
        /// The first day of the guarantee.
        public var startDate: Day
        /// Exactly one of `endDate` and `termMonths` is given.
        public var endDate: Day?
        /// The term in whole months (or give end_date).
        public var termMonths: Int?
        /// The rate without the policy, for the saving.
        public var referenceRate: Rate?
        /// Partial repayments. With `endDate` they reduce the balance the fee accrues on (and a
        /// guarantee repaid before its end date is charged by days, not whole months); with
        /// `termMonths` they are checked but leave the contract's fee unchanged.
        public var repayments: [InterestSubsidy.Repayment]?

        enum CodingKeys: String, CodingKey {
            case guaranteeID = "guarantee_id", guarantorID = "guarantor_id", amount, feeRate = "fee_rate"
            case startDate = "start_date", endDate = "end_date", termMonths = "term_months"
            case referenceRate = "reference_rate", repayments
        }

        /// A value with every field given; an optional one may be left out.
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

    /// How a guarantee's fee rate stands against the ceiling in effect on its start date.
    public enum Reason: String, Codable, Sendable, Hashable, CaseIterable {
        /// `within_ceiling`: at or below the ceiling.
        case withinCeiling = "within_ceiling"
        /// `above_ceiling`: above the ceiling (allowed: the ceiling is on the guarantor's average).
        case aboveCeiling = "above_ceiling"
        /// `no_ceiling_in_effect`: no ceiling is in effect on the start date.
        case noCeilingInEffect = "no_ceiling_in_effect"
    }

    /// The result of “Guarantee fee under the 1% ceiling”: the amounts, the reason, the steps and the parameters used.
    public struct Result: MeasureResult {
        /// The measure id, first in the JSON.
        public var measure = GuaranteeFee.id
        /// The guarantee (calc default `G1`).
        public var guaranteeID: String
        /// The guarantor whose average is tested (calc default `GU1`).
        public var guarantorID: String
        /// Σ balance × days over the guarantee's dates, exact; for `term_months`, amount × months
        /// × day basis / 12 rounded to 0.01 (the portfolio weighs it exactly).
        public var balanceDays: ExactDecimal
        /// The number of whole months the fee is charged for; nil when it is charged by days.
        public var wholeMonths: Int?
        /// The guarantee fee, rounded half up to the fen.
        public var fee: ExactDecimal
        /// The fee at the reference rate minus the fee; nil without a reference rate.
        public var saving: ExactDecimal?
        /// Whether fee_rate is above the ceiling in effect on start_date; nil when none is in
        /// effect. One guarantee above 1% is allowed: the ceiling is on the guarantor's average.
        public var aboveCeiling: Bool?
        /// `within_ceiling`, `above_ceiling` or `no_ceiling_in_effect`.
        public var reason: Reason
        /// The parameters used, with their citations (empty with explanations off).
        public var parameters: [ParameterUse] = []
        /// The explanation steps, in order (empty with explanations off).
        public var steps: [ExplanationStep] = []
        /// The engine and parameter set that computed this result; nil inside a portfolio (the
        /// portfolio's own result carries it) and in results not made by `calculate`.
        public var audit: Audit?

        enum CodingKeys: String, CodingKey {
            case measure, guaranteeID = "guarantee_id", guarantorID = "guarantor_id", balanceDays = "balance_days"
            case wholeMonths = "whole_months", fee, saving, aboveCeiling = "above_ceiling", reason, parameters, steps, audit
        }

        /// Writes the value with the field names of docs/POLICY.md, every field present (null when absent).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(measure, forKey: .measure)
            try container.encode(guaranteeID, forKey: .guaranteeID)
            try container.encode(guarantorID, forKey: .guarantorID)
            try container.encode(balanceDays, forKey: .balanceDays)
            try container.encode(wholeMonths, forKey: .wholeMonths)  // null when absent: the fields are always there
            try container.encode(fee, forKey: .fee)
            try container.encode(saving, forKey: .saving)
            try container.encode(aboveCeiling, forKey: .aboveCeiling)
            try container.encode(reason, forKey: .reason)
            // Inside a portfolio the parameters and steps are the portfolio's.
            if !parameters.isEmpty || !steps.isEmpty {
                try container.encode(parameters, forKey: .parameters)
                try container.encode(steps, forKey: .steps)
            }
            try container.encodeIfPresent(audit, forKey: .audit)
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        try Check.positive(input.amount, "amount")
        try Check.nonNegative(input.feeRate, "fee_rate")
        if let reference = input.referenceRate { try Check.nonNegative(reference, "reference_rate") }
        let start = input.startDate
        let repayments = input.repayments ?? []
        let names = (start: "start_date", end: "end_date", amount: "amount")

        // The fee at `rate`, rounded to the fen; and the balance-days it is charged on.
        let balanceDays: ExactDecimal
        let months: Int?
        switch (input.endDate, input.termMonths) {
        case (let end?, nil):
            guard end > start else {
                throw .invalidValue(field: "end_date", Vocabulary.message("error.end_after_start", end.description, start.description))
            }
            try InterestSubsidy.checkRepayments(repayments, of: input.amount, from: start, to: end, prefix: "", names: names)
            balanceDays = InterestSubsidy.balanceDays(principal: input.amount, repayments: repayments, from: start, to: end)
            // A repayment on the end date changes no day's balance, so whole months still apply.
            months = repayments.allSatisfy({ $0.date >= end }) ? wholeMonths(from: start, to: end) : nil
            worksheet.step(
                article, zh: "担保期 \(start) 至 \(end)（\(end - start) 天\(months.map { "，整 \($0) 个月" } ?? "")），余额×天数 = \(balanceDays.grouped)",
                en: "Guarantee from \(start) to \(end) (\(end - start) days\(months.map { ", \($0) whole months" } ?? "")), balance × days = \(balanceDays.grouped)")
        case (nil, let term?):
            guard term >= 1 else { throw .invalidValue(field: "term_months", Vocabulary.message("error.at_least", "1", String(term))) }
            try InterestSubsidy.checkRepayments(repayments, of: input.amount, from: start, to: nil, prefix: "", names: names)
            months = term
            let dayBasis = try worksheet.decimal("guarantee.day_basis", on: start)
            balanceDays = (input.amount * ExactDecimal(term) * dayBasis).divided2(by: 12)
            worksheet.step(
                article, zh: "担保期 \(term) 个月，按月计费\(repayments.isEmpty ? "" : "（提前还款不改变合同担保费）")",
                en: "Guarantee term of \(term) months, charged by the month\(repayments.isEmpty ? "" : " (repayments leave the contract's fee unchanged)")")
        default:
            throw .invalidValue(field: "term_months", Vocabulary.message("error.end_or_term"))
        }
        let feeAt: (Rate) -> ExactDecimal
        let formula: (Rate) -> String
        if let months {
            feeAt = { (input.amount * $0.value * ExactDecimal(months)).divided2(by: 12) }
            formula = { "\(input.amount.grouped) × \($0.percentDescription) × \(months) ÷ 12" }
        } else {
            let dayBasis = try worksheet.decimal("guarantee.day_basis", on: start)
            feeAt = { (balanceDays * $0.value).divided2(by: dayBasis) }
            formula = { "\(balanceDays.grouped) × \($0.percentDescription) ÷ \(dayBasis)" }
        }
        let fee = feeAt(input.feeRate)
        worksheet.step(
            article, zh: "担保费 = \(formula(input.feeRate)) = \(fee.grouped) 元", en: "Fee = \(formula(input.feeRate)) = CNY \(fee.grouped)")
        var saving: ExactDecimal?
        if let reference = input.referenceRate {
            let referenceFee = feeAt(reference)
            saving = referenceFee - fee
            worksheet.step(
                article, zh: "按参考费率 \(formula(reference)) = \(referenceFee.grouped) 元，节省 \(saving!.grouped) 元",
                en: "At the reference rate: \(formula(reference)) = CNY \(referenceFee.grouped); saving CNY \(saving!.grouped)")
        }
        var aboveCeiling: Bool?
        if let ceiling = try worksheet.decimalIfInEffect("guarantee.fee_rate_ceiling", on: start) {
            aboveCeiling = input.feeRate.value > ceiling
            worksheet.step(
                article,
                zh: "费率 \(input.feeRate.percentDescription) \(aboveCeiling! ? "高于" : "不高于")平均费率上限 \(Rate(ceiling).percentDescription)（上限针对担保机构的平均费率）",
                en: "Rate \(input.feeRate.percentDescription) is \(aboveCeiling! ? "above" : "within") the ceiling of \(Rate(ceiling).percentDescription) (which applies to the guarantor's average)")
        } else {
            worksheet.step(
                article, zh: "\(start) 无有效费率上限", en: "No fee-rate ceiling in effect on \(start)")
        }
        return Result(
            guaranteeID: input.guaranteeID, guarantorID: input.guarantorID, balanceDays: balanceDays, wholeMonths: months, fee: fee,
            saving: saving, aboveCeiling: aboveCeiling,
            reason: aboveCeiling.map { $0 ? .aboveCeiling : .withinCeiling } ?? .noCeilingInEffect)
    }

    /// N when `end` is `start` plus N ≥ 1 whole calendar months: the same day of the month, or
    /// both the last day of their months (2023-01-31 → 2023-02-28 is one month); nil otherwise.
    static func wholeMonths(from start: Day, to end: Day) -> Int? {
        let months = (end.year - start.year) * 12 + (end.month - start.month)
        guard months >= 1 else { return nil }
        if end.day == start.day { return months }
        func isLastDay(_ day: Day) -> Bool { day.adding(days: 1).month != day.month }
        return isLastDay(start) && isLastDay(end) ? months : nil
    }
}

// MARK: The guarantor portfolio

extension GuaranteeFee {
    /// A guarantor's guarantees together: the average fee rate the 1% ceiling of 第十五条 applies to.
    public struct GuarantorSummary: Codable, Sendable, Hashable {
        /// The guarantor whose average is tested (calc default `GU1`).
        public var guarantorID: String
        /// The number of the guarantor's guarantees.
        public var guarantees: Int
        /// Σ fee over the guarantor's guarantees.
        public var totalFee: ExactDecimal
        /// Σ(weight × fee_rate) / Σ weight, shown rounded half up to 6 decimals; nil when the
        /// weights are all 0. The weight is a guarantee's balance-days (amount × months × day
        /// basis / 12 for `term_months`).
        public var averageFeeRate: ExactDecimal?
        /// Whether the exact average is at most the ceiling in effect on the guarantor's earliest
        /// start date; nil when no ceiling is in effect then (or no average exists).
        public var compliant: Bool?

        enum CodingKeys: String, CodingKey {
            case guarantorID = "guarantor_id", guarantees, totalFee = "total_fee", averageFeeRate = "average_fee_rate", compliant
        }

        /// Writes the value with the field names of docs/POLICY.md, every field present (null when absent).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(guarantorID, forKey: .guarantorID)
            try container.encode(guarantees, forKey: .guarantees)
            try container.encode(totalFee, forKey: .totalFee)
            try container.encode(averageFeeRate, forKey: .averageFeeRate)  // null when absent: the fields are always there
            try container.encode(compliant, forKey: .compliant)
        }
    }

    /// A list of guarantees, as `calc --input` and scenario files give a portfolio.
    public struct Portfolio: Codable, Sendable {
        /// The guarantees, of one or more guarantors.
        public var guarantees: [Input]

        /// A value with every field given; an optional one may be left out.
        public init(guarantees: [Input]) {
            self.guarantees = guarantees
        }
    }

    /// Every guarantee's result and every guarantor's summary.
    public struct PortfolioResult: MeasureResult {
        /// The measure id, first in the JSON.
        public var measure = GuaranteeFee.id
        /// Per guarantee, in input order.
        public var guarantees: [Result]
        /// Per guarantor, in order of first appearance.
        public var guarantors: [GuarantorSummary]
        /// Σ fee over every guarantee.
        public var totalFee: ExactDecimal
        /// The parameters used, with their citations (empty with explanations off).
        public var parameters: [ParameterUse] = []
        /// The explanation steps, in order (empty with explanations off).
        public var steps: [ExplanationStep] = []
        /// The engine and parameter set that computed this result; nil inside a portfolio (the
        /// portfolio's own result carries it) and in results not made by `calculate`.
        public var audit: Audit?

        enum CodingKeys: String, CodingKey {
            case measure, guarantees, guarantors, totalFee = "total_fee", parameters, steps, audit
        }
    }

    /// Computes every guarantee of `portfolio` and summarises each guarantor. An invalid
    /// guarantee is an error naming it (`guarantees[1].fee_rate`).
    public static func portfolio(_ portfolio: Portfolio, parameters: ParameterTable, explaining: Bool = true) throws(PolicyError)
        -> PortfolioResult
    {
        var worksheet = Worksheet(parameters: parameters, explaining: explaining)
        var results: [Result] = []
        for (index, guarantee) in portfolio.guarantees.enumerated() {
            do {
                var one = Worksheet(parameters: parameters, explaining: explaining)
                results.append(try compute(guarantee, &one))
                worksheet.absorb(one, labelled: guarantee.guaranteeID)
            } catch {
                throw error.within("guarantees[\(index)]")
            }
        }
        let summaries = guarantors(Array(zip(portfolio.guarantees, results)), parameters: parameters)
        for summary in summaries {
            let average = summary.averageFeeRate.map { Rate($0).percentDescription } ?? "—"
            let verdict = summary.compliant.map { $0 ? ("不超过上限", "within the ceiling") : ("超过上限", "above the ceiling") }
            worksheet.step(
                article,
                zh: "担保机构 \(summary.guarantorID)：\(summary.guarantees) 笔，担保费合计 \(summary.totalFee.grouped) 元，平均费率 \(average)\(verdict.map { "，\($0.0)" } ?? "")",
                en: "Guarantor \(summary.guarantorID): \(summary.guarantees) guarantee(s), fees CNY \(summary.totalFee.grouped), average rate \(average)\(verdict.map { ", \($0.1)" } ?? "")")
        }
        var result = PortfolioResult(
            guarantees: results, guarantors: summaries, totalFee: results.reduce(ExactDecimal.zero.round2()) { $0 + $1.fee })
        result.parameters = worksheet.parametersUsed
        result.steps = worksheet.steps
        result.audit = parameters.audit
        return result
    }

    /// The per-guarantor summaries of computed guarantees, in order of first appearance: the
    /// weighted average fee rate (exact; weights in twelfths of balance-days so that
    /// `term_months` guarantees weigh exactly amount × months × day basis / 12) against the
    /// ceiling in effect on the guarantor's earliest start date.
    public static func guarantors(_ guarantees: [(input: Input, result: Result)], parameters: ParameterTable) -> [GuarantorSummary] {
        guarantors(of: guarantees.map { Share($0.input, $0.result, parameters: parameters) }, parameters: parameters)
    }

    /// What one computed guarantee adds to its guarantor's summary: what a batch keeps of each
    /// row for the summary, rather than the guarantee's whole input and result (a class, so
    /// that every batch row, of any measure, has room for a reference to one, not for one).
    final class Share: Sendable {
        let guarantorID: String
        let startDate: Day
        /// Twelve times the balance-days: exact for both forms.
        let weight: ExactDecimal
        let feeRate: ExactDecimal
        let fee: ExactDecimal

        init(guarantorID: String, startDate: Day, weight: ExactDecimal, feeRate: ExactDecimal, fee: ExactDecimal) {
            (self.guarantorID, self.startDate, self.weight, self.feeRate, self.fee) = (guarantorID, startDate, weight, feeRate, fee)
        }

        convenience init(_ input: Input, _ result: Result, parameters: ParameterTable) {
            let weight: ExactDecimal
            if let term = input.termMonths {
                let dayBasis = parameters.decimal("guarantee.day_basis", on: input.startDate) ?? ExactDecimal(365)
                weight = input.amount * ExactDecimal(term) * dayBasis
            } else {
                weight = result.balanceDays * 12
            }
            self.init(guarantorID: input.guarantorID, startDate: input.startDate, weight: weight, feeRate: input.feeRate.value, fee: result.fee)
        }
    }

    /// The per-guarantor summaries of guarantees' shares, in order of first appearance.
    static func guarantors(of shares: [Share], parameters: ParameterTable) -> [GuarantorSummary] {
        struct Totals {
            var count = 0
            var fee = ExactDecimal.zero.round2()
            var weightedRate = ExactDecimal.zero
            var weight = ExactDecimal.zero
            var earliestStart: Day
        }
        // Guarantors numbered by their ids' bytes, in order of first appearance: the bytes of
        // each id are laid after the ids before it, and taken back when it is one of them.
        var text: [UInt8] = []
        var numbers = IDNumbers(expected: 64)
        var order: [String] = []
        var totals: [Totals] = []
        for share in shares {
            var id = share.guarantorID
            let start = text.count
            id.withUTF8 { text.append(contentsOf: $0) }
            let (number, new) = text.withUnsafeBufferPointer { numbers.number(of: start..<text.count, in: $0) }
            if new {
                order.append(share.guarantorID)
                totals.append(Totals(earliestStart: share.startDate))
            } else {
                text.removeSubrange(start...)
            }
            let index = Int(number)
            totals[index].count += 1
            totals[index].fee += share.fee
            totals[index].weightedRate += share.weight * share.feeRate
            totals[index].weight += share.weight
            totals[index].earliestStart = min(totals[index].earliestStart, share.startDate)
        }
        return zip(order, totals).map { guarantor, total in
            var summary = GuarantorSummary(guarantorID: guarantor, guarantees: total.count, totalFee: total.fee, averageFeeRate: nil, compliant: nil)
            guard total.weight.signum > 0 else { return summary }
            summary.averageFeeRate = try? total.weightedRate.divided(by: total.weight, .scale(6, rounding: .halfUp))
            if let ceiling = parameters.value("guarantee.fee_rate_ceiling", on: total.earliestStart),
                let limit = ceiling.decimal
            {
                // Σ(weight × rate) / Σ weight ≤ ceiling, compared exactly.
                summary.compliant = total.weightedRate <= limit * total.weight
            }
            return summary
        }
    }
}

extension GuaranteeFee {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["balance_days", "whole_months", "fee:money", "saving:money", "above_ceiling", "reason"])

    /// The input of one CSV record of a batch, as `Input.init(from:)` reads it.
    static func input(reading row: RecordDecoder) throws -> Input {
        Input(
            guaranteeID: try row.value("guarantee_id"), guarantorID: try row.value("guarantor_id"), amount: try row.value("amount"),
            feeRate: try row.value("fee_rate"), startDate: try row.value("start_date"), endDate: try row.valueIfPresent("end_date"),
            termMonths: try row.valueIfPresent("term_months"), referenceRate: try row.valueIfPresent("reference_rate"),
            repayments: try row.valueIfPresent("repayments"))
    }

    /// Writes the batch cells of `result`, in the order of ``outputFields``.
    static func writeCells(of result: Result, to cells: CellWriter) {
        cells.amount(result.balanceDays)
        cells.number(result.wholeMonths)
        cells.amount(result.fee)
        cells.amount(result.saving)
        cells.flag(result.aboveCeiling)
        cells.word(result.reason)
    }

    /// The input fields, in the order to show them (`huiqi list guarantee-fee`).
    public static let inputFields: [InputField] = [
        .identifier("guarantee_id", default: "G1", "the guarantee"),
        .identifier("guarantor_id", default: "GU1", "the guarantor (for the portfolio average)"),
        .required("amount", .amount, "the amount guaranteed"),
        .required("fee_rate", .rate, "the annual fee rate"),
        .required("start_date", .date, "the first day of the guarantee"),
        .optional("end_date", .date, "the end of the guarantee (or give term_months)"),
        .optional("term_months", .integer, "the term in whole months (or give end_date)"),
        .optional("reference_rate", .rate, "the rate without the policy, for the saving"),
        .optional("repayments", .repayments, "partial repayments, DATE=AMOUNT;… (with term_months: checked only)"),
    ]
}
