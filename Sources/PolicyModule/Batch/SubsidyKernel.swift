import DecimalModule
import Dispatch

/// A loan the fixed-point kernel can compute exactly: a principal that is a whole number of fen
/// below 10^18 with at most 2 decimals written (`1.2E+6` is 1200000), a rate with at most 6
/// decimals, interest paid (if any) that is not negative, no repayments. Its line and ids are
/// its ``LoanRow``'s, not repeated here.
///
/// The 64-bit fields come first and the bytes last: 48 bytes a loan, not the 72 of the
/// fields in their natural order with their padding.
struct FixedLoan: Sendable {
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

    /// Appends the results of one enterprise's loans (`positions` of `loans`, in that order) to
    /// `all`, the cap less `prior` fen granted before; `.general`, with nothing appended, when
    /// something does not fit and the general path must compute the enterprise instead. Every
    /// loan's drawdown date has rules in fixed point (the caller checks).
    static func compute(
        _ positions: Range<Int>, of loans: KernelLoans, prior: Int64, rules: RulesByDay, appendingTo all: inout [FixedResult]
    ) -> GroupOutcome {
        let first = all.count
        for position in positions {
            let loan = loans[position]
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
                else {
                    all.removeSubrange(first...)
                    return .general
                }
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
            all.append(result)
        }
        // The cap, filled in (drawdown date, loan id) order and looked up on the earliest
        // eligible drawdown: the eligible positions sorted in place (on the stack when few).
        let count = all.count - first
        let base = positions.lowerBound
        return withUnsafeTemporaryAllocation(of: (drawdown: Day, position: Int).self, capacity: count) { eligible -> GroupOutcome in
            var eligibleCount = 0
            for position in 0..<count where all[first + position].reason == .eligible {
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
                let index = first + eligible[slot].position
                let granted = min(all[index].computed, remaining)
                all[index].granted = granted
                all[index].capped = granted < all[index].computed
                remaining -= granted
                total += granted
            }
            for index in first..<all.count { all[index].enterpriseTotal = total }
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
    /// Computed by the general path, or failed (boxed: most rows are the kernel's, and an
    /// outcome is then the size of a fixed-point result, not of a general one).
    indirect case general(Result<InterestSubsidy.LoanResult, RowError>)
    /// Computed by the fixed-point kernel (the row's ids are its ``LoanRow``'s).
    case fixed(FixedResult)
}

/// The interest subsidy over a file's loan rows: enterprises whose loans the fixed-point kernel
/// can compute exactly (all rows good and representable, no duplicates, no repayments) go
/// through ``SubsidyKernel`` in parallel; every other enterprise through ``InterestSubsidyBatch``.
/// The outcome is the same either way; only the speed differs.
struct SubsidyBatch: Sendable {
    private(set) var outcomes: [LoanOutcome]
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
    }

    /// Computes `rows` with their `repayments` (by `enterprise_id/loan_id`) and the subsidy
    /// `granted` to enterprises before (by enterprise id).
    init(
        _ rows: LoanRows, _ repayments: Batch.RepaymentsByKey,
        granted: [String: ExactDecimal], parameters: ParameterTable
    ) {
        // Each row's enterprise, numbered in order of first appearance; rows without one go
        // to the general path.
        // Room for as many enterprises as there are runs of rows of one enterprise (about as
        // many, since files list an enterprise's loans together): the table does not grow.
        let text = rows.text
        var runs = 0
        var previousSpan: Range<Int>?
        text.withUnsafeBufferPointer { text in
            for row in rows.rows {
                let span = row.ids.enterprise
                if let span, let previous = previousSpan, text.same(span, previous) { continue }
                runs += 1
                previousSpan = span
            }
        }
        var enterprises = IDNumbers(expected: runs)
        var groupOfRow = [Int32](repeating: -1, count: rows.count)
        var sizes: [Int32] = []
        var kernel: [Bool] = []
        var cause: [Fallback?] = []
        /// Sends `group` to the general path, keeping the first reason.
        func fallBack(_ group: Int, _ why: Fallback) {
            guard kernel[group] else { return }
            kernel[group] = false
            cause[group] = why
        }
        var ungrouped: [Int] = []
        text.withUnsafeBufferPointer { text in
            // Files list an enterprise's loans together as a rule: a row of the previous row's
            // enterprise is grouped without a look-up.
            var previous: (span: Range<Int>, group: Int32)?
            for index in rows.rows.indices {
                guard let span = rows.rows[index].ids.enterprise else {
                    ungrouped.append(index)
                    continue
                }
                let group: Int32
                if let previous, text.same(span, previous.span) {
                    group = previous.group
                } else {
                    let (number, new) = enterprises.number(of: span, in: text)
                    group = number
                    if new {
                        sizes.append(0)
                        kernel.append(true)
                        cause.append(nil)
                    }
                }
                previous = (span, group)
                groupOfRow[index] = group
                sizes[Int(group)] += 1
                if case .failed = rows.rows[index].content { fallBack(Int(group), .rowError) }
            }
        }
        // The rows of each group together, in input order (a counting sort), as fixed-point
        // loans where the kernel can take them.
        var starts = [Int](repeating: 0, count: sizes.count + 1)
        for (group, size) in sizes.enumerated() { starts[group + 1] = starts[group] + Int(size) }
        var next = starts
        var order = [Int](repeating: 0, count: starts.last!)
        for (index, group) in groupOfRow.enumerated() where group >= 0 {
            order[next[Int(group)]] = index
            next[Int(group)] += 1
        }
        var loans = KernelLoans(rows: rows, order: order)
        let rules = SubsidyKernel.rulesByDay(parameters)
        // A loan id seen before in the enterprise: scanned for in a small group, in a set in a
        // large one (a scan would be quadratic in the enterprise's loans).
        var seenInGroup = Set<String>()
        var seenGroup = -1
        text.withUnsafeBufferPointer { text in
        for (position, index) in order.enumerated() where kernel[Int(groupOfRow[index])] {
            let group = Int(groupOfRow[index])
            let drawdown: Day
            switch rows.rows[index].content {
            case .fixed(let loan): drawdown = loan.drawdown
            case .loan(let loan):
                switch FixedLoan.from(loan) {
                case .success(let loan):
                    loans.converted[position] = loan
                    drawdown = loan.drawdown
                case .failure(let why):
                    fallBack(group, why)
                    continue
                }
            case .failed: continue
            }
            if rules[drawdown] == nil { fallBack(group, .parameters) }
            // A row that was read has both ids (the kernel's tie-break reads the loan's).
            guard let loanSpan = rows.rows[index].ids.loan else {
                fallBack(group, .rowError)
                continue
            }
            let large = starts[group + 1] - starts[group] > 16
            if large, seenGroup != group {
                seenInGroup.removeAll(keepingCapacity: true)
                seenGroup = group
            }
            if !repayments.isEmpty, repayments[[WrittenID(rows.enterpriseID(index)!), WrittenID(rows.loanID(index)!)]] != nil {
                fallBack(group, .repayments)
            } else if large
                ? !seenInGroup.insert(rows.loanID(index)!).inserted
                : order[starts[group]..<position].contains(where: { rows.rows[$0].ids.loan.map { text.same($0, loanSpan) } ?? false })
            {
                fallBack(group, .duplicate)
            }
        }
        }
        // Each group's prior grant in fen; an enterprise whose amount has no such form takes
        // the general path.
        var priorFen = [Int64](repeating: 0, count: sizes.count)
        if !granted.isEmpty {
            for group in 0..<sizes.count {
                guard let amount = granted[rows.enterpriseID(order[starts[group]])!] else { continue }
                if let fen = amount.int64Value(scale: 2) { priorFen[group] = fen } else { fallBack(group, .priorGranted) }
            }
        }
        // The kernel over chunks of groups, its results written straight into the outcomes.
        let groupCount = sizes.count
        outcomes = [LoanOutcome](repeating: .general(.notComputed), count: rows.count)
        var kernelGroups = [KernelGroup?](repeating: nil, count: groupCount)
        outcomes.withUnsafeMutableBufferPointer { results in
            kernelGroups.withUnsafeMutableBufferPointer { made in
                SubsidyBatch.kernel(
                    loans, starts: starts, groups: kernel, priors: priorFen, rules: rules, into: Slots(base: results.baseAddress!),
                    made: Slots(base: made.baseAddress!))
            }
        }
        for (group, result) in kernelGroups.enumerated() where result == nil {
            fallBack(group, .overflow)  // kept: the first reason, when it had one
            fallbacks[cause[group]!, default: 0] += Int(sizes[group])
        }
        if !ungrouped.isEmpty { fallbacks[.rowError, default: 0] += ungrouped.count }

        // Everything the kernel did not take, through the general path.
        let generalIndexes = ungrouped + (0..<groupCount).filter { kernelGroups[$0] == nil }.flatMap { order[starts[$0]..<starts[$0 + 1]] }
        let general = InterestSubsidyBatch(rows, generalIndexes, repayments, granted: granted, parameters: parameters)
        // A repayment keyed to a loan sends that loan's enterprise to the general path, so the
        // general path sees every repayment that matches a loan.
        unmatchedRepayments = general.unmatchedRepayments
        var firstGoodRow: [WrittenID: Int] = [:]
        for (position, index) in generalIndexes.enumerated() {
            outcomes[index] = .general(general.outcomes[position])
            if case .success(let loan) = general.outcomes[position] {
                firstGoodRow[WrittenID(loan.enterpriseID)] = min(firstGoodRow[WrittenID(loan.enterpriseID)] ?? index, index)
                totalComputed += loan.subsidyComputed
                totalGranted += loan.subsidyGranted
            }
        }
        // The summaries in order of each enterprise's first good row: the kernel's groups are
        // in that order already (numbered by first appearance, all their rows good), so the
        // general path's few are sorted and merged in, without copying the many.
        let generalSummaries = general.summaries.map { (firstGoodRow[WrittenID($0.enterpriseID)] ?? 0, $0) }.sorted { $0.0 < $1.0 }
        var nextGeneral = 0
        var entries: [Int] = []
        entries.reserveCapacity(general.summaries.count + kernelGroups.count)
        var computedFen: Int64 = 0
        var grantedFen: Int64 = 0
        for (group, result) in kernelGroups.enumerated() {
            guard let result else { continue }
            computedFen += result.computed
            grantedFen += result.granted
            while nextGeneral < generalSummaries.count, generalSummaries[nextGeneral].0 < result.firstRow {
                entries.append(~nextGeneral)
                nextGeneral += 1
            }
            entries.append(group)
        }
        entries += (nextGeneral..<generalSummaries.count).map { ~$0 }
        summaries = EnterpriseSummaries(rows: rows, kernel: kernelGroups, general: generalSummaries.map(\.1), entries: entries)
        totalComputed += ExactDecimal(computedFen, exponent: -2)
        totalGranted += ExactDecimal(grantedFen, exponent: -2)
    }

    /// What the kernel made of one enterprise, in fen: the sum of its loans' subsidies computed
    /// and granted, the amount granted before, what is left of the cap (nil: no eligible loan),
    /// its first row, its loans and eligible loans, and whether the cap cut any.
    struct KernelGroup: Sendable, Equatable {
        var computed: Int64 = 0
        var granted: Int64 = 0
        var prior: Int64
        var capRemaining: Int64?
        var firstRow: Int
        var loans: Int32
        var eligible: Int32 = 0
        var capped = false

        /// The enterprise's summary, its id from `rows`.
        func summary(_ rows: LoanRows) -> InterestSubsidy.EnterpriseSummary {
            InterestSubsidy.EnterpriseSummary(
                enterpriseID: rows.enterpriseID(firstRow)!, loans: Int(loans), eligibleLoans: Int(eligible),
                subsidyComputed: ExactDecimal(computed, exponent: -2), enterpriseTotal: ExactDecimal(granted, exponent: -2), capped: capped,
                priorGranted: ExactDecimal(prior, exponent: -2), capRemaining: capRemaining.map { ExactDecimal($0, exponent: -2) })
        }
    }

    /// The enterprises' summaries in order of each one's first good row, each made when it is
    /// read: the kernel's (hundreds of thousands in a file of a million loans) are kept as their
    /// figures in fen, 56 bytes each, not as summaries of 104; the general path's as computed.
    struct EnterpriseSummaries: RandomAccessCollection, Sendable {
        private var rows = LoanRows([], text: [])
        private var kernel: [KernelGroup?] = []
        private var general: [InterestSubsidy.EnterpriseSummary] = []
        /// Each summary's source: a group of `kernel`, or (complemented, below zero) an index of
        /// `general`.
        private var entries: [Int] = []

        init() {}

        init(rows: LoanRows, kernel: [KernelGroup?], general: [InterestSubsidy.EnterpriseSummary], entries: [Int]) {
            (self.rows, self.kernel, self.general, self.entries) = (rows, kernel, general, entries)
        }

        var startIndex: Int { 0 }
        var endIndex: Int { entries.count }

        subscript(position: Int) -> InterestSubsidy.EnterpriseSummary {
            let entry = entries[position]
            return entry < 0 ? general[~entry] : kernel[entry]!.summary(rows)
        }
    }

    /// The kernel over chunks of groups in parallel, each result written into `outcomes` at its
    /// row and each group's summary into `made` (nil stays for a group the kernel does not
    /// take). The groups' rows are disjoint, so each slot is written by one chunk.
    private static func kernel(
        _ loans: KernelLoans, starts: [Int], groups: [Bool], priors: [Int64], rules: SubsidyKernel.RulesByDay,
        into outcomes: Slots<LoanOutcome>, made: Slots<KernelGroup?>
    ) {
        let groupCount = groups.count
        let chunks = max(1, min(64, groupCount / 1_024))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            // One enterprise's results at a time.
            var results: [FixedResult] = []
            for group in groupCount * chunk / chunks..<groupCount * (chunk + 1) / chunks where groups[group] {
                let positions = starts[group]..<starts[group + 1]
                results.removeAll(keepingCapacity: true)
                guard case .computed(let capRemaining) = SubsidyKernel.compute(
                    positions, of: loans, prior: priors[group], rules: rules, appendingTo: &results)
                else { continue }
                var summary = KernelGroup(
                    prior: priors[group], capRemaining: capRemaining, firstRow: loans.order[positions.lowerBound], loans: Int32(positions.count))
                for (position, result) in zip(positions, results) {
                    outcomes.base[loans.order[position]] = .fixed(result)
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

/// The loans of a batch as the kernel reads them: by position in enterprise order (`order`
/// gives each position's row), each in fixed point with its loan id. Rows read straight into
/// fixed point are read where they are; the few read generically are converted once and kept
/// in `converted`.
struct KernelLoans: Sendable {
    let rows: LoanRows
    let order: [Int]
    var converted: [Int: FixedLoan] = [:]

    subscript(position: Int) -> FixedLoan {
        if case .fixed(let loan) = rows.rows[order[position]].content { return loan }
        return converted[position]!
    }

    /// Whether the loan id at `a` comes before the one at `b` in the order of their Unicode
    /// scalars, which is the order of their UTF-8 bytes.
    func loanIDPrecedes(_ a: Int, _ b: Int) -> Bool {
        let (x, y) = (rows.rows[order[a]].ids.loan!, rows.rows[order[b]].ids.loan!)
        return rows.text[x].lexicographicallyPrecedes(rows.text[y])
    }
}
