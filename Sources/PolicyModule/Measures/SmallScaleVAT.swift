import DecimalModule

/// 沪企服办〔2023〕1号 第二十二条：“落实好小规模纳税人增值税减免……等税费优惠政策。”
/// 财政部 税务总局公告2023年第1号、第19号：月销售额 10 万元以下（季度 30 万元以下）免征增值税；
/// 适用 3% 征收率的应税销售收入减按 1% 征收；附加税费减半征收（2023年第12号）。
///
/// The VAT of a small-scale taxpayer for a month or a quarter — exempt up to the threshold
/// (special invoices and real estate still taxed), the reduced rate above it — against the
/// statutory 3%/5%, and the three surtaxes on it with their halving. SPEC §5.
public enum SmallScaleVAT: Measure {
    public static let id = "small-scale-vat"
    public static let article = "第二十二条"
    public static let titleZH = "小规模纳税人增值税及附加减免"
    public static let titleEN = "Small-scale taxpayer VAT and surtax relief"

    public enum PeriodType: String, InputChoice { case month, quarter }
    public enum Location: String, InputChoice { case urban, county, other }

    public struct Input: Codable, Sendable {
        public var periodType: PeriodType
        /// The first day of the month, or of January, April, July or October.
        public var periodStart: Day
        /// Tax-exclusive sales of items at the 3% levy rate.
        public var sales3pct: ExactDecimal
        /// The part of `sales3pct` invoiced on special VAT invoices (专票).
        public var specialInvoice3pct: ExactDecimal?
        public var sales5pct: ExactDecimal?
        /// The part of `sales5pct` from selling real estate.
        public var realEstateSales: ExactDecimal?
        public var pricesIncludeTax: Bool?
        public var location: Location?

        enum CodingKeys: String, CodingKey {
            case periodType = "period_type", periodStart = "period_start", sales3pct = "sales_3pct"
            case specialInvoice3pct = "special_invoice_3pct", sales5pct = "sales_5pct"
            case realEstateSales = "real_estate_sales", pricesIncludeTax = "prices_include_tax", location
        }

        public init(periodType: PeriodType, periodStart: Day, sales3pct: ExactDecimal, specialInvoice3pct: ExactDecimal? = nil, sales5pct: ExactDecimal? = nil, realEstateSales: ExactDecimal? = nil, pricesIncludeTax: Bool? = nil, location: Location? = nil) {
            self.periodType = periodType
            self.periodStart = periodStart
            self.sales3pct = sales3pct
            self.specialInvoice3pct = specialInvoice3pct
            self.sales5pct = sales5pct
            self.realEstateSales = realEstateSales
            self.pricesIncludeTax = pricesIncludeTax
            self.location = location
        }
    }

    public struct Result: MeasureResult {
        public var measure = SmallScaleVAT.id
        public var threshold: ExactDecimal
        /// True when the sales are within the threshold (even if special invoices or real
        /// estate are taxed), false when the reduced rate applies to everything.
        public var exempt: Bool
        /// `within_threshold`, `within_threshold_except_real_estate` or `above_threshold`.
        public var reason: String
        public var vat: ExactDecimal
        public var vatStatutory: ExactDecimal
        public var vatRelief: ExactDecimal
        public var urbanMaintenanceDue: ExactDecimal
        public var educationDue: ExactDecimal
        public var localEducationDue: ExactDecimal
        public var surtaxDue: ExactDecimal
        public var surtaxRelief: ExactDecimal
        public var parameters: [ParameterUse] = []
        public var steps: [ExplanationStep] = []

