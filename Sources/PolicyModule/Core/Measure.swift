import DecimalModule

/// A calculation of one measure of the policy: typed input and result, both `Codable` with the
/// SPEC's snake_case field names.
public protocol Measure: Sendable {
    associatedtype Input: Codable & Sendable
    associatedtype Result: MeasureResult

    /// The measure id (`interest-subsidy`).
    static var id: String { get }
    /// The article implemented (`第十五条`).
    static var article: String { get }
    static var titleZH: String { get }
    static var titleEN: String { get }

    /// The input's fields as a user gives them, in the order to show them. For a measure whose
    /// input is a list (`loans`, `hires`), the fields of one element.
    static var inputFields: [InputField] { get }
    /// The list the input consists of, or nil when the input is one record.
    static var inputList: String? { get }

    /// Computes the result; the worksheet holds the parameters and records what was used.
    static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result
}

/// What every result carries besides its own fields.
public protocol MeasureResult: Codable, Sendable {
    /// The parameters used, with their citations.
    var parameters: [ParameterUse] { get set }
    /// The explanation steps, in order.
    var steps: [ExplanationStep] { get set }
}

extension Measure {
    public static var inputList: String? { nil }

    /// Computes `input` with `parameters` (the bundled ones by default).
    public static func calculate(_ input: Input, parameters: ParameterTable) throws(PolicyError) -> Result {
        var worksheet = Worksheet(parameters: parameters)
        var result = try compute(input, &worksheet)
        result.parameters = worksheet.parametersUsed
        result.steps = worksheet.steps
        return result
    }
}

/// A measure seen without its types: for the registry, the CLI and scenario files.
public struct AnyMeasure: Sendable {
    public let id: String
    public let article: String
    public let titleZH: String
    public let titleEN: String
    public let inputFields: [InputField]
    public let inputList: String?
    /// Computes from the generic keyed input and returns the result as JSON-ready ``Encodable``.
    public let calculate: @Sendable (InputValue, ParameterTable) throws(PolicyError) -> any MeasureResult

    init<M: Measure>(_ measure: M.Type) {
        id = M.id
        article = M.article
        titleZH = M.titleZH
        titleEN = M.titleEN
        inputFields = M.inputFields
        inputList = M.inputList
        calculate = { (input, parameters) throws(PolicyError) in
            try M.calculate(InputDecoder.decode(M.Input.self, from: input), parameters: parameters)
        }
    }
}

/// Every measure, in the order of the articles.
public enum MeasureRegistry {
    public static let all: [AnyMeasure] = [
        AnyMeasure(SpecializedAward.self),
        AnyMeasure(RDInvestmentReward.self),
        AnyMeasure(TechAchievementBonus.self),
        AnyMeasure(TechTransformation.self),
        AnyMeasure(GreenUpgrade.self),
        AnyMeasure(ComputeVoucher.self),
        AnyMeasure(DigitalServiceSupport.self),
        AnyMeasure(ProcurementReservation.self),
        AnyMeasure(InterestSubsidy.self),
        AnyMeasure(GuaranteeFee.self),
        AnyMeasure(EmploymentSubsidy.self),
        AnyMeasure(SocialInsuranceDeferral.self),
        AnyMeasure(SmallScaleVAT.self),
        AnyMeasure(SmallProfitCIT.self),
        AnyMeasure(RDSuperDeduction.self),
    ]

    /// The measure with `id`.
    public static func measure(_ id: String) throws(PolicyError) -> AnyMeasure {
        guard let measure = all.first(where: { $0.id == id }) else { throw .unknownMeasure(id) }
        return measure
    }
}
