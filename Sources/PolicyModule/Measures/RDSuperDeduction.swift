import DecimalModule

/// 沪企服办〔2023〕1号 第二十二条, paraphrased: carry out the R&D super-deduction. Under
/// 财政部 税务总局公告2023年第7号, R&D expensed in the year is deducted in full plus 100% of it
/// again, and intangible assets formed by R&D are amortized at 200% of their cost; earlier years
/// and special categories at the ratios of the parameters (2023年第44号 for integrated-circuit and
/// machine-tool enterprises, 2022年第28号 for the fourth quarter of 2022).
///
/// The extra deduction on expensed R&D, on the amortization of intangibles from R&D and on
/// high-tech equipment bought in 2022 Q4, at the ratio of the tax year and category, and the tax
/// it saves at the enterprise's own income-tax rate. docs/POLICY.md §7.
public enum RDSuperDeduction: Measure, BatchRecord {
    /// The measure id (`rd-super-deduction`).
    public static let id = "rd-super-deduction"
    /// The article implemented.
    public static let article = "第二十二条"
    /// The measure's name in Chinese.
    public static let titleZH = "研发费用加计扣除"
    /// The measure's name in English.
    public static let titleEN = "R&D super-deduction"

    /// The enterprise's category, which decides the ratio of the extra deduction.
    public enum Category: String, InputChoice {
        /// Any other enterprise.
        case general
        /// A manufacturing enterprise.
        case manufacturing
        /// A technology-based SME (科技型中小企业).
        case techSME = "tech_sme"
        /// 集成电路企业 or 工业母机企业 (2023年第44号: 120% for 2023–2027).
        case icOrMachineTool = "ic_or_machine_tool"
        /// An industry the super-deduction excludes (tobacco, hospitality, wholesale and retail, …).
        case excluded

        /// The parameter of the category's ratio (`rd.super_deduction_ratio.<category>`), a
        /// literal rather than a string built for every record of a batch.
        var ratioParameter: String {
            switch self {
            case .general: "rd.super_deduction_ratio.general"
            case .manufacturing: "rd.super_deduction_ratio.manufacturing"
            case .techSME: "rd.super_deduction_ratio.tech_sme"
            case .icOrMachineTool: "rd.super_deduction_ratio.ic_or_machine_tool"
            case .excluded: "rd.super_deduction_ratio.excluded"
            }
        }
    }

    /// How the 2022 fourth quarter's R&D is found (2022年第28号 第二条).
    public enum Q4Method: String, InputChoice {
        /// `q4_expensed_rd` as incurred.
        case actual
        /// expensed_rd × q4_operating_months / operating_months_2022.
        case proportional
    }

    /// The input of “R&D super-deduction” (研发费用加计扣除), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// The tax year.
        public var taxYear: Int
        /// The enterprise's category.
        public var category: Category
        /// R&D expensed in the year.
        public var expensedRD: ExactDecimal
        /// 2022 only: the part of `expensedRD` incurred in the fourth quarter (method `actual`).
        public var q4ExpensedRD: ExactDecimal?
        /// 2022 only: `actual` (default) or `proportional`.
        public var q4Method: Q4Method?
        /// 2022, method `proportional`: the months of operation in the fourth quarter (0–3).
        public var q4OperatingMonths: Int?
        /// 2022, method `proportional`: the months of operation in 2022 (1–12, at least the above).
        public var operatingMonths2022: Int?
        /// 2022 only: equipment bought 2022-10-01..12-31 by a high-tech enterprise.
        public var hightechEquipmentQ42022: ExactDecimal?
        /// Cost of intangible assets from R&D; default 0.
        public var intangibleCost: ExactDecimal?
        /// At least 10 (default 10).
        public var amortizationYears: Int?
        /// Months of amortization in the tax year, 1–12 (default 12).
        public var amortizationMonths: Int?
        /// The enterprise's income-tax rate, for the saving: 25% standard, 15% high-tech, 5% the
        /// effective rate of a small low-profit enterprise. Required: no rate fits all.
        public var citRate: Rate

