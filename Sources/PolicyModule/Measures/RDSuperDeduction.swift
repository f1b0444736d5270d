import DecimalModule

/// 沪企服办〔2023〕1号 第二十二条：“……研发费用加计扣除……”
/// 财政部 税务总局公告2023年第7号：企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期
/// 损益的，在按规定据实扣除的基础上，再按照实际发生额的 100% 在税前加计扣除；形成无形资产的，
/// 按照无形资产成本的 200% 在税前摊销。
///
/// The extra deduction on expensed R&D and on the amortization of intangibles from R&D, at the
/// ratio of the tax year and category, and the tax it saves. SPEC §7.
public enum RDSuperDeduction: Measure {
    public static let id = "rd-super-deduction"
    public static let article = "第二十二条"
    public static let titleZH = "研发费用加计扣除"
    public static let titleEN = "R&D super-deduction"

    public enum Category: String, InputChoice { case general, manufacturing, techSME = "tech_sme", excluded }

    public struct Input: Codable, Sendable {
        public var taxYear: Int
        public var category: Category
        public var expensedRD: ExactDecimal
        /// 2022 only: the part of `expensedRD` incurred in the fourth quarter.
        public var q4ExpensedRD: ExactDecimal?
        public var intangibleCost: ExactDecimal?
        /// At least 10 (default 10).
        public var amortizationYears: Int?
        /// Months of amortization in the tax year, 1–12 (default 12).
        public var amortizationMonths: Int?
        /// Default 25%.
        public var citRate: Rate?

        enum CodingKeys: String, CodingKey {
            case taxYear = "tax_year", category, expensedRD = "expensed_rd", q4ExpensedRD = "q4_expensed_rd"
            case intangibleCost = "intangible_cost", amortizationYears = "amortization_years"
            case amortizationMonths = "amortization_months", citRate = "cit_rate"
        }

        public init(taxYear: Int, category: Category, expensedRD: ExactDecimal, q4ExpensedRD: ExactDecimal? = nil, intangibleCost: ExactDecimal? = nil, amortizationYears: Int? = nil, amortizationMonths: Int? = nil, citRate: Rate? = nil) {
            self.taxYear = taxYear
            self.category = category
            self.expensedRD = expensedRD
            self.q4ExpensedRD = q4ExpensedRD
            self.intangibleCost = intangibleCost
            self.amortizationYears = amortizationYears
            self.amortizationMonths = amortizationMonths
            self.citRate = citRate
        }
    }

    public struct Result: MeasureResult {
        public var measure = RDSuperDeduction.id
        /// `eligible`, or `excluded_category` for an industry without the super-deduction.
        public var reason: String
        public var ratio: ExactDecimal
        public var extraExpensed: ExactDecimal
        public var amortizationDeduction: ExactDecimal
        public var extraAmortization: ExactDecimal
        public var extraTotal: ExactDecimal
        public var taxSaving: ExactDecimal
        public var parameters: [ParameterUse] = []
        public var steps: [ExplanationStep] = []

        enum CodingKeys: String, CodingKey {
            case measure, reason, ratio, extraExpensed = "extra_expensed", amortizationDeduction = "amortization_deduction"
            case extraAmortization = "extra_amortization", extraTotal = "extra_total", taxSaving = "tax_saving"
            case parameters, steps
        }
    }

    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        try Check.nonNegative(input.expensedRD, "expensed_rd")
        let cost = input.intangibleCost ?? .zero
        try Check.nonNegative(cost, "intangible_cost")
        let citRate = input.citRate ?? Rate(ExactDecimal(25, exponent: -2))
        try Check.nonNegative(citRate, "cit_rate")
        guard let day = Day(year: input.taxYear, month: 1, day: 1) else {
            throw .invalidValue(field: "tax_year", "\(input.taxYear) is not a year")
        }
        let ratio = try worksheet.decimal("rd.super_deduction_ratio.\(input.category.rawValue)", on: day)
        let minimumYears = try worksheet.integer("rd.min_amortization_years", on: day)
        let years = input.amortizationYears ?? minimumYears
        guard years >= minimumYears else {
            throw .invalidValue(field: "amortization_years", "must be at least \(minimumYears) (got \(years))")
        }
        let months = input.amortizationMonths ?? 12
        guard (1...12).contains(months) else {
            throw .invalidValue(field: "amortization_months", "must be 1 to 12 (got \(months))")
        }

