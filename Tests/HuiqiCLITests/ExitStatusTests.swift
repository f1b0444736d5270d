import Foundation
import Testing

/// docs/CLI.md's one table of exit statuses, command by command: 0 done, 1 a calculation, row
/// or scenario failed, 2 a usage error or a file that cannot be read or written.
@Suite struct ExitStatusTests {
    static let cit = "calc small-profit-cit --tax-year 2023 --taxable-income 2800000 --employees 50 --total-assets 10000000"

    static let cases: [(String, Int32)] = [
        // 0: done
        ("list", 0), ("list vat", 0), ("--help", 0), ("calc --help", 0), ("--version", 0),
        (cit, 0), ("params --at 2023-05-01", 0), ("eval '1 + 1'", 0), ("test Tests/Scenarios/small-profit-cit.yaml", 0),
        // 1: a calculation failed
        ("calc small-profit-cit --tax-year 2023 --taxable-income -1 --employees 50 --total-assets 1", 1),
        ("eval '1 / 0'", 1),
        // 2: usage
        ("clac", 2), ("calc", 2), ("calc nope", 2), ("list nope", 2), ("batch nope /dev/null", 2), ("params --at someday", 2),
        ("eval", 2), ("calc small-profit-cit --tax-year 2023", 2), (cit + " --format xml", 2), (cit + " --bogus 1", 2),
        // 2: files
        ("calc small-profit-cit --input /nonexistent.json", 2), (cit + " --parameters /nonexistent.yaml", 2),
        ("batch interest-subsidy /nonexistent.csv", 2), ("test /nonexistent", 2),
    ]

    @Test(arguments: cases)
    func status(command: String, expected: Int32) throws {
        let output = try Huiqi.run(Huiqi.words(command))
        #expect(output.status == expected, "\(command): \(output.stderr)")
        if expected == 2 { #expect(!output.stderr.isEmpty) }
    }

    @Test func aRowThatFailsMakesTheBatchExit1() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("exit-status-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("""
            enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai
            E1,L1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true
            E2,L2,-5,3.65%,2022-11-01,2023-11-01,true,true,true

            """.utf8).write(to: file)
        let output = try Huiqi.run(["batch", "interest-subsidy", file.path])
        #expect(output.status == 1)
        #expect(output.stdout.contains("E1,L1"))
    }

    @Test func aFailingScenarioMakesTheTestCommandExit1() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("exit-status-\(getpid()).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("""
            - name: wrong on purpose
              measure: small-profit-cit
              input: {tax_year: 2023, taxable_income: "2800000", employees: 50, total_assets: "10000000"}
              expect: {tax_due: "1.00"}

            """.utf8).write(to: file)
        #expect(try Huiqi.run(["test", file.path]).status == 1)
    }
}

/// Names as people type them: aliases, Chinese titles, and the nearest name for a slip.
@Suite struct NamingTests {
    @Test(arguments: ["small-profit-cit", "cit", "CIT", "small_profit_cit", "小型微利企业所得税优惠"])
    func aMeasureIsFoundByAnyOfItsNames(name: String) throws {
        let output = try Huiqi.run(Huiqi.words(ExitStatusTests.cit.replacingOccurrences(of: "small-profit-cit", with: name) + " --format json"))
        #expect(output.status == 0)
        #expect(output.stdout.contains(#""tax_due": "140000.00""#))
    }

    @Test(arguments: [
        ("clac", "unknown command 'clac'; did you mean 'calc'?"),
        ("calc intrest-subsidy", #"unknown measure "intrest-subsidy"; did you mean interest-subsidy?"#),
        ("list vta", #"unknown measure "vta"; did you mean vat?"#),
        ("batch guarantee-fe /dev/null", #"unknown measure "guarantee-fe"; did you mean guarantee-fee?"#),
        ("calc cit --tax-yaer 2023", "unknown flag '--tax-yaer' for small-profit-cit; did you mean --tax-year?"),
        ("calc subsidy --no-guaranteed-by-fnd", "did you mean --no-guaranteed-by-fund?"),
    ])
    func aSlipGetsTheNearestName(command: String, message: String) throws {
        let output = try Huiqi.run(Huiqi.words(command))
        #expect(output.status == 2)
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }

    @Test func everyMissingFlagIsReportedAtOnce() throws {
        let output = try Huiqi.run(["calc", "cit", "--tax-year", "2023"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("""
            Error: missing 3 flags:
              --taxable-income (AMOUNT): after super-deductions and losses (0 for a loss year)
              --employees (NUMBER): annual average headcount
              --total-assets (AMOUNT): annual average total assets

            """))
    }
}