        enum CodingKeys: String, CodingKey {
            case taxYear = "tax_year", category, expensedRD = "expensed_rd", q4ExpensedRD = "q4_expensed_rd"
            case q4Method = "q4_method", q4OperatingMonths = "q4_operating_months", operatingMonths2022 = "operating_months_2022"
            case hightechEquipmentQ42022 = "hightech_equipment_q4_2022"
            case intangibleCost = "intangible_cost", amortizationYears = "amortization_years"
            case amortizationMonths = "amortization_months", citRate = "cit_rate"
        }

        /// A value with every field given; an optional one may be left out.
        public init(
            taxYear: Int, category: Category, expensedRD: ExactDecimal, citRate: Rate, q4ExpensedRD: ExactDecimal? = nil,
            q4Method: Q4Method? = nil, q4OperatingMonths: Int? = nil, operatingMonths2022: Int? = nil,
            hightechEquipmentQ42022: ExactDecimal? = nil, intangibleCost: ExactDecimal? = nil, amortizationYears: Int? = nil,
            amortizationMonths: Int? = nil
        ) {
            self.taxYear = taxYear
            self.category = category
            self.expensedRD = expensedRD
            self.citRate = citRate
            self.q4ExpensedRD = q4ExpensedRD
            self.q4Method = q4Method
            self.q4OperatingMonths = q4OperatingMonths
            self.operatingMonths2022 = operatingMonths2022
            self.hightechEquipmentQ42022 = hightechEquipmentQ42022
            self.intangibleCost = intangibleCost
            self.amortizationYears = amortizationYears
            self.amortizationMonths = amortizationMonths
        }

