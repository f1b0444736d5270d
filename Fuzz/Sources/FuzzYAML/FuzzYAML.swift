import FuzzDriver
#if canImport(Glibc)
import Glibc
#endif
import PolicyModule

private let parameters = try! ParameterTable.bundled()

/// The YAML loaders: any text as a parameters file and as a scenario file, whose scenarios are
/// then run. Nothing may trap, overflow the stack, or expand without bound.
@_cdecl("LLVMFuzzerTestOneInput")  // the symbol libFuzzer's runtime links against
public func fuzzYAML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    if let table = try? ParameterTable(yaml: text) {
        _ = parameters.overriding(with: table).inEffect(on: try! Day(parsing: "2023-01-01"))
    }
    for scenario in (try? Scenario.parse(text, file: "fuzz.yaml")) ?? [] {
        _ = scenario.run(parameters: parameters)
    }
    return 0
}

/// libFuzzer, calling the function above with each input.
@main
enum FuzzYAMLMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzYAML(UnsafeRawPointer(data!), size) })
    }
}
