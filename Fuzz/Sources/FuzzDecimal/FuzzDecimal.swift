import FuzzDriver
#if canImport(Glibc)
import Glibc
#endif
import DecimalModule

/// Parsing and arithmetic invariants of `ExactDecimal`. The input is two decimals separated by
/// `|` and a scale digit after a second `|` (`60833.33|360|2`); any bytes are tried.
///
/// - parse ∘ format is the identity on coefficient and exponent (scientific and engineering);
/// - a + b − b == a, by value, whenever the operations succeed;
/// - the word-sized fast paths agree with the general path: the same sum, product and quotient
///   computed from operands scaled by 10^20 (so their coefficients leave 64 bits) has the same
///   value;
/// - equal values hash alike (`reduced()`).
@_cdecl("LLVMFuzzerTestOneInput")  // the symbol libFuzzer's runtime links against
public func fuzzDecimal(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let parts = bytes.split(separator: UInt8(ascii: "|"), maxSplits: 2, omittingEmptySubsequences: false)
    guard let a = parse(parts[0]) else { return 0 }
    check(a)
    guard parts.count > 1, let b = parse(parts[1]) else { return 0 }
    check(b)
    let scale = parts.count > 2 ? Int(parts[2].first ?? 0) % 12 : 2
    let big = ExactDecimal(1, exponent: 20)
    if let sum = try? a.adding(b) {
        if let back = try? sum.subtracting(b) { precondition(back == a, "\(a) + \(b) - \(b) = \(back)") }
        if let scaledA = try? a.multiplied(by: big), let scaledB = try? b.multiplied(by: big), let scaled = try? scaledA.adding(scaledB) {
            precondition(scaled == (try? sum.multiplied(by: big)), "sum of \(a) and \(b)")
        }
    }
    if let product = try? a.multiplied(by: b), let scaledA = try? a.multiplied(by: big), let scaled = try? scaledA.multiplied(by: b) {
        precondition(scaled == (try? product.multiplied(by: big)), "product of \(a) and \(b)")
    }
    if !b.isZero, let quotient = try? a.divided(by: b, .scale(scale, rounding: .halfUp)),
        let scaledA = try? a.multiplied(by: big), let scaledB = try? b.multiplied(by: big)
    {
        let general = try? scaledA.divided(by: scaledB, .scale(scale, rounding: .halfUp))
        precondition(general.map { $0 == quotient && $0.exponent == quotient.exponent } ?? true, "\(a) / \(b) at scale \(scale)")
    }
    return 0
}

private func parse(_ bytes: Slice<UnsafeRawBufferPointer>) -> ExactDecimal? {
    let buffer = UnsafeRawBufferPointer(rebasing: bytes).bindMemory(to: UInt8.self)
    return try? ExactDecimal(utf8: buffer)
}

private func check(_ value: ExactDecimal) {
    for text in [value.description, value.engineeringDescription] {
        guard let again = try? ExactDecimal(parsing: text) else { preconditionFailure("\(text) does not parse back") }
        precondition(again == value, "\(text) parses to another value")
    }
    let again = try? ExactDecimal(parsing: value.description)
    precondition(again?.exponent == value.exponent && again?.description == value.description, "\(value) changes in a round trip")
    let reduced = value.reduced()
    precondition(reduced == value && reduced.hashValue == value.hashValue, "\(value) and \(reduced) hash apart")
}

/// libFuzzer, calling the function above with each input.
@main
enum FuzzDecimalMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzDecimal(UnsafeRawPointer(data!), size) })
    }
}
