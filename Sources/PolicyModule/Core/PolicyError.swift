/// Why a calculation could not be made. Every case names what to fix: the input field, or the
/// parameter and the date it was needed for.
public enum PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An input field's value is malformed or out of range. `field` is its path in the input
    /// (`loans[1].principal`); nil while the field is not yet known (filled in by the decoder).
    case invalidValue(field: String?, String)
    /// A required input field is absent.
    case missingField(String)
    /// No value of a parameter is in effect on the date the rule depends on.
    case noParameterInEffect(id: String, on: Day)
    /// The parameter file is malformed, or its values overlap.
    case invalidParameters(String)
    /// No measure has this name; `suggestion` is the nearest id or alias, if one is near.
    case unknownMeasure(String, suggestion: String?)

    /// The text people read: the sentence the command line prints.
    public var description: String {
        switch self {
        case .invalidValue(let field?, let reason): return "\(field): \(reason)"
        case .invalidValue(nil, let reason): return reason
        case .missingField(let field): return Vocabulary.message("error.missing_field", field)
        case .noParameterInEffect(let id, let day):
            return Vocabulary.message("error.no_parameter", id, day.description)
        case .invalidParameters(let reason): return Vocabulary.message("error.parameters", reason)
        case .unknownMeasure(let name, let suggestion?): return Vocabulary.message("error.unknown_measure_near", name, suggestion)
        case .unknownMeasure(let name, nil): return Vocabulary.message("error.unknown_measure", name)
        }
    }

    /// The same error about a field inside `prefix` (`guarantees[1]` and `fee_rate` make
    /// `guarantees[1].fee_rate`).
    func within(_ prefix: String) -> PolicyError {
        switch self {
        case .invalidValue(let field?, let reason): return .invalidValue(field: "\(prefix).\(field)", reason)
        case .invalidValue(nil, let reason): return .invalidValue(field: prefix, reason)
        case .missingField(let field): return .missingField("\(prefix).\(field)")
        default: return self
        }
    }

    /// The same error, attributed to `field` if it named none.
    func attributed(to field: String) -> PolicyError {
        if case .invalidValue(nil, let reason) = self { return .invalidValue(field: field, reason) }
        return self
    }
}
