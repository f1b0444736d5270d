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
    let perOperation = Benchmark.Configuration(scalingFactor: .kilo)
    let money = DecimalContext.scale(2, rounding: .halfUp)
    let fourDigits = DecimalContext.precision(34)

    for (label, pairs) in [("inline", inline), ("40-digit", wide)] {
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
        Benchmark("divide \(label) to 34 digits", configuration: perOperation) { benchmark in
            for index in benchmark.scaledIterations {
                blackHole(try pairs.left(index).divided(by: pairs.right(index), fourDigits))
            }
        }
        Benchmark("quantize \(label) to scale 2", configuration: perOperation) { benchmark in
            for index in benchmark.scaledIterations { blackHole(try pairs.left(index).rounded(money)) }
        }
    }

    let loans = LoanBook(count: 1_000_000)
    precondition(loans.decimalKernel() == loans.int64Kernel(), "the two kernels must agree")
    let kernel = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(10))
    Benchmark("kernel 1M loans ExactDecimal", configuration: kernel) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(loans.decimalKernel()) }
    }
    Benchmark("kernel 1M loans Int64 fixed point", configuration: kernel) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(loans.int64Kernel()) }
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

/// 1,024 pairs of non-zero operands with `digits` significant digits and 2 decimals.
struct OperandPairs: Sendable {
    let lefts: [ExactDecimal]
    let rights: [ExactDecimal]

    init(digits: Int) {
        var random = SplitMix64(state: UInt64(digits))
        func operand() -> ExactDecimal {
            var text = String(random.next(in: 1...9))
            for _ in 1..<digits { text += String(random.next(in: 0...9)) }
            return try! ExactDecimal(parsing: text + "E-2")
        }
        lefts = (0..<1_024).map { _ in operand() }
        rights = (0..<1_024).map { _ in operand() }
    }

    func left(_ index: Int) -> ExactDecimal { lefts[index & 1_023] }
    func right(_ index: Int) -> ExactDecimal { rights[index & 1_023] }
}

/// Loans of 10,000.00 to 10,000,000.00 yuan over 1 to 365 days, as decimals and as Int64 fen.
struct LoanBook: Sendable {
    let principals: [ExactDecimal]
    let days: [ExactDecimal]
    let principalFen: [Int64]
    let dayCounts: [Int64]

    init(count: Int) {
        var random = SplitMix64(state: 2023)
        principalFen = (0..<count).map { _ in random.next(in: 1_000_000...1_000_000_000) }
        dayCounts = (0..<count).map { _ in random.next(in: 1...365) }
        principals = principalFen.map { ExactDecimal($0, exponent: -2) }
        days = dayCounts.map { ExactDecimal($0) }
    }

    /// Σ round_half_up(principal × 0.02 × days / 360, 2), with the public decimal API.
    func decimalKernel() -> ExactDecimal {
        let rate = ExactDecimal(2, exponent: -2)
        let dayBasis: ExactDecimal = 360
        let money = DecimalContext.scale(2, rounding: .halfUp)
        var total: ExactDecimal = 0
        for index in principals.indices {
            total += try! (principals[index] * rate * days[index]).divided(by: dayBasis, money)
        }
        return total
    }

    /// The same sum in Int64 fen: principal_fen × 2 × days / 36,000, rounded half up.
    func int64Kernel() -> ExactDecimal {
        var total: Int64 = 0
        for index in principalFen.indices {
            total &+= (principalFen[index] * 2 * dayCounts[index] + 18_000) / 36_000
        }
        return ExactDecimal(total, exponent: -2)
    }
}
