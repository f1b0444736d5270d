import DecimalModule
import FuzzDriver
#if canImport(Glibc)
import Glibc
#endif
import PolicyModule

/// `huiqi eval`'s evaluator: any text as an expression. Nothing may trap or overflow the stack;
/// while no division is rounded, rounding down and rounding up give the same value or the same
/// refusal.
@_cdecl("LLVMFuzzerTestOneInput")  // the symbol libFuzzer's runtime links against
public func fuzzEval(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    var down = Evaluator(divisionContext: .precision(34, rounding: .down))
    var up = Evaluator(divisionContext: .precision(34, rounding: .up))
    let low = try? down.evaluate(text)
    let high = try? up.evaluate(text)
    if !down.roundedDivision, !up.roundedDivision {
        precondition(low == high, "\(text.debugDescription): \(String(describing: low)) rounding down, \(String(describing: high)) rounding up")
    }
    return 0
}

/// libFuzzer, calling the function above with each input.
@main
enum FuzzEvalMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzEval(UnsafeRawPointer(data!), size) })
    }
}
