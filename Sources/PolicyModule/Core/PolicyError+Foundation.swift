import Foundation

extension PolicyError: LocalizedError {
    /// The same sentence as ``description``, the one the command line prints, for code that
    /// shows `localizedDescription`.
    public var errorDescription: String? { description }
}

extension PolicyError {
    /// The input field the error is about (`principal`, `loans[1].repayments[0].date`), or nil
    /// when it is about a parameter, the parameters file or the measure id.
    public var field: String? {
        switch self {
        case .invalidValue(let field, _): return field
        case .missingField(let field): return field
        case .noParameterInEffect, .invalidParameters, .unknownMeasure: return nil
        }
    }
}

extension Batch.FileError: LocalizedError {
    /// The same sentence as ``description``.
    public var errorDescription: String? { message }
}
