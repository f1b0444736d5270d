import DecimalModule

/// The interest subsidy over a file of loans: each row decoded and checked on its own, later
/// duplicates of an (enterprise, loan) refused, repayments joined, and each enterprise's good
/// loans computed together with `InterestSubsidy.calculate`, so that the cap applies across
/// them exactly as it does for the per-record API.
struct InterestSubsidyBatch {
    private var outcomes: [Int: Batch.RowOutcome] = [:]
    private var loanKeys: Set<String> = []
    /// One row per enterprise with a good loan, in order of first appearance.
    private(set) var summaries: [[Batch.Cell]] = []

    init(_ rows: [Batch.Row], _ repayments: [String: Result<[InterestSubsidy.Repayment], PolicyError>], parameters: ParameterTable) {
        var firstLine: [String: Int] = [:]
        var groups: [(enterprise: String, rows: [Int], loans: [InterestSubsidy.Loan])] = []
        var groupIndex: [String: Int] = [:]
        for (index, row) in rows.enumerated() {
            let enterprise = row.fields["enterprise_id"]?.text
            let loanID = row.fields["loan_id"]?.text
            var duplicateOf: Int?
            if let enterprise, let loanID {
                let key = "\(enterprise)/\(loanID)"
                loanKeys.insert(key)
                if let first = firstLine[key] { duplicateOf = first } else { firstLine[key] = row.line }
            }
            guard row.error == nil else { continue }
            do {
                if let duplicateOf {
                    throw PolicyError.invalidValue(field: "loan_id", "duplicate loan \(loanID!) of enterprise \(enterprise!) (first on line \(duplicateOf))")
                }
                var loan = try InputDecoder.decode(InterestSubsidy.Loan.self, from: .record(row.fields))
                if let joined = repayments["\(loan.enterpriseID)/\(loan.loanID)"] {
                    loan.repayments = (loan.repayments ?? []) + (try joined.get())
                }
                try InterestSubsidy.validate(loan, prefix: "")
                if groupIndex[loan.enterpriseID] == nil {
                    groupIndex[loan.enterpriseID] = groups.count
                    groups.append((loan.enterpriseID, [], []))
                }
                groups[groupIndex[loan.enterpriseID]!].rows.append(index)
                groups[groupIndex[loan.enterpriseID]!].loans.append(loan)
            } catch {
                outcomes[index] = .failed("\(error)")
            }
        }

        let loansByGroup = groups.map(\.loans)
        let computed = Batch.concurrentMap(groups.count) { group in
            Result { () throws(PolicyError) in
                try InterestSubsidy.calculate(.init(loans: loansByGroup[group]), parameters: parameters, explaining: false)
            }
        }
        for (group, result) in zip(groups, computed) {
            switch result {
            case .failure(let error):
                for index in group.rows { outcomes[index] = .failed("\(error)") }
            case .success(let result):
                for (index, loan) in zip(group.rows, result.loans) {
                    outcomes[index] = .computed([
                        .text(loan.reason.rawValue), .value(String(loan.windowDays)), .value(loan.balanceDays.description),
                        .value(loan.subsidyComputed.description), .value(loan.subsidyGranted.description),
                        .value(String(loan.capped)), .value(loan.enterpriseTotal.description),
                    ])
                }
                for summary in result.enterprises {
                    summaries.append([
                        .text(summary.enterpriseID), .value(String(summary.loans)), .value(String(summary.eligibleLoans)),
                        .value(summary.subsidyComputed.description), .value(summary.enterpriseTotal.description),
                        .value(String(summary.capped)),
                    ])
                }
            }
        }
    }

    /// `outcomes` with this batch's computed and failed rows filled in.
    func outcomes(merging base: [Batch.RowOutcome]) -> [Batch.RowOutcome] {
        var merged = base
        for (index, outcome) in outcomes { merged[index] = outcome }
        return merged
    }

    /// Warnings for repayments whose loan is not in the file.
    func unmatchedRepayments(_ repayments: [String: Result<[InterestSubsidy.Repayment], PolicyError>]) -> [String] {
        repayments.keys.filter { !loanKeys.contains($0) }.sorted().map { "repayments for unknown loan \($0) ignored" }
    }
}

/// The per-guarantor portfolio of SPEC §4: the balance-weighted average fee rate against the
/// ceiling in effect on the guarantor's earliest start date.
enum GuaranteePortfolio {
    static func summaries(_ rows: [Batch.Row], _ outcomes: [Batch.RowOutcome], parameters: ParameterTable) -> [[Batch.Cell]] {
        struct Portfolio {
            var guarantees = 0
            var totalFee = ExactDecimal.zero.round2()
            var weightedRate = ExactDecimal.zero
            var balanceDays = ExactDecimal.zero
            var earliestStart: Day?
        }
        var order: [String] = []
        var portfolios: [String: Portfolio] = [:]
        let columns = GuaranteeFee.outputFields.map(\.name)
        for (row, outcome) in zip(rows, outcomes) {
            guard case .computed(let cells) = outcome, let guarantor = row.fields["guarantor_id"]?.text,
                case .value(let feeText) = cells[columns.firstIndex(of: "fee")!], let fee = try? ExactDecimal(parsing: feeText),
                case .value(let daysText) = cells[columns.firstIndex(of: "balance_days")!], let days = try? ExactDecimal(parsing: daysText),
                let rate = try? Rate(parsing: row.fields["fee_rate"]?.text ?? ""), let start = try? Day(parsing: row.fields["start_date"]?.text ?? "")
            else { continue }
            if portfolios[guarantor] == nil { order.append(guarantor) }
            var portfolio = portfolios[guarantor] ?? Portfolio()
            portfolio.guarantees += 1
            portfolio.totalFee += fee
            portfolio.weightedRate += days * rate.value
            portfolio.balanceDays += days
            portfolio.earliestStart = min(portfolio.earliestStart ?? start, start)
            portfolios[guarantor] = portfolio
        }
        return order.map { guarantor in
            let portfolio = portfolios[guarantor]!
            let average = (try? portfolio.weightedRate.divided(by: portfolio.balanceDays, .scale(6, rounding: .halfUp))) ?? .zero
            var compliant = Batch.Cell.empty
            if let start = portfolio.earliestStart, let ceiling = parameters.value("guarantee.fee_rate_ceiling", on: start),
                let limit = try? PolicyDecimal.parse(ceiling.value)
            {
                // Σ(balance_days × rate) / Σ balance_days ≤ ceiling, compared exactly.
                compliant = .value(String(portfolio.weightedRate <= limit * portfolio.balanceDays))
            }
            return [.text(guarantor), .value(String(portfolio.guarantees)), .value(portfolio.totalFee.description), .value(average.description), compliant]
        }
    }
}
