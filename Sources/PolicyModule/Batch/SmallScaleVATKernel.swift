import DecimalModule

/// A small-scale taxpayer's VAT and surtaxes for one plainly written CSV record in Int64 fixed
/// point (a ``RecordKernel``): the rules of ``SmallScaleVAT/compute(_:_:)`` — tax-inclusive
/// amounts divided out, the threshold, the reduced and statutory VAT, the three surtaxes halved
/// or exempt, each rounding half up to the fen where the general path rounds — with amounts in fen
/// below 10^10 yuan and rates in millionths, so that no sum or product leaves 64 bits. It does not
/// take month-by-month sales, a quarter whose rates change within it, an amount of more than two
/// decimals or that large, or anything the general path would refuse.
struct SmallScaleVATKernel: Sendable {
    /// The parameters of a period, in fixed point (rates in millionths, thresholds in fen).
    struct Rules: Sendable {
        /// The exemption threshold, as the parameter writes it (a result cell), and in fen.
        var threshold: ExactDecimal
        var thresholdFen: Int64
        /// r and s: the rates of the 3% items, ordinary and on special invoices, the same in
        /// every month of the period.
        var r: Int64
        var s: Int64
        var rate5: Int64
        var statutory3: Int64
        var halving: Int64
        var educationThresholdFen: Int64
        /// The urban maintenance tax rate of each ``SmallScaleVAT/Location``, in its order.
        var urbanMaintenance: (urban: Int64, county: Int64, other: Int64)
        var education: Int64
        var localEducation: Int64
    }

    /// The parameters the rules are made of.
    static let parameterIDs = [
        "vat.small_scale.threshold_month", "vat.small_scale.threshold_quarter", "vat.small_scale.rate_3pct_items",
        "vat.small_scale.special_invoice_rate_3pct", "vat.rate_5pct_items", "vat.statutory_rate_3pct_items",
        "surtax.urban_maintenance.urban", "surtax.urban_maintenance.county", "surtax.urban_maintenance.other", "surtax.education",
        "surtax.local_education", "surtax.education_exemption_threshold_month", "surtax.education_exemption_threshold_quarter",
        "surtax.small_scale_halving",
    ]

    /// The column of each field the kernel reads.
    private let periodType: Int
    private let periodStart: Int
    private let sales3pct: Int
    private let specialInvoice3pct: Int?
    private let sales5pct: Int?
    private let realEstateSales: Int?
    private let pricesIncludeTax: Int?
    private let location: Int?
    private let monthSales3pct: Int?
    private let monthSpecialInvoice3pct: Int?
    /// The rules of a month's and of a quarter's periods by their first day; nil for a period
    /// whose parameters have no fixed-point form (or whose rates change within the quarter).
    private let months: RulesByDay<Rules?>
    private let quarters: RulesByDay<Rules?>

    /// The kernel for a file whose columns hold `columns` (a field name each, empty for a
    /// column no field has); nil when a required column is missing.
    init?(columns: [String], parameters: ParameterTable) {
        func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
        guard let periodType = column("period_type"), let periodStart = column("period_start"), let sales3pct = column("sales_3pct") else {
            return nil
        }
        (self.periodType, self.periodStart, self.sales3pct) = (periodType, periodStart, sales3pct)
        (specialInvoice3pct, sales5pct, realEstateSales) = (column("special_invoice_3pct"), column("sales_5pct"), column("real_estate_sales"))
        (pricesIncludeTax, location) = (column("prices_include_tax"), column("location"))
        (monthSales3pct, monthSpecialInvoice3pct) = (column("month_sales_3pct"), column("month_special_invoice_3pct"))
        let changes = parameters.changeDays(of: SmallScaleVATKernel.parameterIDs)
        func rules(months: Int) -> RulesByDay<Rules?> {
            RulesByDay(changes: SmallScaleVATKernel.periodStarts(changing: changes, months: months)) { day in
                Day(year: day.year, month: day.month, day: 1).flatMap { SmallScaleVATKernel.rules(periodStart: $0, months: months, parameters) }
            }
        }
        (self.months, quarters) = (rules(months: 1), rules(months: 3))
    }

    /// The first days of the months on which the rules of a period of `months` months
    /// starting then can differ from the previous month's: where a period's first day, or the
    /// first day of one of its later months, reaches a change day.
    static func periodStarts(changing changes: [Day], months: Int) -> [Day] {
        var starts = Set<Day>()
        for change in changes {
            // The first month whose first day is on or after the change.
            let index = change.year * 12 + change.month - 1 + (change.day == 1 ? 0 : 1)
            for offset in 0..<months where index - offset >= 12 {
                if let day = Day(year: (index - offset) / 12, month: (index - offset) % 12 + 1, day: 1) { starts.insert(day) }
            }
        }
        return starts.sorted()
    }

