import DecimalModule

/// A small low-profit enterprise's income tax for one plainly written CSV record in Int64 fixed
/// point (a ``RecordKernel``): the rules of ``SmallProfitCIT/compute(_:_:)`` — the tests in
/// order, the tax at the statutory rate, the two bands, the lower of the two for a high-tech
/// enterprise, each rounding half up to the fen — with amounts in fen below 10^10 yuan and rates
/// in millionths. It does not take an amount of more than two decimals or that large, or anything
/// the general path would refuse.
struct SmallProfitCITKernel: Sendable {
    /// The parameters of a tax year, in fixed point (limits in fen, rates in millionths).
    struct Rules: Sendable {
        var incomeLimit: Int64
        var employeeLimit: Int64
        var assetLimit: Int64
        var band1Upper: Int64
        var band1Rate: Int64
        var band2Rate: Int64
        var standardRate: Int64
        var highTechRate: Int64
    }

    /// The parameters the rules are made of.
    static let parameterIDs = [
        "cit.small_low_profit.income_limit", "cit.small_low_profit.employee_limit", "cit.small_low_profit.asset_limit",
        "cit.small_low_profit.band1_upper", "cit.small_low_profit.band1_rate", "cit.small_low_profit.band2_rate", "cit.standard_rate",
        "cit.high_tech_rate",
    ]

    /// The column of each field the kernel reads.
    private let taxYear: Int
    private let taxableIncome: Int
    private let employees: Int
    private let totalAssets: Int
    private let restrictedIndustry: Int?
    private let highTech: Int?
    /// Nil for a year whose parameters are missing or have no fixed-point form.
    private let rules: RulesByYear<Rules?>

    /// The kernel for a file whose columns hold `columns` (a field name each, empty for a
    /// column no field has); nil when a required column is missing.
    init?(columns: [String], parameters: ParameterTable) {
        func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
        guard let taxYear = column("tax_year"), let taxableIncome = column("taxable_income"), let employees = column("employees"),
            let totalAssets = column("total_assets")
        else { return nil }
        (self.taxYear, self.taxableIncome, self.employees, self.totalAssets) = (taxYear, taxableIncome, employees, totalAssets)
        (restrictedIndustry, highTech) = (column("restricted_industry"), column("high_tech"))
        rules = RulesByYear(parameters, ids: SmallProfitCITKernel.parameterIDs) { year in
            Day(year: year, month: 1, day: 1).flatMap { SmallProfitCITKernel.rules(on: $0, parameters) }
        }
    }

    /// The rules on `day`; nil when a parameter is missing or has no fixed-point form.
    static func rules(on day: Day, _ parameters: ParameterTable) -> Rules? {
        func fen(_ id: String) -> Int64? { FixedPoint.fen(parameters.decimal(id, on: day)) }
        func rate(_ id: String) -> Int64? { FixedPoint.millionths(parameters.decimal(id, on: day)) }
        guard let incomeLimit = fen("cit.small_low_profit.income_limit"), let employeeLimit = fen("cit.small_low_profit.employee_limit"),
            let assetLimit = fen("cit.small_low_profit.asset_limit"), let band1Upper = fen("cit.small_low_profit.band1_upper"),
            let band1Rate = rate("cit.small_low_profit.band1_rate"), let band2Rate = rate("cit.small_low_profit.band2_rate"),
            let standardRate = rate("cit.standard_rate"), let highTechRate = rate("cit.high_tech_rate")
        else { return nil }
        return Rules(
            incomeLimit: incomeLimit, employeeLimit: employeeLimit, assetLimit: assetLimit, band1Upper: band1Upper, band1Rate: band1Rate,
            band2Rate: band2Rate, standardRate: standardRate, highTechRate: highTechRate)
    }

    /// The tax year in `cells`, computed, its output cells written to `arena`; nil, with nothing
    /// written, when the kernel does not take it.
    func row(_ cells: RecordCells, into arena: CellArena) -> CellRow? {
        guard let year = cells.cell(taxYear).flatMap(PlainValue.integer), Day(year: year, month: 1, day: 1) != nil, let rules = rules[year],
            let income = cells.fen(taxableIncome), let employees = cells.fen(employees), let assets = cells.fen(totalAssets),
            let restricted = cells.flag(restrictedIndustry, absent: false), let highTech = cells.flag(highTech, absent: false)
        else { return nil }
        let reason: SmallProfitCIT.Reason
        if restricted {
            reason = .restrictedIndustry
        } else if income > rules.incomeLimit {
            reason = .incomeOverLimit
        } else if employees > rules.employeeLimit {
            reason = .employeesOverLimit
        } else if assets > rules.assetLimit {
            reason = .assetsOverLimit
        } else if income == 0 {
            reason = .noTaxableIncome
        } else {
            reason = .eligible
        }
        let standard = FixedPoint.times(income, highTech ? rules.highTechRate : rules.standardRate)
        var due = standard
        if reason == .eligible {
            let band1 = min(income, rules.band1Upper)
            due = min(FixedPoint.halfUp(band1 * rules.band1Rate + (income - band1) * rules.band2Rate, over: 1_000_000), standard)
        }
        return arena.row { row in
            row.flag(reason == .eligible)
            row.word(reason)
            row.amount(standard, decimals: 2)
            row.amount(due, decimals: 2)
            row.amount(standard - due, decimals: 2)
        }
    }
}
