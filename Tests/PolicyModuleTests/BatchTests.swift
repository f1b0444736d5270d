import Foundation
import DecimalModule
@testable import PolicyModule
import Testing

/// A small deterministic generator (SplitMix64).
struct Random {
    var state: UInt64
    mutating func next(_ range: ClosedRange<Int>) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return range.lowerBound + Int(z % UInt64(range.count))
    }
    mutating func chance(_ percent: Int) -> Bool { next(1...100) <= percent }
    /// A uniformly random 64-bit word.
    mutating func word() -> UInt64 { UInt64(bitPattern: Int64(next(Int(Int32.min)...Int(Int32.max)))) << 32 ^ UInt64(next(0...Int(UInt32.max))) }
    mutating func pick<T>(_ items: [T]) -> T { items[next(0...(items.count - 1))] }
    mutating func day(from: String, days: Int) -> String { (try! Day(parsing: from)).adding(days: next(0...days)).description }
    /// An amount: usually fen-sized, sometimes 25 digits (past 64 bits), sometimes with 4 decimals.
    mutating func amount(_ upTo: Int) -> String {
        switch next(1...10) {
        case 1: return String(next(1...9)) + String(repeating: String(next(0...9)), count: 22) + ".\(next(10...99))"
        case 2: return "\(next(0...upTo)).\(next(1000...9999))"
        default: return "\(next(0...upTo)).\(next(10...99))"
        }
    }
}

/// A CSV of `records` with the union of their fields as the header.
func csv(_ records: [[(String, String)]]) -> [UInt8] {
    var header: [String] = []
    for record in records { for (key, _) in record where !header.contains(key) { header.append(key) } }
    var text = header.joined(separator: ",") + "\n"
    for record in records {
        text += header.map { key in record.first { $0.0 == key }?.1 ?? "" }.joined(separator: ",") + "\n"
    }
    return Array(text.utf8)
}

/// Checks that a batch output row is `loan`'s result, column by column.
func expectRow(_ row: [String: String], is loan: InterestSubsidy.LoanResult, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(row["status"] == "ok", sourceLocation: sourceLocation)
    #expect(row["reason"] == loan.reason.rawValue, sourceLocation: sourceLocation)
    #expect(row["window_days"] == String(loan.windowDays), sourceLocation: sourceLocation)
    #expect(row["window_end"] == loan.windowEnd?.description ?? "", sourceLocation: sourceLocation)
    #expect(row["balance_days"] == loan.balanceDays.description, sourceLocation: sourceLocation)
    #expect(row["rate_applied"] == loan.rateApplied?.value.description ?? "", sourceLocation: sourceLocation)
    #expect(row["subsidy_computed"] == loan.subsidyComputed.description, sourceLocation: sourceLocation)
    #expect(row["subsidy_granted"] == loan.subsidyGranted.description, sourceLocation: sourceLocation)
    #expect(row["capped"] == String(loan.capped), sourceLocation: sourceLocation)
    #expect(row["enterprise_total"] == loan.enterpriseTotal.description, sourceLocation: sourceLocation)
}

/// The rendered CSV output of a batch as rows of text by column.
func outputRows(_ text: String) -> [[String: String]] { outputRows(Array(text.utf8)) }

func outputRows(_ bytes: [UInt8]) -> [[String: String]] {
    let document = CSVDocument(bytes: bytes)
    let header = (0..<document.records[0].count).map { document.text(of: document.records[0], at: $0)! }
    return document.records.dropFirst().map { record in
        Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, document.text(of: record, at: $0) ?? "") })
    }
}

@Suite struct BatchTests {
    let parameters = try! ParameterTable.bundled()