    /// The rules of a period of `months` months from `start` (the first day of a month); nil
    /// when a parameter is missing or has no fixed-point form, or the rates of the 3% items
    /// change within the period.
    static func rules(periodStart start: Day, months: Int, _ parameters: ParameterTable) -> Rules? {
        let quarterly = months == 3
        func rate(_ id: String, on day: Day = start) -> Int64? { FixedPoint.millionths(parameters.decimal(id, on: day)) }
        func fen(_ id: String) -> Int64? { FixedPoint.fen(parameters.decimal(id, on: start)) }
        guard let threshold = parameters.decimal(quarterly ? "vat.small_scale.threshold_quarter" : "vat.small_scale.threshold_month", on: start),
            let thresholdFen = fen(quarterly ? "vat.small_scale.threshold_quarter" : "vat.small_scale.threshold_month"),
            let r = rate("vat.small_scale.rate_3pct_items"), let s = rate("vat.small_scale.special_invoice_rate_3pct"),
            let rate5 = rate("vat.rate_5pct_items"), let statutory3 = rate("vat.statutory_rate_3pct_items"),
            let halving = rate("surtax.small_scale_halving"),
            let educationThreshold = fen(quarterly ? "surtax.education_exemption_threshold_quarter" : "surtax.education_exemption_threshold_month"),
            let urban = rate("surtax.urban_maintenance.urban"), let county = rate("surtax.urban_maintenance.county"),
            let other = rate("surtax.urban_maintenance.other"), let education = rate("surtax.education"),
            let localEducation = rate("surtax.local_education")
        else { return nil }
        let first = start.year * 12 + start.month - 1
        for month in first + 1..<first + months {
            // A period of rules may start in any month (not only a quarter's first): December's runs into January.
            guard let day = Day(year: month / 12, month: month % 12 + 1, day: 1),
                rate("vat.small_scale.rate_3pct_items", on: day) == r, rate("vat.small_scale.special_invoice_rate_3pct", on: day) == s
            else { return nil }
        }
        return Rules(
            threshold: threshold, thresholdFen: thresholdFen, r: r, s: s, rate5: rate5, statutory3: statutory3, halving: halving,
            educationThresholdFen: educationThreshold, urbanMaintenance: (urban, county, other), education: education,
            localEducation: localEducation)
    }

    /// The period in `cells`, computed, its output cells written to `arena`; nil, with nothing
    /// written, when the kernel does not take it.
    func row(_ cells: RecordCells, into arena: CellArena) -> CellRow? {
        guard let type = cells.cell(periodType), let start = cells.value(periodStart, LoanReader.day), start.day == 1,
            cells.cell(monthSales3pct) == nil, cells.cell(monthSpecialInvoice3pct) == nil,
            let sales3 = cells.fen(sales3pct), let special = cells.fen(specialInvoice3pct, absent: 0),
            let sales5 = cells.fen(sales5pct, absent: 0), let realEstate = cells.fen(realEstateSales, absent: 0),
            special <= sales3, realEstate <= sales5
        else { return nil }
        let quarterly: Bool
        if type.spells("month") {
            quarterly = false
        } else if type.spells("quarter"), start.month % 3 == 1 {
            quarterly = true
        } else {
            return nil
        }
        guard let includesTax = cells.flag(pricesIncludeTax, absent: false) else { return nil }
        var location = SmallScaleVAT.Location.urban
        if let written = cells.cell(self.location) {
            if written.spells("county") {
                location = .county
            } else if written.spells("other") {
                location = .other
            } else if !written.spells("urban") {
                return nil
            }
        }
        guard let rules = (quarterly ? quarters : months)[start] else { return nil }

        // Amounts below 10^10 yuan and rates of at most 1 (10^6): every product below 2^63.
        var (ordinary, specialPart, sales5Part, realEstatePart) = (sales3 - special, special, sales5, realEstate)
        if includesTax {
            func exclusive(_ fen: Int64, _ rate: Int64) -> Int64 { FixedPoint.halfUp(fen * 1_000_000, over: 1_000_000 + rate) }
            (ordinary, specialPart) = (exclusive(ordinary, rules.r), exclusive(specialPart, rules.s))
            (sales5Part, realEstatePart) = (exclusive(sales5Part, rules.rate5), exclusive(realEstatePart, rules.rate5))
        }
        let sales = ordinary + specialPart
        let total = sales + sales5Part
        let specialVAT = FixedPoint.times(specialPart, rules.s)
        let vat: Int64
        let reason: SmallScaleVAT.Reason
        if total <= rules.thresholdFen {
            (vat, reason) = (specialVAT, .withinThreshold)
        } else if total - realEstatePart <= rules.thresholdFen {
            (vat, reason) = (specialVAT + FixedPoint.times(realEstatePart, rules.rate5), .withinThresholdExceptRealEstate)
        } else {
            let items3 = FixedPoint.halfUp(ordinary * rules.r + specialPart * rules.s, over: 1_000_000)
            (vat, reason) = (items3 + FixedPoint.times(sales5Part, rules.rate5), .aboveThreshold)
        }
        let statutory = FixedPoint.times(sales, rules.statutory3) + FixedPoint.times(sales5Part, rules.rate5)
        let educationExempt = total <= rules.educationThresholdFen
        /// A surtax on the VAT: due and relieved.
        func surtax(_ rate: Int64, exempted: Bool) -> (due: Int64, relief: Int64) {
            let tax = FixedPoint.times(vat, rate)
            if exempted { return (0, tax) }
            let reduction = FixedPoint.times(tax, rules.halving)
            return (tax - reduction, reduction)
        }
        let urbanRate = switch location {
        case .urban: rules.urbanMaintenance.urban
        case .county: rules.urbanMaintenance.county
        case .other: rules.urbanMaintenance.other
        }
        let urban = surtax(urbanRate, exempted: false)
        let education = surtax(rules.education, exempted: educationExempt)
        let localEducation = surtax(rules.localEducation, exempted: educationExempt)
        return arena.row { row in
            row.amount(rules.threshold)
            row.flag(reason != .aboveThreshold || rules.r == 0)
            row.word(reason)
            row.amount(vat, decimals: 2)
            row.amount(statutory, decimals: 2)
            row.amount(statutory - vat, decimals: 2)
            row.amount(urban.due, decimals: 2)
            row.amount(education.due, decimals: 2)
            row.amount(localEducation.due, decimals: 2)
            row.amount(urban.due + education.due + localEducation.due, decimals: 2)
            row.amount(urban.relief + education.relief + localEducation.relief, decimals: 2)
        }
    }
}
