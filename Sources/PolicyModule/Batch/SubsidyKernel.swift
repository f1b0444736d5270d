import DecimalModule
import Dispatch

/// A loan the fixed-point kernel can compute exactly: a principal that is a whole number of fen
/// below 10^18 with at most 2 decimals written (`1.2E+6` is 1200000), a rate with at most 6
/// decimals, interest paid (if any) that is not negative, no repayments. Its line and ids are
/// its ``LoanRow``'s, not repeated here.
///
/// The 64-bit fields come first and the bytes last: 48 bytes a loan, not the 72 of the
/// fields in their natural order with their padding.
struct FixedLoan: Sendable, Equatable {
    /// The principal's coefficient (its exponent is `exponent`): 3000000.00 is 300000000.
    var principal: Int64
    /// The annual rate × 10^6: 3.65% is 36500.
    var rate: Int64
    var drawdown: Day
    var end: Day
    /// The interest paid in whole fen, rounded down (the subsidy is limited to it in fen, as the
    /// general path limits it), or nil when none is given.
    var interestPaid: Int64?
    /// The principal's exponent (−2…0): 3000000.00 is (300000000, −2).
    var exponent: Int8
    /// The exponent the rate was written with (−6…0): 3.65% is 365 × 10^−4, −4; `0.05450`, −5.
    var rateExponent: Int8
    var guaranteed: Bool
    var firstLoan: Bool
    var inShanghai: Bool

    init(
        principal: Int64, exponent: Int8, rate: Int64, rateExponent: Int8, drawdown: Day, end: Day, guaranteed: Bool, firstLoan: Bool,
        inShanghai: Bool, interestPaid: Int64?
    ) {
        self.principal = principal
        self.exponent = exponent
        self.rate = rate
        self.rateExponent = rateExponent
        self.drawdown = drawdown
        self.end = end
        self.guaranteed = guaranteed
        self.firstLoan = firstLoan
        self.inShanghai = inShanghai
        self.interestPaid = interestPaid
    }

    /// The same loan for the general path, with its ids.
    func loan(enterpriseID: String, loanID: String) -> InterestSubsidy.Loan {
        InterestSubsidy.Loan(
            enterpriseID: enterpriseID, loanID: loanID, principal: ExactDecimal(principal, exponent: Int(exponent)),
            annualRate: Rate(FixedText.value(rate, scale: 6, exponent: rateExponent)), drawdownDate: drawdown, endDate: end,
            guaranteedByFund: guaranteed, firstInclusiveLoan: firstLoan, lenderInShanghai: inShanghai,
            interestPaid: interestPaid.map { ExactDecimal($0, exponent: -2) })
    }

    /// `loan` if the kernel can compute it exactly; nil, with the reason, otherwise.
    static func from(_ loan: InterestSubsidy.Loan) -> Result<FixedLoan, SubsidyBatch.Fallback> {
        guard loan.repayments == nil else { return .failure(.repayments) }
        // A principal with a positive exponent (1.2E+6) is written out in whole yuan, as the
        // general path's balance-days are (its sum starts from a zero of exponent 0).
        let exponent = min(0, loan.principal.exponent)
        guard exponent >= -2, let principal = loan.principal.int64Value(scale: -exponent), principal > 0 else {
            return .failure(.principal)
        }
        let rateExponent = loan.annualRate.value.exponent
        guard (-6...0).contains(rateExponent), let rate = loan.annualRate.value.int64Value(scale: 6), rate >= 0 else { return .failure(.rate) }
        guard loan.endDate > loan.drawdownDate else { return .failure(.dates) }
        var paid: Int64?
        if let interestPaid = loan.interestPaid {
            guard interestPaid >= .zero, let fen = (try? interestPaid.rounded(scale: 2, .down))?.int64Value(scale: 2) else {
                return .failure(.interestPaid)
            }
            paid = fen
        }
        return .success(FixedLoan(
            principal: principal, exponent: Int8(exponent), rate: rate,
            rateExponent: Int8(rateExponent), drawdown: loan.drawdownDate, end: loan.endDate, guaranteed: loan.guaranteedByFund, firstLoan: loan.firstInclusiveLoan,
            inShanghai: loan.lenderInShanghai, interestPaid: paid))
    }
}

/// A loan's result in fixed point: amounts in fen, balance-days as (coefficient, exponent).
///
/// The 64-bit fields come first and the bytes last, and the window's end is derived from the
/// loan's drawdown rather than stored: a million results take 48 MB, where the fields in their
/// natural order with the end date would take 88.
struct FixedResult: Sendable {
    var balanceDays: Int64
    var computed: Int64
    var granted: Int64
    var enterpriseTotal: Int64
    /// The rate applied × 10^6 (0 for an ineligible loan), and the exponent it was written
    /// with: the loan's, or the subsidy rate parameter's.
    var rateApplied: Int64 = 0
    var windowDays: Int32
    var reason: InterestSubsidy.Reason
    var balanceExponent: Int8
    var capped: Bool
    var rateAppliedExponent: Int8 = 0

