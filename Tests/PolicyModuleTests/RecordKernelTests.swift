import DecimalModule
import Testing

@testable import PolicyModule

/// The batch of `text` read both ways: the same bytes out, rows and summary, and the same
/// totals, with `kernelRows` rows computed by the measure's kernel; the fast batch.
func bothWays(
    _ text: String, measure id: String, parameters: ParameterTable, kernelRows: Int, sourceLocation: SourceLocation = #_sourceLocation
) throws -> Batch {
    let measure = try MeasureRegistry.measure(id)
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
    #expect(fast.rowsComputedInFixedPoint == kernelRows, sourceLocation: sourceLocation)
    return fast
}

/// The guarantee fee's fixed-point kernel (`GuaranteeKernel`) against the general path, which
/// a batch read with `.generic` takes for every row.
@Suite struct GuaranteeKernelTests {
    let parameters = try! ParameterTable.bundled()
    let header = "guarantee_id,guarantor_id,amount,fee_rate,start_date,end_date,term_months,reference_rate\n"

    /// Hand-computed guarantees, one of each form, with their guarantor's summary.
    @Test func computesTheHandValues() throws {
        let text = header + """
            G1,GU1,1000000.00,1.2%,2023-03-01,,12,1.5%
            G2,GU1,1000000,0.012,2023-03-01,2023-06-09,,
            G3,GU1,1000000.0,1.2%,2023-01-31,2023-02-28,,
            G4,GU2,"2,000,000.00",0.8%,2022-12-31,,6,0.5%

            """
        let batch = try bothWays(text, measure: GuaranteeFee.id, parameters: parameters, kernelRows: 4)
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
        let batch = try bothWays(text, measure: GuaranteeFee.id, parameters: parameters, kernelRows: plain)
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
        // February's 28 days and March's 31, and only they, take the general path.
        let batch = try bothWays(text, measure: GuaranteeFee.id, parameters: table, kernelRows: days.count - 28 - 31)
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
        #expect(batch.rowsFailed == 0)
    }
}

/// The small-scale VAT's fixed-point kernel (`SmallScaleVATKernel`) against the general path.
@Suite struct SmallScaleVATKernelTests {
    let parameters = try! ParameterTable.bundled()
    let header = "period_type,period_start,sales_3pct,special_invoice_3pct,sales_5pct,real_estate_sales,prices_include_tax,location,month_sales_3pct\n"
    let results = ["threshold", "exempt", "reason", "vat", "vat_statutory", "vat_relief", "urban_maintenance_due", "education_due",
        "local_education_due", "surtax_due", "surtax_relief"]

    /// Hand-computed periods: above the threshold, within it with special invoices, tax included,
    /// real estate, and 2022's special invoices at 3% when the rest was exempt.
    @Test func computesTheHandValues() throws {
        let text = header + """
            month,2023-05-01,150000.00,,,,,,
            quarter,2023/4/1,280000,80000,,,否,other,
            month,20230701,202000.00,,,,是,county,
            month,2023-03-01,50000,,1000000,1000000,false,,
            month,2022-06-01,200000,50000,,,0,urban,

            """
        let batch = try bothWays(text, measure: SmallScaleVAT.id, parameters: parameters, kernelRows: 5)
        let rows = outputRows(batch.rendered(.csv)).map { row in results.map { row[$0]! } }
        // 150,000 × 1%; × 3% statutory; surtaxes 7%, 3%, 2% of 1,500 halved.
        #expect(rows[0] == ["100000", "false", "above_threshold", "1500.00", "4500.00", "3000.00", "52.50", "22.50", "15.00", "90.00", "90.00"])
        // Within 300,000: only the special invoices, 80,000 × 1%; the education surcharges exempt.
        #expect(rows[1] == ["300000", "true", "within_threshold", "800.00", "8400.00", "7600.00", "4.00", "0.00", "0.00", "4.00", "44.00"])
        // 202,000 ÷ 1.01 = 200,000 tax-exclusive.
        #expect(rows[2] == ["100000", "false", "above_threshold", "2000.00", "6000.00", "4000.00", "50.00", "30.00", "20.00", "100.00", "100.00"])
        // Within the threshold but for the real estate, taxed at 5%.
        #expect(rows[3] == ["100000", "true", "within_threshold_except_real_estate", "50000.00", "51500.00", "1500.00", "1750.00", "750.00", "500.00", "3000.00", "3000.00"])
        // April–December 2022: 0% but 3% on special invoices; the 3% items count as exempt.
        #expect(rows[4] == ["150000", "true", "above_threshold", "1500.00", "6000.00", "4500.00", "52.50", "22.50", "15.00", "90.00", "90.00"])
    }

