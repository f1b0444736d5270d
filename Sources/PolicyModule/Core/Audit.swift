/// The engine: the version of the rules as this library implements them.
public enum Engine {
    /// The engine version, carried by every result (``Audit/engineVersion``), `huiqi --version`
    /// and `huiqi_version()`. It changes whenever a calculation can change for the same input
    /// and parameters.
    public static let version = "0.2.0"
}

/// What an auditor needs to re-derive a result: the engine that computed it and the exact
/// parameter set it computed with.
///
/// Every result of ``Measure/calculate(_:parameters:explaining:)`` carries one (`audit` in its
/// JSON), as do ``Batch/audit`` and the per-record outcomes of ``LoanBook``. Two results with
/// the same audit and the same input are the same result.
///
/// ```swift
/// let result = try InterestSubsidy.calculate(input, parameters: .bundled())
/// result.audit?.parametersSHA256   // "3f5c…", the SHA-256 of the parameters' canonical form
/// ```
public struct Audit: Codable, Hashable, Sendable, CustomStringConvertible {
    /// ``Engine/version`` of the library that computed the result.
    public var engineVersion: String
    /// The parameter set's identity: the lowercase hexadecimal SHA-256 of
    /// ``ParameterTable/canonicalForm`` of the table in effect, the same on every platform.
    public var parametersSHA256: String
    /// Whether the parameters were the bundled ones or a table laid over them.
    public var parametersSource: ParameterTable.Source

    /// An audit record; results get theirs from the parameter table (``ParameterTable/audit``).
    public init(engineVersion: String, parametersSHA256: String, parametersSource: ParameterTable.Source) {
        self.engineVersion = engineVersion
        self.parametersSHA256 = parametersSHA256
        self.parametersSource = parametersSource
    }

    enum CodingKeys: String, CodingKey {
        case engineVersion = "engine_version", parametersSHA256 = "parameters_sha256", parametersSource = "parameters_source"
    }

    /// `engine 0.2.0, parameters sha256 3f5c… (bundled)`, the full hash included.
    public var description: String {
        "engine \(engineVersion), parameters sha256 \(parametersSHA256) (\(parametersSource.rawValue))"
    }
}