    /// The window's end (exclusive, as `window_end`) for a loan drawn down on `drawdown`; nil
    /// for an ineligible loan.
    func windowEnd(drawdown: Day) -> Day? {
        reason == .eligible ? drawdown.adding(days: Int(windowDays)) : nil
    }
}

/// The interest subsidy of one enterprise's loans in Int64 fixed point: the same rules as
/// ``InterestSubsidy`` (eligibility in order, the window, balance-days, one half-up rounding to
/// the fen, the cap in (drawdown date, loan id) order), with every multiplication checked for
/// overflow. It returns nil when anything does not fit, and the caller computes the enterprise
/// with ``Measure/calculate(_:parameters:explaining:)`` instead.
enum SubsidyKernel {
    /// The parameters in effect on a drawdown date, in fixed point.
    struct Rules: Sendable {
        /// × 10^6; nil: no subsidy rate on that date (drawdown_outside_window).
        var rate: Int64?
        /// The exponent the rate parameter is written with (−6…0).
        var rateExponent: Int8 = 0
        var maxDays = 0
        var minDays = 0
        var floorMode = false
        var dayBasis: Int64 = 1
        /// day basis × 10^6: what the subsidy's numerator is divided by.
        var denominator = InvariantDivisor(1)
        /// In fen.
        var cap: Int64 = 0
    }

    /// The parameters the rules are made of.
    static let parameterIDs = [
        "interest_subsidy.rate", "interest_subsidy.max_days", "interest_subsidy.min_days", "interest_subsidy.rate_mode",
        "interest_subsidy.day_basis", "interest_subsidy.cap_per_enterprise",
    ]

    /// The rules on `day`: `Rules(rate: nil)` when no subsidy rate is in effect; nil if a
    /// parameter cannot be expressed in fixed point (the general path then also reports any
    /// missing parameter).
    static func rules(on day: Day, _ parameters: ParameterTable) -> Rules? {
        guard let rate = parameters.value("interest_subsidy.rate", on: day) else { return Rules(rate: nil) }
        guard let rateValue = rate.decimal, (-6...0).contains(rateValue.exponent),
            let fixedRate = rateValue.int64Value(scale: 6),
            let maxDays = parameters.value("interest_subsidy.max_days", on: day).flatMap({ Int($0.value) }),
            let minDays = parameters.value("interest_subsidy.min_days", on: day).flatMap({ Int($0.value) }),
            let mode = parameters.value("interest_subsidy.rate_mode", on: day)?.value, mode == "cap" || mode == "floor",
            let basis = parameters.value("interest_subsidy.day_basis", on: day).flatMap({ Int64($0.value) }), basis > 0,
            let cap = parameters.value("interest_subsidy.cap_per_enterprise", on: day)?.decimal?
                .int64Value(scale: 2)
        else { return nil }
        let (denominator, overflow) = basis.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow else { return nil }
        return Rules(
            rate: fixedRate, rateExponent: Int8(rateValue.exponent), maxDays: maxDays, minDays: minDays, floorMode: mode == "floor", dayBasis: basis,
            denominator: InvariantDivisor(UInt64(denominator)), cap: cap)
    }

    /// The rules of every day, made once per batch; nil on the days a parameter has no
    /// fixed-point form.
    typealias RulesByDay = PolicyModule.RulesByDay<Rules?>

    /// The rules of every day of `parameters`.
    static func rulesByDay(_ parameters: ParameterTable) -> RulesByDay {
        RulesByDay(parameters, ids: parameterIDs) { rules(on: $0, parameters) }
    }

    /// The rules of docs/POLICY.md §3 that follow the eligibility facts, for a loan that has all three:
    /// the window, the minimum days, the floor mode, the balance-days and the subsidy in fen,
    /// limited to the interest paid.
    /// nil if a product overflows.
    @inline(__always)
    static func subsidy(principal: Int64, exponent: Int8, rate: Int64, drawdown: Day, end: Day, interestPaid: Int64?, rule: Rules)
        -> (reason: InterestSubsidy.Reason, windowDays: Int, balance: Int64, fen: Int64, applied: Int64)?
    {
        guard let subsidyRate = rule.rate else { return (.drawdownOutsideWindow, 0, 0, 0, 0) }
        let windowDays = min(end, drawdown.adding(days: rule.maxDays)) - drawdown
        if windowDays < rule.minDays { return (.belowMinDays, 0, 0, 0, 0) }
        if rule.floorMode, rate < subsidyRate { return (.rateBelowSubsidyRate, 0, 0, 0, 0) }
        let applied = rule.floorMode ? subsidyRate : min(subsidyRate, rate)
        let (balance, overflow) = principal.multipliedReportingOverflow(by: Int64(windowDays))
        guard !overflow, let fen = subsidyFen(balance, exponent: exponent, rate: applied, denominator: rule.denominator) else {
            return nil
        }
        // Never more than the interest paid (in fen, rounded down).
        return (.eligible, windowDays, balance, min(fen, interestPaid ?? fen), applied)
    }

