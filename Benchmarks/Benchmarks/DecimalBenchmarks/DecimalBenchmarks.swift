import Benchmark
import DecimalModule

// Operations on inline (64-bit) and 40-digit values, and the interest-subsidy kernel
// round_half_up(principal × 0.02 × days / 360, 2) over 1,000,000 generated loans, written once
// with ExactDecimal and once with plain Int64 fixed point (fen), measured in the same run.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(3),
        maxIterations: 1_000_000)

    let inline = OperandPairs(digits: 9)
    let wide = OperandPairs(digits: 40)
    let inlineToRound = OperandPairs(digits: 9, decimals: 4)
    let wideToRound = OperandPairs(digits: 40, decimals: 4)
    let perOperation = Benchmark.Configuration(scalingFactor: .kilo)
    let money = DecimalContext.scale(2, rounding: .halfUp)
    let thirtyFourDigits = DecimalContext.precision(34)
    let nineDigits = DecimalContext.precision(9)

    let mixedScales = OperandPairs(digits: 9, decimals: 2, rightDecimals: 4)
    Benchmark("add inline, different scales", configuration: perOperation) { benchmark in
        for index in benchmark.scaledIterations { blackHole(mixedScales.left(index) + mixedScales.right(index)) }
    }

    for (label, pairs, toRound) in [("inline", inline, inlineToRound), ("40-digit", wide, wideToRound)] {
        Benchmark("add \(label)", configuration: perOperation) { benchmark in
            for index in benchmark.scaledIterations { blackHole(pairs.left(index) + pairs.right(index)) }
        }
        Benchmark("multiply \(label)", configuration: perOperation) { benchmark in
            for index in benchmark.scaledIterations { blackHole(pairs.left(index) * pairs.right(index)) }
        }
        Benchmark("divide \(label) to scale 2", configuration: perOperation) { benchmark in
            for index in benchmark.scaledIterations {
                blackHole(try pairs.left(index).divided(by: pairs.right(index), money))
            }
        }
        Benchmark("divide \(label) to 9 digits", configuration: perOperation) { benchmark in
            for index in benchmark.scaledIterations {
                blackHole(try pairs.left(index).divided(by: pairs.right(index), nineDigits))
            }
        }
        Benchmark("divide \(label) to 34 digits", configuration: perOperation) { benchmark in
            for index in benchmark.scaledIterations {
                blackHole(try pairs.left(index).divided(by: pairs.right(index), thirtyFourDigits))
            }
        }
        Benchmark("quantize \(label) to scale 2", configuration: perOperation) { benchmark in
            for index in benchmark.scaledIterations { blackHole(try toRound.left(index).rounded(money)) }
        }
    }

    let loans = LoanBook(count: 1_000_000)
    precondition(loans.decimalKernel() == loans.int64Kernel(), "the kernels must agree")
    precondition(loans.decimalKernel() == loans.int64KernelRuntimeDivisor(), "the kernels must agree")
    let kernel = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(10))
    Benchmark("kernel 1M loans ExactDecimal", configuration: kernel) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(loans.decimalKernel()) }
    }
    Benchmark("kernel 1M loans Int64 fixed point", configuration: kernel) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(loans.int64Kernel()) }
    }
    Benchmark("kernel 1M loans Int64 fixed point, runtime divisor", configuration: kernel) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(loans.int64KernelRuntimeDivisor()) }
    }
}

/// A deterministic generator (SplitMix64), so every run measures the same values.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(in range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
}

/// 1,024 pairs of non-zero operands with `digits` significant digits, `decimals` decimals on the
/// left and `rightDecimals` (by default the same) on the right.
struct OperandPairs: Sendable {
    let lefts: [ExactDecimal]
    let rights: [ExactDecimal]

    init(digits: Int, decimals: Int = 2, rightDecimals: Int? = nil) {
        var random = SplitMix64(state: UInt64(digits))
        func operand(_ decimals: Int) -> ExactDecimal {
            var text = String(random.next(in: 1...9))
            for _ in 1..<digits { text += String(random.next(in: 0...9)) }
            return try! ExactDecimal(parsing: text + "E-\(decimals)")
        }
        lefts = (0..<1_024).map { _ in operand(decimals) }
        rights = (0..<1_024).map { _ in operand(rightDecimals ?? decimals) }
    }

    func left(_ index: Int) -> ExactDecimal { lefts[index & 1_023] }
    func right(_ index: Int) -> ExactDecimal { rights[index & 1_023] }
}

/// Loans of 10,000.00 to 10,000,000.00 yuan over 1 to 365 days: principals as decimals (and as
/// Int64 fen for the fixed-point kernel), day counts as integers, which is what date arithmetic
/// gives the policy engine.
struct LoanBook: Sendable {
    let principals: [ExactDecimal]
    let principalFen: [Int64]
    let days: [Int]
    /// 360 days × 100 fen, held where the compiler cannot fold it into the loop.
    let dayBasisFen: Int64

    init(count: Int) {
        dayBasisFen = Int64(CommandLine.arguments.count > 1_000 ? 0 : 36_000)
        var random = SplitMix64(state: 2023)
        principalFen = (0..<count).map { _ in random.next(in: 1_000_000...1_000_000_000) }
        days = (0..<count).map { _ in Int(random.next(in: 1...365)) }
        principals = principalFen.map { ExactDecimal($0, exponent: -2) }
    }

    /// Σ round_half_up(principal × 0.02 × days / 360, 2), with the public decimal API.
    func decimalKernel() -> ExactDecimal {
        let rate = ExactDecimal(2, exponent: -2)
        let dayBasis: ExactDecimal = 360
        let money = DecimalContext.scale(2, rounding: .halfUp)
        var total: ExactDecimal = 0
        for index in principals.indices {
            total += try! (principals[index] * rate * ExactDecimal(days[index])).divided(by: dayBasis, money)
        }
        return total
    }

    /// The same sum in Int64 fen: principal_fen × 2 × days / 36,000, rounded half up.
    func int64Kernel() -> ExactDecimal {
        var total: Int64 = 0
        for index in principalFen.indices {
            total &+= (principalFen[index] * 2 * Int64(days[index]) + 18_000) / 36_000
        }
        return ExactDecimal(total, exponent: -2)
    }

    /// The same sum with the divisor as a runtime value: a hardware division per loan, as the
    /// decimal kernel does, instead of the constant divisor's multiply-and-shift.
    func int64KernelRuntimeDivisor() -> ExactDecimal {
        var total: Int64 = 0
        let half = dayBasisFen / 2
        for index in principalFen.indices {
            total &+= (principalFen[index] * 2 * Int64(days[index]) + half) / dayBasisFen
        }
        return ExactDecimal(total, exponent: -2)
    }
}
