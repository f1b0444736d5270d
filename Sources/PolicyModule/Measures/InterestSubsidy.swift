import DecimalModule

/// 沪企服办〔2023〕1号 第十五条, paraphrased: first loans (首贷) newly issued in the fourth quarter of
/// 2022 and guaranteed by the municipal SME policy financing guarantee fund get a 2% interest
/// subsidy, at most 200,000 per enterprise.
///
/// Per loan: eligibility in a fixed order (the first failure is the reason), the subsidy window
/// (drawdown to maturity, at most `max_days`), the balance-days of the principal net of
/// repayments, and `round2(balance_days × rate / day_basis)`. Per enterprise: the 200,000 cap,
/// less what was granted before (`prior_granted`), filled in order of (drawdown date, loan id).
/// docs/POLICY.md §3.
public enum InterestSubsidy: Measure {
    /// The measure id (`interest-subsidy`).
    public static let id = "interest-subsidy"
    /// The article implemented.
    public static let article = "第十五条"
    /// The measure's name in Chinese.
    public static let titleZH = "首贷贴息"
    /// The measure's name in English.
    public static let titleEN = "First-loan interest subsidy"

    /// The input of “First-loan interest subsidy” (首贷贴息), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// The loans, of one or more enterprises.
        public var loans: [Loan]
        /// Subsidy already granted under this article to an enterprise (an earlier run, another
        /// bank), by enterprise id: the 200,000 cap is the enterprise's, not one call's, so its
        /// loans here share only `max(0, cap − prior_granted)`. Amounts in fen (at most 2
        /// decimals); every key must be an enterprise of `loans`. Absent: 0.
        public var priorGranted: [String: ExactDecimal]

        enum CodingKeys: String, CodingKey {
            case loans, priorGranted = "prior_granted"
        }

        /// A value with every field given; an optional one may be left out.
        public init(loans: [Loan], priorGranted: [String: ExactDecimal] = [:]) {
            self.loans = loans
            self.priorGranted = priorGranted
        }

