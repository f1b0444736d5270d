import DecimalModule

/// 沪企服办〔2023〕1号 第二十二条, paraphrased: carry out the income-tax relief for small low-profit
/// enterprises. Under 财政部 税务总局公告2023年第12号 their taxable income is counted at 25% and
/// taxed at 20% through 2027-12-31; earlier years at the band rates of the parameters.
///
/// Corporate income tax of a small low-profit enterprise: the band rates of the tax year on
/// income up to 3,000,000, nothing of the relief past any limit (the cliff), and the lower of
/// this and the high-tech rate for an enterprise that is both. docs/POLICY.md §6.
public enum SmallProfitCIT: Measure, BatchRecord {
    /// The measure id (`small-profit-cit`).
    public static let id = "small-profit-cit"
    /// The article implemented.
    public static let article = "第二十二条"
    /// The measure's name in Chinese.
    public static let titleZH = "小型微利企业所得税优惠"
    /// The measure's name in English.
    public static let titleEN = "Small low-profit enterprise income tax"

    /// The input of “Small low-profit enterprise income tax” (小型微利企业所得税优惠), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// The tax year.
        public var taxYear: Int
        /// After super-deductions and losses; 0 for a loss year.
        public var taxableIncome: ExactDecimal
        /// Annual average (a decimal).
        public var employees: ExactDecimal
        /// Annual average.
        public var totalAssets: ExactDecimal
        /// In a restricted or prohibited industry; default false.
        public var restrictedIndustry: Bool?
        /// A high-tech enterprise (15% rate); default false.
        public var highTech: Bool?

        enum CodingKeys: String, CodingKey {
            case taxYear = "tax_year", taxableIncome = "taxable_income", employees, totalAssets = "total_assets"
            case restrictedIndustry = "restricted_industry", highTech = "high_tech"
        }