    /// (loans, enterprises, percent of unusual values, messy): few enterprises with many loans
    /// go mostly through the general path; many small ones of plain values through the
    /// fixed-point kernel; and a file as banks export it (interest paid on 40% of rows,
    /// E-notation principals, every spelling of a yes-or-no) through the kernel too.
    @Test(arguments: [(600, 40, 10, false), (2_000, 800, 1, false), (2_000, 800, 0, true)])
    func interestSubsidyBatchEqualsThePerRecordAPI(loans: Int, enterprises: Int, unusual: Int, messy: Bool) throws {
        var random = Random(state: UInt64(loans) + (messy ? 1 : 0))
        var records: [[(String, String)]] = []
        var repayments = "enterprise_id,loan_id,date,amount\n"
        let yes = messy ? ["true", "TRUE", "1", "yes", "Y", "是"] : ["true"]
        let no = messy ? ["false", "0", "no", "N", "否"] : ["false"]
        for index in 0..<loans {
            let enterprise = "E\(random.next(1...enterprises))"
            let drawdown = random.day(from: "2022-09-20", days: 110)
            var principal = random.chance(unusual * 2) ? random.amount(9_000_000) : "\(random.next(1...9_000_000)).\(random.next(10...99))"
            if messy, random.chance(40) {
                principal = random.pick([
                    "1.2E+6", "3.5e6", "2.25E+5", "1E+7", "4.5E6", #""3,000,000.00""#, #""12,345,678.9""#, "¥3000000", "￥45000.5",
                    "300万", "1.5万元", "0.03亿", "1.23456万", #""¥1,000,000元""#, " 3000000 ", "\u{3000}450000\u{3000}",
                ])
            }
            var interestPaid = random.chance(unusual) ? random.amount(50_000) : ""
            if messy, random.chance(40) {
                interestPaid = random.pick(["\(random.next(0...150_000)).\(random.next(10...99))", "\(random.next(0...150_000))", "1.5E+4", "12345.678", #""12,345.67""#, "1.2万"])
            }
            let end = (try Day(parsing: drawdown)).adding(days: random.next((messy ? 1 : -5)...800))
            func spelt(_ day: Day) -> String {
                guard messy else { return day.description }
                return random.pick([
                    day.description, "\(day.year)/\(day.month)/\(day.day)", String(format: "%04d%02d%02d", day.year, day.month, day.day),
                    "\(day.year)年\(day.month)月\(day.day)日", "\(day.year)-\(day.month)-\(day.day)", " \(day.description)\t",
                ])
            }
            records.append([
                ("enterprise_id", enterprise), ("loan_id", "L\(index)"), ("principal", principal),
                ("annual_rate", random.pick(["1.5%", "2%", "3.65%", "0.0455", "8%"] + (messy ? ["2.985%", "0.05450", "0.020", "1.80%", "0.5"] : []))),
                ("drawdown_date", spelt(try Day(parsing: drawdown))), ("end_date", spelt(end)),
                ("guaranteed_by_fund", random.pick(random.chance(95) ? yes : no)), ("first_inclusive_loan", random.chance(95) ? "1" : "0"),
                ("lender_in_shanghai", random.pick(random.chance(95) ? yes : no)),
                ("interest_paid", interestPaid),
            ])
            if random.chance(unusual * 2) {
                repayments += "\(enterprise),L\(index),\(random.day(from: drawdown, days: 400)),\(random.amount(3_000_000))\n"
            }
        }
        // Amounts granted before to every third enterprise (some past the cap), and one to an
        // enterprise with no loan (a warning).
        var granted: [String: ExactDecimal] = [:]
        var grantedFile = "enterprise_id,granted\nE-none,5\n"
        for number in stride(from: 1, through: enterprises, by: 3) {
            let amount = ExactDecimal(Int64(random.next(0...25_000_000)), exponent: -2)
            granted["E\(number)"] = amount
            grantedFile += "E\(number),\(amount)\n"
        }
        // A messy file is saved as Excel saves "CSV UTF-8": with a byte-order mark.
        let input = (messy ? [0xEF, 0xBB, 0xBF] : []) + csv(records)
        let batch = try Batch(
            measure: MeasureRegistry.measure(InterestSubsidy.id), input: input, format: .csv,
            repayments: Array(repayments.utf8), granted: Array(grantedFile.utf8), parameters: parameters)
        #expect(batch.warnings.contains { $0.hasPrefix("granted: ") && $0.contains("(E-none") && $0.hasSuffix("; their amounts are not used") })
        let output = outputRows(batch.rendered(.csv))
        #expect(output.count == records.count)

        // The same loans through the per-record API, one enterprise at a time.
        let rows = try CSVRows(csv(records))
        var loansByEnterprise: [String: [(Int, InterestSubsidy.Loan)]] = [:]
        var order: [String] = []
        var expectedErrors: [Int: String] = [:]
        let repaymentRows = outputRows(repayments)
        for (index, fields) in rows.enumerated() {
            var loanInput = fields
            let mine = repaymentRows.filter { $0["enterprise_id"] == fields["enterprise_id"]?.text && $0["loan_id"] == fields["loan_id"]?.text }
            if !mine.isEmpty {
                loanInput["repayments"] = .list(mine.map { .record(["date": .text($0["date"]!), "amount": .text($0["amount"]!)]) })
            }
            do {
                let single = try InterestSubsidy.input(decoding: .record(["loans": .list([.record(loanInput)])]))
                _ = try InterestSubsidy.calculate(single, parameters: parameters)  // the per-record verdict on this loan alone
                let loan = single.loans[0]
                if loansByEnterprise[loan.enterpriseID] == nil { order.append(loan.enterpriseID) }
                loansByEnterprise[loan.enterpriseID, default: []].append((index, loan))
            } catch {
                expectedErrors[index] = "\(error)".replacingOccurrences(of: "loans[0].", with: "")
            }
        }
        var checked = 0
        for enterprise in order {
            let group = loansByEnterprise[enterprise]!
            let prior = granted[enterprise].map { [enterprise: $0] } ?? [:]
            let result = try InterestSubsidy.calculate(.init(loans: group.map(\.1), priorGranted: prior), parameters: parameters)
            for ((index, _), loan) in zip(group, result.loans) {
                expectRow(output[index], is: loan)
                checked += 1
            }
            let summary = try #require(outputRows(batch.renderedSummary(.csv)).first { $0["enterprise_id"] == enterprise })
            #expect(summary["enterprise_total"] == result.enterprises[0].enterpriseTotal.description)
            #expect(summary["capped"] == String(result.enterprises[0].capped))
            #expect(summary["prior_granted"] == result.enterprises[0].priorGranted.description)
            #expect(summary["cap_remaining"] == (result.enterprises[0].capRemaining?.description ?? ""))
        }
        // One summary per enterprise, in order of its first good row, whichever path computed it.
        #expect(outputRows(batch.renderedSummary(.csv)).map { $0["enterprise_id"] ?? "" } == order)
        for (index, message) in expectedErrors {
            #expect(output[index]["status"] == "error")
            #expect(output[index]["error"] == message)
        }
        #expect(checked + expectedErrors.count == records.count)

        // The byte-level reader and the generic one give the same output.
        let generic = try Batch(
            measure: MeasureRegistry.measure(InterestSubsidy.id), input: input, format: .csv,
            repayments: Array(repayments.utf8), granted: Array(grantedFile.utf8), parameters: parameters, reading: .generic)
        #expect(generic.rendered(.csv) == batch.rendered(.csv))
        #expect(generic.renderedSummary(.csv) == batch.renderedSummary(.csv))
        #expect(output.contains { $0["capped"] == "true" })
        if messy {
            // Every row read by the byte-level reader and computed in the kernel.
            #expect(batch.rowsReadGenerically == 0)
            #expect(generic.rowsReadGenerically == loans)
            #expect(batch.fallbacks.isEmpty)
            #expect(batch.rowsComputedInFixedPoint == loans)
            #expect(output.contains { $0["subsidy_computed"] == "12345.67" })  // limited to the interest paid, in fen
        } else {
            #expect(output.contains { ($0["balance_days"]?.count ?? 0) > 20 })  // some past 64 bits
            #expect(!expectedErrors.isEmpty)
        }
        if unusual < 5 { #expect(batch.rowsComputedInFixedPoint > loans / 2) }
    }

    /// A file of amounts granted before is read strictly: each problem is a file error naming
    /// its line.
    @Test(arguments: [
        ("enterprise_id,granted\nE1,100\nE1,200\n", "granted line 3: enterprise E1 appears twice (first on line 2)"),
        ("enterprise_id,granted\nE1,1.005\n", "granted line 2: granted: an amount granted is in fen: at most 2 decimals (got 1.005)"),
        ("enterprise_id,granted\nE1,-5\n", "granted line 2: granted: must not be negative (got -5)"),
        ("enterprise_id,granted\nE1,abc\n", #"granted line 2: granted: "abc" is not an amount (write 3000000, 3,000,000.00, 1.2E+6, ¥3,000,000 or 300万)"#),
        ("enterprise,granted\nE1,5\n", "granted: unknown column \"enterprise\" (column 1; closest: enterprise_id (企业编号)); required column enterprise_id (企业编号) is missing. Columns found: enterprise, granted."),
        ("enterprise_id,granted\n,5\n", "granted line 2: enterprise_id is empty"),
    ])
    func aMalformedGrantedFileIsAFileError(file: String, message: String) throws {
        let loans = csv([[("enterprise_id", "E1"), ("loan_id", "L1"), ("principal", "1000000"), ("annual_rate", "2%"),
                          ("drawdown_date", "2022-11-01"), ("end_date", "2023-11-01"), ("guaranteed_by_fund", "true"),
                          ("first_inclusive_loan", "true"), ("lender_in_shanghai", "true")]])
        #expect(throws: Batch.FileError.self) {
            try Batch(measure: MeasureRegistry.measure(InterestSubsidy.id), input: loans, format: .csv, granted: Array(file.utf8), parameters: parameters)
        }
        do {
            _ = try Batch(measure: MeasureRegistry.measure(InterestSubsidy.id), input: loans, format: .csv, granted: Array(file.utf8), parameters: parameters)
        } catch let error as Batch.FileError {
            #expect(error.message.hasPrefix(message))
        }
    }

    static let generators: [(String, @Sendable (inout Random) -> [(String, String)])] = [
        (GuaranteeFee.id, { random in
            let start = random.day(from: "2023-01-01", days: 420)
            // Guarantors 1–4 charge at most 1% (compliant on average), 5–8 also more.
            let guarantor = random.next(1...8)
            let rates = guarantor <= 4 ? ["0.5%", "0.8%", "1%", "0.01"] : ["0.5%", "1%", "1.01%", "0.012", "2%"]
            var record = [("guarantee_id", "G\(random.next(1...100_000))"), ("guarantor_id", "GU\(guarantor)"),
                          ("amount", random.amount(20_000_000)), ("fee_rate", random.pick(rates)),
                          ("start_date", start)]
            if random.chance(50) {
                record.append(("end_date", (try! Day(parsing: start)).adding(days: random.next(-3...1_000)).description))
            } else {
                record.append(("term_months", String(random.next(0...36))))
            }
            if random.chance(30) { record.append(("reference_rate", random.pick(["2%", "0.025", "-1%"]))) }
            return record
        }),
        (SmallScaleVAT.id, { random in
            let quarter = random.chance(50)
            let year = random.next(2018...2028)
            let month = quarter ? random.pick([1, 4, 7, 10]) : random.next(1...12)
            let sales3 = random.next(0...600_000)
            let sales5 = random.chance(40) ? random.next(0...600_000) : 0
            // A quarter's months (needed when its rate changes, 2020-Q1), sometimes summing wrong.
            let first = random.next(0...sales3)
            let second = random.next(0...(sales3 - first))
            let months = quarter && random.chance(40) ? "\(first);\(second);\(sales3 - first - second + (random.chance(10) ? 1 : 0))" : ""
            return [("period_type", quarter ? "quarter" : "month"), ("month_sales_3pct", months),
                    ("period_start", "\(year)-\(month < 10 ? "0" : "")\(month)-\(random.chance(97) ? "01" : "15")"),
                    ("sales_3pct", "\(sales3).\(random.next(10...99))"), ("special_invoice_3pct", String(random.next(0...max(0, sales3 + 100)))),
                    ("sales_5pct", String(sales5)), ("real_estate_sales", String(random.next(0...sales5))),
                    ("prices_include_tax", random.pick(["true", "false", ""])), ("location", random.pick(["urban", "county", "other", ""]))]
        }),
        (SmallProfitCIT.id, { random in
            [("tax_year", String(random.next(2018...2028))), ("taxable_income", random.pick([random.amount(4_000_000), "3000000.00", "3000000.01"])),
             ("employees", String(random.next(0...320))), ("total_assets", String(random.next(0...60_000_000))),
             ("restricted_industry", random.chance(10) ? "true" : ""), ("high_tech", random.pick(["true", "false", ""]))]
        }),
        (RDSuperDeduction.id, { random in
            let year = random.next(2017...2029)
            let expensed = random.next(0...5_000_000)
            let proportional = random.chance(20)
            return [("tax_year", String(year)), ("category", random.pick(["general", "manufacturing", "tech_sme", "ic_or_machine_tool", "excluded"])),
                    ("expensed_rd", String(expensed)), ("q4_expensed_rd", !proportional && random.chance(30) ? String(random.next(0...expensed + 10)) : ""),
                    ("q4_method", proportional ? "proportional" : random.pick(["actual", ""])),
                    ("q4_operating_months", proportional ? String(random.next(0...4)) : ""),
                    ("operating_months_2022", proportional ? String(random.next(0...12)) : ""),
                    ("hightech_equipment_q4_2022", random.chance(20) ? random.amount(2_000_000) : ""),
                    ("intangible_cost", random.chance(50) ? random.amount(9_000_000) : ""), ("amortization_years", String(random.next(9...15))),
                    ("amortization_months", String(random.next(0...12))), ("cit_rate", random.pick(["25%", "0.15", ""]))]
        }),
    ]

    @Test(arguments: generators.map(\.0))
    func perRecordMeasuresInBatchEqualThePerRecordAPI(measureID: String) throws {
        let generate = Self.generators.first { $0.0 == measureID }!.1
        var random = Random(state: UInt64(measureID.utf8.count))
        let records = (0..<400).map { _ in generate(&random) }
        let measure = try MeasureRegistry.measure(measureID)
        let batch = try Batch(measure: measure, input: csv(records), format: .csv, parameters: parameters)
        let output = outputRows(batch.rendered(.csv))
        #expect(output.count == records.count)
        var failures = 0
        for (index, fields) in try CSVRows(csv(records)).enumerated() {
            do {
                let result = try JSONValue(encoding: measure.calculate(.record(fields), parameters)).inputValue
                #expect(output[index]["status"] == "ok")
                for field in measure.outputFields {
                    #expect(output[index][field.name] == (result.value(at: field.name)?.text ?? ""), "\(measureID) line \(index + 2) \(field.name)")
                }
            } catch {
                failures += 1
                #expect(output[index]["status"] == "error")
                #expect(output[index]["error"] == "\(error)")
            }
        }
        #expect(failures > 0 && failures < records.count)
        #expect(batch.rowsFailed == failures)
        if measureID == GuaranteeFee.id {
            // The guarantor summary is the library's portfolio function over the good rows.
            var good: [(input: GuaranteeFee.Input, result: GuaranteeFee.Result)] = []
            for fields in try CSVRows(csv(records)) {
                guard let input = try? GuaranteeFee.input(decoding: .record(fields)),
                    let result = try? GuaranteeFee.calculate(input, parameters: parameters, explaining: false)
                else { continue }
                good.append((input, result))
            }
            let expected = GuaranteeFee.guarantors(good, parameters: parameters).map { summary in
                ["guarantor_id": summary.guarantorID, "guarantees": String(summary.guarantees), "total_fee": summary.totalFee.description,
                 "average_fee_rate": summary.averageFeeRate?.description ?? "", "compliant": summary.compliant.map { String($0) } ?? "",
                 "engine_version": Engine.version, "parameters_sha256": parameters.audit.parametersSHA256]
            }
            #expect(outputRows(batch.renderedSummary(.csv)) == expected)
            #expect(expected.contains { $0["compliant"] == "true" } && expected.contains { $0["compliant"] == "false" })
        }
    }

    @Test func malformedRowsGetErrorRowsAndGoodRowsAreComputed() throws {
        let input = """
            loan_id,enterprise_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai
            L1,E1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true
            L2,E1,3,000,000,3.65%,2022-11-01,2023-11-01,true,true,true
            L3,E1,-5,3.65%,2022-11-01,2023-11-01,true,true,true
            L4,E1,5,3.65%,2023-11-01,2022-11-01,true,true,true
            L5,E1,5,3.65%,2022-11-01,2023-11-01,maybe,true,true

            L1,E1,5,3.65%,2022-11-01,2023-11-01,true,true,true
            L6,E1,5,3.65%,2022-11-01,2023-11-01,true,true

            """
        let batch = try Batch(measure: MeasureRegistry.measure(InterestSubsidy.id), input: Array(input.utf8), format: .csv, parameters: parameters)
        let rows = outputRows(batch.rendered(.csv))
        #expect(rows.map { $0["line"]! } == ["2", "3", "4", "5", "6", "8", "9"])
        #expect(rows.map { $0["status"]! } == ["ok", "error", "error", "error", "error", "error", "error"])
        #expect(rows[0]["subsidy_granted"] == "60833.33")
        #expect(rows[1]["error"] == "expected 9 fields, found 11")
        #expect(rows[2]["error"] == "principal: must be greater than 0 (got -5)")
        #expect(rows[3]["error"] == "end_date: must be after drawdown_date (2022-11-01 is not after 2023-11-01)")
        #expect(rows[4]["error"] == #"guaranteed_by_fund: expected yes or no (true/false, 1/0, yes/no, 是/否), not "maybe""#)
        #expect(rows[5]["error"] == "loan_id: duplicate loan L1 of enterprise E1 (first on line 2)")
        #expect(rows[6]["error"] == "expected 9 fields, found 8")
        #expect((batch.rowsRead, batch.rowsOK, batch.rowsFailed) == (7, 1, 6))
        #expect(batch.totals.map(\.total.description) == ["60833.33", "60833.33"])
    }

    /// Row 27 of docs/RELIABILITY.md: an `interest_paid` of 18 digits of whole yuan overflowed
    /// the byte-level reader's conversion to fen, a trap. Amounts at the edges of that reader —
    /// 18 digits, E-notation written out to 18 digits or beyond, negative exponents, zero — as
    /// principal and as interest paid give the generic reader's output.
    @Test(arguments: [
        "999999999999999999", "99999999999999999.9", "9999999999999999.99", "1E+17", "9.99999999999999999E+17", "1E+18", "1.5E+2",
        "4.09303819E+6", "2.4e6", "5E-3", "1.234E+1", "0E+5", "12E-1", "3E+999", "7E-999", "1E1000", "1.2E+", "E5", "1.2E+6万",
    ])
    func amountsAtTheEdgesOfTheByteLevelReaderAreReadAsTheGenericReaderReadsThem(amount: String) throws {
        let subsidy = try MeasureRegistry.measure(InterestSubsidy.id)
        let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai,interest_paid\n"
        let input = Array((header + "E1,L1,\(amount),3.65%,2023-03-01,2024-03-01,true,true,true,\n"
            + "E2,L1,3000000,3.65%,2023-03-01,2024-03-01,true,true,true,\(amount)\n").utf8)
        let fast = try Batch(measure: subsidy, input: input, format: .csv, parameters: parameters)
        let generic = try Batch(measure: subsidy, input: input, format: .csv, parameters: parameters, reading: .generic)
        #expect(fast.rendered(.csv) == generic.rendered(.csv))
        #expect(fast.renderedSummary(.csv) == generic.renderedSummary(.csv))
    }

    /// Row 29 of docs/RELIABILITY.md, found by Fuzz/FuzzBatch: the byte-level reader trimmed
    /// the number before a `%` a second time, so it read `4 %` as 4% where the generic reader
    /// (and `calc`) refuses it. `%` follows its number directly; spaces around the whole
    /// value are trimmed by both.
    @Test(arguments: [
        ("4 %", false), ("4\t%", false), ("4\u{3000}%", false), ("４\u{3000}％", false), ("3.65" + String(repeating: " ", count: 40) + "%", false),
        (" 4%", true), ("4% ", true), ("\u{3000}４％\u{3000}", true),
    ])
    func aSpaceBeforeThePercentSignIsRefusedByBothReaders(rate: String, accepted: Bool) throws {
        let subsidy = try MeasureRegistry.measure(InterestSubsidy.id)
        let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        let input = Array((header + "E1,L1,6000000,\(rate),2022-11-01,2023-11-01,true,true,true\n").utf8)
        let batches = try [Batch.Reading.fastest, .generic].map { reading in
            try Batch(measure: subsidy, input: input, format: .csv, parameters: parameters, reading: reading)
        }
        #expect(batches[0].rendered(.csv) == batches[1].rendered(.csv))
        let row = try #require(outputRows(batches[0].rendered(.csv)).first)
        if accepted {
            #expect(row["subsidy_computed"] == "121666.67")  // 6,000,000 × 365 × 2% ÷ 360
        } else {
            #expect(row["status"] == "error")
            #expect(row["error"]?.hasPrefix("annual_rate: ") == true)
        }
    }

    /// Row 28 of docs/RELIABILITY.md, found by Fuzz/FuzzBatch: a CR alone after a closing quote
    /// ended the record, and counted a line, for the generic reader but not for the byte-level
    /// one, so the two numbered every later line differently. A CR ends a line only before an
    /// LF, wherever it is: after a closing quote it is text after the quote.
    @Test func aCarriageReturnAloneAfterAQuoteEndsNoLineForEitherReader() throws {
        let subsidy = try MeasureRegistry.measure(InterestSubsidy.id)
        let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        let loan = "3000000,3.65%,2022-11-01,2023-11-01,true,true,true"
        let input = Array((header + "E1,\"L1\"\rx,\(loan)\nE2,\"L2\"\r\n\"E3\",L3,\(loan)\r\nE4,L4,\(loan)\n").utf8)
        let batches = try [Batch.Reading.fastest, .generic].map { reading in
            try Batch(measure: subsidy, input: input, format: .csv, parameters: parameters, reading: reading)
        }
        #expect(batches[0].rendered(.csv) == batches[1].rendered(.csv))
        let rows = outputRows(batches[0].rendered(.csv))
        #expect(rows.map { $0["line"] } == ["2", "3", "4", "5"])
        #expect(rows[0]["error"] == "text after the closing quote of field 2")
        #expect(rows[1]["error"] == "expected 9 fields, found 2")
        #expect(rows[2]["status"] == "ok" && rows[3]["status"] == "ok")
    }

    /// Values in full-width forms (`４．５１％`, `２０２２－１０－３０`, `ｔｒｕｅ`) are read by the
    /// byte-level reader, with the generic reader's output; a full-width id stays as written.
    @Test func fullWidthValuesAreReadByTheByteLevelReaderAsByTheGenericOne() throws {
        let subsidy = try MeasureRegistry.measure(InterestSubsidy.id)
        let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai,interest_paid\n"
        let input = Array((header
            + "Ｅ１,L1,３００００００．００,４．５１％,２０２２－１０－３０,2024/04/30,ｔｒｕｅ,１,ＹＥＳ,１２，３４５．６７\n"
            + "E2,L1,\u{3000}１．２Ｅ＋６\u{3000},0.0455,２０２２年１１月１日,20231101,true,true,true,\n").utf8)
        let fast = try Batch(measure: subsidy, input: input, format: .csv, parameters: parameters)
        let generic = try Batch(measure: subsidy, input: input, format: .csv, parameters: parameters, reading: .generic)
        #expect(fast.rendered(.csv) == generic.rendered(.csv))
        #expect(fast.renderedSummary(.csv) == generic.renderedSummary(.csv))
        #expect((fast.rowsOK, fast.rowsReadGenerically, fast.rowsComputedInFixedPoint) == (2, 0, 2))
        #expect(outputRows(fast.rendered(.csv)).first?["enterprise_id"] == "Ｅ１")
    }

    /// The kernel's rules follow the parameters day by day: with a rate and a day basis that
    /// change within the window, and a month whose rate has no fixed-point form, every drawdown
    /// date around each change is computed as the per-record API computes it, and only that
    /// month's loans leave the kernel.
    @Test func theKernelsRulesChangeOnTheDaysTheParametersDo() throws {
        let overrides = try ParameterTable(yaml: """
            interest_subsidy.rate:
              - {value: "0.02", from: 2022-10-01, to: 2022-11-15, citation: "test"}
              - {value: "0.015", from: 2022-11-16, to: 2022-12-31, citation: "test"}
              - {value: "0.0123456", from: 2023-01-01, to: 2023-01-31, citation: "test"}
            interest_subsidy.day_basis:
              - {value: "360", from: 2022-10-01, to: 2022-11-30, citation: "test"}
              - {value: "365", from: 2022-12-01, to: 2023-01-31, citation: "test"}
            interest_subsidy.cap_per_enterprise:
              - {value: "200000.00", from: 2022-10-01, to: 2023-01-31, citation: "test"}
            interest_subsidy.max_days:
              - {value: "365", from: 2022-10-01, to: 2023-01-31, citation: "test"}
            interest_subsidy.min_days:
              - {value: "0", from: 2022-10-01, to: 2023-01-31, citation: "test"}
            interest_subsidy.rate_mode:
              - {value: "cap", from: 2022-10-01, to: 2023-01-31, citation: "test"}

            """)
        let table = parameters.overriding(with: overrides)
        let first = try Day(parsing: "2022-09-28")
        let days = (0..<130).map { first.adding(days: $0) }  // to 2023-02-04
        var input = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        for (index, day) in days.enumerated() { input += "E\(index),L1,1000000.00,3.65%,\(day),\(day.adding(days: 400)),true,true,true\n" }
        let batch = try Batch(measure: MeasureRegistry.measure(InterestSubsidy.id), input: Array(input.utf8), format: .csv, parameters: table)
        let rows = outputRows(batch.rendered(.csv))
        for (row, day) in zip(rows, days) {
            let loan = InterestSubsidy.Loan(
                enterpriseID: "E", loanID: "L1", principal: try ExactDecimal(parsing: "1000000.00"), annualRate: Rate(try ExactDecimal(parsing: "0.0365")),
                drawdownDate: day, endDate: day.adding(days: 400), guaranteedByFund: true, firstInclusiveLoan: true, lenderInShanghai: true)
            expectRow(row, is: try InterestSubsidy.calculate(.init(loans: [loan]), parameters: table).loans[0])
        }
        #expect(rows.count == days.count)
        let byDay = Dictionary(uniqueKeysWithValues: zip(days.map(\.description), rows))
        #expect(byDay["2022-09-30"]?["reason"] == "drawdown_outside_window")
        #expect(byDay["2022-10-01"]?["subsidy_computed"] == "20277.78")  // 1,000,000 × 365 × 2% ÷ 360
        #expect(byDay["2022-11-16"]?["subsidy_computed"] == "15208.33")  // × 1.5% ÷ 360
        #expect(byDay["2022-12-01"]?["subsidy_computed"] == "15000.00")  // × 1.5% ÷ 365
        #expect(byDay["2023-01-31"]?["rate_applied"] == "0.0123456")
        #expect(byDay["2023-02-01"]?["reason"] == "drawdown_outside_window")
        // January's rate has seven decimals: its 31 loans, and only they, take the general path.
        #expect(batch.fallbacks.map(\.rows) == [31])
        #expect(batch.fallbacks.first?.cause.contains("parameters") == true)
        #expect(batch.rowsComputedInFixedPoint == days.count - 31)
    }

    /// A money column's total, summed in fen while the cells allow, is the exact sum of the cells
    /// to the exponent: across an overflow of 64 bits, with negative amounts, `-0.00`, and cells
    /// that are not two-decimal digits (E-notation, more decimals, a word).
    @Test(arguments: [
        Array(repeating: "9999999999999999.99", count: 5) + ["0.01", "-12.34"],  // 10^18 fen each: past 2^63 by the tenth
        ["-0.00", "1.5", "1E+3", "0.001", "60833.33"],
        ["123.45", "ok", "", "12345678901234567890123.45", "-9999999999999999.99"],
    ])
    func moneyTotalsAreTheExactSums(cells: [String]) throws {
        var sum = Batch.MoneySum()
        var exact = ExactDecimal.zero.round2()
        for _ in 0..<3 {
            for cell in cells {
                Array(cell.utf8).withUnsafeBufferPointer { sum.add(written: $0) }
                if let amount = try? ExactDecimal(parsing: cell) { exact += amount }
            }
        }
        #expect(sum.total.description == exact.description)
    }

    /// A loan id repeated within an enterprise sends the enterprise to the general path, which
    /// refuses the repeat, whether the enterprise has a few loans (scanned for) or many (a set).
    @Test(arguments: [3, 17, 40], [false, true])
    func aRepeatedLoanIDIsFoundInSmallAndLargeEnterprises(loans: Int, repeated: Bool) throws {
        var input = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        for loan in 1...loans { input += "E1,L\(loan),100000,3.65%,2022-11-01,2023-11-01,true,true,true\n" }
        input += "E2,L1,100000,3.65%,2022-11-01,2023-11-01,true,true,true\n"
        if repeated { input += "E1,L\(loans - 1),100000,3.65%,2022-11-01,2023-11-01,true,true,true\n" }
        let batch = try Batch(measure: MeasureRegistry.measure(InterestSubsidy.id), input: Array(input.utf8), format: .csv, parameters: parameters)
        let rows = outputRows(batch.rendered(.csv))
        #expect(rows.count == loans + 1 + (repeated ? 1 : 0))
        #expect(rows.prefix(loans + 1).allSatisfy { $0["status"] == "ok" && $0["subsidy_computed"] == "2027.78" })  // 100,000 × 365 × 2% ÷ 360
        if repeated {
            #expect(rows.last?["error"] == "loan_id: duplicate loan L\(loans - 1) of enterprise E1 (first on line \(loans))")
            #expect(batch.fallbacks.map(\.rows) == [loans + 1])
            #expect(batch.fallbacks.first?.cause.contains("loan_id repeated") == true)
            #expect(batch.rowsComputedInFixedPoint == 1)  // E2's loan
        } else {
            #expect(batch.fallbacks.isEmpty)
            #expect(batch.rowsComputedInFixedPoint == loans + 1)
        }
    }

    /// Row 26 of docs/RELIABILITY.md: one enterprise of 50,000 loans, computed in the kernel,
    /// the cap filled in loan id order (as text: L10085 is the 99th). The kernel's insertion sort
    /// made this test take 124 s in a debug build; it takes 2.4 s (no time limit: under the
    /// AddressSanitizer suite's load a test can wait minutes for a core).
    @Test func anEnterpriseOfManyLoansFillsItsCapInLoanIDOrder() throws {
        var input = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        for loan in 0..<50_000 { input += "E1,L\(loan),100000,3.65%,2022-11-01,2023-11-01,true,true,true\n" }
        let batch = try Batch(measure: MeasureRegistry.measure(InterestSubsidy.id), input: Array(input.utf8), format: .csv, parameters: parameters)
        #expect(batch.rowsComputedInFixedPoint == 50_000)
        let granted = Dictionary(uniqueKeysWithValues: outputRows(batch.rendered(.csv)).map { ($0["loan_id"]!, $0["subsidy_granted"]!) })
        // Each loan 2,027.78 (100,000 × 365 × 2% ÷ 360); 98 of them in full, then 1,277.56 of the 200,000.
        #expect(["L0", "L1", "L10", "L100", "L10084"].map { granted[$0] } == Array(repeating: "2027.78", count: 5))
        #expect(granted["L10085"] == "1277.56")
        #expect(["L10086", "L2", "L49999"].map { granted[$0] } == ["0.00", "0.00", "0.00"])
        #expect(batch.totals.map(\.total.description) == ["101389000.00", "200000.00"])
    }

    /// Loans drawn down on the same day fill the cap in the order of their ids' Unicode scalars,
    /// which the kernel compares as UTF-8 bytes: `LZ` (5A), `Lé` (U+00E9), `LＡ` (U+FF21),
    /// `L😀` (U+1F600), the last two in the other order by UTF-16 code units.
    @Test func theCapFollowsTheScalarOrderOfNonASCIILoanIDs() throws {
        let ids = ["L😀", "LＡ", "Lé", "LZ"]
        var input = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        for id in ids { input += "E1,\(id),3000000,3.65%,2022-11-01,2023-11-01,true,true,true\n" }
        let batch = try Batch(measure: MeasureRegistry.measure(InterestSubsidy.id), input: Array(input.utf8), format: .csv, parameters: parameters)
        #expect(batch.rowsComputedInFixedPoint == 4)
        let rows = outputRows(batch.rendered(.csv))
        // Each loan 60,833.33 (3,000,000 × 365 × 2% ÷ 360): LZ, Lé and LＡ in full, L😀 the rest of the 200,000.
        #expect(rows.map { $0["subsidy_granted"] } == ["17500.01", "60833.33", "60833.33", "60833.33"])
        let loans = try ids.map { id in
            InterestSubsidy.Loan(
                enterpriseID: "E1", loanID: id, principal: ExactDecimal(3_000_000), annualRate: Rate(try ExactDecimal(parsing: "0.0365")),
                drawdownDate: try Day(parsing: "2022-11-01"), endDate: try Day(parsing: "2023-11-01"), guaranteedByFund: true,
                firstInclusiveLoan: true, lenderInShanghai: true)
        }
        for (row, loan) in zip(rows, try InterestSubsidy.calculate(.init(loans: loans), parameters: parameters).loans) { expectRow(row, is: loan) }
    }

    /// Ids are taken as written (docs/POLICY.md §1): `Café` precomposed and decomposed are two
    /// enterprises, and two loan ids, in the batch (read both ways) and in the per-record API
    /// alike, which `String`'s canonical equivalence would merge; and two guarantors likewise.
    @Test func canonicallyEquivalentIDsAreNotMerged() throws {
        let (precomposed, decomposed) = ("Caf\u{E9}", "Cafe\u{301}")
        #expect(precomposed == decomposed)  // as Strings: the merge this test guards against
        var input = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        for (enterprise, loan) in [(precomposed, "L1"), (decomposed, "L1"), ("E2", precomposed), ("E2", decomposed)] {
            input += "\(enterprise),\(loan),8000000,3.65%,2022-11-01,2023-11-01,true,true,true\n"
        }
        let loans = try CSVRows(Array(input.utf8)).map { try InputDecoder.decode(InterestSubsidy.Loan.self, from: .record($0)) }
        let api = try InterestSubsidy.calculate(.init(loans: loans), parameters: parameters)
        // 8,000,000 × 365 × 2% ÷ 360 = 162,222.22 a loan: each Café in full; E2's two loans, not
        // duplicates, share its 200,000, the decomposed id first (e, U+0065, before é, U+00E9).
        #expect(api.loans.map(\.subsidyGranted.description) == ["162222.22", "162222.22", "37777.78", "162222.22"])
        #expect(api.enterprises.count == 3)
        for reading in [Batch.Reading.fastest, .generic] {
            let batch = try Batch(measure: MeasureRegistry.measure(InterestSubsidy.id), input: Array(input.utf8), format: .csv, parameters: parameters, reading: reading)
            #expect(batch.rowsFailed == 0)
            for (row, loan) in zip(outputRows(batch.rendered(.csv)), api.loans) { expectRow(row, is: loan) }
            #expect(outputRows(batch.renderedSummary(.csv)).count == 3)
        }
        let guarantees = [precomposed, decomposed].enumerated().map { index, guarantor in
            GuaranteeFee.Input(
                guaranteeID: "G\(index)", guarantorID: guarantor, amount: 1_000_000, feeRate: Rate(ExactDecimal(index == 0 ? 15 : 5, exponent: -3)),
                startDate: Day(year: 2023, month: 3, day: 1)!, termMonths: 12)
        }
        let portfolio = try GuaranteeFee.portfolio(.init(guarantees: guarantees), parameters: parameters)
        #expect(portfolio.guarantors.map(\.compliant) == [false, true])  // 1.5% alone, 0.5% alone
    }

    /// A repayment is joined to its loan by the enterprise and loan ids themselves, not by their
    /// text joined with `/`: `A/B` with loan `C` and `A` with loan `B/C` are two loans, and the
    /// repayment of the second is not the first's.
    @Test func repaymentsJoinByEachIDNotByTheirJoinedText() throws {
        let loans = """
            enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai
            A/B,C,1000000,3.65%,2022-11-01,2023-11-01,true,true,true
            A,B/C,1000000,3.65%,2022-11-01,2023-11-01,true,true,true

            """
        let repayments = "enterprise_id,loan_id,date,amount\nA,B/C,2023-05-01,500000\n"
        let batch = try Batch(
            measure: MeasureRegistry.measure(InterestSubsidy.id), input: Array(loans.utf8), format: .csv, repayments: Array(repayments.utf8),
            parameters: parameters)
        let rows = outputRows(batch.rendered(.csv))
        // 1,000,000 × 365 × 2% ÷ 360; and (1,000,000 × 181 + 500,000 × 184) × 2% ÷ 360.
        #expect(rows.map { $0["subsidy_computed"] } == ["20277.78", "15166.67"])
        #expect(batch.warnings.isEmpty)  // the repayment matched its loan
    }

    @Test func unknownChoicesAreRowErrorsNamingTheColumn() throws {
        let bytes = Array("period_type,period_start,sales_3pct,location\nweek,2023-04-01,1,urban\nmonth,2023-04-01,1,county\n".utf8)
        let batch = try Batch(measure: MeasureRegistry.measure(SmallScaleVAT.id), input: bytes, format: .csv, parameters: parameters)
        let rows = outputRows(batch.rendered(.csv))
        #expect(rows[0]["error"] == #"period_type: unknown value "week" (accepted: month, quarter)"#)
        #expect(rows[1]["status"] == "ok")
    }

    /// The message of the file error `body` throws, or nil.
    func fileError(_ body: () throws(Batch.FileError) -> Batch) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.message
        }
    }

    /// Row 13 of docs/RELIABILITY.md: the byte-level reader and the generic one used to disagree.
    @Test func invalidUTF8IsAFileErrorWhicheverReaderWouldRun() throws {
        let subsidy = try MeasureRegistry.measure(InterestSubsidy.id)
        let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai,note\n"
        let first = "E1,L0,1000000,3%,2022-11-01,2023-11-01,true,true,true,ok\n"
        let good = "E1,L1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true,"
        let message = "input: not valid UTF-8 at line 3, column \(good.count + 1) (byte 0xC3); save the file as UTF-8"
        // Plain, quoted or after a byte-order mark, by either reader.
        for (prefix, firstRow) in [([UInt8](), first), ([], first.replacingOccurrences(of: "ok", with: #""ok""#)), ([0xEF, 0xBB, 0xBF], first)] {
            let input = prefix + Array((header + firstRow + good).utf8) + [0xC3, 0x28, 0x0A]
            for reading in [Batch.Reading.fastest, .generic] {
                #expect(fileError { () throws(Batch.FileError) in
                    try Batch(measure: subsidy, input: input, format: .csv, parameters: parameters, reading: reading)
                } == message)
            }
        }
        // A byte-order mark is not a column (found by Fuzz/FuzzBatch: the column differed by one).
        for prefix in [[], [0xEF, 0xBB, 0xBF]] as [[UInt8]] {
            #expect(fileError { () throws(Batch.FileError) in
                try Batch(measure: subsidy, input: prefix + Array("loan".utf8) + [0xA1], format: .csv, parameters: parameters)
            } == "input: not valid UTF-8 at line 1, column 5 (byte 0xA1); save the file as UTF-8")
        }
        let jsonl = Array(#"{"loan_id": "L"}"#.utf8) + [0x0A] + Array(#"{"note": "abcd"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(fileError { () throws(Batch.FileError) in try Batch(measure: subsidy, input: jsonl, format: .jsonl, parameters: parameters) }
            == "input: not valid UTF-8 at line 2, column 15 (byte 0xFF); save the file as UTF-8")
        let repayments = Array("enterprise_id,loan_id,date,amount\nE1,L1,2023-01-01,".utf8) + [0xFF]
        #expect(fileError { () throws(Batch.FileError) in
            try Batch(measure: subsidy, input: Array((header + first).utf8), format: .csv, repayments: repayments, parameters: parameters)
        } == "repayments: not valid UTF-8 at line 2, column 18 (byte 0xFF); save the file as UTF-8")
    }

    @Test func aColumnNamedTwiceIsAFileErrorNamingIt() throws {
        let subsidy = try MeasureRegistry.measure(InterestSubsidy.id)
        let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai,principal\n"
        let row = "E1,L1,,3.65%,2022-11-01,2023-11-01,true,true,true,3000000\n"
        for reading in [Batch.Reading.fastest, .generic] {
            #expect(fileError { () throws(Batch.FileError) in
                try Batch(measure: subsidy, input: Array((header + row).utf8), format: .csv, parameters: parameters, reading: reading)
            } == "input: the column principal appears twice in the header (columns 3 and 10)")
        }
        let cit = try MeasureRegistry.measure(SmallProfitCIT.id)
        #expect(fileError { () throws(Batch.FileError) in
            try Batch(measure: cit, input: Array("tax_year,tax_year\n2023,2024\n".utf8), format: .csv, parameters: parameters)
        } == "input: the column tax_year appears twice in the header (columns 1 and 2)")
        let loans = header.replacingOccurrences(of: ",principal\n", with: ",note\n") + row
        #expect(fileError { () throws(Batch.FileError) in
            try Batch(measure: subsidy, input: Array(loans.utf8), format: .csv, repayments: Array("enterprise_id,loan_id,date,amount,amount\n".utf8),
                      parameters: parameters)
        } == "repayments: the column amount appears twice in the header (columns 4 and 5)")
        // Unnamed columns are not names given twice.
        let unnamed = try Batch(measure: cit, input: Array("tax_year,taxable_income,employees,total_assets,,\n2023,1,1,1,,\n".utf8), format: .csv,
                                parameters: parameters)
        #expect(unnamed.rowsOK == 1)
    }

    /// Found by Fuzz/FuzzBatch: the byte-level reader took a blank first line for the header.
    @Test func blankLinesBeforeTheHeaderAreReadAlikeByBothReaders() throws {
        let subsidy = try MeasureRegistry.measure(InterestSubsidy.id)
        let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        let input = Array(("\n\r\n" + header + "E1,L1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true\n").utf8)
        let plain = try Batch(measure: subsidy, input: input, format: .csv, parameters: parameters)
        let generic = try Batch(measure: subsidy, input: input, format: .csv, parameters: parameters, reading: .generic)
        #expect(plain.rendered(.csv) == generic.rendered(.csv))
        #expect(outputRows(plain.rendered(.csv)).first?["line"] == "4")
        for empty in [[], Array("\n\n".utf8), [0xEF, 0xBB, 0xBF]] as [[UInt8]] {
            #expect(fileError { () throws(Batch.FileError) in try Batch(measure: subsidy, input: empty, format: .csv, parameters: parameters) }
                == "input: the file is empty (no header line)")
        }
    }

    /// Found by Fuzz/FuzzBatch: a comma followed by a combining mark (U+05AF) is one Swift
    /// character, so the byte-level reader, splitting its header as characters, read two
    /// columns as one and named the wrong missing column.
    @Test func aCombiningMarkAfterAHeaderCommaIsReadAlikeByBothReaders() throws {
        let subsidy = try MeasureRegistry.measure(InterestSubsidy.id)
        let header = "enterprise_id,\u{5AF}x,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        let input = Array((header + "E1,L1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true\n").utf8)
        let messages = [Batch.Reading.fastest, .generic].map { reading in
            fileError { () throws(Batch.FileError) in try Batch(measure: subsidy, input: input, format: .csv, parameters: parameters, reading: reading) }
        }
        #expect(messages[0] == messages[1])
        #expect(messages[0]?.contains("required column loan_id") == true, "\(messages[0] ?? "")")
    }

    /// Found by Fuzz/FuzzBatch: a first line of empty cells alone (`,,`) is a blank row, as a
    /// spreadsheet saves one, for both readers, before the header as after it.
    @Test(arguments: [",,", ",,\n", ",\n\n", ",,\r\n,,\n"])
    func aHeaderOfUnnamedColumnsIsReadAlikeByBothReaders(_ text: String) throws {
        let subsidy = try MeasureRegistry.measure(InterestSubsidy.id)
        let outcomes = [Batch.Reading.fastest, .generic].map { reading in
            do {
                let batch = try Batch(measure: subsidy, input: Array(text.utf8), format: .csv, parameters: parameters, reading: reading)
                return String(decoding: batch.rendered(.csv) + batch.renderedSummary(.csv), as: UTF8.self)
            } catch {
                return "error: \(error)"
            }
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0] == "error: input: the file is empty (no header line)")
    }

    @Test func blankRowsOfEmptyCellsAreSkippedByBothReaders() throws {
        let subsidy = try MeasureRegistry.measure(InterestSubsidy.id)
        let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        let row = "E1,L1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true\n"
        let input = Array((",,,,,,,,\r\n" + header + ",,,,,,,,\n" + row + ",,\n").utf8)
        let batches = try [Batch.Reading.fastest, .generic].map { reading in
            try Batch(measure: subsidy, input: input, format: .csv, parameters: parameters, reading: reading)
        }
        #expect(batches[0].rendered(.csv) == batches[1].rendered(.csv))
        #expect(batches[0].rowsRead == 1)
        #expect(outputRows(batches[0].rendered(.csv)).first?["line"] == "4")
    }

    @Test func linesEndedByCRAloneAreAFileErrorSayingSo() throws {
        let input = "tax_year,taxable_income,employees,total_assets\r2023,1,1,1\r"
        let message = "input: lines end with a carriage return alone (CR, as in old Mac files); save the file with LF or CRLF line ends"
        for measure in [try MeasureRegistry.measure(SmallProfitCIT.id), try MeasureRegistry.measure(InterestSubsidy.id)] {
            #expect(fileError { () throws(Batch.FileError) in try Batch(measure: measure, input: Array(input.utf8), format: .csv, parameters: parameters) }
                == message)
        }
        let crlf = try Batch(measure: MeasureRegistry.measure(SmallProfitCIT.id), input: Array(input.replacingOccurrences(of: "\r", with: "\r\n").utf8),
                             format: .csv, parameters: parameters)
        #expect(crlf.rowsOK == 1)
    }

    /// Row 14 of docs/RELIABILITY.md: a record of many columns or keys is read whole (its time,
    /// at two sizes, is in Benchmarks: "input:" benchmarks).
    @Test func manyColumnsAreRead() throws {
        let extra = (0..<20_000).map { "c\($0)_id" }
        let header = (["tax_year", "taxable_income", "employees", "total_assets"] + extra).joined(separator: ",")
        let row = (["2023", "2800000", "50", "10000000"] + extra).joined(separator: ",")
        let json = "{" + (["\"tax_year\": 2023", "\"taxable_income\": \"2800000\"", "\"employees\": \"50\"", "\"total_assets\": \"10000000\""]
            + extra.map { "\"\($0)\": \"x\"" }).joined(separator: ", ") + "}"
        let measure = try MeasureRegistry.measure(SmallProfitCIT.id)
        let csvBatch = try Batch(measure: measure, input: Array((header + "\n" + row + "\n" + row + "\n").utf8), format: .csv, parameters: parameters)
        let jsonlBatch = try Batch(measure: measure, input: Array((json + "\n" + json + "\n").utf8), format: .jsonl, parameters: parameters)
        #expect(csvBatch.rowsOK == 2 && jsonlBatch.rowsOK == 2)
    }

    @Test func fileLevelProblems() throws {
        let measure = try MeasureRegistry.measure(SmallProfitCIT.id)
        #expect(throws: Batch.FileError.self) { try Batch(measure: measure, input: [], format: .csv, parameters: parameters) }
        do {
            _ = try Batch(measure: measure, input: Array("tax_year,employees\n2023,1\n".utf8), format: .csv, parameters: parameters)
            Issue.record("a missing column was accepted")
        } catch {
            #expect(error.description.hasPrefix(
                "input: required columns taxable_income (应纳税所得额), total_assets (资产总额) are missing. Columns found: tax_year, employees. "))
        }
        let headerOnly = try Batch(
            measure: measure, input: Array("tax_year,taxable_income,employees,total_assets\r\n".utf8), format: .csv, parameters: parameters)
        #expect(headerOnly.rowsRead == 0)
        #expect(headerOnly.rendered(.csv) == Array("line,status,error,eligible,reason,standard_tax,tax_due,relief,engine_version,parameters_sha256\n".utf8))
    }

    @Test func jsonLinesInAndOut() throws {
        let input = """
            {"tax_year": 2023, "taxable_income": "2800000", "employees": "50", "total_assets": "10000000", "id": "=A1"}
            {"tax_year": 2023, "taxable_income": 2800000.5, "employees": "50", "total_assets": "10000000", "id": "B"}
            """
        let batch = try Batch(measure: MeasureRegistry.measure(SmallProfitCIT.id), input: Array(input.utf8), format: .jsonl, parameters: parameters)
        let lines = String(decoding: batch.rendered(.jsonl), as: UTF8.self).split(separator: "\n")
        #expect(lines[0] == #"{"id":"=A1","line":1,"status":"ok","error":null,"eligible":true,"reason":"eligible","standard_tax":"700000.00","tax_due":"140000.00","relief":"560000.00","engine_version":"\#(Engine.version)","parameters_sha256":"\#(parameters.audit.parametersSHA256)"}"#)
        #expect(lines[1].contains(#""status":"error""#) && lines[1].contains("not JSON numbers"))
        #expect(String(decoding: batch.rendered(.csv), as: UTF8.self).contains("\n'=A1,1,ok,"))  // neutralised in CSV, not in JSON
    }

    /// Every scenario of the core measures, written as a one-row CSV, gives the same row read
    /// from its bytes as read generically: every input field the scenarios give, the rarely used
    /// ones (`q4_expensed_rd`, `month_sales_3pct`, `reference_rate`) included, each by its name.
    @Test func everyScenarioOfTheCoreMeasuresIsReadFromItsBytesAsGenerically() throws {
        let core = [GuaranteeFee.id, SmallScaleVAT.id, SmallProfitCIT.id, RDSuperDeduction.id]
        var compared: [String: Int] = [:]
        for scenario in ScenarioTests.scenarios {
            let measure = try MeasureRegistry.measure(scenario.measure)
            guard core.contains(measure.id), case .record(let fields) = scenario.input else { continue }
            var header: [String] = []
            var cells: [String] = []
            for (name, value) in fields {
                switch value {
                case .text(let text): cells.append(text)
                case .list(let items): cells.append(items.compactMap(\.text).joined(separator: ";"))
                default: continue
                }
                header.append(name)
            }
            let quoted = cells.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            let input = Array((header.joined(separator: ",") + "\n" + quoted.joined(separator: ",") + "\n").utf8)
            guard let batches = try? [Batch.Reading.fastest, .generic].map({ try Batch(measure: measure, input: input, format: .csv, parameters: parameters, reading: $0) })
            else { continue }  // a scenario of a file error (a field no column may name)
            #expect(String(decoding: batches[0].rendered(.csv), as: UTF8.self) == String(decoding: batches[1].rendered(.csv), as: UTF8.self), "\(scenario.name)")
            compared[measure.id, default: 0] += batches[0].rowsReadGenerically == 0 ? 1 : 0
        }
        // Each measure's scenarios were read from their bytes, not only generically.
        #expect(core.allSatisfy { compared[$0, default: 0] >= 5 }, "\(compared)")
    }

    /// Spellings of each kind of value that the byte-level record reader must read as the
    /// generic reader does, or leave to it: plain and unusual forms, full-width ones, spaces,
    /// values out of bounds and values refused.
    static let spellings: [String: [String]] = [
        "amount": ["1.2E+6", "３０００", " 3000 ", "-5", "\"3,000,000.00\"", "\"1,00,000\"", "abc", "1.5万", "¥0", "0E+5", "-0",
                   "99999999999999999999999.99", "1E+200", "\"1\"\"2\"", "12.345", "１２，３４５．６７", "\u{3000}500\u{3000}"],
        "number": ["12.5", "１０", " 7 ", "-1", "1E+3", "x"],
        "rate": ["1.5%", "１．５％", "4 %", "150%", "0.015", "2", "-1%", "abc", " 1% ", "0.0150000", "1E-2"],
        "date": ["2023-2-30", "２０２３－０４－０１", "2023年4月1日", "20230431", " 2023/04/01 ", "1899-01-01", "2023-13-01", "2023.04.01"],
        "flag": ["TRUE", "yes", "Y", "是", "ｔｒｕｅ", "maybe", " 1", "N", "否 "],
        "integer": ["２０２３", "+2023", "2023.0", "-1", " 2023", "99999999999999999999", "2023", "18"],
        "choice": ["QUARTER", " month", "xyz", "Urban", "tech_SME", "actual", "季度"],
        "text": ["=cmd", "\"a,b\"", "\"x\"\"y\"", " G1 ", "Ｇ１"],
    ]

    /// Every core measure's records read straight from their bytes give the generic reader's
    /// output byte for byte — rows, errors, totals and the guarantor summary — on a generated
    /// file (Scripts/generate_records.py) with a quarter of its cells respelt from
    /// ``spellings``, CRLF line ends and blank lines throughout (5,000 rows: several chunks);
    /// most rows are still read from the bytes.
    /// Without the spellings that escape a quote, the file's quotes are simple and its records
    /// are read in chunks of lines (``SimpleCSV``); with them, as a ``CSVDocument``.
    @Test(arguments: ["guarantee-fee", "small-scale-vat", "small-profit-cit", "rd-super-deduction"], [true, false])
    func recordsReadFromTheirBytesGiveTheGenericReadersOutput(measureID: String, simpleQuotes: Bool) throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", repository.appendingPathComponent("Scripts/generate_records.py").path, measureID, "5000"]
        let pipe = Pipe()
        generator.standardOutput = pipe
        try generator.run()
        let generated = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        generator.waitUntilExit()
        let measure = try MeasureRegistry.measure(measureID)
        var lines = generated.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let kinds = header.map { name -> String in
            switch measure.inputFields.first(where: { $0.name == name })?.kind {
            case .amount?: "amount"
            case .number?: "number"
            case .rate?: "rate"
            case .date?: "date"
            case .flag?: "flag"
            case .integer?: "integer"
            case .choice?: "choice"
            default: "text"
            }
        }
        var random = Random(state: UInt64(measureID.utf8.count))
        for index in 1..<lines.count where random.chance(25) {
            // Cells split as the generator wrote them: only its grouped amounts are quoted.
            var cells = [""]
            var quoted = false
            for character in lines[index] {
                if character == "\"" { quoted.toggle() }
                if character == ",", !quoted { cells.append("") } else { cells[cells.count - 1].append(character) }
            }
            let column = random.next(0...(header.count - 1))
            let spellings = BatchTests.spellings[kinds[column]]!.filter { !simpleQuotes || !$0.contains("\"\"") }
            cells[column] = random.chance(10) ? "" : random.pick(spellings)
            lines[index] = cells.joined(separator: ",") + (random.chance(10) ? "\r" : "")
        }
        lines.append(lines[1] + ",extra")  // a row with a cell too many
        if !simpleQuotes { lines.append("\"x\"\"y\"" + lines[2].drop { $0 != "," }) }  // a first cell with an escaped quote
        // Blank lines, as a spreadsheet saves them too, all through the file (so near the cuts
        // between chunks as well).
        for at in stride(from: lines.count - 7, to: 1, by: -97) {
            lines.insert(at % 2 == 0 ? "" : String(repeating: ",", count: header.count - 1) + "\r", at: at)
        }
        let input = Array((lines.joined(separator: "\n") + "\n").utf8)
        // Simple quotes: read in several chunks of lines; otherwise as a document.
        let file = SimpleCSV(input)
        #expect(simpleQuotes ? (file?.chunks.count ?? 0) > 1 : file == nil)
        // Repayments for two guarantees, which those rows are then read with.
        let repayments = measureID == GuaranteeFee.id ? Array("guarantee_id,date,amount\nG00000001,2023-06-30,1000000\nG00000003,2023-09-30,500000\n".utf8) : nil
        let batches = try [Batch.Reading.fastest, .generic].map { reading in
            try Batch(measure: measure, input: input, format: .csv, repayments: repayments, parameters: parameters, reading: reading)
        }
        let (fast, generic) = (batches[0], batches[1])
        #expect(String(decoding: fast.rendered(.csv), as: UTF8.self) == String(decoding: generic.rendered(.csv), as: UTF8.self))
        #expect(String(decoding: fast.renderedSummary(.csv), as: UTF8.self) == String(decoding: generic.renderedSummary(.csv), as: UTF8.self))
        #expect(fast.totals.map(\.total) == generic.totals.map(\.total))
        // The totals are the sums of the money cells, each parsed as the decimal type's text.
        let money = measure.outputFields.indices.filter { measure.outputFields[$0].money }
        let firstResult = fast.columns.count - measure.outputFields.count - Batch.auditColumns.count
        var sums = money.map { _ in ExactDecimal.zero.round2() }
        for index in 0..<fast.rowsRead {
            let row = fast.row(index)
            for (sum, field) in money.enumerated() {
                if case .value(let text) = row[firstResult + field] { sums[sum] += try ExactDecimal(parsing: text) }
            }
        }
        #expect(fast.totals.map(\.total.description) == sums.map(\.description))  // to the exponent
        #expect(sums.contains { !$0.isZero })
        // The CSV written from the rows in place, read back, is each row's cells.
        let document = CSVDocument(bytes: fast.rendered(.csv))
        #expect(document.records.count == fast.rowsRead + 1)
        for (index, record) in document.records.dropFirst().enumerated() {
            let written = (0..<record.count).map { document.text(of: record, at: $0) ?? "" }
            let cells = fast.row(index).map { cell -> String in
                switch cell {
                case .text(let text): ["=", "+", "-", "@", "\t", "\r"].contains(text.unicodeScalars.first.map(String.init)) ? "'" + text : text
                case .value(let value): value
                case .empty: ""
                }
            }
            #expect(written == cells, "row \(index)")
        }
        #expect(generic.rowsReadGenerically == generic.rowsRead)
        #expect(fast.rowsReadGenerically > 0 && fast.rowsReadGenerically < fast.rowsRead / 4)
        // The rows of a measure with a fixed-point kernel go through it, unless read generically.
        #expect(fast.rowsComputedInFixedPoint > (Batch.fixedPointMeasures.contains(measureID) ? fast.rowsRead / 2 : -1))
        #expect(generic.rowsComputedInFixedPoint == 0)
        #expect(fast.rowsFailed > 0 && fast.rowsOK > fast.rowsRead / 2)
    }

    /// Rows written at a cursor (the kernel's loans, the record measures' computed rows) are
    /// the rows' cells written one by one, with ids that are long, hold commas (quoted in the
    /// input, simply) or start like formulas, and text cells that need the guard.
    @Test(arguments: [InterestSubsidy.id, GuaranteeFee.id])
    func rowsWrittenAtACursorAreTheirCellsWritten(measureID: String) throws {
        let measure = try MeasureRegistry.measure(measureID)
        let ids = ["=1+1", "\"E,1\"", "-7", "@sum", String(repeating: "企", count: 66), "\"+a,b,c\"", "plain"]
        var text: String
        if measureID == InterestSubsidy.id {
            text = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
            for (index, id) in ids.enumerated() {
                text += "\(id),\(ids[(index + 3) % ids.count]),\(1_000_000 * (index + 1)).5\(index),3.65%,2023-06-0\(index + 1),2024-03-01,true,true,true\n"
            }
        } else {
            text = "guarantee_id,guarantor_id,amount,fee_rate,start_date,end_date\n"
            for (index, id) in ids.enumerated() {
                text += "\(id),\(ids[(index + 2) % ids.count]),\(1_000_000 * (index + 1)),1.2%,2023-03-01,2024-0\(index + 1)-15\n"
            }
        }
        let batch = try Batch(measure: measure, input: Array(text.utf8), format: .csv, parameters: parameters)
        var expected = Array(batch.columns.map(Batch.csvField).joined(separator: ",").utf8) + [UInt8(ascii: "\n")]
        for index in 0..<batch.rowsRead { Batch.append(batch.row(index), columns: batch.columns, format: .csv, to: &expected) }
        #expect(batch.rowsRead == ids.count && batch.rowsFailed == 0, "\(batch.rowErrors)")
        if measureID == InterestSubsidy.id { #expect(batch.rowsComputedInFixedPoint == ids.count) }
        #expect(String(decoding: batch.rendered(.csv), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(String(decoding: batch.rendered(.csv), as: UTF8.self).contains("'=1+1"))
    }

    /// The interest subsidy's summary rows written at a cursor (the kernel's enterprises) are
    /// their cells written one by one, merged in order with the general path's: ids that start
    /// like formulas or hold commas, a cap cut and one left whole, amounts granted before, an
    /// enterprise with no eligible loan (no cap remaining), one sent to the general path by a
    /// bad row.
    @Test func summariesWrittenAtACursorAreTheirCellsWritten() throws {
        let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        let rows = [
            "=1+1,L1,9000000,3.65%,2022-11-01,2023-11-01,true,true,true",
            "=1+1,L2,9000000,3.65%,2022-11-02,2023-11-01,true,true,true",
            "\"E,2\",L1,3000000.5,3.65%,2022-11-01,2023-11-01,true,true,true",
            "E3,L1,3000000,3.65%,2022-11-01,2023-11-01,false,true,true",
            "E4,L1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true",
            "E4,L2,abc,3.65%,2022-11-01,2023-11-01,true,true,true",
            "E5,L1,100000,1.5%,2022-11-01,2023-11-01,true,true,true",
        ]
        let granted = "enterprise_id,granted\nE5,199000.99\n\"E,2\",0.01\n"
        let batch = try Batch(
            measure: MeasureRegistry.measure(InterestSubsidy.id), input: Array((header + rows.joined(separator: "\n") + "\n").utf8), format: .csv,
            granted: Array(granted.utf8), parameters: parameters)
        #expect(batch.rowsComputedInFixedPoint == 5)
        var expected = Array(batch.summaryColumns.map(Batch.csvField).joined(separator: ",").utf8) + [UInt8(ascii: "\n")]
        for index in 0..<batch.summaryCount { Batch.append(batch.summaryRow(index), columns: batch.summaryColumns, format: .csv, to: &expected) }
        let written = String(decoding: batch.renderedSummary(.csv), as: UTF8.self)
        #expect(written == String(decoding: expected, as: UTF8.self))
        // In order of first row; the general path's E4 among the kernel's.
        #expect(outputRows(written).map { $0["enterprise_id"]! } == ["'=1+1", "E,2", "E3", "E4", "E5"])
        #expect(outputRows(written).map { $0["cap_remaining"]! } == ["0.00", "139166.65", "", "139166.67", "0.00"])
        #expect(outputRows(written).map { $0["prior_granted"]! } == ["0.00", "0.01", "0.00", "0.00", "199000.99"])
    }
}

