import Benchmark
import DecimalModule
import Foundation
import PolicyModule

// (a) the interest-subsidy kernel over 1,000,000 loans held in memory, one core;
// (b) the batch end to end, in process: a 1,000,000-row CSV from Scripts/generate_loans.py read,
//     computed and written to CSV bytes (as `huiqi batch` does, less the file system);
// (c) below: LoanBook, the per-record API, over the same loans;
// (d) below: every other core measure's batch over 200,000 records of Scripts/generate_records.py.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10))
    let parameters = try! ParameterTable.bundled()

    let columns = LoanColumnsGenerator.columns(count: 1_000_000)
    Benchmark("subsidy kernel, 1M loans in memory, one core") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(columns.subsidiesComputed(parameters: parameters)) }
    }

    let csv = LoanColumnsGenerator.csv(count: 1_000_000)
    let measure = try! MeasureRegistry.measure(InterestSubsidy.id)
    Benchmark("batch interest-subsidy, 1M-row CSV, end to end") { benchmark in
        for _ in benchmark.scaledIterations {
            let batch = try! Batch(measure: measure, input: csv, format: .csv, parameters: parameters)
            blackHole(batch.rendered(.csv))
        }
    }

    // Inputs that were quadratic (docs/RELIABILITY.md row 14), each at two sizes: linear time
    // shows as twice the time for twice the size.
    for count in [25_000, 50_000] {
        let json = Array(("{" + (0..<count).map { #""k\#($0)": "\#($0)""# }.joined(separator: ",") + "}").utf8)
        Benchmark("input: a JSON record of \(count) keys") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try! InputValue(json: json)) }
        }
        let extra = (0..<count).map { "c\($0)_id" }  // id columns: kept, not refused as unknown
        let row = Array(((["tax_year", "taxable_income", "employees", "total_assets"] + extra).joined(separator: ",") + "\n"
            + (["2023", "2800000", "50", "10000000"] + extra).joined(separator: ",") + "\n").utf8)
        let cit = try! MeasureRegistry.measure(SmallProfitCIT.id)
        Benchmark("input: a CSV row of \(count) columns") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try! Batch(measure: cit, input: row, format: .csv, parameters: parameters)) }
        }
        let loans = (0..<count).map { index in
            InterestSubsidy.Loan(
                enterpriseID: "E1", loanID: "L\(index)", principal: 100_000, annualRate: Rate(ExactDecimal(3, exponent: -2)),
                drawdownDate: try! Day(parsing: "2022-11-01"), endDate: try! Day(parsing: "2023-11-01"),
                guaranteedByFund: true, firstInclusiveLoan: true, lenderInShanghai: true)
        }
        let result = try! InterestSubsidy.calculate(InterestSubsidy.Input(loans: loans), parameters: parameters, explaining: false)
        Benchmark("input: the result of \(count) loans encoded") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try! JSONValue(encoding: result)) }
        }
    }

    // (c) the per-record Swift API on the same 1,000,000 loans, held as the bank's structs
    //     (InterestSubsidy.Loan), explanations off: one outcome per loan.
    let loans = LoanColumnsGenerator.loans(csv)
    Benchmark("LoanBook (per-record API), 1M loans in memory, explanations off") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! LoanBook(loans: loans, parameters: parameters)) }
    }

    // (d) the batch end to end, in process, for the other core measures: 200,000 records in the
    //     mixed spellings of Scripts/generate_records.py read, computed and written to CSV bytes.
    for id in [GuaranteeFee.id, SmallScaleVAT.id, SmallProfitCIT.id, RDSuperDeduction.id] {
        let records = RecordsGenerator.csv(measure: id, count: 200_000)
        let measure = try! MeasureRegistry.measure(id)
        Benchmark("batch \(id), 200k-row CSV, end to end") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try! Batch(measure: measure, input: records, format: .csv, parameters: parameters).rendered(.csv))
            }
        }
    }
}

enum RecordsGenerator {
    /// `count` records of `measure` as Scripts/generate_records.py writes them (a fixed seed).
    static func csv(measure: String, count: Int) -> [UInt8] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/generate_records.py")
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", script.path, measure, String(count)]
        let pipe = Pipe()
        generator.standardOutput = pipe
        try! generator.run()
        let bytes = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
        generator.waitUntilExit()
        return bytes
    }
}

enum LoanColumnsGenerator {
    /// Loans like Scripts/generate_loans.py's (10,000.00 to 10,000,000.00 yuan, 1.5% to 6%,
    /// drawdowns over 2022-09 to 2023-01, 30 to 730 days), from a fixed seed.
    static func columns(count: Int) -> SubsidyColumns {
        var state: UInt64 = 20231
        func next(_ range: ClosedRange<Int64>) -> Int64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return range.lowerBound + Int64((z ^ (z >> 31)) % UInt64(range.upperBound - range.lowerBound + 1))
        }
        let start = try! Day(parsing: "2022-09-01")
        let drawdown = (0..<count).map { _ in start.adding(days: Int(next(0...150))) }
        return SubsidyColumns(
            principalFen: (0..<count).map { _ in next(1_000_000...1_000_000_000) },
            rateMillionths: (0..<count).map { _ in next(150...600) * 100 },
            drawdown: drawdown, end: drawdown.map { $0.adding(days: Int(next(30...730))) },
            eligibilityFacts: (0..<count).map { _ in next(1...100) > 9 })
    }

    /// The loans of `csv` (Scripts/generate_loans.py's columns, no quotes) as typed loans.
    static func loans(_ csv: [UInt8]) -> [InterestSubsidy.Loan] {
        String(decoding: csv, as: UTF8.self).split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return InterestSubsidy.Loan(
                enterpriseID: cells[0], loanID: cells[1], principal: try! ExactDecimal(parsing: cells[2]),
                annualRate: try! Rate(parsing: cells[3]), drawdownDate: try! Day(parsing: cells[4]), endDate: try! Day(parsing: cells[5]),
                guaranteedByFund: cells[6] == "true", firstInclusiveLoan: cells[7] == "true", lenderInShanghai: cells[8] == "true")
        }
    }

    /// The CSV of Scripts/generate_loans.py, run from the repository.
    static func csv(count: Int) -> [UInt8] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts/generate_loans.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, String(count)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try! process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }
}
