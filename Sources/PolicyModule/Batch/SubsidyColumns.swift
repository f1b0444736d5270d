/// Loans as columns of machine words — the form a loan book takes in a bank's memory — and the
/// interest subsidy's kernel over them: `subsidy_computed` of each loan (docs/POLICY.md §3, before the
/// enterprise cap), in fen, on one core.
///
/// The arithmetic is the batch kernel's (one half-up rounding of the exact product, every
/// multiplication checked for overflow), and it agrees with ``InterestSubsidy`` loan by loan;
/// when a product does not fit in 64 bits, or a parameter has no fixed-point form, the kernel
/// says so (nil) and those loans are computed with ``Measure/calculate(_:parameters:explaining:)``.
public struct SubsidyColumns: Sendable {
    /// Principal × 100 (fen).
    public var principalFen: [Int64]
    /// Annual rate × 10^6 (3.65% is 36500).
    public var rateMillionths: [Int64]
    /// The drawdown dates.
    public var drawdown: [Day]
    /// The end dates (maturity or full repayment).
    public var end: [Day]
    /// Guaranteed by the fund, first inclusive loan, and lender in Shanghai, all three.
    public var eligibilityFacts: [Bool]

    /// The columns, one element per loan; ``subsidiesComputed(parameters:)`` refuses (nil)
    /// columns of different lengths.
    public init(principalFen: [Int64], rateMillionths: [Int64], drawdown: [Day], end: [Day], eligibilityFacts: [Bool]) {
        self.principalFen = principalFen
        self.rateMillionths = rateMillionths
        self.drawdown = drawdown
        self.end = end
        self.eligibilityFacts = eligibilityFacts
    }

    /// Each loan's `subsidy_computed` in fen (0 for an ineligible loan), or nil if a product
    /// overflows 64 bits, a parameter cannot be expressed in fixed point, the columns have
    /// different lengths, or a principal is not positive or a rate is negative (which the
    /// per-record API refuses with a message).
    public func subsidiesComputed(parameters: ParameterTable) -> [Int64]? {
        let count = principalFen.count
        guard rateMillionths.count == count, drawdown.count == count, end.count == count, eligibilityFacts.count == count,
            principalFen.allSatisfy({ $0 > 0 }), rateMillionths.allSatisfy({ $0 >= 0 })
        else { return nil }
        let rules = SubsidyKernel.rulesByDay(parameters)
        var subsidies = [Int64](repeating: 0, count: principalFen.count)
        let completed = subsidies.withUnsafeMutableBufferPointer { out -> Bool in
            principalFen.withUnsafeBufferPointer { principal in
                rateMillionths.withUnsafeBufferPointer { rate in
                    for index in 0..<out.count where eligibilityFacts[index] {
                        guard let rule = rules[drawdown[index]] else { return false }
                        guard let outcome = SubsidyKernel.subsidy(
                            principal: principal[index], exponent: -2, rate: rate[index], drawdown: drawdown[index], end: end[index],
                            interestPaid: nil, rule: rule)
                        else { return false }
                        out[index] = outcome.fen
                    }
                    return true
                }
            }
        }
        return completed ? subsidies : nil
    }
}