        /// Reads the value from a decoder (the library's input decoder or `JSONDecoder`), with the field names of docs/POLICY.md.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard try !container.decodeNil(forKey: .citRate) else {
                throw PolicyError.invalidValue(
                    field: InputDecoder.path(decoder.codingPath + [CodingKeys.citRate]),
                    Vocabulary.message("error.cit_rate_required"))
            }
            self.init(
                taxYear: try container.decode(Int.self, forKey: .taxYear), category: try container.decode(Category.self, forKey: .category),
                expensedRD: try container.decode(ExactDecimal.self, forKey: .expensedRD),
                citRate: try container.decode(Rate.self, forKey: .citRate),
                q4ExpensedRD: try container.decodeIfPresent(ExactDecimal.self, forKey: .q4ExpensedRD),
                q4Method: try container.decodeIfPresent(Q4Method.self, forKey: .q4Method),
                q4OperatingMonths: try container.decodeIfPresent(Int.self, forKey: .q4OperatingMonths),
                operatingMonths2022: try container.decodeIfPresent(Int.self, forKey: .operatingMonths2022),
                hightechEquipmentQ42022: try container.decodeIfPresent(ExactDecimal.self, forKey: .hightechEquipmentQ42022),
                intangibleCost: try container.decodeIfPresent(ExactDecimal.self, forKey: .intangibleCost),
                amortizationYears: try container.decodeIfPresent(Int.self, forKey: .amortizationYears),
                amortizationMonths: try container.decodeIfPresent(Int.self, forKey: .amortizationMonths))
        }
    }

    /// Whether the super-deduction applies.
    public enum Reason: String, Codable, Sendable, Hashable, CaseIterable {
        /// `eligible`: the enterprise's category has a ratio.
        case eligible
        /// `excluded_category`: an excluded industry: no extra deduction.
        case excludedCategory = "excluded_category"
    }

    /// The result of “R&D super-deduction”: the amounts, the reason, the steps and the parameters used.
    public struct Result: MeasureResult {
        /// The measure id, first in the JSON.
        public var measure = RDSuperDeduction.id
        /// `eligible`, or `excluded_category` for an industry without the super-deduction.
        public var reason: Reason
        /// The extra deduction ratio in effect (1 for 100%).
        public var ratio: ExactDecimal
        /// The extra deduction of the expensed R&D: `expensed_rd × ratio`.
        public var extraExpensed: ExactDecimal
        /// The extra deduction on high-tech equipment bought in 2022 Q4 (0.00 otherwise).
        public var extraEquipment: ExactDecimal
        /// This year's amortization of the intangible assets' cost.
        public var amortizationDeduction: ExactDecimal
        /// The extra deduction of that amortization: `amortization_deduction × ratio`.
        public var extraAmortization: ExactDecimal
        /// The extra deductions together.
        public var extraTotal: ExactDecimal
        /// The tax saved: `extra_total × cit_rate`.
        public var taxSaving: ExactDecimal
        /// The parameters used, with their citations (empty with explanations off).
        public var parameters: [ParameterUse] = []
        /// The explanation steps, in order (empty with explanations off).
        public var steps: [ExplanationStep] = []
        /// The engine and parameter set that computed this result; nil inside a portfolio (the
        /// portfolio's own result carries it) and in results not made by `calculate`.
        public var audit: Audit?

        enum CodingKeys: String, CodingKey {
            case measure, reason, ratio, extraExpensed = "extra_expensed", extraEquipment = "extra_equipment"
            case amortizationDeduction = "amortization_deduction"
            case extraAmortization = "extra_amortization", extraTotal = "extra_total", taxSaving = "tax_saving"
            case parameters, steps, audit
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        try Check.nonNegative(input.expensedRD, "expensed_rd")
        let cost = input.intangibleCost ?? .zero
        try Check.nonNegative(cost, "intangible_cost")
        try Check.nonNegative(input.citRate, "cit_rate")
        let equipment = input.hightechEquipmentQ42022 ?? .zero
        try Check.nonNegative(equipment, "hightech_equipment_q4_2022")
        guard let day = Day(year: input.taxYear, month: 1, day: 1) else {
            throw .invalidValue(field: "tax_year", Vocabulary.message("error.not_a_year", String(input.taxYear)))
        }
        let ratio = try worksheet.decimal(input.category.ratioParameter, on: day)
        let minimumYears = try worksheet.integer("rd.min_amortization_years", on: day)
        let years = input.amortizationYears ?? minimumYears
        guard years >= minimumYears else {
            throw .invalidValue(field: "amortization_years", Vocabulary.message("error.at_least", String(minimumYears), String(years)))
        }
        let months = input.amortizationMonths ?? 12
        guard (1...12).contains(months) else {
            throw .invalidValue(field: "amortization_months", Vocabulary.message("error.months_1_to_12", String(months)))
        }

        let extraExpensed = try expensedExtra(input, ratio: ratio, on: day, &worksheet)
        var extraEquipment = ExactDecimal.zero.round2()
        if !equipment.isZero {
            guard input.taxYear == 2022 else {
                throw .invalidValue(field: "hightech_equipment_q4_2022", Vocabulary.message("error.equipment_2022_only"))
            }
            let equipmentRatio = try worksheet.decimal("rd.hightech_equipment_extra_ratio_q4_2022", on: day)
            extraEquipment = (equipment * equipmentRatio).round2()
            worksheet.step(
                "2022年第28号 第一条", zh: "高新技术企业四季度购置设备加计 = \(equipment.grouped) × \(Rate(equipmentRatio).percentDescription) = \(extraEquipment.grouped)",
                en: "Extra on high-tech equipment bought in 2022 Q4 = \(equipment.grouped) × \(Rate(equipmentRatio).percentDescription) = \(extraEquipment.grouped)")
        }
        let period = ExactDecimal(12 * years)
        // Without intangible assets (most enterprises) both amounts are 0.00, without the arithmetic.
        let noCost = input.intangibleCost == nil
        let amortization = noCost ? ExactDecimal.zero.round2() : (cost * (1 + ratio) * ExactDecimal(months)).divided2(by: period)
        let extraAmortization = noCost ? ExactDecimal.zero.round2() : (cost * ratio * ExactDecimal(months)).divided2(by: period)
        if !cost.isZero {
            worksheet.step(
                "企业所得税法实施条例 第六十七条",
                zh: "无形资产摊销 = \(cost.grouped) × (1 + \(Rate(ratio).percentDescription)) × \(months) ÷ (12 × \(years)) = \(amortization.grouped)，其中加计 \(extraAmortization.grouped)",
                en: "Amortization = \(cost.grouped) × (1 + \(Rate(ratio).percentDescription)) × \(months) ÷ (12 × \(years)) = \(amortization.grouped), of which extra \(extraAmortization.grouped)")
        }
        let extraTotal = extraExpensed + extraAmortization + extraEquipment
        let saving = (extraTotal * input.citRate.value).round2()
        worksheet.step(
            article, zh: "加计扣除合计 \(extraTotal.grouped)，节税 = \(extraTotal.grouped) × \(input.citRate.percentDescription) = \(saving.grouped)",
            en: "Total extra deduction \(extraTotal.grouped); tax saved = \(extraTotal.grouped) × \(input.citRate.percentDescription) = \(saving.grouped)")
        return Result(
            reason: input.category == .excluded ? .excludedCategory : .eligible, ratio: ratio, extraExpensed: extraExpensed,
            extraEquipment: extraEquipment, amortizationDeduction: amortization, extraAmortization: extraAmortization,
            extraTotal: extraTotal, taxSaving: saving)
    }

    /// The extra deduction on expensed R&D: `round2(expensed × ratio)`, except for a general (or
    /// IC / machine-tool) enterprise in 2022, whose fourth quarter (as incurred, or in proportion to its months of
    /// operation) is at the 2022 Q4 ratio.
    private static func expensedExtra(_ input: Input, ratio: ExactDecimal, on day: Day, _ worksheet: inout Worksheet) throws(PolicyError)
        -> ExactDecimal
    {
        let method = input.q4Method ?? .actual
        // q4_method actual is the default, accepted in any year (a file may fill the column).
        // The months, given, are the proportional method's.
        let monthsGiven = input.q4OperatingMonths != nil ? "q4_operating_months" : input.operatingMonths2022 != nil ? "operating_months_2022" : nil
        if input.taxYear != 2022,
            let field = input.q4ExpensedRD != nil ? "q4_expensed_rd" : input.q4Method == .proportional ? "q4_method" : monthsGiven
        {
            throw .invalidValue(field: field, Vocabulary.message("error.tax_year_2022_only"))
        }
        // The fourth quarter's share of expensed_rd as numerator / denominator, when given.
        var q4Share: (numerator: ExactDecimal, denominator: Int, text: String)?
        switch method {
        case .actual:
            if let field = monthsGiven { throw .invalidValue(field: field, Vocabulary.message("error.proportional_only")) }
            if let q4 = input.q4ExpensedRD {
                try Check.nonNegative(q4, "q4_expensed_rd")
                guard q4 <= input.expensedRD else { throw .invalidValue(field: "q4_expensed_rd", Vocabulary.message("error.part_of", "expensed_rd")) }
                q4Share = (q4, 1, q4.grouped)
            }
        case .proportional:
            guard input.q4ExpensedRD == nil else {
                throw .invalidValue(field: "q4_expensed_rd", Vocabulary.message("error.actual_method_only"))
            }
            guard let q4Months = input.q4OperatingMonths else { throw .missingField("q4_operating_months") }
            guard let yearMonths = input.operatingMonths2022 else { throw .missingField("operating_months_2022") }
            guard (0...3).contains(q4Months) else { throw .invalidValue(field: "q4_operating_months", Vocabulary.message("error.months_0_to_3", String(q4Months))) }
            guard (max(1, q4Months)...12).contains(yearMonths) else {
                throw .invalidValue(field: "operating_months_2022", Vocabulary.message("error.months_to_12", String(max(1, q4Months)), String(yearMonths)))
            }
            q4Share = (input.expensedRD * ExactDecimal(q4Months), yearMonths, "\(input.expensedRD.grouped) × \(q4Months) ÷ \(yearMonths)")
        }
        // Only the categories at 75% in 2022 have a fourth quarter at another ratio.
        guard input.category == .general || input.category == .icOrMachineTool, let q4Share else {
            let extra = (input.expensedRD * ratio).round2()
            worksheet.step(
                article, zh: "费用化加计 = \(input.expensedRD.grouped) × \(Rate(ratio).percentDescription) = \(extra.grouped)",
                en: "Extra on expensed R&D = \(input.expensedRD.grouped) × \(Rate(ratio).percentDescription) = \(extra.grouped)")
            return extra
        }
        // round2((q4 × q4Ratio + (expensed − q4) × ratio)), q4 = numerator / denominator unrounded.
        let q4Ratio = try worksheet.decimal("rd.super_deduction_ratio.q4_2022", on: day)
        let denominator = ExactDecimal(q4Share.denominator)
        let rest = input.expensedRD * denominator - q4Share.numerator
        let extra = (q4Share.numerator * q4Ratio + rest * ratio).divided2(by: denominator)
        worksheet.step(
            "2022年第28号 第二条",
            zh: "费用化加计 = 四季度 \(q4Share.text) × \(Rate(q4Ratio).percentDescription) + 其余 × \(Rate(ratio).percentDescription) = \(extra.grouped)",
            en: "Extra on expensed R&D = Q4 \(q4Share.text) × \(Rate(q4Ratio).percentDescription) + the rest × \(Rate(ratio).percentDescription) = \(extra.grouped)")
        return extra
    }
}

