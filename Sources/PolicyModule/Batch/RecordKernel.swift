import DecimalModule

/// A measure's fixed-point kernel over plainly written CSV records: the guarantee fee's
/// (``GuaranteeKernel``), the small-scale VAT's (``SmallScaleVATKernel``), the small low-profit
/// enterprise income tax's (``SmallProfitCITKernel``) and the R&D super-deduction's
/// (``RDSuperDeductionKernel``).
///
/// A kernel is a shortcut only. A record it does not take gives nil, and the batch reads it with
/// ``RecordDecoder`` or the generic reader, which compute it exactly or word its error; the cells
/// a kernel writes are the bytes the general path writes (the tests compare them).
enum RecordKernel: Sendable {
    case guaranteeFee(GuaranteeKernel)
    case smallScaleVAT(SmallScaleVATKernel)
    case smallProfitCIT(SmallProfitCITKernel)
    case rdSuperDeduction(RDSuperDeductionKernel)

    /// The kernel of `measure` for a file whose columns hold `columns` (a field name each, empty
    /// for a column no field has); nil when the measure has none or a required column is missing.
    init?(measure: AnyMeasure, columns: [String], parameters: ParameterTable) {
        switch measure.id {
        case GuaranteeFee.id: guard let kernel = GuaranteeKernel(columns: columns, parameters: parameters) else { return nil }
            self = .guaranteeFee(kernel)
        case SmallScaleVAT.id: guard let kernel = SmallScaleVATKernel(columns: columns, parameters: parameters) else { return nil }
            self = .smallScaleVAT(kernel)
        case SmallProfitCIT.id: guard let kernel = SmallProfitCITKernel(columns: columns, parameters: parameters) else { return nil }
            self = .smallProfitCIT(kernel)
        case RDSuperDeduction.id: guard let kernel = RDSuperDeductionKernel(columns: columns, parameters: parameters) else { return nil }
            self = .rdSuperDeduction(kernel)
        default: return nil
        }
    }

    /// The record computed, its output cells written to `arena`, and (the guarantee fee's) its
    /// share of its guarantor's summary; nil, with nothing written, when the kernel does not
    /// take it.
    func row(_ bytes: UnsafeBufferPointer<UInt8>, _ record: CSVDocument.Record, into arena: CellArena) -> (cells: CellRow, share: GuaranteeFee.Share?)? {
        guard !record.fields.contains(where: \.escaped) else { return nil }
        let cells = RecordCells(bytes: bytes, record: record)
        switch self {
        case .guaranteeFee(let kernel): return kernel.row(cells, into: arena).map { ($0.cells, $0.share) }
        case .smallScaleVAT(let kernel): return kernel.row(cells, into: arena).map { ($0, nil) }
        case .smallProfitCIT(let kernel): return kernel.row(cells, into: arena).map { ($0, nil) }
        case .rdSuperDeduction(let kernel): return kernel.row(cells, into: arena).map { ($0, nil) }
        }
    }
}

/// The cells of one record without doubled quotes, as a kernel reads them: each value as the
/// byte-level readers read it (``LoanReader``, ``PlainValue``), full-width forms made ASCII.
struct RecordCells {
    let bytes: UnsafeBufferPointer<UInt8>
    let record: CSVDocument.Record

    /// The cell of `column`; nil when there is no such column or the cell is empty.
    func cell(_ column: Int?) -> UnsafeBufferPointer<UInt8>? {
        guard let column, column < record.count else { return nil }
        let range = record.fields[column].range
        return range.isEmpty ? nil : UnsafeBufferPointer(rebasing: bytes[range])
    }

    /// The value `read` reads in the cell of `column`; nil when the cell is absent or `read`
    /// does not read it.
    func value<T>(_ column: Int?, _ read: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        cell(column).flatMap { LoanReader.narrowing($0, read) }
    }

    /// A yes-or-no as ``PlainValue/flag(_:)`` reads it; `absent` when the cell is; nil for
    /// anything else.
    func flag(_ column: Int?, absent: Bool) -> Bool? {
        guard let written = cell(column) else { return absent }
        return LoanReader.narrowing(written, PlainValue.flag)
    }

    /// An amount of at most two decimals, below 10^10 yuan, in fen; `absent` when the cell is;
    /// nil for anything else (with the bound, a kernel's sums and products of rates fit in 64 bits).
    func fen(_ column: Int?, absent: Int64? = nil) -> Int64? {
        guard let written = cell(column) else { return absent }
        return LoanReader.narrowing(written, LoanReader.amount).flatMap(FixedPoint.fen)
    }
}

/// Integer arithmetic of the record kernels: amounts in fen, rates in millionths.
enum FixedPoint {
    /// Amounts a kernel takes are below this many fen (10^10 yuan).
    static let fenBound: Int64 = 1_000_000_000_000

    /// An amount as ``LoanReader/amount(_:)`` reads it, in fen, when it has at most two decimals
    /// and is below ``fenBound``.
    static func fen(_ amount: (value: Int64, decimals: Int)) -> Int64? {
        guard amount.decimals <= 2 else { return nil }
        let (fen, overflow) = amount.value.multipliedReportingOverflow(by: amount.decimals == 0 ? 100 : (amount.decimals == 1 ? 10 : 1))
        return !overflow && fen < fenBound ? fen : nil
    }

    /// A parameter's amount in fen, when it has at most two decimals and is from 0 to below
    /// ``fenBound``.
    static func fen(_ value: ExactDecimal?) -> Int64? {
        guard let fen = value?.int64Value(scale: 2), (0..<fenBound).contains(fen) else { return nil }
        return fen
    }

    /// round_half_up(n / d) for n ≥ 0 and d > 0.
    @inline(__always)
    static func halfUp(_ n: Int64, over d: Int64) -> Int64 {
        let (quotient, remainder) = n.quotientAndRemainder(dividingBy: d)
        return quotient + (remainder >= d - remainder ? 1 : 0)  // 2r ≥ d
    }

    /// `fen × rate` rounded half up to the fen, for a rate in millionths (0…10^6) and an amount
    /// below ``fenBound`` times a few: what `(amount × rate).round2()` gives.
    @inline(__always)
    static func times(_ fen: Int64, _ millionths: Int64) -> Int64 { halfUp(fen * millionths, over: 1_000_000) }

    /// A rate parameter in millionths, when it has at most six decimals and is from 0 to 1.
    static func millionths(_ value: ExactDecimal?) -> Int64? {
        guard let rate = value?.int64Value(scale: 6), (0...1_000_000).contains(rate) else { return nil }
        return rate
    }
}
