import FuzzDriver
#if canImport(Glibc)
import Glibc
#endif
import PolicyModule

private let parameters = try! ParameterTable.bundled()
private let guarantee = try! MeasureRegistry.measure("guarantee-fee")
/// The measures with a fixed-point kernel.
private let measures = try! ["interest-subsidy", "guarantee-fee", "small-scale-vat", "small-profit-cit", "rd-super-deduction"].map(MeasureRegistry.measure)

/// The batch readers and kernels. The bytes are a CSV of each measure with a fixed-point kernel,
/// read twice: by the fastest reader (the byte-level one and the kernel when the file allows it)
/// and by the generic one alone, on the general path; the two must give the same output or the
/// same file error. The same bytes are also a guarantee-fee JSONL file, which must not trap.
@_cdecl("LLVMFuzzerTestOneInput")  // the symbol libFuzzer's runtime links against
public func fuzzBatch(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    for measure in measures {
        let direct = outcome(bytes, measure, .fastest)
        let generic = outcome(bytes, measure, .generic)
        precondition(direct == generic, "the byte-level and generic readers disagree:\n\(direct)\n---\n\(generic)")
    }
    _ = try? Batch(measure: guarantee, input: bytes, format: .jsonl, parameters: parameters).rendered(.jsonl)
    return 0
}

/// The rendered rows, or the file error.
private func outcome(_ bytes: [UInt8], _ measure: AnyMeasure, _ reading: Batch.Reading) -> String {
    do {
        let batch = try Batch(measure: measure, input: bytes, format: .csv, parameters: parameters, reading: reading)
        return String(decoding: batch.rendered(.csv) + batch.renderedSummary(.csv), as: UTF8.self)
    } catch {
        return "error: \(error)"
    }
}

/// libFuzzer, calling the function above with each input.
@main
enum FuzzBatchMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzBatch(UnsafeRawPointer(data!), size) })
    }
}
