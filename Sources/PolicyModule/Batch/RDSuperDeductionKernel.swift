import DecimalModule

/// The R&D super-deduction for one plainly written CSV record in Int64 fixed point (a
/// ``RecordKernel``): the rules of ``RDSuperDeduction/compute(_:_:)`` for an enterprise that
/// gives only its expensed R&D — the extra deduction at its category's ratio and the tax it
/// saves, each rounded half up to the fen — with amounts in fen below 10^10 yuan. A record with
/// any of the optional fields (the 2022 fourth quarter, equipment, intangible assets), an amount
/// of more than two decimals or that large, or anything the general path would refuse is not
/// taken.
struct RDSuperDeductionKernel: Sendable {
    /// The parameters of a tax year: each category's ratio, as the parameter writes it (a result
    /// cell) and in millionths (at most 5, so that a product with an amount fits in 64 bits).
    struct Rules: Sendable {
        var ratios: [(written: ExactDecimal, millionths: Int64)]
    }

    /// The parameters the rules are made of.
    static let parameterIDs = RDSuperDeduction.Category.allCases.map(\.ratioParameter) + ["rd.min_amortization_years"]

    /// The column of each field the kernel reads, and of the optional ones it leaves to the
    /// general path.
    private let taxYear: Int
    private let category: Int
    private let expensedRD: Int
    private let citRate: Int
    private let others: [Int]
    /// The bytes of each category's word, in the order of `Category.allCases`.
    private let categories = RDSuperDeduction.Category.allCases.map { Array($0.rawValue.utf8) }
    /// Nil for a year whose parameters are missing or have no fixed-point form.
    private let rules: RulesByYear<Rules?>

    /// The kernel for a file whose columns hold `columns` (a field name each, empty for a
    /// column no field has); nil when a required column is missing.
    init?(columns: [String], parameters: ParameterTable) {
        func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
        guard let taxYear = column("tax_year"), let category = column("category"), let expensedRD = column("expensed_rd"),
            let citRate = column("cit_rate")
        else { return nil }
        (self.taxYear, self.category, self.expensedRD, self.citRate) = (taxYear, category, expensedRD, citRate)
        let read: Set = ["tax_year", "category", "expensed_rd", "cit_rate"]
        others = RDSuperDeduction.inputFields.map(\.name).filter { !read.contains($0) }.compactMap(column)
        rules = RulesByYear(parameters, ids: RDSuperDeductionKernel.parameterIDs) { year in
            Day(year: year, month: 1, day: 1).flatMap { RDSuperDeductionKernel.rules(on: $0, parameters) }
        }
    }

    /// The rules on `day`; nil when a parameter is missing or has no fixed-point form.
    static func rules(on day: Day, _ parameters: ParameterTable) -> Rules? {
        guard parameters.integer("rd.min_amortization_years", on: day) != nil else { return nil }
        var ratios: [(written: ExactDecimal, millionths: Int64)] = []
        for category in RDSuperDeduction.Category.allCases {
            guard let ratio = parameters.decimal(category.ratioParameter, on: day), let millionths = ratio.int64Value(scale: 6),
                (0...5_000_000).contains(millionths)
            else { return nil }
            ratios.append((ratio, millionths))
        }
        return Rules(ratios: ratios)
    }

    /// The tax year in `cells`, computed, its output cells written to `arena`; nil, with nothing
    /// written, when the kernel does not take it.
    func row(_ cells: RecordCells, into arena: CellArena) -> CellRow? {
        guard others.allSatisfy({ cells.cell($0) == nil }), let year = cells.cell(taxYear).flatMap(PlainValue.integer),
            Day(year: year, month: 1, day: 1) != nil, let rules = rules[year], let word = cells.cell(category),
            let category = categories.firstIndex(where: { $0.withUnsafeBufferPointer(word.sameBytes) }),
            let expensed = cells.fen(expensedRD), let rate = cells.value(citRate, LoanReader.rate)
        else { return nil }
        let ratio = rules.ratios[category]
        let extra = FixedPoint.times(expensed, ratio.millionths)
        return arena.row { row in
            row.word(RDSuperDeduction.Category.allCases[category] == .excluded ? RDSuperDeduction.Reason.excludedCategory : .eligible)
            row.amount(ratio.written)
            row.amount(extra, decimals: 2)
            row.amount(0, decimals: 2)  // no equipment
            row.amount(0, decimals: 2)  // no intangible assets: no amortization
            row.amount(0, decimals: 2)
            row.amount(extra, decimals: 2)
            row.amount(FixedPoint.times(extra, rate.millionths), decimals: 2)
        }
    }
}