        /// Reads the value from a decoder (the library's input decoder or `JSONDecoder`), with the field names of docs/POLICY.md.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            loans = try container.decode([Loan].self, forKey: .loans)
            priorGranted = try container.decodeIfPresent([String: ExactDecimal].self, forKey: .priorGranted) ?? [:]
        }
    }

    /// One loan: who borrowed, how much, at what rate, when, and the three eligibility facts.
    public struct Loan: Codable, Sendable {
        /// Who the cap belongs to (calc default `E1`).
        public var enterpriseID: String
        /// Unique within the enterprise (calc default `L1`).
        public var loanID: String
        /// The amount drawn.
        public var principal: ExactDecimal
        /// The contract rate.
        public var annualRate: Rate
        /// 放款日, the drawdown date.
        public var drawdownDate: Day
        /// Maturity or full repayment date.
        public var endDate: Day
        /// Guaranteed by the municipal policy financing guarantee fund.
        public var guaranteedByFund: Bool
        /// The enterprise's first inclusive loan (首贷).
        public var firstInclusiveLoan: Bool
        /// The lender is a commercial bank in Shanghai.
        public var lenderInShanghai: Bool
        /// Interest actually paid in the window; the subsidy never exceeds it.
        public var interestPaid: ExactDecimal?
        /// Partial repayments, DATE=AMOUNT;… (2023-05-01=1,000,000;2023-08-01=500,000).
        public var repayments: [Repayment]?

        enum CodingKeys: String, CodingKey {
            case enterpriseID = "enterprise_id", loanID = "loan_id", principal, annualRate = "annual_rate"
            case drawdownDate = "drawdown_date", endDate = "end_date", guaranteedByFund = "guaranteed_by_fund"
            case firstInclusiveLoan = "first_inclusive_loan", lenderInShanghai = "lender_in_shanghai"
            case interestPaid = "interest_paid", repayments
        }

        /// A value with every field given; an optional one may be left out.
        public init(
            enterpriseID: String, loanID: String, principal: ExactDecimal, annualRate: Rate, drawdownDate: Day,
            endDate: Day, guaranteedByFund: Bool, firstInclusiveLoan: Bool, lenderInShanghai: Bool,
            interestPaid: ExactDecimal? = nil, repayments: [Repayment]? = nil
        ) {
            self.enterpriseID = enterpriseID
            self.loanID = loanID
            self.principal = principal
            self.annualRate = annualRate
            self.drawdownDate = drawdownDate
            self.endDate = endDate
            self.guaranteedByFund = guaranteedByFund
            self.firstInclusiveLoan = firstInclusiveLoan
            self.lenderInShanghai = lenderInShanghai
            self.interestPaid = interestPaid
            self.repayments = repayments
        }
    }

    /// A partial repayment: from `date` on, the balance is lower by `amount`.
    public struct Repayment: Codable, Sendable, Hashable {
        /// The day the repayment is made.
        public var date: Day
        /// The amount repaid.
        public var amount: ExactDecimal

        /// A value with every field given; an optional one may be left out.
        public init(date: Day, amount: ExactDecimal) {
            self.date = date
            self.amount = amount
        }
    }

    /// What identifies a loan: the enterprise and its loan id, each as written (``WrittenID``).
    struct LoanKey: Hashable, Sendable {
        let enterpriseID: WrittenID
        let loanID: WrittenID

        init(enterpriseID: String, loanID: String) {
            (self.enterpriseID, self.loanID) = (WrittenID(enterpriseID), WrittenID(loanID))
        }
    }

    /// Why a loan is or is not subsidised; the first check that fails, in this order.
    public enum Reason: String, Codable, Sendable {
        /// `eligible`: every check passes; the loan is subsidised.
        case eligible
        /// `not_guaranteed_by_fund`: not guaranteed by the municipal policy financing guarantee fund.
        case notGuaranteedByFund = "not_guaranteed_by_fund"
        /// `not_first_inclusive_loan`: not the enterprise's first inclusive loan (首贷).
        case notFirstInclusiveLoan = "not_first_inclusive_loan"
        /// `lender_outside_shanghai`: the lender is not a commercial bank in Shanghai.
        case lenderOutsideShanghai = "lender_outside_shanghai"
        /// `drawdown_outside_window`: no subsidy rate is in effect on the drawdown date (not in Q4 2022).
        case drawdownOutsideWindow = "drawdown_outside_window"
        /// `below_min_days`: the subsidy window is shorter than `interest_subsidy.min_days`.
        case belowMinDays = "below_min_days"
        /// `rate_below_subsidy_rate`: in `floor` rate mode, the loan's rate is below the subsidy rate.
        case rateBelowSubsidyRate = "rate_below_subsidy_rate"
    }

    /// One loan's result: why it is or is not subsidised, the window, the amounts.
    public struct LoanResult: Codable, Sendable, Hashable {
        /// Who the cap belongs to (calc default `E1`).
        public var enterpriseID: String
        /// Unique within the enterprise (calc default `L1`).
        public var loanID: String
        /// `eligible`, or the first condition that fails.
        public var reason: Reason
        /// The days of the subsidy window (0 for an ineligible loan).
        public var windowDays: Int
        /// The last day of the subsidy window, exclusive (the window is `drawdown_date` to this
        /// day, `window_days` days: the earlier of `end_date` and drawdown + `max_days`); nil
        /// for an ineligible loan.
        public var windowEnd: Day?
        /// The rate the subsidy was computed at: the subsidy rate in effect on the drawdown
        /// date, or the loan's own rate where that is lower and the rate mode is `cap`; nil for
        /// an ineligible loan.
        public var rateApplied: Rate?
        /// Σ balance × days over the window, exact.
        public var balanceDays: ExactDecimal
        /// The subsidy before the enterprise cap, rounded half up to the fen.
        public var subsidyComputed: ExactDecimal
        /// The subsidy granted after the enterprise cap.
        public var subsidyGranted: ExactDecimal
        /// Whether the enterprise cap cut this loan's subsidy.
        public var capped: Bool
        /// The enterprise's total granted in this calculation, on every one of its loans.
        public var enterpriseTotal: ExactDecimal

        enum CodingKeys: String, CodingKey {
            case enterpriseID = "enterprise_id", loanID = "loan_id", reason, windowDays = "window_days", windowEnd = "window_end"
            case rateApplied = "rate_applied", balanceDays = "balance_days", subsidyComputed = "subsidy_computed"
            case subsidyGranted = "subsidy_granted", capped, enterpriseTotal = "enterprise_total"
        }

        /// Writes the value with the field names of docs/POLICY.md, every field present (null when absent).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(enterpriseID, forKey: .enterpriseID)
            try container.encode(loanID, forKey: .loanID)
            try container.encode(reason, forKey: .reason)
            try container.encode(windowDays, forKey: .windowDays)
            try container.encode(windowEnd, forKey: .windowEnd)  // null for an ineligible loan: the fields are always there
            try container.encode(rateApplied, forKey: .rateApplied)
            try container.encode(balanceDays, forKey: .balanceDays)
            try container.encode(subsidyComputed, forKey: .subsidyComputed)
            try container.encode(subsidyGranted, forKey: .subsidyGranted)
            try container.encode(capped, forKey: .capped)
            try container.encode(enterpriseTotal, forKey: .enterpriseTotal)
        }
    }

    /// One enterprise's loans together: counts, totals and what is left of its cap.
    public struct EnterpriseSummary: Codable, Sendable, Hashable {
        /// Who the cap belongs to (calc default `E1`).
        public var enterpriseID: String
        /// The number of its loans.
        public var loans: Int
        /// The number of its eligible loans.
        public var eligibleLoans: Int
        /// Σ subsidy_computed over its loans.
        public var subsidyComputed: ExactDecimal
        /// Σ subsidy_granted over its loans.
        public var enterpriseTotal: ExactDecimal
        /// Whether the cap cut any of its loans.
        public var capped: Bool
        /// The subsidy granted before this calculation (the input's `prior_granted`, 0.00 if none).
        public var priorGranted: ExactDecimal
        /// What is left of the cap after this calculation: `max(0, cap − prior_granted) −
        /// enterprise_total`; nil when the enterprise has no eligible loan (no cap was looked up).
        public var capRemaining: ExactDecimal?

        enum CodingKeys: String, CodingKey {
            case enterpriseID = "enterprise_id", loans, eligibleLoans = "eligible_loans"
            case subsidyComputed = "subsidy_computed", enterpriseTotal = "enterprise_total", capped
            case priorGranted = "prior_granted", capRemaining = "cap_remaining"
        }

        /// Writes the value with the field names of docs/POLICY.md, every field present (null when absent).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(enterpriseID, forKey: .enterpriseID)
            try container.encode(loans, forKey: .loans)
            try container.encode(eligibleLoans, forKey: .eligibleLoans)
            try container.encode(subsidyComputed, forKey: .subsidyComputed)
            try container.encode(enterpriseTotal, forKey: .enterpriseTotal)
            try container.encode(capped, forKey: .capped)
            try container.encode(priorGranted, forKey: .priorGranted)
            try container.encode(capRemaining, forKey: .capRemaining)  // null when no cap applies: the field is always there
        }
    }

    /// The result of “First-loan interest subsidy”: the amounts, the reason, the steps and the parameters used.
    public struct Result: MeasureResult {
        /// The measure id, first in the JSON.
        public var measure = InterestSubsidy.id
        /// Per loan, in input order.
        public var loans: [LoanResult]
        /// Per enterprise, in order of first appearance.
        public var enterprises: [EnterpriseSummary]
        /// Σ subsidy_granted over every loan.
        public var totalGranted: ExactDecimal
        /// The parameters used, with their citations (empty with explanations off).
        public var parameters: [ParameterUse] = []
        /// The explanation steps, in order (empty with explanations off).
        public var steps: [ExplanationStep] = []
        /// The engine and parameter set that computed this result; nil inside a portfolio (the
        /// portfolio's own result carries it) and in results not made by `calculate`.
        public var audit: Audit?

        enum CodingKeys: String, CodingKey {
            case measure, loans, enterprises, totalGranted = "total_granted", parameters, steps, audit
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result {
        try validate(input)
        var results: [LoanResult] = []
        // Enterprises by their ids as written (WrittenID), as the batch groups them.
        var firstEligibleDrawdown: [WrittenID: Day] = [:]
        for (index, loan) in input.loans.enumerated() {
            let computed = try subsidy(loan, index: index, &worksheet)
            results.append(computed)
            let enterprise = WrittenID(loan.enterpriseID)
            if computed.reason == .eligible, firstEligibleDrawdown[enterprise].map({ loan.drawdownDate < $0 }) ?? true {
                firstEligibleDrawdown[enterprise] = loan.drawdownDate
            }
        }
        let priorGranted = Dictionary(uniqueKeysWithValues: input.priorGranted.map { (WrittenID($0.key), $0.value) })
        // What each enterprise may still be granted: the cap on its earliest eligible drawdown,
        // less what it was granted before.
        var available: [WrittenID: ExactDecimal] = [:]
        for (id, day) in firstEligibleDrawdown.sorted(by: { $0.key.text < $1.key.text }) {
            let enterprise = id.text
            let cap = try worksheet.decimal("interest_subsidy.cap_per_enterprise", on: day)
            let prior = priorGranted[id] ?? .zero
            available[id] = max(.zero, cap - prior).round2()
            if !prior.isZero {
                worksheet.step(
                    article,
                    zh: "\(enterprise)：此前已获贴息 \(prior.round2().grouped) 元，剩余额度 = max(0, \(cap.grouped) − \(prior.round2().grouped)) = \(available[id]!.grouped) 元",
                    en: "\(enterprise): CNY \(prior.round2().grouped) granted before; cap left = max(0, \(cap.grouped) − \(prior.round2().grouped)) = CNY \(available[id]!.grouped)")
            }
        }
        let remaining = applyCaps(&results, input.loans, available, &worksheet)
        let enterprises = summaries(results, priorGranted: priorGranted, capRemaining: remaining)
        let total = results.reduce(ExactDecimal.zero) { $0 + $1.subsidyGranted }
        worksheet.step(
            article, zh: "贴息合计 = \(total.grouped) 元", en: "Total subsidy granted = CNY \(total.grouped)")
        return Result(loans: results, enterprises: enterprises, totalGranted: total)
    }

    private static func validate(_ input: Input) throws(PolicyError) {
        let enterprises = Set(input.loans.map { WrittenID($0.enterpriseID) })
        for (enterprise, amount) in input.priorGranted.sorted(by: { $0.key < $1.key }) {
            let field = "prior_granted.\(enterprise)"
            try Check.nonNegative(amount, field)
            guard amount.round2() == amount else {
                throw .invalidValue(field: field, Vocabulary.message("error.granted_in_fen", amount.description))
            }
            guard enterprises.contains(WrittenID(enterprise)) else {
                throw .invalidValue(field: field, Vocabulary.message("error.granted_without_loans", enterprise))
            }
        }
        var seen: Set<LoanKey> = []
        for (index, loan) in input.loans.enumerated() {
            let field = "loans[\(index)]"
            try validate(loan, prefix: "\(field).")
            guard seen.insert(LoanKey(enterpriseID: loan.enterpriseID, loanID: loan.loanID)).inserted else {
                throw .invalidValue(
                    field: "\(field).loan_id", Vocabulary.message("error.duplicate_loan", loan.loanID, loan.enterpriseID))
            }
        }
    }

    /// Checks one loan's values; `prefix` goes before the field names in messages.
    static func validate(_ loan: Loan, prefix: String) throws(PolicyError) {
        try Check.positive(loan.principal, "\(prefix)principal")
        try Check.nonNegative(loan.annualRate, "\(prefix)annual_rate")
        if let paid = loan.interestPaid { try Check.nonNegative(paid, "\(prefix)interest_paid") }
        guard loan.endDate > loan.drawdownDate else {
            throw .invalidValue(
                field: "\(prefix)end_date", Vocabulary.message("error.end_after_drawdown", loan.endDate.description, loan.drawdownDate.description))
        }
        try checkRepayments(
            loan.repayments ?? [], of: loan.principal, from: loan.drawdownDate, to: loan.endDate, prefix: prefix,
            names: ("drawdown_date", "end_date", "principal"))
    }

    /// Refuses impossible repayments (docs/POLICY.md §3, §4): a negative amount, a date before the
    /// start (`names.start`) or after the end (`names.end`; nil: no end to check), or a total
    /// above the amount borrowed or guaranteed (`names.amount`).
    static func checkRepayments(
        _ repayments: [Repayment], of principal: ExactDecimal, from start: Day, to end: Day?, prefix: String,
        names: (start: String, end: String, amount: String)
    ) throws(PolicyError) {
        var total = ExactDecimal.zero
        for (number, repayment) in repayments.enumerated() {
            let field = "\(prefix)repayments[\(number)]"
            try Check.nonNegative(repayment.amount, "\(field).amount")
            if repayment.date < start {
                throw .invalidValue(field: "\(field).date", Vocabulary.message("error.repayment_before", repayment.date.description, names.start, start.description))
            }
            if let end, repayment.date > end {
                throw .invalidValue(field: "\(field).date", Vocabulary.message("error.repayment_after", repayment.date.description, names.end, end.description))
            }
            total += repayment.amount
        }
        if total > principal {
            throw .invalidValue(
                field: "\(prefix)repayments",
                Vocabulary.message("error.repayments_exceed", total.grouped, names.amount, principal.grouped))
        }
    }

    /// Eligibility and the computed subsidy of one loan (before the enterprise cap).
    private static func subsidy(_ loan: Loan, index: Int, _ worksheet: inout Worksheet) throws(PolicyError) -> LoanResult {
        var result = LoanResult(
            enterpriseID: loan.enterpriseID, loanID: loan.loanID, reason: .eligible, windowDays: 0, balanceDays: .zero,
            subsidyComputed: .zero.round2(), subsidyGranted: .zero.round2(), capped: false, enterpriseTotal: .zero.round2())
        let name = "\(loan.enterpriseID)/\(loan.loanID)"
        func ineligible(_ reason: Reason, _ zh: String, _ en: String) -> LoanResult {
            worksheet.step(article, zh: "\(name)：\(zh)，不予贴息（\(reason.rawValue)）", en: "\(name): \(en), no subsidy (\(reason.rawValue))")
            var rejected = result
            rejected.reason = reason
            rejected.windowDays = 0  // an ineligible loan has no window (docs/POLICY.md §3)
            rejected.windowEnd = nil
            rejected.rateApplied = nil
            return rejected
        }
        if !loan.guaranteedByFund { return ineligible(.notGuaranteedByFund, "未由市融资担保基金担保", "not guaranteed by the municipal fund") }
        if !loan.firstInclusiveLoan { return ineligible(.notFirstInclusiveLoan, "非首贷", "not the enterprise's first inclusive loan") }
        if !loan.lenderInShanghai { return ineligible(.lenderOutsideShanghai, "贷款银行不在上海辖内", "lender is not a bank in Shanghai") }
        let day = loan.drawdownDate
        guard let rate = try worksheet.decimalIfInEffect("interest_subsidy.rate", on: day) else {
            return ineligible(.drawdownOutsideWindow, "放款日 \(day) 不在贴息期间", "drawdown \(day) is outside the subsidy period")
        }
        let maxDays = try worksheet.integer("interest_subsidy.max_days", on: day)
        let minDays = try worksheet.integer("interest_subsidy.min_days", on: day)
        let mode = try worksheet.word("interest_subsidy.rate_mode", on: day, allowed: ["cap", "floor"])
        let dayBasis = try worksheet.decimal("interest_subsidy.day_basis", on: day)

        let windowEnd = min(loan.endDate, day.adding(days: maxDays))
        result.windowDays = windowEnd - day
        if result.windowDays < minDays {
            return ineligible(
                .belowMinDays, "贴息期 \(result.windowDays) 天，短于 \(minDays) 天",
                "window of \(result.windowDays) days is shorter than \(minDays)")
        }
        if mode == "floor", loan.annualRate.value < rate {
            return ineligible(
                .rateBelowSubsidyRate, "贷款利率 \(loan.annualRate.percentDescription) 低于贴息率",
                "loan rate \(loan.annualRate.percentDescription) is below the subsidy rate")
        }
        result.balanceDays = balanceDays(loan, from: day, to: windowEnd)
        let appliedRate = mode == "cap" ? min(rate, loan.annualRate.value) : rate
        result.windowEnd = windowEnd
        result.rateApplied = Rate(appliedRate)
        var computed = (result.balanceDays * appliedRate).divided2(by: dayBasis)
        worksheet.step(
            article,
            zh: "\(name)：贴息期 \(day) 至 \(windowEnd)（\(result.windowDays) 天），余额×天数 = \(working(loan, from: day, to: windowEnd))\(result.balanceDays.grouped)；"
                + "贴息 = \(result.balanceDays.grouped) × \(Rate(appliedRate).percentDescription) ÷ \(dayBasis) = \(computed.grouped) 元",
            en: "\(name): window \(day) to \(windowEnd) (\(result.windowDays) days), balance × days = \(working(loan, from: day, to: windowEnd))\(result.balanceDays.grouped); "
                + "subsidy = \(result.balanceDays.grouped) × \(Rate(appliedRate).percentDescription) ÷ \(dayBasis) = CNY \(computed.grouped)")
        if let paid = loan.interestPaid, paid < computed {
            computed = (try? paid.rounded(scale: 2, .down)) ?? paid
            worksheet.step(
                article, zh: "\(name)：不超过实付利息 \(paid.grouped) 元，贴息 = \(computed.grouped) 元",
                en: "\(name): limited to the interest paid, CNY \(paid.grouped): subsidy = CNY \(computed.grouped)")
        }
        result.subsidyComputed = computed
        return result
    }

    /// Σ balance × days from `start` to `end`: the principal, reduced by each repayment from its
    /// date (those from `end` on are outside the window; none is before `start`, since
    /// ``checkRepayments(_:of:from:to:prefix:names:)`` refuses them), never below 0.
    static func balanceDays(_ loan: Loan, from start: Day, to end: Day) -> ExactDecimal {
        balanceDays(principal: loan.principal, repayments: loan.repayments ?? [], from: start, to: end)
    }

    static func balanceDays(principal: ExactDecimal, repayments: [Repayment], from start: Day, to end: Day) -> ExactDecimal {
        segments(principal: principal, repayments: repayments, from: start, to: end).reduce(.zero) { $0 + $1.balance * ExactDecimal($1.days) }
    }

    /// The balance over `start..<end`, piece by piece between repayments: what Σ balance × days
    /// adds up.
    static func segments(principal: ExactDecimal, repayments: [Repayment], from start: Day, to end: Day) -> [(balance: ExactDecimal, days: Int)] {
        var balance = principal
        var cursor = start
        var pieces: [(balance: ExactDecimal, days: Int)] = []
        for repayment in repayments.filter({ $0.date >= start && $0.date < end }).sorted(by: { $0.date < $1.date }) {
            pieces.append((balance, repayment.date - cursor))
            balance = max(.zero, balance - repayment.amount)
            cursor = repayment.date
        }
        pieces.append((balance, end - cursor))
        return pieces
    }

    /// `3,000,000 × 181 + 2,000,000 × 184 = ` when repayments split the window; empty otherwise.
    static func working(_ loan: Loan, from start: Day, to end: Day) -> String {
        let pieces = segments(principal: loan.principal, repayments: loan.repayments ?? [], from: start, to: end)
        guard pieces.count > 1 else { return "" }
        return pieces.map { "\($0.balance.grouped) × \($0.days)" }.joined(separator: " + ") + " = "
    }

    /// Grants each enterprise's eligible loans, in order of (drawdown date, loan id), up to what
    /// it may still be granted (`available`); every loan row then carries its enterprise's total.
    /// Returns what is left to each enterprise.
    private static func applyCaps(
        _ results: inout [LoanResult], _ loans: [Loan], _ available: [WrittenID: ExactDecimal], _ worksheet: inout Worksheet
    ) -> [WrittenID: ExactDecimal] {
        let order = results.indices.filter { results[$0].reason == .eligible }.sorted { a, b in
            if loans[a].drawdownDate != loans[b].drawdownDate { return loans[a].drawdownDate < loans[b].drawdownDate }
            return loans[a].loanID.unicodeScalars.lexicographicallyPrecedes(loans[b].loanID.unicodeScalars)
        }
        var remaining = available
        for index in order {
            let enterprise = results[index].enterpriseID
            let left = remaining[WrittenID(enterprise)] ?? .zero
            let granted = min(results[index].subsidyComputed, left)
            results[index].subsidyGranted = granted
            results[index].capped = granted < results[index].subsidyComputed
            remaining[WrittenID(enterprise)] = left - granted
            if results[index].capped {
                worksheet.step(
                    article,
                    zh: "\(enterprise)/\(results[index].loanID)：每户上限内剩余额度 \(left.grouped) 元，核定 \(granted.grouped) 元",
                    en: "\(enterprise)/\(results[index].loanID): CNY \(left.grouped) left under the per-enterprise cap, granted CNY \(granted.grouped)")
            }
        }
        var totals: [WrittenID: ExactDecimal] = [:]
        for result in results { totals[WrittenID(result.enterpriseID), default: ExactDecimal.zero.round2()] += result.subsidyGranted }
        for index in results.indices { results[index].enterpriseTotal = totals[WrittenID(results[index].enterpriseID)] ?? .zero }
        return remaining
    }

    private static func summaries(
        _ results: [LoanResult], priorGranted: [WrittenID: ExactDecimal], capRemaining: [WrittenID: ExactDecimal]
    ) -> [EnterpriseSummary] {
        var summaries: [EnterpriseSummary] = []
        var position: [WrittenID: Int] = [:]
        for result in results {
            let enterprise = WrittenID(result.enterpriseID)
            if position[enterprise] == nil {
                position[enterprise] = summaries.count
                summaries.append(
                    EnterpriseSummary(
                        enterpriseID: result.enterpriseID, loans: 0, eligibleLoans: 0, subsidyComputed: ExactDecimal.zero.round2(),
                        enterpriseTotal: result.enterpriseTotal, capped: false,
                        priorGranted: (priorGranted[enterprise] ?? .zero).round2(),
                        capRemaining: capRemaining[enterprise]))
            }
            let index = position[enterprise]!
            summaries[index].loans += 1
            summaries[index].eligibleLoans += result.reason == .eligible ? 1 : 0
            summaries[index].subsidyComputed += result.subsidyComputed
            summaries[index].capped = summaries[index].capped || result.capped
        }
        return summaries
    }
}

extension InterestSubsidy {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["reason", "window_days", "window_end", "balance_days", "rate_applied", "subsidy_computed:money", "subsidy_granted:money", "capped", "enterprise_total"])

    /// The input fields, in the order to show them (`huiqi list interest-subsidy`).
    public static let inputFields: [InputField] = [
        .identifier("enterprise_id", default: "E1", "who the 200,000 cap belongs to"),
        .identifier("loan_id", default: "L1", "unique within the enterprise"),
        .required("principal", .amount, "the amount drawn"),
        .required("annual_rate", .rate, "the contract rate"),
        .required("drawdown_date", .date, "放款日, the drawdown date"),
        .required("end_date", .date, "maturity or full repayment date"),
        .required("guaranteed_by_fund", .flag, "guaranteed by the municipal policy financing guarantee fund"),
        .required("first_inclusive_loan", .flag, "the enterprise's first inclusive loan (首贷)"),
        .required("lender_in_shanghai", .flag, "the lender is a commercial bank in Shanghai"),
        .optional("interest_paid", .amount, "interest actually paid in the window (the subsidy never exceeds it)"),
        .optional("repayments", .repayments, "partial repayments, DATE=AMOUNT;… (2023-05-01=1,000,000;2023-08-01=500,000)"),
    ]

    /// The input is a list of records under this key.
    public static let inputList: String? = "loans"
}
