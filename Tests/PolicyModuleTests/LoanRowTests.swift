import DecimalModule
import Testing

@testable import PolicyModule

/// The loan row as a batch keeps it (`LoanRow`, five packed words), and the rows that do not fit
/// one, which are kept whole and computed by the general path.
@Suite struct LoanRowTests {
    let parameters = try! ParameterTable.bundled()

    /// What a loan costs the batch: the memory target of a batch rests on these sizes.
    @Test func aRowIsFortyBytesAndAnEnterpriseFortyEight() {
        #expect(MemoryLayout<LoanRow>.stride == 40)
        #expect(MemoryLayout<SubsidyBatch.KernelGroup?>.stride == 48)
    }

    /// Every field comes back as it went in, at the edges of its room too, and the group and
    /// flags the batch sets later leave the rest alone.
    @Test func aPackedRowGivesBackItsLoan() throws {
        var random = Random(state: 11)
        for _ in 0..<5_000 {
            let drawdown = Day(ordinal: random.next(-25_567...2_932_896))  // 1900-01-01 … 9999-12-31
            let loan = FixedLoan(
                principal: random.chance(10) ? (1 << 48) - 1 : Int64(random.next(1...Int(Int32.max))) * Int64(random.next(1...65_535)),
                exponent: Int8(-random.next(0...2)), rate: Int64(random.chance(10) ? (1 << 24) - 1 : random.next(0...1_000_000)),
                rateExponent: Int8(-random.next(0...6)), drawdown: drawdown,
                end: drawdown.adding(days: random.chance(10) ? 65_534 : random.next(1...5_000)), guaranteed: random.chance(50),
                firstLoan: random.chance(50), inShanghai: random.chance(50),
                interestPaid: random.chance(30) ? nil : random.chance(10) ? (1 << 48) - 1 : Int64(random.next(0...Int(Int32.max))))
            let enterpriseStart = random.chance(10) ? (1 << 40) - 1 : random.next(40_000...(1 << 40) - 1)
            let enterprise = enterpriseStart..<enterpriseStart + random.next(1...255)
            let loanStart = enterpriseStart + (random.chance(10) ? random.pick([-32_768, 32_767]) : random.next(-300...300))
            let loanID = loanStart..<loanStart + random.next(1...255)
            let line = random.chance(10) ? Int(Int32.max) : random.next(2...100_000_000)
            let generically = random.chance(50)
            var row = try #require(LoanRow(line: line, ids: IDSpans(enterprise: enterprise, loan: loanID), fixed: loan, readGenerically: generically))
            func expectAsWritten() {
                #expect(row.fixed == loan)
                #expect(row.line == line)
                #expect(row.drawdown == drawdown)
                #expect(row.ids.enterprise == enterprise)
                #expect(row.ids.loan == loanID)
                #expect(row.flags.contains(.readGenerically) == generically)
            }
            expectAsWritten()
            #expect(row.group == -1)
            #expect(row.flags.isDisjoint(with: [.kept, .capped, .partial]))
            let group = Int32(random.next(0...Int(Int32.max)))
            row.group = group
            row.flags.insert([.capped, .partial])
            expectAsWritten()
            #expect(row.group == group)
            #expect(row.flags.isSuperset(of: [.capped, .partial]))
        }
    }

    /// A row one past the edge of each field's room is not packed (its batch keeps it whole).
    @Test func aRowBeyondItsRoomIsNotPacked() throws {
        let drawdown = try Day(parsing: "2022-11-01")
        let loan = FixedLoan(
            principal: 300_000_000, exponent: -2, rate: 36_500, rateExponent: -4, drawdown: drawdown, end: drawdown.adding(days: 365),
            guaranteed: true, firstLoan: true, inShanghai: true, interestPaid: nil)
        let ids = IDSpans(enterprise: 0..<2, loan: 3..<5)
        #expect(LoanRow(line: 2, ids: ids, fixed: loan, readGenerically: false) != nil)
        var beyond: [(String, Int, IDSpans, FixedLoan)] = []
        var changed = loan
        changed.principal = 1 << 48
        beyond.append(("principal", 2, ids, changed))
        changed = loan
        changed.interestPaid = 1 << 48
        beyond.append(("interest paid", 2, ids, changed))
        changed = loan
        changed.rate = 1 << 24
        beyond.append(("rate", 2, ids, changed))
        changed = loan
        changed.end = drawdown.adding(days: 65_535)
        beyond.append(("term", 2, ids, changed))
        beyond.append(("line", Int(Int32.max) + 1, ids, loan))
        beyond.append(("enterprise id start", 2, IDSpans(enterprise: 1 << 40..<(1 << 40) + 2, loan: 3..<5), loan))
        beyond.append(("enterprise id length", 2, IDSpans(enterprise: 0..<256, loan: 300..<302), loan))
        beyond.append(("loan id length", 2, IDSpans(enterprise: 0..<2, loan: 3..<259), loan))
        beyond.append(("ids apart", 2, IDSpans(enterprise: 0..<2, loan: 32_768..<32_770), loan))
        beyond.append(("no loan id", 2, IDSpans(enterprise: 0..<2, loan: nil), loan))
        for (what, line, ids, loan) in beyond {
            #expect(LoanRow(line: line, ids: ids, fixed: loan, readGenerically: false) == nil, "\(what)")
        }
    }

