import DecimalModule

/// A calculation of one measure of the policy: typed input and result, both `Codable` with the
/// snake_case field names of docs/POLICY.md.
public protocol Measure: Sendable {
    /// What the measure is computed from: a record, or (``inputList``) a list of records.
    associatedtype Input: Codable & Sendable
    /// What the measure computes: amounts, reasons, steps and the parameters used.
    associatedtype Result: MeasureResult

    /// The measure id (`interest-subsidy`).
    static var id: String { get }
    /// The article implemented (`第十五条`).
    static var article: String { get }
    /// The measure's name in Chinese (`首贷贴息`).
    static var titleZH: String { get }
    /// The measure's name in English (`First-loan interest subsidy`).
    static var titleEN: String { get }

    /// The input's fields as a user gives them, in the order to show them. For a measure whose
    /// input is a list (`loans`, `hires`), the fields of one element.
    static var inputFields: [InputField] { get }
    /// The list the input consists of, or nil when the input is one record.
    static var inputList: String? { get }
    /// The result fields of one record (of one list element), as batch output columns.
    static var outputFields: [OutputField] { get }

    /// Computes the result; the worksheet holds the parameters and records what was used.
    static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> Result
}

/// A measure run over large files of records, which reads a record's input and writes its
/// result's cells itself rather than through `Codable`, which costs more than the calculation:
/// the same input as its `init(from:)` decodes from a ``RecordDecoder``, the same cells as
/// ``ResultCells`` encodes (each output field's value in the result's JSON). The batch tests
/// hold both.
protocol BatchRecord: Measure {
    /// The input of one CSV record, its values read by `row` (``RecordDecoder/value(_:)``).
    static func input(reading row: RecordDecoder) throws -> Input
    /// Writes the result's batch output cells to `cells`, in the order of ``Measure/outputFields``.
    static func writeCells(of result: Result, to cells: CellWriter)
}

/// What every result carries besides its own fields. Results are `Equatable`: two results are
/// equal when every amount, reason, step and the audit record are.
public protocol MeasureResult: Codable, Sendable, Equatable {
    /// The parameters used, with their citations.
    var parameters: [ParameterUse] { get set }
    /// The explanation steps, in order.
    var steps: [ExplanationStep] { get set }
    /// The engine and the parameter set that computed the result (``Audit``).
    var audit: Audit? { get set }
}

extension Measure {
    /// Nil: the input is one record.
    public static var inputList: String? { nil }

    /// The typed input from the generic keyed form (a JSON object, a YAML mapping, a CSV row),
    /// with errors that name the field.
    public static func input(decoding value: InputValue) throws(PolicyError) -> Input {
        try InputDecoder.decode(Input.self, from: value)
    }

    /// Computes `input` with `parameters`. With `explaining` false the result has no steps and
    /// no list of parameters used (the amounts are the same), which is what batch runs use.
    public static func calculate(_ input: Input, parameters: ParameterTable, explaining: Bool = true) throws(PolicyError) -> Result {
        var worksheet = Worksheet(parameters: parameters, explaining: explaining)
        var result = try compute(input, &worksheet)
        result.parameters = worksheet.parametersUsed
        result.steps = worksheet.steps
        result.audit = parameters.audit
        return result
    }
}

/// A measure seen without its types: for the registry, the CLI and scenario files.
public struct AnyMeasure: Sendable {
    /// The measure id (`interest-subsidy`).
    public let id: String
    /// The article implemented (`第十五条`).
    public let article: String
    /// The measure's name in Chinese.
    public let titleZH: String
    /// The measure's name in English.
    public let titleEN: String
    /// Short names a user may type instead of the id (`vat`), shown by `huiqi list`.
    public private(set) var aliases: [String] = []
    /// The input's fields as a user gives them (of one list element for a list input).
    public let inputFields: [InputField]
    /// The list the input consists of (`loans`), or nil when the input is one record.
    public let inputList: String?
    /// The result fields of one record, as batch output columns.
    public let outputFields: [OutputField]
    private var compute: @Sendable (InputValue, ParameterTable, Bool) throws(PolicyError) -> any MeasureResult
    /// The typed input read from the generic keyed input.
    private var read: @Sendable (InputValue) throws(PolicyError) -> any Encodable
    /// One batch row (``batchRow(_:_:summarising:)``).
    private var row: @Sendable (Batch.RowSource, ParameterTable, Bool, CellArena) throws -> (cells: CellRow, share: GuaranteeFee.Share?)
    /// A result's batch cells (``outputCells(of:)``).
    private var resultCells: @Sendable (any MeasureResult) throws -> [Batch.Cell]