    /// Thousands of periods of every kind and spelling, 2019 to 2025 — months and quarters,
    /// tax-inclusive amounts, special invoices, real estate, locations, month-by-month sales, the
    /// quarter whose rate changes (2020-Q1), errors — give the general path's bytes.
    @Test func writesWhatTheGeneralPathWrites() throws {
        var random = Random(state: 22)
        var text = header
        var plain = 0
        for _ in 0..<4_000 {
            var taken = true
            let quarterly = random.chance(50)
            var month = quarterly ? random.pick([1, 4, 7, 10]) : random.next(1...12)
            let year = random.next(2019...2025)
            var day = 1
            switch random.next(1...40) {
            case 1: day = 15
            case 2 where quarterly: month = 2
            default: break
            }
            if quarterly, year == 2020, month == 1 { taken = false }  // the rate changes on 2020-03-01
            if day != 1 || (quarterly && month == 2) { taken = false }
            let start = Day(year: year, month: month, day: day)!
            let startText = random.pick([start.description, "\(year)/\(month)/\(day)", "\(year)\(String(month + 100).dropFirst())\(String(day + 100).dropFirst())"])
            func amount(_ fen: Int) -> String {
                switch random.next(1...8) {
                case 1: return "\(fen / 100)"
                case 2: return "\"\(ExactDecimal(Int64(fen), exponent: -2).grouped)\""
                case 3: return "¥\(ExactDecimal(Int64(fen), exponent: -2))"
                case 4:
                    taken = false
                    return "\(fen).001"
                default: return "\(ExactDecimal(Int64(fen), exponent: -2))"
                }
            }
            let sales = random.next(0...60_000_000)
            var special = ""
            if random.chance(30) {
                let part = random.chance(5) ? sales + 100 : random.next(0...sales)  // a yuan more: above it however spelled
                if part > sales { taken = false }
                special = amount(part)
            }
            var sales5 = ""
            var realEstate = ""
            if random.chance(20) {
                let five = random.next(0...200_000_000)
                sales5 = amount(five)
                if random.chance(50) { realEstate = amount(random.next(0...five)) }
            }
            let includesTax = random.pick(["", "true", "false", "1", "0", "是", "否", "yes"])
            var location = random.pick(["", "urban", "county", "other"])
            if random.chance(3) {
                location = "Urban"
                taken = false
            }
            var months = ""
            if random.chance(3) {
                months = "\(sales);0;0"
                taken = false
            }
            text += "\(quarterly ? "quarter" : "month"),\(startText),\(amount(sales)),\(special),\(sales5),\(realEstate),\(includesTax),\(location),\(months)\n"
            if taken { plain += 1 }
        }
        let batch = try bothWays(text, measure: SmallScaleVAT.id, parameters: parameters, kernelRows: plain)
        #expect(batch.rowsFailed > 0 && batch.rowsOK > 3_000)
        #expect(plain > 2_500)
    }

    /// The rules of a period are those of its own months: a quarter is taken only when the rates
    /// of its three months agree, whichever month a parameter changes in.
    @Test func aQuarterIsTakenOnlyWhenItsMonthsRatesAgree() throws {
        let overrides = try ParameterTable(yaml: """
            vat.small_scale.rate_3pct_items:
              - {value: "0.02", from: 2026-02-15, to: 2026-06-30, citation: "test"}
            vat.small_scale.special_invoice_rate_3pct:
              - {value: "0.02", from: 2026-02-15, to: 2026-06-30, citation: "test"}

            """)
        let table = parameters.overriding(with: overrides)
        var text = header
        for month in 1...12 { text += "month,2026-\(month)-1,200000,50000,,,,,\n" }
        for month in [1, 4, 7, 10] { text += "quarter,2026-\(month)-1,400000,100000,,,,,\n" }
        let batch = try bothWays(text, measure: SmallScaleVAT.id, parameters: table, kernelRows: 15)
        let rows = outputRows(batch.rendered(.csv))
        // February starts at 1%; March to June are at 2%.
        #expect(rows[1]["vat"] == "2000.00" && rows[2]["vat"] == "4000.00" && rows[5]["vat"] == "4000.00" && rows[6]["vat"] == "2000.00")
        // The first quarter's rates change within it (the general path asks for its months);
        // the second's are 2% throughout.
        #expect(rows[12]["status"] == "error" && rows[13]["vat"] == "8000.00")
    }
}

