import DecimalModule
import Testing

@testable import PolicyModule

/// The guarantee fee's fixed-point kernel (`GuaranteeKernel`) against the general path, which
/// a batch read with `.generic` takes for every row.
@Suite struct GuaranteeKernelTests {
    let parameters = try! ParameterTable.bundled()
    let header = "guarantee_id,guarantor_id,amount,fee_rate,start_date,end_date,term_months,reference_rate\n"

    /// The batch of `text` read both ways: the same bytes out, rows and summary, and the same
    /// totals; the fast batch.
    func bothWays(_ text: String, parameters: ParameterTable, sourceLocation: SourceLocation = #_sourceLocation) throws -> Batch {
        let measure = try MeasureRegistry.measure(GuaranteeFee.id)
        let batches = try [Batch.Reading.fastest, .generic].map { reading in
            try Batch(measure: measure, input: Array(text.utf8), format: .csv, parameters: parameters, reading: reading)
        }
        let (fast, generic) = (batches[0], batches[1])
        #expect(String(decoding: fast.rendered(.csv), as: UTF8.self) == String(decoding: generic.rendered(.csv), as: UTF8.self), sourceLocation: sourceLocation)
        #expect(
            String(decoding: fast.renderedSummary(.csv), as: UTF8.self) == String(decoding: generic.renderedSummary(.csv), as: UTF8.self),
            sourceLocation: sourceLocation)
        #expect(fast.totals.map(\.total.description) == generic.totals.map(\.total.description), sourceLocation: sourceLocation)
        #expect(generic.rowsComputedInFixedPoint == 0, sourceLocation: sourceLocation)
        return fast
    }

    /// Hand-computed guarantees, one of each form, with their guarantor's summary.
    @Test func computesTheHandValues() throws {
        let text = header + """
            G1,GU1,1000000.00,1.2%,2023-03-01,,12,1.5%
            G2,GU1,1000000,0.012,2023-03-01,2023-06-09,,
            G3,GU1,1000000.0,1.2%,2023-01-31,2023-02-28,,
            G4,GU2,"2,000,000.00",0.8%,2022-12-31,,6,0.5%

            """
        let batch = try bothWays(text, parameters: parameters)
        #expect(batch.rowsComputedInFixedPoint == 4)
        let rows = outputRows(batch.rendered(.csv))
        func cells(_ row: [String: String]) -> [String] {
            ["balance_days", "whole_months", "fee", "saving", "above_ceiling", "reason"].map { row[$0]! }
        }
        // 1,000,000 × 12 × 365 ÷ 12; 1,000,000 × 1.2% × 12 ÷ 12; at 1.5%: 15,000.00.
        #expect(cells(rows[0]) == ["365000000.00", "12", "12000.00", "3000.00", "true", "above_ceiling"])
        // 100 days: 1,000,000 × 100 × 1.2% ÷ 365 = 3,287.671…
        #expect(cells(rows[1]) == ["100000000", "", "3287.67", "", "true", "above_ceiling"])
        // The last day of January to the last of February is one whole month: 28 days.
        #expect(cells(rows[2]) == ["28000000.0", "1", "1000.00", "", "true", "above_ceiling"])
        // Before 2023 no ceiling is in effect; the saving is negative at a lower reference rate.
        #expect(cells(rows[3]) == ["365000000.00", "6", "8000.00", "-3000.00", "", "no_ceiling_in_effect"])
        let summary = outputRows(batch.renderedSummary(.csv))
        // GU1's three guarantees are all at 1.2%, so their weighted average is too: above the
        // ceiling in effect on GU1's earliest start date. GU2 starts before any ceiling.
        #expect(summary.map { [$0["guarantor_id"]!, $0["guarantees"]!, $0["total_fee"]!, $0["average_fee_rate"]!, $0["compliant"]!] } == [
            ["GU1", "3", "16287.67", "0.012000", "false"], ["GU2", "1", "8000.00", "0.008000", ""],
        ])
    }

    /// Thousands of guarantees of every form and spelling — whole months, days, month ends,
    /// terms, reference rates, no ceiling, amounts of 0 to 4 decimals, rates of 7 decimals,
    /// errors — give the general path's bytes, and most go through the kernel.
    @Test func writesWhatTheGeneralPathWrites() throws {
        var random = Random(state: 15)
        var text = header
        var plain = 0
        for index in 0..<4_000 {
            let start = try Day(parsing: "2022-10-01").adding(days: random.next(0...500))
            let fen = random.next(1...2_000_000_000)
            var taken = true
            let amount: String
            switch random.next(1...6) {
            case 1: amount = "\(fen)"
            case 2: amount = "\(fen / 10).\(fen % 10)"
            case 3: amount = "¥\(fen / 100).\(String(fen % 100 + 100).dropFirst())"
            case 4: amount = "\"\(ExactDecimal(Int64(fen), exponent: -2).grouped)\""
            case 5: amount = "\(fen / 100).\(String(fen % 100 + 100).dropFirst())元"
            default:
                amount = "\(fen / 10_000).\(String(fen % 10_000 + 10_000).dropFirst())"
                taken = false
            }
            func rate() -> String {
                let millionths = random.next(0...30_000)
                return random.chance(50) ? "\(ExactDecimal(Int64(millionths), exponent: -4))%" : "\(ExactDecimal(Int64(millionths), exponent: -6))"
            }
            var feeRate = rate()
            if random.chance(3) {
                feeRate = "0.0123456"
                taken = false
            }
            var end = ""
            var term = ""
            switch random.next(1...10) {
            case 1...3: end = start.adding(days: random.next(1...1_500)).description
            case 4, 5:
                let months = random.next(1...40)
                let month = start.month - 1 + months
                if let day = Day(year: start.year + month / 12, month: month % 12 + 1, day: start.day) { end = day.description }
                else { end = start.adding(days: 30 * months).description }
            case 6:
                // From a month's last day to another's.
                let months = random.next(1...40)
                let month = start.month + months
                end = Day(year: start.year + month / 12, month: month % 12 + 1, day: 1)!.adding(days: -1).description
            case 7...9: term = String(random.next(1...60))
            default:
                taken = false
                switch random.next(1...3) {
                case 1: (end, term) = (start.adding(days: 90).description, "3")
                case 2: break
                default: end = start.adding(days: -random.next(0...5)).description
                }
            }
            let reference = random.chance(30) ? rate() : ""
            text += "G\(index),GU\(random.next(0...40)),\(amount),\(feeRate),\(start),\(end),\(term),\(reference)\n"
            if taken { plain += 1 }
        }
        let batch = try bothWays(text, parameters: parameters)
        #expect(batch.rowsComputedInFixedPoint == plain)
        #expect(batch.rowsFailed > 0 && batch.rowsOK > 3_000)
        #expect(plain > 2_500)
    }

    /// A ceiling without a fixed-point form (seven decimals) leaves the guarantees starting while
    /// it is in effect, and only them, to the general path; another day basis is the kernel's.
    @Test func parametersWithoutAFixedPointFormLeaveTheirDaysToTheGeneralPath() throws {
        let overrides = try ParameterTable(yaml: """
            guarantee.day_basis:
              - {value: "360", from: 2023-01-01, to: 2023-01-31, citation: "test"}
              - {value: "365", from: 2023-02-01, citation: "test"}
            guarantee.fee_rate_ceiling:
              - {value: "0.0123456", from: 2023-02-01, to: 2023-03-31, citation: "test"}

            """)
        let table = parameters.overriding(with: overrides)
        var text = header
        let first = try Day(parsing: "2022-12-20")
        let days = (0..<120).map { first.adding(days: $0) }  // to 2023-04-18
        for (index, day) in days.enumerated() { text += "G\(index),GU1,1000000.00,1%,\(day),\(day.adding(days: 100)),,0.8%\n" }
        let batch = try bothWays(text, parameters: table)
        let rows = outputRows(batch.rendered(.csv))
        let byDay = Dictionary(uniqueKeysWithValues: zip(days.map(\.description), rows))
        // The overrides lie over the bundled values: 365 days and no ceiling before 2023, the
        // 1% ceiling of 2023 outside February and March.
        #expect(byDay["2022-12-31"]?["reason"] == "no_ceiling_in_effect")
        #expect(byDay["2022-12-31"]?["fee"] == "2739.73")  // 1,000,000 × 100 × 1% ÷ 365
        #expect(byDay["2023-01-15"]?["fee"] == "2777.78")  // ÷ 360
        #expect(byDay["2023-02-15"]?["fee"] == "2739.73")
        #expect(byDay["2023-03-15"]?["above_ceiling"] == "false")
        #expect(byDay["2023-04-15"]?["reason"] == "within_ceiling")
        // February's 28 days and March's 31, and only they, take the general path.
        #expect(batch.rowsFailed == 0)
        #expect(batch.rowsComputedInFixedPoint == days.count - 28 - 31)
    }
}