        var extraExpensed = (input.expensedRD * ratio).round2()
        if let q4 = input.q4ExpensedRD {
            try Check.nonNegative(q4, "q4_expensed_rd")
            guard input.taxYear == 2022 else { throw .invalidValue(field: "q4_expensed_rd", "applies to tax year 2022 only") }
            guard q4 <= input.expensedRD else { throw .invalidValue(field: "q4_expensed_rd", "is part of expensed_rd and cannot exceed it") }
            if input.category == .general {
                let q4Ratio = try worksheet.decimal("rd.super_deduction_ratio.q4_2022", on: day)
                extraExpensed = (q4 * q4Ratio + (input.expensedRD - q4) * ratio).round2()
                worksheet.step(
                    "2022年第28号", zh: "费用化加计 = 四季度 \(q4.grouped) × \(Rate(q4Ratio).percentDescription) + 其余 \((input.expensedRD - q4).grouped) × \(Rate(ratio).percentDescription) = \(extraExpensed.grouped)",
                    en: "Extra on expensed R&D = Q4 \(q4.grouped) × \(Rate(q4Ratio).percentDescription) + the rest \((input.expensedRD - q4).grouped) × \(Rate(ratio).percentDescription) = \(extraExpensed.grouped)")
            }
        }
        if input.q4ExpensedRD == nil || input.category != .general {
            worksheet.step(
                article, zh: "费用化加计 = \(input.expensedRD.grouped) × \(Rate(ratio).percentDescription) = \(extraExpensed.grouped)",
                en: "Extra on expensed R&D = \(input.expensedRD.grouped) × \(Rate(ratio).percentDescription) = \(extraExpensed.grouped)")
        }
        let period = ExactDecimal(12 * years)
        let amortization = (cost * (1 + ratio) * ExactDecimal(months)).divided2(by: period)
        let extraAmortization = (cost * ratio * ExactDecimal(months)).divided2(by: period)
        if !cost.isZero {
            worksheet.step(
                "企业所得税法实施条例 第六十七条",
                zh: "无形资产摊销 = \(cost.grouped) × (1 + \(Rate(ratio).percentDescription)) × \(months) ÷ (12 × \(years)) = \(amortization.grouped)，其中加计 \(extraAmortization.grouped)",
                en: "Amortization = \(cost.grouped) × (1 + \(Rate(ratio).percentDescription)) × \(months) ÷ (12 × \(years)) = \(amortization.grouped), of which extra \(extraAmortization.grouped)")
        }
        let extraTotal = extraExpensed + extraAmortization
        let saving = (extraTotal * citRate.value).round2()
        worksheet.step(
            article, zh: "加计扣除合计 \(extraTotal.grouped)，节税 = \(extraTotal.grouped) × \(citRate.percentDescription) = \(saving.grouped)",
            en: "Total extra deduction \(extraTotal.grouped); tax saved = \(extraTotal.grouped) × \(citRate.percentDescription) = \(saving.grouped)")
        return Result(
            reason: input.category == .excluded ? "excluded_category" : "eligible", ratio: ratio, extraExpensed: extraExpensed, amortizationDeduction: amortization,
            extraAmortization: extraAmortization, extraTotal: extraTotal, taxSaving: saving)
    }
}

extension RDSuperDeduction {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["reason", "ratio", "extra_expensed:money", "amortization_deduction:money", "extra_amortization:money", "extra_total:money", "tax_saving:money"])

    public static let inputFields: [InputField] = [
        .required("tax_year", .integer, "the tax year"),
        .required("category", Category.choices, "the enterprise's category"),
        .required("expensed_rd", .amount, "R&D expensed in the year"),
        .optional("q4_expensed_rd", .amount, "2022 only: the part of expensed_rd from October to December"),
        .optional("intangible_cost", .amount, "cost of intangible assets from R&D; default 0"),
        .optional("amortization_years", .integer, "at least 10; default 10"),
        .optional("amortization_months", .integer, "months amortized in the year, 1–12; default 12"),
        .optional("cit_rate", .rate, "the income tax rate for the saving; default 25%"),
    ]
}