/// The small low-profit enterprise income tax's and the R&D super-deduction's kernels
/// (`SmallProfitCITKernel`, `RDSuperDeductionKernel`) against the general path.
@Suite struct TaxKernelTests {
    let parameters = try! ParameterTable.bundled()

    /// Hand-computed tax years: each test of eligibility in its order, the two bands, a
    /// high-tech enterprise's lower tax, 2022's bands.
    @Test func computesTheIncomeTaxesHandValues() throws {
        let text = """
            tax_year,taxable_income,employees,total_assets,restricted_industry,high_tech
            2023,2000000.00,100,"30,000,000",,
            2023,2000000,100,30000000,是,
            2023,3000000.01,100,30000000,false,
            2023,2000000,300.5,30000000,,
            2023,2000000,300,50000000.01,,
            2023,0,1,1,,
            2022,2000000,100,30000000,0,
            2023,120000,10,1000000,,true

            """
        let batch = try bothWays(text, measure: SmallProfitCIT.id, parameters: parameters, kernelRows: 8)
        let rows = outputRows(batch.rendered(.csv)).map { row in ["eligible", "reason", "standard_tax", "tax_due", "relief"].map { row[$0]! } }
        // 2,000,000 × 25% = 500,000; 1,000,000 × 5% + 1,000,000 × 5% = 100,000.
        #expect(rows[0] == ["true", "eligible", "500000.00", "100000.00", "400000.00"])
        #expect(rows[1] == ["false", "restricted_industry", "500000.00", "500000.00", "0.00"])
        #expect(rows[2] == ["false", "income_over_limit", "750000.00", "750000.00", "0.00"])  // 3,000,000.01 × 25% = 750,000.0025
        #expect(rows[3] == ["false", "employees_over_limit", "500000.00", "500000.00", "0.00"])
        #expect(rows[4] == ["false", "assets_over_limit", "500000.00", "500000.00", "0.00"])
        #expect(rows[5] == ["false", "no_taxable_income", "0.00", "0.00", "0.00"])
        // 2022: 1,000,000 × 2.5% + 1,000,000 × 5%.
        #expect(rows[6] == ["true", "eligible", "500000.00", "75000.00", "425000.00"])
        // High-tech: 120,000 × 15% = 18,000 against 120,000 × 5% = 6,000.
        #expect(rows[7] == ["true", "eligible", "18000.00", "6000.00", "12000.00"])
        // With a high-tech rate below the bands' (an override), the lower is the statutory tax.
        let lower = parameters.overriding(with: try ParameterTable(yaml: """
            cit.high_tech_rate:
              - {value: "0.04", from: 2023-01-01, citation: "test"}

            """))
        let highTech = try bothWays(text, measure: SmallProfitCIT.id, parameters: lower, kernelRows: 8)
        #expect(outputRows(highTech.rendered(.csv))[7]["tax_due"] == "4800.00")  // 120,000 × 4%, not 6,000
    }