    /// Computes from the generic keyed input; `explaining` false leaves the steps out.
    public func calculate(_ input: InputValue, _ parameters: ParameterTable, explaining: Bool = true) throws(PolicyError)
        -> any MeasureResult
    {
        try compute(input, parameters, explaining)
    }

    /// One row of a batch, computed without explanations: the typed input read from `source`,
    /// the result's output cells (stored in `arena`), and, when `summarising`, what the row
    /// adds to the batch's summary (a guarantee's share of its guarantor's). Throws what
    /// reading or computing throws.
    func batchRow(_ source: Batch.RowSource, _ parameters: ParameterTable, summarising: Bool, into arena: CellArena) throws -> Batch.RowOutcome {
        let made = try row(source, parameters, summarising, arena)
        return .computed(made.cells, share: made.share)
    }

    /// The batch output cells of `result`, a result of this measure (or, for the guarantee fee,
    /// of a portfolio), in the order of ``outputFields``.
    func outputCells(of result: any MeasureResult) throws -> [Batch.Cell] {
        try resultCells(result)
    }

    /// The JSON document of a calculation, what `huiqi calc --format json` prints and the C
    /// interface returns: `"input"`, the input as it was read (each value in its normal form:
    /// `300万` is `"3000000"`, `是` is `true`), then `result`'s fields — amounts, reasons, steps,
    /// the parameters used and the audit record.
    ///
    /// - Throws: ``PolicyError`` if `input` cannot be read (it was, if `result` is its result).
    public func document(_ input: InputValue, result: any MeasureResult) throws -> JSONValue {
        let fields: [(String, JSONValue)]
        if case .object(let resultFields) = try JSONValue(encoding: result) { fields = resultFields } else { fields = [] }
        return .object([("input", try JSONValue(encoding: read(input)))] + fields)
    }

    init<M: Measure>(_ measure: M.Type) {
        self.init(measure, reading: M.Input.init(from:)) { result, cells in
            for cell in try ResultCells.cells(of: result, fields: M.outputFields, list: M.inputList) { cells.cell(cell) }
        }
    }

    init<M: BatchRecord>(_ measure: M.Type) {
        self.init(measure, reading: M.input(reading:), cells: M.writeCells)
    }

    /// The measure `M`, whose batch rows `reading` reads from CSV records and whose results'
    /// batch cells `cells` makes.
    private init<M: Measure>(
        _ measure: M.Type, reading: @escaping @Sendable (RecordDecoder) throws -> M.Input, cells: @escaping @Sendable (M.Result, CellWriter) throws -> Void
    ) {
        id = M.id
        article = M.article
        titleZH = M.titleZH
        titleEN = M.titleEN
        inputFields = M.inputFields
        inputList = M.inputList
        outputFields = M.outputFields
        compute = { (input, parameters, explaining) throws(PolicyError) in
            try M.calculate(InputDecoder.decode(M.Input.self, from: input), parameters: parameters, explaining: explaining)
        }
        read = { (input) throws(PolicyError) in try InputDecoder.decode(M.Input.self, from: input) }
        row = { source, parameters, summarising, arena in
            let input: M.Input
            switch source {
            case .value(let value): input = try InputDecoder.decode(M.Input.self, from: value)
            case .record(let decoder): input = try reading(decoder)
            }
            let result = try M.calculate(input, parameters: parameters, explaining: false)
            let share = summarising ? (input as? GuaranteeFee.Input).flatMap { input in
                (result as? GuaranteeFee.Result).map { GuaranteeFee.Share(input, $0, parameters: parameters) }
            } : nil
            return (try arena.row { try cells(result, $0) }, share)
        }
        resultCells = { result in
            guard let typed = result as? M.Result else { return try ResultCells.cells(of: result, fields: M.outputFields, list: M.inputList) }
            return try CellArena(capacity: 0).row { try cells(typed, $0) }.cells
        }
    }
}

