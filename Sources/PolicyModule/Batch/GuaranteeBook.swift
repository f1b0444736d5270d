import DecimalModule

/// The guarantee fee over a list of guarantees held in memory: one outcome per guarantee, in
/// order — its result, or a ``RecordError`` with its index and field — and each guarantor's
/// portfolio summary over its good guarantees (the 1% ceiling of 第十五条 is on the guarantor's
/// average, ``GuaranteeFee/guarantors(_:parameters:)``), exactly as `huiqi batch guarantee-fee`
/// computes a file.
///
/// ```swift
/// let book = try GuaranteeBook(guarantees: fundGuarantees, parameters: .bundled())
/// book.guarantors.filter { $0.compliant == false }   // guarantors above the ceiling
/// ```
///
/// For one portfolio with its worksheet (and an error for any bad guarantee), use
/// ``GuaranteeFee/portfolio(_:parameters:explaining:)``.
public struct GuaranteeBook: Sendable, Equatable {
    /// One per guarantee given, in the same order.
    public private(set) var outcomes: [Result<GuaranteeFee.Result, RecordError>]
    /// One per guarantor with a good guarantee, in order of first appearance.
    public private(set) var guarantors: [GuaranteeFee.GuarantorSummary]
    /// Σ `fee` over the good guarantees.
    public private(set) var totalFee: ExactDecimal
    /// The engine and parameter set every outcome was computed with.
    public private(set) var audit: Audit

    /// Computes each guarantee on its own (explanations off), in parallel, then the guarantors.
    public init(guarantees: [GuaranteeFee.Input], parameters: ParameterTable) {
        outcomes = Batch.concurrentMap(guarantees.count) { index in
            Result { () throws(RecordError) in
                do throws(PolicyError) {
                    var result = try GuaranteeFee.calculate(guarantees[index], parameters: parameters, explaining: false)
                    result.audit = nil  // the book's audit applies, as a portfolio's does
                    return result
                } catch {
                    throw RecordError(index: index, list: "guarantees", error: error)
                }
            }
        }
        var good: [(input: GuaranteeFee.Input, result: GuaranteeFee.Result)] = []
        for (input, outcome) in zip(guarantees, outcomes) {
            if case .success(let result) = outcome { good.append((input, result)) }
        }
        guarantors = GuaranteeFee.guarantors(good, parameters: parameters)
        totalFee = good.reduce(ExactDecimal.zero.round2()) { $0 + $1.result.fee }
        audit = parameters.audit
    }

    /// The errors of the failed guarantees, in order.
    public var errors: [RecordError] {
        outcomes.compactMap { if case .failure(let error) = $0 { return error } else { return nil } }
    }
}
