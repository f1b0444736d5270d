import DecimalModule

/// The guarantee fee of one plainly written CSV record in Int64 fixed point (a ``RecordKernel``):
/// the rules of ``GuaranteeFee/compute(_:_:)`` — the fee by whole months or on balance-days, one
/// half-up rounding to the fen, the saving, the ceiling — with every product checked for
/// overflow. It does not take repayments, an amount of more than two decimals or of 10^10 yuan
/// or more, or anything the general path would refuse.
struct GuaranteeKernel: Sendable {
    /// The parameters in effect on a start date, in fixed point.
    struct Rules: Sendable {
        /// `guarantee.day_basis`; nil when none is in effect.
        var dayBasis: Int64?
        /// `guarantee.fee_rate_ceiling` in millionths; nil when none is in effect.
        var ceiling: Int64?
    }

    /// The parameters the rules are made of.
    static let parameterIDs = ["guarantee.day_basis", "guarantee.fee_rate_ceiling"]

    /// The column of each field the kernel reads.
    private let guaranteeID: Int
    private let guarantorID: Int
    private let amount: Int
    private let feeRate: Int
    private let startDate: Int
    private let endDate: Int?
    private let termMonths: Int?
    private let referenceRate: Int?
    private let repayments: Int?
    /// Nil on the days a parameter has no fixed-point form.
    private let rules: RulesByDay<Rules?>

    /// The kernel for a file whose columns hold `columns` (a field name each, empty for a
    /// column no field has); nil when a required column is missing.
    init?(columns: [String], parameters: ParameterTable) {
        func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
        guard let guaranteeID = column("guarantee_id"), let guarantorID = column("guarantor_id"), let amount = column("amount"),
            let feeRate = column("fee_rate"), let startDate = column("start_date")
        else { return nil }
        (self.guaranteeID, self.guarantorID, self.amount, self.feeRate, self.startDate) = (guaranteeID, guarantorID, amount, feeRate, startDate)
        (endDate, termMonths, referenceRate, repayments) = (column("end_date"), column("term_months"), column("reference_rate"), column("repayments"))
        rules = RulesByDay(parameters, ids: GuaranteeKernel.parameterIDs) { GuaranteeKernel.rules(on: $0, parameters) }
    }

    /// The rules on `day`; nil if the ceiling in effect has more than six decimals (the day
    /// basis is a whole number of days, as the parameters are checked).
    static func rules(on day: Day, _ parameters: ParameterTable) -> Rules? {
        var rules = Rules()
        if let basis = parameters.value("guarantee.day_basis", on: day) {
            guard let value = basis.decimal?.int64Value(scale: 0), value > 0 else { return nil }
            rules.dayBasis = value
        }
        if let ceiling = parameters.value("guarantee.fee_rate_ceiling", on: day) {
            guard let value = ceiling.decimal?.int64Value(scale: 6), value >= 0 else { return nil }
            rules.ceiling = value
        }
        return rules
    }

    /// The guarantee in `cells`, computed, its output cells written to `arena`, and its share of
    /// its guarantor's summary; nil, with nothing written, when the kernel does not take it.
    func row(_ cells: RecordCells, into arena: CellArena) -> (cells: CellRow, share: GuaranteeFee.Share)? {
        guard cells.cell(repayments) == nil, let guarantor = cells.cell(guarantorID), PlainValue.isText(count: guarantor.count),
            let guarantee = cells.cell(guaranteeID), PlainValue.isText(count: guarantee.count),
            let amount = cells.value(self.amount, LoanReader.amount), amount.value > 0, let fen = FixedPoint.fen(amount),
            let rate = cells.value(feeRate, LoanReader.rate), let start = cells.value(startDate, LoanReader.day),
            let rules = rules[start]
        else { return nil }
        let end = cells.cell(endDate)
        let term = cells.cell(termMonths)
        var reference: Int64?
        if let written = cells.cell(referenceRate) {
            guard let read = LoanReader.narrowing(written, LoanReader.rate) else { return nil }
            reference = read.millionths
        }

        // The fee at a rate (in millionths) in fen, and what the row writes.
        let feeAt: (Int64) -> Int64?
        let balanceDays: (coefficient: Int64, decimals: Int)
        let months: Int?
        let weight: ExactDecimal
        switch (end, term) {
        case (let written?, nil):
            guard let end = LoanReader.narrowing(written, LoanReader.day), end > start else { return nil }
            let days = Int64(end - start)
            let (product, overflow) = amount.value.multipliedReportingOverflow(by: days)
            guard !overflow else { return nil }
            balanceDays = (product, amount.decimals)
            weight = ExactDecimal(product, exponent: -amount.decimals) * 12
            months = GuaranteeFee.wholeMonths(from: start, to: end)
            if let months {
                feeAt = { Self.rounded(fen, times: Int64(months), $0, over: 12_000_000) }
            } else {
                guard let basis = rules.dayBasis else { return nil }
                feeAt = { Self.rounded(fen, times: days, $0, over: basis * 1_000_000) }
            }
        case (nil, let written?):
            guard let term = PlainValue.integer(written), term >= 1, let basis = rules.dayBasis,
                let days = Self.rounded(fen, times: Int64(term), basis, over: 12)
            else { return nil }
            balanceDays = (days, 2)
            months = term
            weight = ExactDecimal(amount.value, exponent: -amount.decimals) * ExactDecimal(Int64(term)) * ExactDecimal(basis)
            feeAt = { Self.rounded(fen, times: Int64(term), $0, over: 12_000_000) }
        default:
            return nil
        }
        guard let fee = feeAt(rate.millionths) else { return nil }
        var saving: Int64?
        if let reference {
            guard let referenceFee = feeAt(reference) else { return nil }
            saving = referenceFee - fee
        }
        let above = rules.ceiling.map { rate.millionths > $0 }
        let reason: GuaranteeFee.Reason = above.map { $0 ? .aboveCeiling : .withinCeiling } ?? .noCeilingInEffect
        let written = arena.row { cells in
            cells.amount(balanceDays.coefficient, decimals: balanceDays.decimals)
            cells.number(months)
            cells.amount(fee, decimals: 2)
            if let saving { cells.amount(saving, decimals: 2) } else { cells.amount(nil) }
            cells.flag(above)
            cells.word(reason)
        }
        let share = GuaranteeFee.Share(
            guarantorID: String(decoding: guarantor, as: UTF8.self), startDate: start, weight: weight,
            feeRate: ExactDecimal(rate.millionths, exponent: -6), fee: ExactDecimal(fee, exponent: -2))
        return (written, share)
    }

    /// round_half_up(a × b × c / d) for a, b, c ≥ 0 and d > 0; nil if a product overflows.
    @inline(__always)
    private static func rounded(_ a: Int64, times b: Int64, _ c: Int64, over d: Int64) -> Int64? {
        let (ab, o1) = a.multipliedReportingOverflow(by: b)
        let (abc, o2) = ab.multipliedReportingOverflow(by: c)
        guard !(o1 || o2) else { return nil }
        return FixedPoint.halfUp(abc, over: d)
    }
}