        enum CodingKeys: String, CodingKey {
            case measure, threshold, exempt, reason, vat, vatStatutory = "vat_statutory", vatRelief = "vat_relief"
            case urbanMaintenanceDue = "urban_maintenance_due", educationDue = "education_due"
            case localEducationDue = "local_education_due", surtaxDue = "surtax_due", surtaxRelief = "surtax_relief"
            case parameters, steps
        }
    }

    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        let start = input.periodStart
        let quarterly = input.periodType == .quarter
        guard start.day == 1, !quarterly || [1, 4, 7, 10].contains(start.month) else {
            throw .invalidValue(
                field: "period_start", "\(start) is not the first day of a \(quarterly ? "quarter (Jan, Apr, Jul, Oct)" : "month")")
        }
        var sales3 = input.sales3pct
        var special = input.specialInvoice3pct ?? .zero
        var sales5 = input.sales5pct ?? .zero
        var realEstate = input.realEstateSales ?? .zero
        for (value, field) in [(sales3, "sales_3pct"), (special, "special_invoice_3pct"), (sales5, "sales_5pct"), (realEstate, "real_estate_sales")] {
            try Check.nonNegative(value, field)
        }
        guard special <= sales3 else { throw .invalidValue(field: "special_invoice_3pct", "is part of sales_3pct and cannot exceed it") }
        guard realEstate <= sales5 else { throw .invalidValue(field: "real_estate_sales", "is part of sales_5pct and cannot exceed it") }

        let threshold = try worksheet.decimal(quarterly ? "vat.small_scale.threshold_quarter" : "vat.small_scale.threshold_month", on: start)
        let rate3 = try worksheet.decimal("vat.small_scale.rate_3pct_items", on: start)
        let rate5 = try worksheet.decimal("vat.rate_5pct_items", on: start)
        let statutory3 = try worksheet.decimal("vat.statutory_rate_3pct_items", on: start)

        if input.pricesIncludeTax ?? false {
            (sales3, special) = ((sales3).divided2(by: 1 + rate3), special.divided2(by: 1 + rate3))
            (sales5, realEstate) = (sales5.divided2(by: 1 + rate5), realEstate.divided2(by: 1 + rate5))
            worksheet.step(
                "价税分离", zh: "含税换算：3% 项目 ÷ (1 + \(Rate(rate3).percentDescription))，5% 项目 ÷ (1 + \(Rate(rate5).percentDescription))；不含税销售额 \(sales3.grouped) + \(sales5.grouped)",
                en: "Tax-inclusive amounts converted: 3% items ÷ (1 + \(Rate(rate3).percentDescription)), 5% items ÷ (1 + \(Rate(rate5).percentDescription)); tax-exclusive sales \(sales3.grouped) + \(sales5.grouped)")
        }
        let total = sales3 + sales5
        let vat: ExactDecimal
        let reason: String
        let period = quarterly ? ("季度", "quarter") : ("月", "month")
        if total <= threshold {
            reason = "within_threshold"
            vat = (special * rate3).round2()
            worksheet.step(
                article, zh: "销售额 \(total.grouped) ≤ \(period.0)起征点 \(threshold.grouped)：免征；专票部分 \(special.grouped) × \(Rate(rate3).percentDescription) = \(vat.grouped)",
                en: "Sales \(total.grouped) ≤ the \(period.1)ly threshold \(threshold.grouped): exempt; special invoices \(special.grouped) × \(Rate(rate3).percentDescription) = \(vat.grouped)")
        } else if total - realEstate <= threshold {
            reason = "within_threshold_except_real_estate"
            vat = (special * rate3).round2() + (realEstate * rate5).round2()
            worksheet.step(
                article, zh: "扣除不动产后 \((total - realEstate).grouped) ≤ 起征点 \(threshold.grouped)：免征；专票 \(special.grouped) × \(Rate(rate3).percentDescription) + 不动产 \(realEstate.grouped) × \(Rate(rate5).percentDescription) = \(vat.grouped)",
                en: "Sales less real estate \((total - realEstate).grouped) ≤ threshold \(threshold.grouped): exempt; special invoices \(special.grouped) × \(Rate(rate3).percentDescription) + real estate \(realEstate.grouped) × \(Rate(rate5).percentDescription) = \(vat.grouped)")
        } else {
            reason = "above_threshold"
            vat = (sales3 * rate3).round2() + (sales5 * rate5).round2()
            worksheet.step(
                article, zh: "销售额 \(total.grouped) > 起征点 \(threshold.grouped)：\(sales3.grouped) × \(Rate(rate3).percentDescription) + \(sales5.grouped) × \(Rate(rate5).percentDescription) = \(vat.grouped)",
                en: "Sales \(total.grouped) > threshold \(threshold.grouped): \(sales3.grouped) × \(Rate(rate3).percentDescription) + \(sales5.grouped) × \(Rate(rate5).percentDescription) = \(vat.grouped)")
        }
        let statutory = (sales3 * statutory3).round2() + (sales5 * rate5).round2()
        worksheet.step(
            "增值税暂行条例", zh: "无优惠应纳 = \(sales3.grouped) × 3% + \(sales5.grouped) × 5% = \(statutory.grouped)，减免 \((statutory - vat).grouped)",
            en: "Without relief: \(sales3.grouped) × 3% + \(sales5.grouped) × 5% = \(statutory.grouped); relief \((statutory - vat).grouped)")

