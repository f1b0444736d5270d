import DecimalModule

/// 沪企服办〔2023〕1号 第二十二条, paraphrased: carry out the VAT relief for small-scale taxpayers
/// and the other tax reliefs. The national rules it points to (财政部 税务总局公告2023年第1号、
/// 第19号, and their predecessors) exempt monthly sales up to 100,000 (quarterly 300,000), tax the
/// 3% items at 1% above that, and halve the surtaxes (2023年第12号); 财税〔2016〕12号 exempts the
/// education surcharges of payers with sales up to 100,000 a month.
///
/// The VAT of a small-scale taxpayer for a month or a quarter — exempt up to the threshold
/// (special invoices at their own rate, and real estate, still taxed), the reduced rate above
/// it, month by month in a quarter whose rate changes — against the statutory 3%/5%, and the
/// three surtaxes on it. docs/POLICY.md §5.
public enum SmallScaleVAT: Measure, BatchRecord {
    /// The measure id (`small-scale-vat`).
    public static let id = "small-scale-vat"
    /// The article implemented.
    public static let article = "第二十二条"
    /// The measure's name in Chinese.
    public static let titleZH = "小规模纳税人增值税及附加减免"
    /// The measure's name in English.
    public static let titleEN = "Small-scale taxpayer VAT and surtax relief"

    /// How the period's sales stand against the exemption threshold.
    public enum Reason: String, Codable, Sendable, Hashable, CaseIterable {
        /// `within_threshold`: sales within the threshold: exempt.
        case withinThreshold = "within_threshold"
        /// `within_threshold_except_real_estate`: within the threshold once real estate sales are left out: exempt but for them.
        case withinThresholdExceptRealEstate = "within_threshold_except_real_estate"
        /// `above_threshold`: sales above the threshold: the reduced rates apply.
        case aboveThreshold = "above_threshold"
    }

    /// How the taxpayer files.
    public enum PeriodType: String, InputChoice {
        /// Monthly.
        case month
        /// Quarterly.
        case quarter
    }
    /// Where the taxpayer is, which sets the urban maintenance tax rate.
    public enum Location: String, InputChoice {
        /// A city (市区): 7%.
        case urban
        /// A county or town (县城、镇): 5%.
        case county
        /// Elsewhere: 1%.
        case other

        /// The parameter of the location's urban maintenance tax rate
        /// (`surtax.urban_maintenance.<location>`), a literal rather than a string built for
        /// every record of a batch.
        var urbanMaintenanceParameter: String {
            switch self {
            case .urban: "surtax.urban_maintenance.urban"
            case .county: "surtax.urban_maintenance.county"
            case .other: "surtax.urban_maintenance.other"
            }
        }
    }

    /// The input of “Small-scale taxpayer VAT and surtax relief” (小规模纳税人增值税及附加减免), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// A month or a quarter.
        public var periodType: PeriodType
        /// The first day of the month, or of January, April, July or October.
        public var periodStart: Day
        /// Tax-exclusive sales of items at the 3% levy rate.
        public var sales3pct: ExactDecimal
        /// The part of `sales3pct` invoiced on special VAT invoices (专票).
        public var specialInvoice3pct: ExactDecimal?
        /// Sales of items at the 5% levy rate; default 0.
        public var sales5pct: ExactDecimal?
        /// The part of `sales5pct` from selling real estate.
        public var realEstateSales: ExactDecimal?
        /// The amounts include VAT; default false.
        public var pricesIncludeTax: Bool?
        /// For the urban maintenance tax; default urban.
        public var location: Location?
        /// A quarter's 3% sales month by month (three amounts summing to `sales3pct`): required
        /// when the 3% items' rate changes within the quarter (2020-Q1), checked otherwise.
        public var monthSales3pct: [ExactDecimal]?
        /// The same for `specialInvoice3pct` (may be left out when that is 0).
        public var monthSpecialInvoice3pct: [ExactDecimal]?

        enum CodingKeys: String, CodingKey {
            case periodType = "period_type", periodStart = "period_start", sales3pct = "sales_3pct"
            case specialInvoice3pct = "special_invoice_3pct", sales5pct = "sales_5pct"
            case realEstateSales = "real_estate_sales", pricesIncludeTax = "prices_include_tax", location
            case monthSales3pct = "month_sales_3pct", monthSpecialInvoice3pct = "month_special_invoice_3pct"
        }

