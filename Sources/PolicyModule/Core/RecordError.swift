import Foundation

/// Why one record of a list could not be computed: its position in the list, and the typed
/// error, whose field is relative to the record. The other records are computed as if it were
/// not there (``LoanBook``, ``GuaranteeBook``).
///
/// Its ``description`` is the sentence `huiqi calc --input` prints for the same record:
/// `loans[3].principal: must be greater than 0 (got -5)`.
public struct RecordError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// The record's position in the list given, from 0.
    public var index: Int
    /// The list's name, as in the JSON input: `loans`, `guarantees`.
    public var list: String
    /// What is wrong; its field (``PolicyError/field``) is relative to the record.
    public var error: PolicyError

    /// The error `error` about record `index` of `list`.
    public init(index: Int, list: String, error: PolicyError) {
        self.index = index
        self.list = list
        self.error = error
    }

    /// The field the error is about, relative to the record (`principal`,
    /// `repayments[1].date`); nil when the error names none.
    public var field: String? { error.field }

    /// The message with the record's path: `loans[3].principal: must be greater than 0 (got -5)`.
    public var description: String {
        let path = "\(list)[\(index)]"
        let scoped = error.within(path)
        return scoped == error ? "\(path): \(error)" : scoped.description  // a parameter's error names no field
    }

    /// The same as ``description``.
    public var errorDescription: String? { description }
}