    /// round_half_up(balance × 10^exponent × rate / 10^6 / dayBasis, 2) in fen, where balance
    /// (≥ 0) is principal × days (exponent −2…0), rate is in millionths and `denominator` is the
    /// day basis × 10^6; nil if a product overflows.
    @inline(__always)
    static func subsidyFen(_ balance: Int64, exponent: Int8, rate: Int64, denominator: InvariantDivisor) -> Int64? {
        let (scaled, o1) = balance.multipliedReportingOverflow(by: rate)
        let (numerator, o2) = scaled.multipliedReportingOverflow(by: exponent == 0 ? 100 : (exponent == -1 ? 10 : 1))
        guard !(o1 || o2) else { return nil }
        let (quotient, remainder) = denominator.quotientAndRemainder(UInt64(numerator))
        return Int64(quotient) + (remainder >= denominator.divisor - remainder ? 1 : 0)  // half up: 2r ≥ d
    }

    /// What the kernel did with one enterprise.
    enum GroupOutcome: Sendable {
        /// Something did not fit: the general path computes the enterprise.
        case general
        /// Computed; what is left of the cap in fen (nil: no eligible loan, no cap looked up).
        case computed(capRemaining: Int64?)
    }

    /// A loan's result before the cap: its reason, window, balance-days, subsidy and rate
    /// applied (what it is granted, whether it is capped and its enterprise's total are the
    /// cap's to set); nil if a product overflows. The loan's drawdown date has rules in fixed
    /// point (the caller checks).
    @inline(__always)
    static func result(_ loan: FixedLoan, rules: RulesByDay) -> FixedResult? {
        var result = FixedResult(
            balanceDays: 0, computed: 0, granted: 0, enterpriseTotal: 0, windowDays: 0, reason: .eligible, balanceExponent: 0, capped: false)
        if !loan.guaranteed {
            result.reason = .notGuaranteedByFund
        } else if !loan.firstLoan {
            result.reason = .notFirstInclusiveLoan
        } else if !loan.inShanghai {
            result.reason = .lenderOutsideShanghai
        } else {
            let rule = rules[loan.drawdown]!
            guard let outcome = subsidy(
                principal: loan.principal, exponent: loan.exponent, rate: loan.rate, drawdown: loan.drawdown, end: loan.end,
                interestPaid: loan.interestPaid, rule: rule)
            else { return nil }
            result.reason = outcome.reason
            if outcome.reason == .eligible {
                result.windowDays = Int32(outcome.windowDays)
                result.balanceDays = outcome.balance
                result.balanceExponent = loan.exponent
                result.computed = outcome.fen
                result.rateApplied = outcome.applied
                // The general path's min(rate, annual rate) keeps the parameter on a tie.
                let loanRate = !rule.floorMode && loan.rate < rule.rate!
                result.rateAppliedExponent = loanRate ? loan.rateExponent : rule.rateExponent
            }
        }
        return result
    }

    /// The results of one enterprise's loans (`positions` of `loans`, in that order), into
    /// `results` (emptied first), the cap less `prior` fen granted before; `.general` when
    /// something does not fit and the general path must compute the enterprise instead. Every
    /// loan's drawdown date has rules in fixed point (the caller checks).
    static func compute(
        _ positions: Range<Int>, of loans: KernelLoans, prior: Int64, rules: RulesByDay, into results: inout [FixedResult]
    ) -> GroupOutcome {
        results.removeAll(keepingCapacity: true)
        for position in positions {
            guard let result = result(loans[position], rules: rules) else { return .general }
            results.append(result)
        }
        // The cap, filled in (drawdown date, loan id) order and looked up on the earliest
        // eligible drawdown: the eligible positions sorted in place (on the stack when few).
        let count = results.count
        let base = positions.lowerBound
        return withUnsafeTemporaryAllocation(of: (drawdown: Day, position: Int).self, capacity: count) { eligible -> GroupOutcome in
            var eligibleCount = 0
            for position in 0..<count where results[position].reason == .eligible {
                eligible[eligibleCount] = (loans[base + position].drawdown, position)
                eligibleCount += 1
            }
            // By drawdown, then loan id among loans drawn down the same day (rare): the first sort
            // does not capture the loans, whose reference counts two threads would contend for.
            var eligibleOnly = UnsafeMutableBufferPointer(rebasing: eligible[..<eligibleCount])
            eligibleOnly.sort { a, b in a.drawdown != b.drawdown ? a.drawdown < b.drawdown : a.position < b.position }
            var sameDay = 0
            while sameDay < eligibleCount {
                var end = sameDay + 1
                while end < eligibleCount, eligible[end].drawdown == eligible[sameDay].drawdown { end += 1 }
                if end - sameDay > 1 {
                    var run = UnsafeMutableBufferPointer(rebasing: eligible[sameDay..<end])
                    run.sort { a, b in loans.loanIDPrecedes(base + a.position, base + b.position) }
                }
                sameDay = end
            }
            guard eligibleCount > 0 else { return .computed(capRemaining: nil) }
            var remaining = max(0, rules[eligible[0].drawdown]!.cap - prior)
            var total: Int64 = 0
            for slot in 0..<eligibleCount {
                let index = eligible[slot].position
                let granted = min(results[index].computed, remaining)
                results[index].granted = granted
                results[index].capped = granted < results[index].computed
                remaining -= granted
                total += granted
            }
            for index in 0..<count { results[index].enterpriseTotal = total }
            return .computed(capRemaining: remaining)
        }
    }
}