    /// Hand-computed R&D: each category's ratio of 2023, 2022's 75%, and the tax saved.
    @Test func computesTheSuperDeductionsHandValues() throws {
        let text = """
            tax_year,category,expensed_rd,cit_rate,q4_method,intangible_cost
            2023,general,1000000.00,25%,,
            2023,ic_or_machine_tool,1000000,0.15,,
            2023,excluded,1000000,25%,,
            2022,general,1000000,0.25,,
            2023,manufacturing,123456.78,5%,,
            2022,general,1000000,25%,actual,
            2023,general,1000000,25%,,500000

            """
        // A q4_method or an intangible cost, even "actual", is the general path's.
        let batch = try bothWays(text, measure: RDSuperDeduction.id, parameters: parameters, kernelRows: 5)
        let rows = outputRows(batch.rendered(.csv)).map { row in
            ["reason", "ratio", "extra_expensed", "extra_equipment", "amortization_deduction", "extra_amortization", "extra_total", "tax_saving"]
                .map { row[$0]! }
        }
        #expect(rows[0] == ["eligible", "1.00", "1000000.00", "0.00", "0.00", "0.00", "1000000.00", "250000.00"])
        #expect(rows[1] == ["eligible", "1.20", "1200000.00", "0.00", "0.00", "0.00", "1200000.00", "180000.00"])
        #expect(rows[2] == ["excluded_category", "0", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"])
        #expect(rows[3] == ["eligible", "0.75", "750000.00", "0.00", "0.00", "0.00", "750000.00", "187500.00"])
        // 123,456.78 × 100% × 5% = 6,172.839 → 6,172.84.
        #expect(rows[4] == ["eligible", "1.00", "123456.78", "0.00", "0.00", "0.00", "123456.78", "6172.84"])
        #expect(rows[5][2] == "750000.00" && rows[6][4] == "100000.00")  // 500,000 × (1 + 100%) × 12 ÷ 120 months
    }

    /// Thousands of records of both measures, every spelling and year from 2017 (before the
    /// parameters) to 2030 (after some), some in error, give the general path's bytes, and those the kernels
    /// can take go through them.
    @Test func writeWhatTheGeneralPathWrites() throws {
        var random = Random(state: 31)
        func amount(_ fen: Int, _ taken: inout Bool) -> String {
            switch random.next(1...8) {
            case 1: return "\(fen / 100)"
            case 2: return "\"\(ExactDecimal(Int64(fen), exponent: -2).grouped)\""
            case 3: return "\(ExactDecimal(Int64(fen), exponent: -2))元"
            case 4:
                taken = false
                return random.pick(["\(fen).125", "-\(fen / 100 + 1)", "1.5E+6", ""])
            default: return "\(ExactDecimal(Int64(fen), exponent: -2))"
            }
        }
        var cit = "tax_year,taxable_income,employees,total_assets,restricted_industry,high_tech\n"
        var citTaken = 0
        var rd = "tax_year,category,expensed_rd,cit_rate,amortization_months\n"
        var rdTaken = 0
        for _ in 0..<3_000 {
            var taken = true
            let year = random.next(2017...2030)
            if year < 2019 || year > 2027 { taken = false }  // no small low-profit limits: an error
            let flags = ["", "true", "false", "1", "0", "是", "否", "Y"]
            let restricted = random.pick(flags + ["maybe"])
            if restricted == "maybe" { taken = false }
            cit += "\(year),\(amount(random.next(0...600_000_000), &taken)),\(amount(random.next(0...40_000), &taken)),"
                + "\(amount(random.next(0...8_000_000_000), &taken)),\(restricted),\(random.pick(flags))\n"
            if taken { citTaken += 1 }

            taken = true
            let rdYear = random.next(2017...2030)
            if rdYear < 2018 { taken = false }  // no ratios yet: an error
            let category = random.pick(RDSuperDeduction.Category.allCases.map(\.rawValue) + ["General"])
            if category == "General" { taken = false }
            let months = random.chance(5) ? "6" : ""
            if !months.isEmpty { taken = false }
            let rate = random.pick(["25%", "15%", "0.25", "5%", "0.0525", "0.123456789"])
            if rate == "0.123456789" { taken = false }
            rd += "\(rdYear),\(category),\(amount(random.next(0...2_000_000_000), &taken)),\(rate),\(months)\n"
            if taken { rdTaken += 1 }
        }
        let citBatch = try bothWays(cit, measure: SmallProfitCIT.id, parameters: parameters, kernelRows: citTaken)
        #expect(citTaken > 1_000)
        #expect(citBatch.rowsFailed > 0)
        let rdBatch = try bothWays(rd, measure: RDSuperDeduction.id, parameters: parameters, kernelRows: rdTaken)
        #expect(rdTaken > 1_500)
        #expect(rdBatch.rowsFailed > 0)
    }
}