/// The data rows of a CSV as input records (the per-record API's view of them).
func CSVRows(_ bytes: [UInt8]) throws -> [InputFields] {
    let document = CSVDocument(bytes: bytes)
    let header = (0..<document.records[0].count).map { document.text(of: document.records[0], at: $0)! }
    return document.records.dropFirst().map { record in
        var fields = InputFields()
        for (index, column) in header.enumerated() {
            let text = document.text(of: record, at: index) ?? ""
            if !text.isEmpty { fields[column] = .text(text) }
        }
        return fields
    }
}

@Suite struct SubsidyColumnsTests {
    @Test func theColumnarKernelAgreesWithThePerRecordAPI() throws {
        let parameters = try ParameterTable.bundled()
        var random = Random(state: 99)
        var loans: [InterestSubsidy.Loan] = []
        for index in 0..<1_000 {
            let drawdown = (try Day(parsing: "2022-09-15")).adding(days: random.next(0...120))
            loans.append(InterestSubsidy.Loan(
                enterpriseID: "E\(index)", loanID: "L", principal: ExactDecimal(Int64(random.next(1...1_000_000_000)), exponent: -2),
                annualRate: Rate(ExactDecimal(Int64(random.next(0...80_000)), exponent: -6)), drawdownDate: drawdown,
                endDate: drawdown.adding(days: random.next(1...800)), guaranteedByFund: random.chance(95),
                firstInclusiveLoan: random.chance(95), lenderInShanghai: random.chance(95)))
        }
        let columns = SubsidyColumns(
            principalFen: loans.map { $0.principal.int64Value(scale: 2)! }, rateMillionths: loans.map { $0.annualRate.value.int64Value(scale: 6)! },
            drawdown: loans.map(\.drawdownDate), end: loans.map(\.endDate),
            eligibilityFacts: loans.map { $0.guaranteedByFund && $0.firstInclusiveLoan && $0.lenderInShanghai })
        let fen = try #require(columns.subsidiesComputed(parameters: parameters))
        for (loan, subsidy) in zip(loans, fen) {
            let expected = try InterestSubsidy.calculate(.init(loans: [loan]), parameters: parameters).loans[0].subsidyComputed
            #expect(ExactDecimal(subsidy, exponent: -2) == expected)
        }
        #expect(fen.contains { $0 > 0 } && fen.contains(0))
    }