/// Fixed-point amounts as `ExactDecimal` would print them.
enum FixedText {
    /// `coefficient × 10^exponent` (exponent ≤ 0, not negative): "1095000000", "1493958939.35".
    static func decimal(_ coefficient: Int64, exponent: Int8) -> String {
        if exponent == 0 { return String(coefficient) }
        let places = Int(-exponent)
        var digits = String(coefficient)
        if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        return digits
    }

    /// An amount in fen: "60833.33".
    static func fen(_ amount: Int64) -> String { decimal(amount, exponent: -2) }

    /// A value held × 10^`scale` (a rate in millionths) with the digits it was written with:
    /// 36500 at scale 6, exponent −4, is 0.0365.
    static func value(_ scaled: Int64, scale: Int, exponent: Int8) -> ExactDecimal {
        ExactDecimal(scaled / unwritten(scale: scale, exponent: exponent), exponent: Int(exponent))
    }

    /// 10^(scale + exponent): what a value held × 10^`scale` is divided by to give the
    /// coefficient it was written with, at `exponent` (−scale…0).
    static func unwritten(scale: Int, exponent: Int8) -> Int64 {
        (0..<(scale + Int(exponent))).reduce(Int64(1)) { power, _ in power * 10 }
    }
}

/// What became of one loan row.
enum LoanOutcome: Sendable {
    /// Computed by the general path, or failed.
    case general(Result<InterestSubsidy.LoanResult, RowError>)
    /// Computed by the fixed-point kernel (the row's ids are its ``LoanRow``'s).
    case fixed(FixedResult)
}

/// The interest subsidy over a file's loan rows: enterprises whose loans the fixed-point kernel
/// can compute exactly (all rows good and representable, no duplicates, no repayments) go
/// through ``SubsidyKernel`` in parallel; every other enterprise through ``InterestSubsidyBatch``.
/// The outcome is the same either way; only the speed differs.
///
/// Of a kernel row, only what the cap decided is kept (in the row: its enterprise's number and
/// two flags); its result is computed again, from the row, when it is read (``outcome(_:)``,
/// and the batch's writer): a few multiplications, where keeping the results of a million loans
/// took 48 MB.
struct SubsidyBatch: Sendable {
    /// The rows, each with its enterprise's number and the cap's decision.
    private(set) var rows: LoanRows
    /// What the kernel made of each enterprise; nil for those the general path computed.
    private(set) var groups: [KernelGroup?] = []
    /// The general path's outcome of each row it computed or refused, by row.
    private(set) var general: [Int: Result<InterestSubsidy.LoanResult, RowError>] = [:]
    /// The rules of the kernel's rows' drawdown dates.
    let rules: SubsidyKernel.RulesByDay
    private(set) var summaries = EnterpriseSummaries()
    private(set) var totalComputed = ExactDecimal.zero.round2()
    private(set) var totalGranted = ExactDecimal.zero.round2()
    private(set) var unmatchedRepayments: [String] = []
    /// How many rows the general path computed, by why their enterprise left the kernel.
    private(set) var fallbacks: [Fallback: Int] = [:]

    /// Why an enterprise's rows left the fixed-point kernel for the general path.
    enum Fallback: String, CaseIterable, Error {
        case rowError = "a row of the enterprise is in error (or has no enterprise_id)"
        case principal = "a principal with more than 2 decimals, or of 10^16 yuan or more"
        case rate = "a rate with more than 6 decimals (as a fraction)"
        case dates = "an end_date not after the drawdown_date"
        case interestPaid = "interest_paid negative, or of 10^16 yuan or more"
        case repayments = "repayments"
        case duplicate = "a loan_id repeated within the enterprise"
        case priorGranted = "an amount granted before with more than 2 decimals, or too large"
        case overflow = "a product beyond 64 bits"
        case parameters = "parameters without a fixed-point form"
        case layout = "a line beyond 2^31, an id missing, over 255 bytes or 32 KB from the other, an amount of 2^48 or more in its last written digit, a rate of 1677% or more, or a term of 65,535 days or more"
    }

