import Foundation
import Testing

/// The text and JSON output of one calculation per core measure (worked examples of docs/POLICY.md)
/// in both languages, and `calc --help`, against checked-in files in Golden/.
/// Set HUIQI_UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
@Suite struct GoldenTests {
    static let examples: [(String, String)] = [
        ("interest-subsidy", "calc interest-subsidy --principal 3000000 --annual-rate 3.65% --drawdown-date 2022-11-01 --end-date 2023-11-01 --guaranteed-by-fund --first-inclusive-loan --lender-in-shanghai"),
        ("guarantee-fee", "calc guarantee-fee --amount 3000000 --fee-rate 1% --start-date 2023-01-01 --end-date 2024-01-01"),
        ("small-scale-vat", "calc small-scale-vat --period-type quarter --period-start 2023-04-01 --sales-3pct 400000"),
        ("small-profit-cit", "calc small-profit-cit --tax-year 2023 --taxable-income 2800000 --employees 50 --total-assets 10000000"),
        ("rd-super-deduction", "calc rd-super-deduction --tax-year 2023 --category general --expensed-rd 2000000 --intangible-cost 3000000 --cit-rate 25%"),
    ]

    static let cases: [(String, String)] = examples.flatMap { name, command in
        [("\(name).zh.txt", command + " --lang zh"), ("\(name).en.txt", command + " --lang en"), ("\(name).json", command + " --format json")]
    } + [("calc-help.txt", "calc --help"), ("list.zh.txt", "list --lang zh")]

    @Test(arguments: cases)
    func outputMatchesGolden(file: String, command: String) throws {
        let output = try Huiqi.run(Huiqi.words(command))
        #expect(output.status == 0, "\(output.stderr)")
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(file)")
        if ProcessInfo.processInfo.environment["HUIQI_UPDATE_GOLDEN"] == "1" {
            try output.stdout.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(output.stdout == expected)
    }
}