        /// A value with every field given; an optional one may be left out.
        public init(
            periodType: PeriodType, periodStart: Day, sales3pct: ExactDecimal, specialInvoice3pct: ExactDecimal? = nil,
            sales5pct: ExactDecimal? = nil, realEstateSales: ExactDecimal? = nil, pricesIncludeTax: Bool? = nil, location: Location? = nil,
            monthSales3pct: [ExactDecimal]? = nil, monthSpecialInvoice3pct: [ExactDecimal]? = nil
        ) {
            self.periodType = periodType
            self.periodStart = periodStart
            self.sales3pct = sales3pct
            self.specialInvoice3pct = specialInvoice3pct
            self.sales5pct = sales5pct
            self.realEstateSales = realEstateSales
            self.pricesIncludeTax = pricesIncludeTax
            self.location = location
            self.monthSales3pct = monthSales3pct
            self.monthSpecialInvoice3pct = monthSpecialInvoice3pct
        }
    }

    /// The result of “Small-scale taxpayer VAT and surtax relief”: the amounts, the reason, the steps and the parameters used.
    public struct Result: MeasureResult {
        /// The measure id, first in the JSON.
        public var measure = SmallScaleVAT.id
        /// The exemption threshold of the period (100,000 a month, 300,000 a quarter in 2023).
        public var threshold: ExactDecimal
        /// True when the 3% items are exempt: the sales are within the threshold (even if special
        /// invoices or real estate are taxed), or the 3% items' rate is 0 (April–December 2022).
        public var exempt: Bool
        /// `within_threshold`, `within_threshold_except_real_estate` or `above_threshold`.
        public var reason: Reason
        /// The VAT due.
        public var vat: ExactDecimal
        /// The VAT at the statutory rates, without the relief.
        public var vatStatutory: ExactDecimal
        /// `vat_statutory − vat`.
        public var vatRelief: ExactDecimal
        /// The urban maintenance and construction tax due.
        public var urbanMaintenanceDue: ExactDecimal
        /// The education surcharge due.
        public var educationDue: ExactDecimal
        /// The local education surcharge due.
        public var localEducationDue: ExactDecimal
        /// The three surtaxes together.
        public var surtaxDue: ExactDecimal
        /// The surtaxes saved by the relief.
        public var surtaxRelief: ExactDecimal
        /// The parameters used, with their citations (empty with explanations off).
        public var parameters: [ParameterUse] = []
        /// The explanation steps, in order (empty with explanations off).
        public var steps: [ExplanationStep] = []
        /// The engine and parameter set that computed this result; nil inside a portfolio (the
        /// portfolio's own result carries it) and in results not made by `calculate`.
        public var audit: Audit?

        enum CodingKeys: String, CodingKey {
            case measure, threshold, exempt, reason, vat, vatStatutory = "vat_statutory", vatRelief = "vat_relief"
            case urbanMaintenanceDue = "urban_maintenance_due", educationDue = "education_due"
            case localEducationDue = "local_education_due", surtaxDue = "surtax_due", surtaxRelief = "surtax_relief"
            case parameters, steps, audit
        }
    }

    /// The 3% items of one month (or of the whole period, when its rates do not change) with
    /// their rates: r for the ordinary part, s for the part on special invoices.
    private struct Part {
        var ordinary: ExactDecimal
        var special: ExactDecimal
        var r: ExactDecimal
        var s: ExactDecimal
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        let start = input.periodStart
        let quarterly = input.periodType == .quarter
        guard start.day == 1, !quarterly || [1, 4, 7, 10].contains(start.month) else {
            throw .invalidValue(
                field: "period_start", Vocabulary.message(quarterly ? "error.not_quarter_start" : "error.not_month_start", start.description))
        }
        let special = input.specialInvoice3pct ?? .zero
        var sales5 = input.sales5pct ?? .zero
        var realEstate = input.realEstateSales ?? .zero
        try Check.nonNegative(input.sales3pct, "sales_3pct")
        try Check.nonNegative(special, "special_invoice_3pct")
        try Check.nonNegative(sales5, "sales_5pct")
        try Check.nonNegative(realEstate, "real_estate_sales")
        guard special <= input.sales3pct else { throw .invalidValue(field: "special_invoice_3pct", Vocabulary.message("error.part_of", "sales_3pct")) }
        guard realEstate <= sales5 else { throw .invalidValue(field: "real_estate_sales", Vocabulary.message("error.part_of", "sales_5pct")) }
        let months = try monthlySales(input, quarterly: quarterly)

        let threshold = try worksheet.decimal(quarterly ? "vat.small_scale.threshold_quarter" : "vat.small_scale.threshold_month", on: start)
        let rate5 = try worksheet.decimal("vat.rate_5pct_items", on: start)
        let statutory3 = try worksheet.decimal("vat.statutory_rate_3pct_items", on: start)
        // r and s of each month of the period, looked up on its first day.
        var monthRates: [(day: Day, r: ExactDecimal, s: ExactDecimal)] = []
        monthRates.reserveCapacity(quarterly ? 3 : 1)  // one allocation, not one per growth
        for offset in 0..<(quarterly ? 3 : 1) {
            // start is the first day of a quarter (checked above), so the month exists.
            guard let day = Day(year: start.year, month: start.month + offset, day: 1) else {
                throw .invalidValue(field: "period_start", Vocabulary.message("error.not_quarter_start", start.description))
            }
            monthRates.append((
                day, try worksheet.decimal("vat.small_scale.rate_3pct_items", on: day),
                try worksheet.decimal("vat.small_scale.special_invoice_rate_3pct", on: day)))
        }
        var parts: [Part]
        if let change = monthRates.first(where: { $0.r != monthRates[0].r || $0.s != monthRates[0].s }) {
            guard let months else {
                throw .invalidValue(
                    field: "month_sales_3pct",
                    Vocabulary.message("error.rate_changes_in_quarter", change.day.description))
            }
            parts = zip(months, monthRates).map { month, rates in
                Part(ordinary: month.sales - month.special, special: month.special, r: rates.r, s: rates.s)
            }
            worksheet.step(
                article, zh: "季度内征收率变化（\(change.day) 起），按月计算：\(parts.map { "\($0.ordinary.grouped)×\(Rate($0.r).percentDescription) + 专票 \($0.special.grouped)×\(Rate($0.s).percentDescription)" }.joined(separator: "；"))",
                en: "The rate changes within the quarter (from \(change.day)); taxed month by month: \(parts.map { "\($0.ordinary.grouped) × \(Rate($0.r).percentDescription) + special \($0.special.grouped) × \(Rate($0.s).percentDescription)" }.joined(separator: "; "))")
        } else {
            parts = [Part(ordinary: input.sales3pct - special, special: special, r: monthRates[0].r, s: monthRates[0].s)]
        }

        if input.pricesIncludeTax ?? false {
            parts = parts.map { part in
                Part(ordinary: part.ordinary.divided2(by: 1 + part.r), special: part.special.divided2(by: 1 + part.s), r: part.r, s: part.s)
            }
            (sales5, realEstate) = (sales5.divided2(by: 1 + rate5), realEstate.divided2(by: 1 + rate5))
            worksheet.step(
                "价税分离", zh: "含税换算：普通发票部分 ÷ (1 + r)，专票部分 ÷ (1 + s)，5% 项目 ÷ (1 + \(Rate(rate5).percentDescription))；不含税销售额 \(parts.reduce(ExactDecimal.zero) { $0 + $1.ordinary + $1.special }.grouped) + \(sales5.grouped)",
                en: "Tax-inclusive amounts converted: the ordinary part ÷ (1 + r), special invoices ÷ (1 + s), 5% items ÷ (1 + \(Rate(rate5).percentDescription)); tax-exclusive sales \(parts.reduce(ExactDecimal.zero) { $0 + $1.ordinary + $1.special }.grouped) + \(sales5.grouped)")
        }
        let sales3 = parts.reduce(ExactDecimal.zero) { $0 + $1.ordinary + $1.special }
        let total = sales3 + sales5
        let specialVAT = parts.reduce(ExactDecimal.zero) { $0 + ($1.special * $1.s).round2() }
        // The texts of the steps are formatted only when the worksheet explains (not in batch).
        var specialText: String { parts.map { "\($0.special.grouped) × \(Rate($0.s).percentDescription)" }.joined(separator: " + ") }
        let vat: ExactDecimal
        let reason: Reason
        let period = quarterly ? ("季度", "quarter") : ("月", "month")
        if total <= threshold {
            reason = .withinThreshold
            vat = specialVAT
            worksheet.step(
                article, zh: "销售额 \(total.grouped) ≤ \(period.0)起征点 \(threshold.grouped)：免征；专票部分 \(specialText) = \(vat.grouped)",
                en: "Sales \(total.grouped) ≤ the \(period.1)ly threshold \(threshold.grouped): exempt; special invoices \(specialText) = \(vat.grouped)")
        } else if total - realEstate <= threshold {
            reason = .withinThresholdExceptRealEstate
            vat = specialVAT + (realEstate * rate5).round2()
            worksheet.step(
                article, zh: "扣除不动产后 \((total - realEstate).grouped) ≤ 起征点 \(threshold.grouped)：免征；专票 \(specialText) + 不动产 \(realEstate.grouped) × \(Rate(rate5).percentDescription) = \(vat.grouped)",
                en: "Sales less real estate \((total - realEstate).grouped) ≤ threshold \(threshold.grouped): exempt; special invoices \(specialText) + real estate \(realEstate.grouped) × \(Rate(rate5).percentDescription) = \(vat.grouped)")
        } else {
            reason = .aboveThreshold
            vat = parts.reduce(ExactDecimal.zero) { $0 + ($1.ordinary * $1.r + $1.special * $1.s).round2() } + (sales5 * rate5).round2()
            var text: String { parts.map { "\($0.ordinary.grouped) × \(Rate($0.r).percentDescription) + \($0.special.grouped) × \(Rate($0.s).percentDescription)" }.joined(separator: "; ") }
            worksheet.step(
                article, zh: "销售额 \(total.grouped) > 起征点 \(threshold.grouped)：\(text) + \(sales5.grouped) × \(Rate(rate5).percentDescription) = \(vat.grouped)",
                en: "Sales \(total.grouped) > threshold \(threshold.grouped): \(text) + \(sales5.grouped) × \(Rate(rate5).percentDescription) = \(vat.grouped)")
        }
        let exempt = reason != .aboveThreshold || parts.allSatisfy { $0.r.isZero }
        let statutory = (sales3 * statutory3).round2() + (sales5 * rate5).round2()
        worksheet.step(
            "增值税暂行条例", zh: "无优惠应纳 = \(sales3.grouped) × 3% + \(sales5.grouped) × 5% = \(statutory.grouped)，减免 \((statutory - vat).grouped)",
            en: "Without relief: \(sales3.grouped) × 3% + \(sales5.grouped) × 5% = \(statutory.grouped); relief \((statutory - vat).grouped)")

        let halving = try worksheet.decimal("surtax.small_scale_halving", on: start)
        let educationThreshold = try worksheet.decimal(
            quarterly ? "surtax.education_exemption_threshold_quarter" : "surtax.education_exemption_threshold_month", on: start)
        let educationExempt = total <= educationThreshold
        let location = input.location ?? .urban
        /// A surtax on the VAT: due and relieved, with its step.
        func surtax(_ parameter: String, _ nameZH: String, _ nameEN: String, exempted: Bool) throws(PolicyError) -> (due: ExactDecimal, relief: ExactDecimal) {
            let rate = try worksheet.decimal(parameter, on: start)
            let tax = (vat * rate).round2()
            var capitalised: String { nameEN.prefix(1).uppercased() + nameEN.dropFirst() }  // for the step's text alone
            if exempted {
                worksheet.step(
                    "财税〔2016〕12号", zh: "\(nameZH) = \(vat.grouped) × \(Rate(rate).percentDescription) = \(tax.grouped)；销售额 \(total.grouped) ≤ \(educationThreshold.grouped)，免征，应纳 0.00",
                    en: "\(capitalised) = \(vat.grouped) × \(Rate(rate).percentDescription) = \(tax.grouped); sales \(total.grouped) ≤ \(educationThreshold.grouped): exempt, due 0.00")
                return (ExactDecimal.zero.round2(), tax)
            }
            let reduction = (tax * halving).round2()
            worksheet.step(
                "附加税费减半", zh: "\(nameZH) = \(vat.grouped) × \(Rate(rate).percentDescription) = \(tax.grouped)，减半 \(reduction.grouped)，应纳 \((tax - reduction).grouped)",
                en: "\(capitalised) = \(vat.grouped) × \(Rate(rate).percentDescription) = \(tax.grouped), halved by \(reduction.grouped), due \((tax - reduction).grouped)")
            return (tax - reduction, reduction)
        }
        let urban = try surtax(location.urbanMaintenanceParameter, "城市维护建设税", "urban maintenance tax", exempted: false)
        let education = try surtax("surtax.education", "教育费附加", "education surcharge", exempted: educationExempt)
        let localEducation = try surtax("surtax.local_education", "地方教育附加", "local education surcharge", exempted: educationExempt)
        return Result(
            threshold: threshold, exempt: exempt, reason: reason, vat: vat, vatStatutory: statutory, vatRelief: statutory - vat,
            urbanMaintenanceDue: urban.due, educationDue: education.due, localEducationDue: localEducation.due,
            surtaxDue: urban.due + education.due + localEducation.due, surtaxRelief: urban.relief + education.relief + localEducation.relief)
    }

    /// A quarter's three months of 3% sales and of special invoices, checked against the
    /// quarter's figures; nil when not given.
    private static func monthlySales(_ input: Input, quarterly: Bool) throws(PolicyError) -> [(sales: ExactDecimal, special: ExactDecimal)]? {
        guard let sales = input.monthSales3pct else {
            if input.monthSpecialInvoice3pct != nil {
                throw .invalidValue(field: "month_special_invoice_3pct", Vocabulary.message("error.with_month_sales"))
            }
            return nil
        }
        guard quarterly else { throw .invalidValue(field: "month_sales_3pct", Vocabulary.message("error.quarter_only")) }
        let special = input.monthSpecialInvoice3pct ?? Array(repeating: .zero, count: 3)
        for (list, field) in [(sales, "month_sales_3pct"), (special, "month_special_invoice_3pct")] {
            guard list.count == 3 else { throw .invalidValue(field: field, Vocabulary.message("error.three_months", String(list.count))) }
            for (index, amount) in list.enumerated() { try Check.nonNegative(amount, "\(field)[\(index)]") }
        }
        let specialTotal = input.specialInvoice3pct ?? .zero
        guard sales.reduce(ExactDecimal.zero, +) == input.sales3pct else {
            throw .invalidValue(field: "month_sales_3pct", Vocabulary.message("error.months_sum", sales.reduce(ExactDecimal.zero, +).grouped, "sales_3pct", input.sales3pct.grouped))
        }
        guard special.reduce(ExactDecimal.zero, +) == specialTotal else {
            throw .invalidValue(
                field: "month_special_invoice_3pct",
                Vocabulary.message("error.months_sum", special.reduce(ExactDecimal.zero, +).grouped, "special_invoice_3pct", specialTotal.grouped))
        }
        for index in 0..<3 where special[index] > sales[index] {
            throw .invalidValue(field: "month_special_invoice_3pct[\(index)]", Vocabulary.message("error.part_of", "month_sales_3pct[\(index)]"))
        }
        return Array(zip(sales, special))
    }
}