    /// Computes `rows` with their `repayments` (by `enterprise_id/loan_id`) and the subsidy
    /// `granted` to enterprises before (by enterprise id).
    init(
        _ input: consuming LoanRows, _ repayments: Batch.RepaymentsByKey,
        granted: [String: ExactDecimal], parameters: ParameterTable
    ) {
        // Taken, not copied: the rows are written below, and a second reference would copy them.
        var rows = consume input
        let rules = SubsidyKernel.rulesByDay(parameters)
        self.rules = rules
        let text = rows.text
        let keptRows = rows.kept
        // Each row's enterprise, numbered in order of first appearance (into the rows); rows
        // without one go to the general path. A book of 2^31 rows or more goes to it whole.
        var enterprises = SubsidyBatch.Enterprises()
        if rows.count < Int(Int32.max) {
            text.withUnsafeBufferPointer { text in
                rows.withMutableRows { enterprises = SubsidyBatch.number($0, kept: keptRows, text: text) }
            }
        } else {
            enterprises.ungrouped = Array(0..<rows.count)
        }
        var cause = enterprises.cause
        let sizes = enterprises.sizes
        let ungrouped = enterprises.ungrouped
        /// Sends `group` to the general path, keeping the first reason.
        func fallBack(_ group: Int, _ why: Fallback) {
            if cause[group] == nil { cause[group] = why }
        }
        let groupCount = sizes.count
        let order = rows.rows.withUnsafeBufferPointer {
            EnterpriseOrder($0, sizes: sizes, inRows: enterprises.contiguous && ungrouped.isEmpty)
        }
        text.withUnsafeBufferPointer { text in
            rows.rows.withUnsafeBufferPointer { buffer in
                SubsidyBatch.refuse(KernelLoans(rows: buffer, order: order, text: text), rules: rules, repayments: repayments, cause: &cause)
            }
        }
        // Each group's prior grant in fen; an enterprise whose amount has no such form takes
        // the general path.
        var priorFen: [Int64] = []
        if !granted.isEmpty {
            priorFen = [Int64](repeating: 0, count: groupCount)
            for group in 0..<groupCount {
                guard let amount = granted[rows.enterpriseID(order.row(order.positions(of: group).lowerBound))!] else { continue }
                if let fen = amount.int64Value(scale: 2) { priorFen[group] = fen } else { fallBack(group, .priorGranted) }
            }
        }
        // The kernel over chunks of groups, its decisions written into the rows.
        var kernelGroups = [KernelGroup?](repeating: nil, count: groupCount)
        let kernelCause = cause
        text.withUnsafeBufferPointer { text in
            rows.withMutableRows { buffer in
                kernelGroups.withUnsafeMutableBufferPointer { made in
                    SubsidyBatch.kernel(
                        KernelLoans(rows: UnsafeBufferPointer(buffer), order: order, text: text), taken: kernelCause,
                        priors: priorFen, rules: rules, rows: Slots(base: buffer.baseAddress!), made: Slots(base: made.baseAddress!))
                }
            }
        }
        for (group, result) in kernelGroups.enumerated() where result == nil {
            fallBack(group, .overflow)  // kept: the first reason, when it had one
            fallbacks[cause[group]!, default: 0] += Int(sizes[group])
        }
        if !ungrouped.isEmpty { fallbacks[.rowError, default: 0] += ungrouped.count }

        // Everything the kernel did not take, through the general path.
        let generalIndexes = ungrouped + (0..<groupCount).filter { kernelGroups[$0] == nil }.flatMap { order.positions(of: $0).map(order.row) }
        let computed = InterestSubsidyBatch(rows, generalIndexes, repayments, granted: granted, parameters: parameters)
        // A repayment keyed to a loan sends that loan's enterprise to the general path, so the
        // general path sees every repayment that matches a loan.
        unmatchedRepayments = computed.unmatchedRepayments
        var firstGoodRow: [WrittenID: Int] = [:]
        for (position, index) in generalIndexes.enumerated() {
            general[index] = computed.outcomes[position]
            if case .success(let loan) = computed.outcomes[position] {
                firstGoodRow[WrittenID(loan.enterpriseID)] = min(firstGoodRow[WrittenID(loan.enterpriseID)] ?? index, index)
                totalComputed += loan.subsidyComputed
                totalGranted += loan.subsidyGranted
            }
        }
        // The summaries in order of each enterprise's first good row: the kernel's groups are
        // in that order already (numbered by first appearance, all their rows good), so the
        // general path's few are sorted and merged in, without copying the many.
        let generalSummaries = computed.summaries.map { (firstGoodRow[WrittenID($0.enterpriseID)] ?? 0, $0) }.sorted { $0.0 < $1.0 }
        var computedFen: Int64 = 0
        var grantedFen: Int64 = 0
        for case let result? in kernelGroups {
            computedFen += result.computed
            grantedFen += result.granted
        }
        // Each summary's source, listed only when the kernel did not take every group.
        var entries: [Int32]?
        if kernelGroups.contains(nil) || !generalSummaries.isEmpty {
            var list: [Int32] = []
            var nextGeneral = 0
            list.reserveCapacity(computed.summaries.count + kernelGroups.count)
            for (group, result) in kernelGroups.enumerated() {
                guard let result else { continue }
                while nextGeneral < generalSummaries.count, generalSummaries[nextGeneral].0 < result.firstRow {
                    list.append(~Int32(nextGeneral))
                    nextGeneral += 1
                }
                list.append(Int32(group))
            }
            entries = list + (nextGeneral..<generalSummaries.count).map { ~Int32($0) }
        }
        summaries = EnterpriseSummaries(rows: rows, kernel: kernelGroups, priors: priorFen, general: generalSummaries.map(\.1), entries: entries)
        totalComputed += ExactDecimal(computedFen, exponent: -2)
        totalGranted += ExactDecimal(grantedFen, exponent: -2)
        groups = kernelGroups
        self.rows = rows
    }