    @Test func anOverflowIsReportedNotRounded() throws {
        let day = try Day(parsing: "2022-11-01")
        let columns = SubsidyColumns(
            principalFen: [Int64.max / 400], rateMillionths: [20_000], drawdown: [day], end: [day.adding(days: 365)],
            eligibilityFacts: [true])
        #expect(columns.subsidiesComputed(parameters: try ParameterTable.bundled()) == nil)
    }
}

/// The column kernel is public: what a caller can put in its columns is refused, never trapped on.
@Suite struct SubsidyColumnsRefusalTests {
    @Test func columnsOfDifferentLengthsOrImpossibleValuesAreRefused() throws {
        let day = try Day(parsing: "2022-11-01")
        let parameters = try ParameterTable.bundled()
        let uneven = SubsidyColumns(principalFen: [100, 200], rateMillionths: [20_000], drawdown: [day], end: [day], eligibilityFacts: [true])
        #expect(uneven.subsidiesComputed(parameters: parameters) == nil)
        for (principal, rate): (Int64, Int64) in [(-100_000, 20_000), (0, 20_000), (100_000, -1)] {
            let columns = SubsidyColumns(
                principalFen: [principal], rateMillionths: [rate], drawdown: [day], end: [day.adding(days: 365)], eligibilityFacts: [true])
            #expect(columns.subsidiesComputed(parameters: parameters) == nil)
        }
    }
}
