import FuzzDriver
#if canImport(Glibc)
import Glibc
#endif
import PolicyModule
import SpreadsheetModule

private let parameters = try! ParameterTable.bundled()
private let guarantee = try! MeasureRegistry.measure("guarantee-fee")

/// The spreadsheet readers: any bytes given as a batch input — a workbook (a ZIP of XML parts,
/// the seeds store them uncompressed so that the XML is mutated), or CSV in UTF-8 or GB18030 —
/// become rows for batch or one file error, never a trap; the same bytes forced through the
/// GB18030 decoder likewise.
@_cdecl("LLVMFuzzerTestOneInput")  // the symbol libFuzzer's runtime links against
public func fuzzWorkbook(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    if let input = try? BatchInput(bytes, name: "fuzz", limits: .init(partBytes: 1 << 24)) {
        _ = try? Batch(measure: guarantee, input: input.bytes, format: input.format, parameters: parameters, cellErrors: input.cellErrors)
            .rendered(.csv)
    }
    _ = try? TextEncoding.decode(bytes, name: "fuzz", forced: .gb18030)
    return 0
}

/// libFuzzer, calling the function above with each input.
@main
enum FuzzWorkbookMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzWorkbook(UnsafeRawPointer(data!), size) })
    }
}