        /// A value with every field given; an optional one may be left out.
        public init(taxYear: Int, taxableIncome: ExactDecimal, employees: ExactDecimal, totalAssets: ExactDecimal, restrictedIndustry: Bool? = nil, highTech: Bool? = nil) {
            self.taxYear = taxYear
            self.taxableIncome = taxableIncome
            self.employees = employees
            self.totalAssets = totalAssets
            self.restrictedIndustry = restrictedIndustry
            self.highTech = highTech
        }
    }

    /// Why the enterprise is or is not a small low-profit enterprise; the first check that fails.
    public enum Reason: String, Codable, Sendable {
        /// `eligible`: every condition holds; the relief applies.
        case eligible
        /// `restricted_industry`: the enterprise is in a restricted or prohibited industry.
        case restrictedIndustry = "restricted_industry"
        /// `income_over_limit`: taxable income above the limit (3,000,000 from 2022).
        case incomeOverLimit = "income_over_limit"
        /// `employees_over_limit`: more employees than the limit (300).
        case employeesOverLimit = "employees_over_limit"
        /// `assets_over_limit`: total assets above the limit (50,000,000).
        case assetsOverLimit = "assets_over_limit"
        /// `no_taxable_income`: taxable income is 0 or less: no tax to relieve.
        case noTaxableIncome = "no_taxable_income"
    }

    /// The result of “Small low-profit enterprise income tax”: the amounts, the reason, the steps and the parameters used.
    public struct Result: MeasureResult {
        /// The measure id, first in the JSON.
        public var measure = SmallProfitCIT.id
        /// Whether the enterprise qualifies (`reason` is `eligible`).
        public var eligible: Bool
        /// `eligible`, or the first condition that fails.
        public var reason: Reason
        /// The tax at the standard 25% rate.
        public var standardTax: ExactDecimal
        /// The tax due under the relief (the standard tax when not eligible).
        public var taxDue: ExactDecimal
        /// `standard_tax − tax_due`.
        public var relief: ExactDecimal
        /// The parameters used, with their citations (empty with explanations off).
        public var parameters: [ParameterUse] = []
        /// The explanation steps, in order (empty with explanations off).
        public var steps: [ExplanationStep] = []
        /// The engine and parameter set that computed this result; nil inside a portfolio (the
        /// portfolio's own result carries it) and in results not made by `calculate`.
        public var audit: Audit?

        enum CodingKeys: String, CodingKey {
            case measure, eligible, reason, standardTax = "standard_tax", taxDue = "tax_due", relief, parameters, steps, audit
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        try Check.nonNegative(input.taxableIncome, "taxable_income")
        try Check.nonNegative(input.employees, "employees")
        try Check.nonNegative(input.totalAssets, "total_assets")
        guard let day = Day(year: input.taxYear, month: 1, day: 1) else {
            throw .invalidValue(field: "tax_year", Vocabulary.message("error.not_a_year", String(input.taxYear)))
        }
        let incomeLimit = try worksheet.decimal("cit.small_low_profit.income_limit", on: day)
        let employeeLimit = try worksheet.decimal("cit.small_low_profit.employee_limit", on: day)
        let assetLimit = try worksheet.decimal("cit.small_low_profit.asset_limit", on: day)
        let band1Upper = try worksheet.decimal("cit.small_low_profit.band1_upper", on: day)
        let band1Rate = try worksheet.decimal("cit.small_low_profit.band1_rate", on: day)
        let band2Rate = try worksheet.decimal("cit.small_low_profit.band2_rate", on: day)
        let highTech = input.highTech ?? false
        let statutoryRate = try worksheet.decimal(highTech ? "cit.high_tech_rate" : "cit.standard_rate", on: day)
        let income = input.taxableIncome

        let reason: Reason
        if input.restrictedIndustry ?? false {
            reason = .restrictedIndustry
        } else if income > incomeLimit {
            reason = .incomeOverLimit
        } else if input.employees > employeeLimit {
            reason = .employeesOverLimit
        } else if input.totalAssets > assetLimit {
            reason = .assetsOverLimit
        } else if income.signum <= 0 {
            reason = .noTaxableIncome
        } else {
            reason = .eligible
        }
        func test(_ value: ExactDecimal, _ limit: ExactDecimal) -> String { "\(value.grouped) \(value <= limit ? "≤" : ">") \(limit.grouped)" }
        worksheet.step(
            article,
            zh: "条件：应纳税所得额 \(test(income, incomeLimit))，从业人数 \(test(input.employees, employeeLimit))，资产总额 \(test(input.totalAssets, assetLimit))"
                + ((input.restrictedIndustry ?? false) ? "，属限制或禁止行业" : "，非限制或禁止行业"),
            en: "Tests: taxable income \(test(income, incomeLimit)), employees \(test(input.employees, employeeLimit)), total assets \(test(input.totalAssets, assetLimit))"
                + ((input.restrictedIndustry ?? false) ? ", in a restricted industry" : ", not in a restricted industry"))
        let standard = (income * statutoryRate).round2()
        worksheet.step(
            highTech ? "企业所得税法 第二十八条" : "企业所得税法 第四条",
            zh: "无优惠应纳税额 = \(income.grouped) × \(Rate(statutoryRate).percentDescription) = \(standard.grouped)",
            en: "Tax without the relief = \(income.grouped) × \(Rate(statutoryRate).percentDescription) = \(standard.grouped)")
        var due = standard
        if reason == .eligible {
            let band1 = min(income, band1Upper)
            let band2 = income - band1
            let banded = (band1 * band1Rate + band2 * band2Rate).round2()
            worksheet.step(
                article,
                zh: "小型微利：\(band1.grouped) × \(Rate(band1Rate).percentDescription) + \(band2.grouped) × \(Rate(band2Rate).percentDescription) = \(banded.grouped)",
                en: "Small low-profit: \(band1.grouped) × \(Rate(band1Rate).percentDescription) + \(band2.grouped) × \(Rate(band2Rate).percentDescription) = \(banded.grouped)")
            due = min(banded, standard)
            if highTech {
                worksheet.step(
                    "企业所得税法 第二十八条", zh: "高新技术企业取两者较低者：\(due.grouped)（不叠加享受）",
                    en: "A high-tech enterprise pays the lower of the two: \(due.grouped) (the reliefs do not stack)")
            }
        } else {
            worksheet.step(
                article, zh: "不符合小型微利条件（\(reason.rawValue)），按全额计税", en: "Not a small low-profit enterprise (\(reason.rawValue)): no relief")
        }
        return Result(eligible: reason == .eligible, reason: reason, standardTax: standard, taxDue: due, relief: standard - due)
    }
}

extension SmallProfitCIT {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "standard_tax:money", "tax_due:money", "relief:money"])

    /// The input of one CSV record of a batch, as `Input.init(from:)` reads it.
    static func input(reading row: RecordDecoder) throws -> Input {
        Input(
            taxYear: try row.value("tax_year"), taxableIncome: try row.value("taxable_income"), employees: try row.value("employees"),
            totalAssets: try row.value("total_assets"), restrictedIndustry: try row.valueIfPresent("restricted_industry"),
            highTech: try row.valueIfPresent("high_tech"))
    }

    /// Writes the batch cells of `result`, in the order of ``outputFields``.
    static func writeCells(of result: Result, to cells: CellWriter) {
        cells.flag(result.eligible)
        cells.word(result.reason)
        cells.amount(result.standardTax)
        cells.amount(result.taxDue)
        cells.amount(result.relief)
    }

    /// The input fields, in the order to show them (`huiqi list small-profit-cit`).
    public static let inputFields: [InputField] = [
        .required("tax_year", .integer, "the tax year"),
        .required("taxable_income", .amount, "after super-deductions and losses (0 for a loss year)"),
        .required("employees", .number, "annual average headcount"),
        .required("total_assets", .amount, "annual average total assets"),
        .optional("restricted_industry", .flag, "in a restricted or prohibited industry; default false"),
        .optional("high_tech", .flag, "a high-tech enterprise (15% rate); default false"),
    ]
}
