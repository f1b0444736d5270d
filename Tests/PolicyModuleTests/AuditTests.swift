import DecimalModule
import Foundation
import PolicyModule
import Testing

/// Every result says which engine and which parameter set computed it, so that an auditor can
/// re-derive it; the identity is the SHA-256 of a documented canonical form.
@Suite struct AuditTests {
    /// SHA-256 by another implementation (Python's hashlib), over the same bytes.
    static func pythonSHA256(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import hashlib,sys;print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())"]
        let (input, output) = (Pipe(), Pipe())
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let hash = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return hash.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theIdentityIsTheSHA256OfTheCanonicalForm() throws {
        let table = try ParameterTable.bundled()
        #expect(table.identity.count == 64 && table.identity.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(try table.identity == Self.pythonSHA256(table.canonicalForm))
        #expect(table.isBundled && table.source == .bundled)
        #expect(table.audit == Audit(engineVersion: Engine.version, parametersSHA256: table.identity, parametersSource: .bundled))
    }

    @Test func theCanonicalFormIsOneEscapedLinePerValueInIdOrder() throws {
        let table = try ParameterTable.bundled()
        let lines = table.canonicalForm.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "huiqi-parameters 1")
        #expect(lines.last == "")
        #expect(lines.count - 2 == table.values.values.reduce(0) { $0 + $1.count })
        let ids = lines.dropFirst().dropLast().map { String($0.split(separator: "\t", omittingEmptySubsequences: false)[0]) }
        #expect(ids == ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(lines.contains("interest_subsidy.rate\t2022-10-01\t2022-12-31\t0.02\t沪企服办〔2023〕1号 第十五条 (2022年第四季度新发放首贷 2% 贴息)"))
        let odd = try ParameterTable(yaml: "interest_subsidy.rate:\n  - {value: \"0.03\", from: 2030-01-01, citation: \"a\\tb\\\\c\\nd\"}\n")
        #expect(odd.canonicalForm == "huiqi-parameters 1\ninterest_subsidy.rate\t2030-01-01\t\t0.03\ta\\tb\\\\c\\nd\n")
    }

    @Test func aTableLaidOverTheBundledOneHasAnotherIdentityAndSaysSo() throws {
        let bundled = try ParameterTable.bundled()
        let override = try ParameterTable(yaml: "interest_subsidy.rate:\n  - {value: \"0.03\", from: 2022-10-01, to: 2022-12-31, citation: \"test\"}\n")
        let merged = bundled.overriding(with: override)
        #expect(merged.source == .overridden && !merged.isBundled)
        #expect(merged.identity != bundled.identity)
        #expect(try merged.identity == Self.pythonSHA256(merged.canonicalForm))
        // The same values laid over again: the same identity, still marked as overridden.
        let same = bundled.overriding(with: try ParameterTable(yaml: "interest_subsidy.rate:\n  - {value: \"0.02\", from: 2022-10-01, to: 2022-12-31, citation: \"沪企服办〔2023〕1号 第十五条 (2022年第四季度新发放首贷 2% 贴息)\"}\n"))
        #expect(same.identity == bundled.identity && same.source == .overridden)
    }

    static let loan = InterestSubsidy.Loan(
        enterpriseID: "E1", loanID: "L1", principal: 3_000_000, annualRate: Rate(ExactDecimal(365, exponent: -4)),
        drawdownDate: Day(year: 2022, month: 11, day: 1)!, endDate: Day(year: 2023, month: 11, day: 1)!,
        guaranteedByFund: true, firstInclusiveLoan: true, lenderInShanghai: true)

    @Test func everyResultCarriesTheAuditAndIsEquatable() throws {
        let table = try ParameterTable.bundled()
        let first = try InterestSubsidy.calculate(.init(loans: [Self.loan]), parameters: table)
        let second = try InterestSubsidy.calculate(.init(loans: [Self.loan]), parameters: table)
        #expect(first.audit == table.audit)
        #expect(first == second)
        var other = Self.loan
        other.principal = 2_000_000
        #expect(try InterestSubsidy.calculate(.init(loans: [other]), parameters: table) != first)
        let json = try JSONValue(encoding: first).rendered
        #expect(json.contains("\"audit\": {\n    \"engine_version\": \"\(Engine.version)\",\n    \"parameters_sha256\": \"\(table.identity)\",\n    \"parameters_source\": \"bundled\"\n  }"))
        let portfolio = try GuaranteeFee.portfolio(
            .init(guarantees: [try GuaranteeFee.input(decoding: .record([
                "guarantee_id": .text("G1"), "guarantor_id": .text("GU1"), "amount": .text("1000000"), "fee_rate": .text("1%"),
                "start_date": .text("2023-01-01"), "term_months": .text("12"),
            ]))]), parameters: table)
        #expect(portfolio.audit == table.audit)
        #expect(portfolio.guarantees[0].audit == nil)  // inside a portfolio, the portfolio's audit applies
    }

    @Test func eachLoanSaysItsWindowEndAndTheRateApplied() throws {
        let table = try ParameterTable.bundled()
        let full = try InterestSubsidy.calculate(.init(loans: [Self.loan]), parameters: table).loans[0]
        #expect(full.windowEnd == Day(year: 2023, month: 11, day: 1) && full.rateApplied == Rate(ExactDecimal(2, exponent: -2)))
        var cheap = Self.loan
        cheap.annualRate = Rate(ExactDecimal(15, exponent: -3))  // 1.5%, below the 2% subsidy rate: cap mode applies 1.5%
        cheap.endDate = Day(year: 2024, month: 6, day: 1)!  // longer than max_days: the window ends a year after drawdown
        let capped = try InterestSubsidy.calculate(.init(loans: [cheap]), parameters: table).loans[0]
        #expect(capped.rateApplied == cheap.annualRate && capped.windowEnd == Day(year: 2023, month: 11, day: 1))
        var ineligible = Self.loan
        ineligible.guaranteedByFund = false
        let refused = try InterestSubsidy.calculate(.init(loans: [ineligible]), parameters: table).loans[0]
        #expect(refused.windowEnd == nil && refused.rateApplied == nil)
        #expect(try JSONValue(encoding: refused).rendered.contains("\"window_end\": null,\n  \"rate_applied\": null"))
    }
}