        let halving = try worksheet.decimal("surtax.small_scale_halving", on: start)
        let location = input.location ?? .urban
        let surtaxes = [
            ("surtax.urban_maintenance.\(location.rawValue)", "城市维护建设税", "urban maintenance tax"),
            ("surtax.education", "教育费附加", "education surcharge"),
            ("surtax.local_education", "地方教育附加", "local education surcharge"),
        ]
        var dues: [ExactDecimal] = []
        var reductions: [ExactDecimal] = []
        for (parameter, nameZH, nameEN) in surtaxes {
            let rate = try worksheet.decimal(parameter, on: start)
            let tax = (vat * rate).round2()
            let reduction = (tax * halving).round2()
            dues.append(tax - reduction)
            reductions.append(reduction)
            worksheet.step(
                "附加税费减半", zh: "\(nameZH) = \(vat.grouped) × \(Rate(rate).percentDescription) = \(tax.grouped)，减半 \(reduction.grouped)，应纳 \((tax - reduction).grouped)",
                en: "\(nameEN.prefix(1).uppercased() + nameEN.dropFirst()) = \(vat.grouped) × \(Rate(rate).percentDescription) = \(tax.grouped), halved by \(reduction.grouped), due \((tax - reduction).grouped)")
        }
        return Result(
            threshold: threshold, exempt: reason != "above_threshold", reason: reason, vat: vat, vatStatutory: statutory, vatRelief: statutory - vat,
            urbanMaintenanceDue: dues[0], educationDue: dues[1], localEducationDue: dues[2],
            surtaxDue: dues.reduce(ExactDecimal.zero, +), surtaxRelief: reductions.reduce(ExactDecimal.zero, +))
    }
}

extension SmallScaleVAT {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["threshold", "exempt", "reason", "vat:money", "vat_statutory:money", "vat_relief:money", "urban_maintenance_due:money", "education_due:money", "local_education_due:money", "surtax_due:money", "surtax_relief:money"])

    public static let inputFields: [InputField] = [
        .required("period_type", PeriodType.choices, "a month or a quarter"),
        .required("period_start", .date, "the first day of the month or quarter"),
        .required("sales_3pct", .amount, "sales of items at the 3% levy rate"),
        .optional("special_invoice_3pct", .amount, "the part of sales_3pct on special invoices (专票); default 0"),
        .optional("sales_5pct", .amount, "sales of items at the 5% levy rate; default 0"),
        .optional("real_estate_sales", .amount, "the part of sales_5pct from selling real estate; default 0"),
        .optional("prices_include_tax", .flag, "the amounts include VAT; default false"),
        .optional("location", Location.choices, "for the urban maintenance tax; default urban"),
    ]
}