extension AnyMeasure {
    /// The guarantee fee, whose generic input may also be a portfolio, `{"guarantees": [ … ]}`,
    /// computed with ``GuaranteeFee/portfolio(_:parameters:explaining:)``.
    static let guaranteeFee: AnyMeasure = {
        var measure = AnyMeasure(GuaranteeFee.self)
        let single = measure.compute
        let readSingle = measure.read
        measure.compute = { (input, parameters, explaining) throws(PolicyError) in
            if case .record(let fields) = input, fields["guarantees"] != nil {
                let portfolio = try InputDecoder.decode(GuaranteeFee.Portfolio.self, from: input)
                return try GuaranteeFee.portfolio(portfolio, parameters: parameters, explaining: explaining)
            }
            return try single(input, parameters, explaining)
        }
        measure.read = { (input) throws(PolicyError) in
            if case .record(let fields) = input, fields["guarantees"] != nil {
                return try InputDecoder.decode(GuaranteeFee.Portfolio.self, from: input)
            }
            return try readSingle(input)
        }
        return measure
    }()
}

extension AnyMeasure {
    /// The same measure, also known by `aliases`.
    func known(as aliases: String...) -> AnyMeasure {
        var measure = self
        measure.aliases = aliases
        return measure
    }
}

/// Every measure, in the order of the articles.
public enum MeasureRegistry {
    /// Every measure, in the order of the articles.
    public static let all: [AnyMeasure] = [
        AnyMeasure(SpecializedAward.self).known(as: "award"),
        AnyMeasure(RDInvestmentReward.self).known(as: "rd-reward"),
        AnyMeasure(TechAchievementBonus.self).known(as: "tech-bonus"),
        AnyMeasure(TechTransformation.self).known(as: "upgrade"),
        AnyMeasure(GreenUpgrade.self).known(as: "green"),
        AnyMeasure(ComputeVoucher.self).known(as: "compute"),
        AnyMeasure(DigitalServiceSupport.self).known(as: "digital"),
        AnyMeasure(ProcurementReservation.self).known(as: "procurement"),
        AnyMeasure(InterestSubsidy.self).known(as: "subsidy", "loan"),
        AnyMeasure.guaranteeFee.known(as: "fee", "guarantee"),
        AnyMeasure(EmploymentSubsidy.self).known(as: "hiring"),
        AnyMeasure(SocialInsuranceDeferral.self).known(as: "social-insurance"),
        AnyMeasure(SmallScaleVAT.self).known(as: "vat"),
        AnyMeasure(SmallProfitCIT.self).known(as: "cit"),
        AnyMeasure(RDSuperDeduction.self).known(as: "rd"),
    ]

    /// The measure named `name`: its id, an alias or its Chinese title (`small-scale-vat`,
    /// `vat`, `小规模纳税人增值税及附加减免`), in any case, with `_` for `-`.
    ///
    /// - Throws: ``PolicyError/unknownMeasure(_:suggestion:)`` with the nearest id or alias.
    public static func measure(_ name: String) throws(PolicyError) -> AnyMeasure {
        let key = InputText.normalized(name).lowercased().replacingOccurrences(of: "_", with: "-")
        if let measure = all.first(where: { $0.id == key || $0.aliases.contains(key) || $0.titleZH == key }) { return measure }
        throw .unknownMeasure(name, suggestion: Suggestion.closest(to: key, among: all.flatMap { [$0.id] + $0.aliases }))
    }
}