    /// Row `index`'s outcome.
    func outcome(_ index: Int) -> LoanOutcome {
        let fixed = rows.rows.withUnsafeBufferPointer { rows in
            groups.withUnsafeBufferPointer { groups in SubsidyBatch.fixedResult(index, rows: rows, groups: groups, rules: rules) }
        }
        return fixed.map(LoanOutcome.fixed) ?? .general(general[index] ?? .notComputed)
    }

    /// Row `index`'s result, computed again from the row and what the cap decided for it; nil
    /// when the general path computed it (or it failed).
    @inline(__always)
    static func fixedResult(
        _ index: Int, rows: UnsafeBufferPointer<LoanRow>, groups: UnsafeBufferPointer<KernelGroup?>, rules: SubsidyKernel.RulesByDay
    ) -> FixedResult? {
        let row = rows[index]
        guard row.group >= 0, let group = groups[Int(row.group)] else { return nil }
        // The kernel computed this loan from the same row, so it fits now as it did then.
        var result = SubsidyKernel.result(row.fixed, rules: rules)!
        result.capped = row.flags.contains(.capped)
        result.granted = !result.capped ? result.computed : row.flags.contains(.partial) ? group.partial : 0
        result.enterpriseTotal = group.granted
        return result
    }

    /// Sends to the general path (`cause`) each enterprise still in the kernel's hands that
    /// has a loan drawn down on a day without fixed-point rules, a loan with repayments joined
    /// to it, or a loan id it repeats. A repeated id is looked for by a scan in a small
    /// enterprise, in a set in a large one (a scan would be quadratic in its loans).
    private static func refuse(
        _ loans: KernelLoans, rules: SubsidyKernel.RulesByDay, repayments: Batch.RepaymentsByKey, cause: inout [Fallback?]
    ) {
        let (rows, text) = (loans.rows, loans.text)
        var seen = Set<String>()
        for group in cause.indices where cause[group] == nil {
            let positions = loans.order.positions(of: group)
            let large = positions.count > 16
            if large { seen.removeAll(keepingCapacity: true) }
            for position in positions {
                let ids = rows[loans.row(position)].ids
                let loanSpan = ids.loan!
                let why: Fallback?
                if rules[rows[loans.row(position)].drawdown] == nil {
                    why = .parameters
                } else if !repayments.isEmpty,
                    repayments[[WrittenID(String(decoding: text[ids.enterprise!], as: UTF8.self)), WrittenID(String(decoding: text[loanSpan], as: UTF8.self))]] != nil
                {
                    why = .repayments
                } else if large
                    ? !seen.insert(String(decoding: text[loanSpan], as: UTF8.self)).inserted
                    : (positions.lowerBound..<position).contains(where: { text.same(rows[loans.row($0)].ids.loan!, loanSpan) })
                {
                    why = .duplicate
                } else {
                    why = nil
                }
                if let why {
                    cause[group] = why
                    break
                }
            }
        }
    }

    /// The rows' enterprises as ``number(_:kept:text:)`` finds them: how many rows each has,
    /// why it cannot go through the kernel (nil: it may), the rows without one, and whether
    /// each enterprise's rows are one run.
    struct Enterprises {
        var sizes: [Int32] = []
        var cause: [Fallback?] = []
        var ungrouped: [Int] = []
        var contiguous = true
    }

    /// Numbers each row's enterprise (`group`) in order of first appearance, by its id's bytes;
    /// the table that numbers them lives only while they are numbered.
    private static func number(_ rows: UnsafeMutableBufferPointer<LoanRow>, kept: [Int: LoanRows.KeptRow], text: UnsafeBufferPointer<UInt8>)
        -> Enterprises
    {
        func ids(_ index: Int) -> IDSpans { rows[index].flags.contains(.kept) ? kept[index]!.ids : rows[index].ids }
        // Room for as many enterprises as there are runs of rows of one enterprise (about as
        // many, since files list an enterprise's loans together): the table does not grow.
        var runs = 0
        var previousSpan: Range<Int>?
        for index in rows.indices {
            let span = ids(index).enterprise
            if let span, let previous = previousSpan, text.same(span, previous) { continue }
            runs += 1
            previousSpan = span
        }
        var numbers = IDNumbers(expected: runs)
        var enterprises = Enterprises()
        // Files list an enterprise's loans together as a rule: a row of the previous row's
        // enterprise is grouped without a look-up.
        var previous: (span: Range<Int>, group: Int32)?
        for index in rows.indices {
            // Nothing decided yet: a row is computed from its loan alone.
            rows[index].flags.subtract([.capped, .partial])
            guard let span = ids(index).enterprise else {
                rows[index].group = -1
                enterprises.ungrouped.append(index)
                continue
            }
            let group: Int32
            if let previous, text.same(span, previous.span) {
                group = previous.group
            } else {
                let (number, new) = numbers.number(of: span, in: text)
                group = number
                if new {
                    enterprises.sizes.append(0)
                    enterprises.cause.append(nil)
                } else {
                    enterprises.contiguous = false
                }
            }
            previous = (span, group)
            rows[index].group = group
            enterprises.sizes[Int(group)] += 1
            // A row kept whole keeps its enterprise from the kernel: a row in error above all.
            if rows[index].flags.contains(.kept), enterprises.cause[Int(group)] != .rowError {
                switch kept[index]!.loan {
                case .failure: enterprises.cause[Int(group)] = .rowError
                case .success(let loan) where enterprises.cause[Int(group)] == nil:
                    if case .failure(let why) = FixedLoan.from(loan) { enterprises.cause[Int(group)] = why } else { enterprises.cause[Int(group)] = .layout }
                case .success: break
                }
            }
        }
        return enterprises
    }

