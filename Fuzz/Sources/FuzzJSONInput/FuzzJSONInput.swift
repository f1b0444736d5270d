import FuzzDriver
#if canImport(Glibc)
import Glibc
#endif
import PolicyModule

private let parameters = try! ParameterTable.bundled()

/// The JSON reader with every measure: any bytes are read as a JSON input and computed by each
/// of the fifteen measures. Nothing may trap, overflow the stack or run away; errors are fine.
@_cdecl("LLVMFuzzerTestOneInput")  // the symbol libFuzzer's runtime links against
public func fuzzJSONInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    guard let input = try? InputValue(json: bytes) else { return 0 }
    for measure in MeasureRegistry.all {
        _ = try? measure.calculate(input, parameters)
    }
    return 0
}

/// libFuzzer, calling the function above with each input.
@main
enum FuzzJSONInputMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzJSONInput(UnsafeRawPointer(data!), size) })
    }
}