    /// Rows that do not fit a packed row are kept whole, and their enterprise takes the general
    /// path: the per-record API's results, the cause said by `--stats`, and the other
    /// enterprise still in the kernel.
    @Test(arguments: [
        ("E1", "2814749767106.56", "", "2023-11-01"),  // 2^48 fen
        ("E1", "3000000", "2814749767106.56", "2023-11-01"),  // interest paid of 2^48 fen
        ("E1", "3000000", "", "2202-04-07"),  // 65,535 days after drawdown
        ("E1", String(repeating: " ", count: 33_000) + "3000000", "", "2023-11-01"),  // the loan id 33 KB after the enterprise's
    ])
    func rowsThatDoNotFitAreComputedByTheGeneralPath(enterprise: String, principal: String, interestPaid: String, end: String) throws {
        let header = "enterprise_id,principal,loan_id,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai,interest_paid\n"
        let text = header + [
            "\(enterprise),\(principal),L1,3.65%,2022-11-01,\(end),true,true,true,\(interestPaid)",
            "\(enterprise),9000000,L2,3.65%,2022-12-01,2023-12-01,true,true,true,",
            "E2,3000000,L1,3.65%,2022-11-01,2023-11-01,true,true,true,",
        ].joined(separator: "\n") + "\n"
        let measure = try MeasureRegistry.measure(InterestSubsidy.id)
        let batch = try Batch(measure: measure, input: Array(text.utf8), format: .csv, parameters: parameters)
        #expect(batch.rowsComputedInFixedPoint == 1)
        #expect(batch.fallbacks.map(\.rows) == [2])
        #expect(batch.fallbacks.first?.cause == SubsidyBatch.Fallback.layout.rawValue)
        let output = outputRows(batch.rendered(.csv))
        let records = try CSVRows(Array(text.utf8)).map(InputValue.record)
        for (enterprise, rows) in [(enterprise, [0, 1]), ("E2", [2])] {
            let input = try InterestSubsidy.input(decoding: .record(["loans": .list(rows.map { records[$0] })]))
            let result = try InterestSubsidy.calculate(input, parameters: parameters)
            for (row, loan) in zip(rows, result.loans) { expectRow(output[row], is: loan) }
            let summary = try #require(outputRows(batch.renderedSummary(.csv)).first { $0["enterprise_id"] == enterprise })
            #expect(summary["enterprise_total"] == result.enterprises[0].enterpriseTotal.description)
        }
        // The cap cut the first enterprise: its 200,000 shared between its two loans.
        #expect(output[0]["enterprise_total"] == "200000.00")
        // Read generically, the ids are laid side by side (the row 33 KB long then fits), and the
        // output is the same.
        let generic = try Batch(measure: measure, input: Array(text.utf8), format: .csv, parameters: parameters, reading: .generic)
        #expect(generic.rendered(.csv) == batch.rendered(.csv))
        #expect(generic.renderedSummary(.csv) == batch.renderedSummary(.csv))
    }

    /// An id is at most 200 bytes of UTF-8, and the message says bytes: 66 Chinese characters
    /// are read, 67 are refused.
    @Test func anIdsLimitIsSaidInBytes() throws {
        let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
        let text = header + [66, 67].map { "\(String(repeating: "甲", count: $0)),L1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true\n" }.joined()
        let batch = try Batch(measure: MeasureRegistry.measure(InterestSubsidy.id), input: Array(text.utf8), format: .csv, parameters: parameters)
        let output = outputRows(batch.rendered(.csv))
        #expect(output.map { $0["status"] } == ["ok", "error"])
        #expect(output[1]["error"] == "enterprise_id: text longer than 200 bytes of UTF-8 (a Chinese character takes 3: at most 66 of them)")
    }

    /// `--stats` says why an enterprise took the general path in the language asked: every
    /// cause has its Chinese words.
    @Test(arguments: SubsidyBatch.Fallback.allCases)
    func everyCauseOfTheGeneralPathReadsInChinese(_ cause: SubsidyBatch.Fallback) {
        let chinese = Vocabulary.translate(cause.rawValue, to: .zh)
        #expect(chinese != cause.rawValue)
        #expect(chinese.unicodeScalars.contains { $0.properties.isIdeographic })
    }
}