extension RDSuperDeduction {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["reason", "ratio", "extra_expensed:money", "extra_equipment:money", "amortization_deduction:money", "extra_amortization:money", "extra_total:money", "tax_saving:money"])

    /// The input of one CSV record of a batch, as `Input.init(from:)` reads it.
    static func input(reading row: RecordDecoder) throws -> Input {
        Input(
            taxYear: try row.value("tax_year"), category: try row.choice("category"), expensedRD: try row.value("expensed_rd"),
            citRate: try row.value("cit_rate"), q4ExpensedRD: try row.valueIfPresent("q4_expensed_rd"), q4Method: try row.choiceIfPresent("q4_method"),
            q4OperatingMonths: try row.valueIfPresent("q4_operating_months"), operatingMonths2022: try row.valueIfPresent("operating_months_2022"),
            hightechEquipmentQ42022: try row.valueIfPresent("hightech_equipment_q4_2022"), intangibleCost: try row.valueIfPresent("intangible_cost"),
            amortizationYears: try row.valueIfPresent("amortization_years"), amortizationMonths: try row.valueIfPresent("amortization_months"))
    }

    /// Writes the batch cells of `result`, in the order of ``outputFields``.
    static func writeCells(of result: Result, to cells: CellWriter) {
        cells.word(result.reason)
        cells.amount(result.ratio)
        cells.amount(result.extraExpensed)
        cells.amount(result.extraEquipment)
        cells.amount(result.amortizationDeduction)
        cells.amount(result.extraAmortization)
        cells.amount(result.extraTotal)
        cells.amount(result.taxSaving)
    }

    /// The input fields, in the order to show them (`huiqi list rd-super-deduction`).
    public static let inputFields: [InputField] = [
        .required("tax_year", .integer, "the tax year"),
        .required("category", Category.choices, "the enterprise's category"),
        .required("expensed_rd", .amount, "R&D expensed in the year"),
        .required("cit_rate", .rate, "the enterprise's income-tax rate: 25% standard, 15% high-tech, 5% small low-profit"),
        .optional("q4_method", Q4Method.choices, "2022 only: how the fourth quarter's R&D is found; default actual"),
        .optional("q4_expensed_rd", .amount, "2022, method actual: the part of expensed_rd from October to December"),
        .optional("q4_operating_months", .integer, "2022, method proportional: months of operation in the fourth quarter, 0–3"),
        .optional("operating_months_2022", .integer, "2022, method proportional: months of operation in 2022"),
        .optional("hightech_equipment_q4_2022", .amount, "2022 only: equipment bought 2022-10-01..12-31 by a high-tech enterprise"),
        .optional("intangible_cost", .amount, "cost of intangible assets from R&D; default 0"),
        .optional("amortization_years", .integer, "at least 10; default 10"),
        .optional("amortization_months", .integer, "months amortized in the year, 1–12; default 12"),
    ]
}