    /// What the kernel made of one enterprise, in fen: the sum of its loans' subsidies computed
    /// and granted, what is left of the cap (−1: no eligible loan, no cap looked up), what the
    /// loan the cap cut part way was granted, its first row, its loans and eligible loans, and
    /// whether the cap cut any. 48 bytes (the amount granted before is kept apart, and only
    /// when some are given).
    struct KernelGroup: Sendable, Equatable {
        var computed: Int64 = 0
        var granted: Int64 = 0
        var capRemaining: Int64
        var partial: Int64 = 0
        var firstRow: Int32
        var loans: Int32
        var eligible: Int32 = 0
        var capped = false

        /// The enterprise's summary, its id from `rows`, granted `prior` fen before.
        func summary(_ rows: LoanRows, prior: Int64) -> InterestSubsidy.EnterpriseSummary {
            InterestSubsidy.EnterpriseSummary(
                enterpriseID: rows.enterpriseID(Int(firstRow))!, loans: Int(loans), eligibleLoans: Int(eligible),
                subsidyComputed: ExactDecimal(computed, exponent: -2), enterpriseTotal: ExactDecimal(granted, exponent: -2), capped: capped,
                priorGranted: ExactDecimal(prior, exponent: -2), capRemaining: capRemaining < 0 ? nil : ExactDecimal(capRemaining, exponent: -2))
        }
    }

    /// The enterprises' summaries in order of each one's first good row, each made when it is
    /// read: the kernel's (hundreds of thousands in a file of a million loans) are kept as their
    /// figures in fen, 48 bytes each, not as summaries of 104; the general path's as computed.
    struct EnterpriseSummaries: RandomAccessCollection, Sendable {
        private var rows = LoanRows([], kept: [:], text: [])
        private var kernel: [KernelGroup?] = []
        /// Each kernel group's amount granted before, in fen (empty: none given).
        private var priors: [Int64] = []
        private var general: [InterestSubsidy.EnterpriseSummary] = []
        /// Each summary's source: a group of `kernel`, or (complemented, below zero) an index of
        /// `general`; nil when every group is the kernel's, in order.
        private var entries: [Int32]? = []

        init() {}

        init(rows: LoanRows, kernel: [KernelGroup?], priors: [Int64], general: [InterestSubsidy.EnterpriseSummary], entries: [Int32]?) {
            (self.rows, self.kernel, self.priors, self.general, self.entries) = (rows, kernel, priors, general, entries)
        }

        var startIndex: Int { 0 }
        var endIndex: Int { entries?.count ?? kernel.count }

        subscript(position: Int) -> InterestSubsidy.EnterpriseSummary {
            let entry = entries.map { Int($0[position]) } ?? position
            return entry < 0 ? general[~entry] : kernel[entry]!.summary(rows, prior: prior(entry))
        }

        /// Kernel group `entry`'s amount granted before, in fen.
        private func prior(_ entry: Int) -> Int64 { priors.isEmpty ? 0 : priors[entry] }