extension SmallScaleVAT {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["threshold", "exempt", "reason", "vat:money", "vat_statutory:money", "vat_relief:money", "urban_maintenance_due:money", "education_due:money", "local_education_due:money", "surtax_due:money", "surtax_relief:money"])

    /// The input of one CSV record of a batch, as `Input.init(from:)` reads it.
    static func input(reading row: RecordDecoder) throws -> Input {
        Input(
            periodType: try row.choice("period_type"), periodStart: try row.value("period_start"), sales3pct: try row.value("sales_3pct"),
            specialInvoice3pct: try row.valueIfPresent("special_invoice_3pct"), sales5pct: try row.valueIfPresent("sales_5pct"),
            realEstateSales: try row.valueIfPresent("real_estate_sales"), pricesIncludeTax: try row.valueIfPresent("prices_include_tax"),
            location: try row.choiceIfPresent("location"), monthSales3pct: try row.valueIfPresent("month_sales_3pct"),
            monthSpecialInvoice3pct: try row.valueIfPresent("month_special_invoice_3pct"))
    }

    /// Writes the batch cells of `result`, in the order of ``outputFields``.
    static func writeCells(of result: Result, to cells: CellWriter) {
        cells.amount(result.threshold)
        cells.flag(result.exempt)
        cells.word(result.reason)
        cells.amount(result.vat)
        cells.amount(result.vatStatutory)
        cells.amount(result.vatRelief)
        cells.amount(result.urbanMaintenanceDue)
        cells.amount(result.educationDue)
        cells.amount(result.localEducationDue)
        cells.amount(result.surtaxDue)
        cells.amount(result.surtaxRelief)
    }

    /// The input fields, in the order to show them (`huiqi list small-scale-vat`).
    public static let inputFields: [InputField] = [
        .required("period_type", PeriodType.choices, "a month or a quarter"),
        .required("period_start", .date, "the first day of the month or quarter"),
        .required("sales_3pct", .amount, "sales of items at the 3% levy rate"),
        .optional("special_invoice_3pct", .amount, "the part of sales_3pct on special invoices (专票); default 0"),
        .optional("sales_5pct", .amount, "sales of items at the 5% levy rate; default 0"),
        .optional("real_estate_sales", .amount, "the part of sales_5pct from selling real estate; default 0"),
        .optional("prices_include_tax", .flag, "the amounts include VAT; default false"),
        .optional("location", Location.choices, "for the urban maintenance tax; default urban"),
        .optional("month_sales_3pct", .amounts, "a quarter's 3% sales by month, a;b;c (needed when the rate changes within it)"),
        .optional("month_special_invoice_3pct", .amounts, "the special-invoice part by month, a;b;c"),
    ]
}