        /// Appends the summaries at `positions` to `bytes` as CSV rows, each ended by `audit`:
        /// the kernel's written from their figures in fen at a cursor (as their summaries' cells
        /// would be written), the others by `otherwise`. The arrays are looked at in place once,
        /// not retained per row, which two threads would contend for.
        func writeCSV(
            _ positions: Range<Int>, audit: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8],
            otherwise: (Int, inout [UInt8]) -> Void
        ) {
            rows.rows.withUnsafeBufferPointer { rowsBuffer in
                rows.text.withUnsafeBufferPointer { text in
                    kernel.withUnsafeBufferPointer { kernel in
                        for position in positions {
                            let entry = entries.map { Int($0[position]) } ?? position
                            guard entry >= 0, let group = kernel[entry] else {
                                otherwise(position, &bytes)
                                continue
                            }
                            let id = UnsafeBufferPointer(rebasing: text[rowsBuffer[Int(group.firstRow)].ids.enterprise!])
                            let prior = prior(entry)
                            // Room: the id at most doubled and quoted, seven numbers of at most 21 bytes.
                            bytes.append(writingAtMost: 2 * id.count + audit.count + 192) { cursor in
                                cursor.writeCSV(id, neutralising: true)
                                cursor.write(",")
                                cursor.writeDecimal(Int64(group.loans), places: 0)
                                cursor.write(",")
                                cursor.writeDecimal(Int64(group.eligible), places: 0)
                                cursor.write(",")
                                cursor.writeDecimal(group.computed, places: 2)
                                cursor.write(",")
                                cursor.writeDecimal(group.granted, places: 2)
                                cursor.write(group.capped ? ",true," : ",false,")
                                cursor.writeDecimal(prior, places: 2)
                                cursor.write(",")
                                if group.capRemaining >= 0 { cursor.writeDecimal(group.capRemaining, places: 2) }
                                cursor.write(audit)
                                cursor.write(UInt8(ascii: "\n"))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The kernel over chunks of groups in parallel (those `taken` has no reason against), each
    /// loan's decision written into its row and each group's figures into `made` (nil stays for
    /// a group the kernel does not take). The groups' rows are disjoint, so each slot is written
    /// by one chunk.
    private static func kernel(
        _ loans: KernelLoans, taken: [Fallback?], priors: [Int64], rules: SubsidyKernel.RulesByDay,
        rows: Slots<LoanRow>, made: Slots<KernelGroup?>
    ) {
        let groupCount = taken.count
        let chunks = max(1, min(64, groupCount / 1_024))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            // One enterprise's results at a time.
            var results: [FixedResult] = []
            for group in groupCount * chunk / chunks..<groupCount * (chunk + 1) / chunks where taken[group] == nil {
                let positions = loans.order.positions(of: group)
                let prior = priors.isEmpty ? 0 : priors[group]
                guard case .computed(let capRemaining) = SubsidyKernel.compute(
                    positions, of: loans, prior: prior, rules: rules, into: &results)
                else { continue }
                var summary = KernelGroup(
                    capRemaining: capRemaining ?? -1, firstRow: Int32(loans.row(positions.lowerBound)), loans: Int32(positions.count))
                for (position, result) in zip(positions, results) {
                    let row = rows.base + loans.row(position)
                    if result.capped {
                        row.pointee.flags.insert(.capped)
                        if result.granted > 0 {
                            row.pointee.flags.insert(.partial)
                            summary.partial = result.granted
                        }
                    }
                    summary.computed += result.computed
                    summary.granted += result.granted
                    summary.eligible += result.reason == .eligible ? 1 : 0
                    summary.capped = summary.capped || result.capped
                }
                made.base[group] = summary
            }
        }
    }
}

/// Each enterprise's rows together, in input order: the positions of enterprise `g` are
/// `positions(of: g)`, and `row(_:)` gives each position's row. Made by a counting sort of the
/// rows by their enterprise's number; when each enterprise's rows are already one run, in order
/// of first appearance, and every row has an enterprise, positions are rows and no order is kept.
struct EnterpriseOrder: Sendable {
    /// Where each enterprise's positions start, and their end.
    private let starts: [Int32]
    /// The row at each position; empty when positions are rows.
    private let order: [Int32]

    /// The order of `rows` (numbered, `sizes` rows in each enterprise); `inRows` says that
    /// positions are rows.
    init(_ rows: UnsafeBufferPointer<LoanRow>, sizes: [Int32], inRows: Bool) {
        var starts = [Int32](repeating: 0, count: sizes.count + 1)
        for (group, size) in sizes.enumerated() { starts[group + 1] = starts[group] + size }
        var order: [Int32] = []
        if !inRows {
            var next = starts
            order = [Int32](repeating: 0, count: Int(starts[sizes.count]))
            for index in rows.indices where rows[index].group >= 0 {
                let group = Int(rows[index].group)
                order[Int(next[group])] = Int32(index)
                next[group] += 1
            }
        }
        (self.starts, self.order) = (starts, order)
    }

    func positions(of group: Int) -> Range<Int> { Int(starts[group])..<Int(starts[group + 1]) }

    /// The row at `position`.
    @inline(__always)
    func row(_ position: Int) -> Int { order.isEmpty ? position : Int(order[position]) }
}

/// The loans of a batch as the kernel reads them, in place: by position in enterprise order
/// (``EnterpriseOrder``), each in fixed point.
struct KernelLoans: @unchecked Sendable {
    let rows: UnsafeBufferPointer<LoanRow>
    let order: EnterpriseOrder
    let text: UnsafeBufferPointer<UInt8>

    /// The row at `position`.
    @inline(__always)
    func row(_ position: Int) -> Int { order.row(position) }

    subscript(position: Int) -> FixedLoan { rows[row(position)].fixed }

    /// Whether the loan id at `a` comes before the one at `b` in the order of their Unicode
    /// scalars, which is the order of their UTF-8 bytes.
    func loanIDPrecedes(_ a: Int, _ b: Int) -> Bool {
        let (x, y) = (rows[row(a)].ids.loan!, rows[row(b)].ids.loan!)
        return text[x].lexicographicallyPrecedes(text[y])
    }
}
