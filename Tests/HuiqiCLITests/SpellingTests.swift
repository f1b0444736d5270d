import Foundation
import Testing

/// Values as people write them (docs/POLICY.md §1), fed through every entry point a user has:
/// `calc` flags, `calc --input` JSON, a `batch` CSV cell and `eval`. Each spelling either gives
/// the same result as the plain spelling at every entry point, or is refused with the same
/// message at every one.
@Suite struct SpellingTests {
    enum Expected: Sendable {
        /// The same result as the plain spelling.
        case same(as: String)
        /// Refused with this message fragment.
        case refused(String)
    }

    struct Spelling: Sendable, CustomTestStringConvertible {
        let field: String
        let written: String
        let expected: Expected
        var testDescription: String { "\(field) \(written.debugDescription)" }
        /// Eval reads numbers only.
        var throughEval: Bool { field == "principal" }
    }

    static let base: [(String, String)] = [
        ("enterprise_id", "E1"), ("loan_id", "L1"), ("principal", "3000000"), ("annual_rate", "3.65%"), ("drawdown_date", "2022-11-01"),
        ("end_date", "2023-11-01"), ("guaranteed_by_fund", "true"), ("first_inclusive_loan", "true"), ("lender_in_shanghai", "true"),
    ]

    static func accepted(_ field: String, _ canonical: String, _ spellings: [String]) -> [Spelling] {
        spellings.map { Spelling(field: field, written: $0, expected: .same(as: canonical)) }
    }

    static func refused(_ field: String, _ pairs: [(String, String)]) -> [Spelling] {
        pairs.map { Spelling(field: field, written: $0.0, expected: .refused($0.1)) }
    }

    static let spellings: [Spelling] =
        accepted("principal", "3000000", [
            "3,000,000", "3,000,000.00", "3000000.00", "¥3,000,000", "￥3000000", "3000000元", "300万", "300万元", "0.03亿", "3E+6",
            "3e6", " 3000000 ", "３，０００，０００", "\u{3000}3000000\u{3000}", "¥300万",
        ])
        + refused("principal", [
            ("3,00,000", "is grouped wrongly"), ("12,5", "is grouped wrongly"), ("3.000.000", "is not an amount"),
            ("3 000 000", "is not an amount"), ("3_000_000", "is not an amount"), ("NaN", "is not an amount"),
            ("Infinity", "is not an amount"), ("1e999999999999", "is beyond the magnitude a policy input may have"),
        ])
        + accepted("annual_rate", "3.65%", ["0.0365", "３.６５％", " 3.65% ", "0.036500"])
        + refused("annual_rate", [("3.65", "without % it means 365%"), ("150%", "is above 100%"), ("abc", "is not a rate")])
        + accepted("drawdown_date", "2022-11-01", ["2022/11/1", "2022-11-1", "20221101", "2022年11月1日", "２０２２－１１－０１", "2022/11/01"])
        + refused("drawdown_date", [
            ("2022-02-30", "February 2022 has 28 days"), ("2022-11-31", "November 2022 has 30 days"), ("11/01/2022", "write the year first"),
            ("22-11-01", "write the year first"), ("2022-13-01", "there is no month 13"),
        ])
        + accepted("guaranteed_by_fund", "true", ["TRUE", "yes", "Y", "1", "是"])
        + accepted("guaranteed_by_fund", "false", ["no", "N", "0", "否", "False"])
        + refused("guaranteed_by_fund", [("maybe", "maybe"), ("2", "\"2\"")])

    /// A flag alone is yes, `--no-` before it no; a word after it says which.
    @Test func aFlagIsYesAloneOrAsTheWordAfterItSays() throws {
        func subsidy(_ flags: String) throws -> String {
            let output = try Huiqi.run(Huiqi.words("calc interest-subsidy --principal 3000000 --annual-rate 3.65% --drawdown-date 2022-11-01 "
                + "--end-date 2023-11-01 --first-inclusive-loan --lender-in-shanghai --format json " + flags))
            return output.status == 0 ? output.stdout.components(separatedBy: "\"reason\": ").dropFirst().first?.prefix(30).description ?? "" : output.stderr
        }
        let yes = try subsidy("--guaranteed-by-fund")
        let no = try subsidy("--no-guaranteed-by-fund")
        #expect(yes.hasPrefix("\"eligible\""), "\(yes)")
        #expect(no.hasPrefix("\"not_guaranteed_by_fund\""), "\(no)")
        #expect(try subsidy("--guaranteed-by-fund 是") == yes)
        #expect(try subsidy("--guaranteed-by-fund=yes") == yes)
        #expect(try subsidy("--guaranteed-by-fund 否") == no)
        #expect(try subsidy("--guaranteed-by-fund=0") == no)
        #expect(try subsidy("--no-guaranteed-by-fund=是").contains("takes no value"))
        #expect(try subsidy("--guaranteed-by-fund maybe").contains("maybe"))
        // An empty word is not "no": it is refused, whether the field is required or not.
        #expect(try subsidy("--guaranteed-by-fund=").contains("expected yes or no"))
        #expect(try subsidy("--guaranteed-by-fund ''").contains("expected yes or no"))
    }

    @Test func thereAreAtLeastFortySpellings() {
        #expect(Self.spellings.count >= 40)
    }

    @Test(arguments: spellings)
    func everyEntryPointReadsItAlike(_ spelling: Spelling) throws {
        var outcomes: [(String, Outcome)] = [
            ("--input", try viaInput(spelling.field, spelling.written)), ("batch", try viaBatch(spelling.field, spelling.written)),
            ("flags", try viaFlags(spelling.field, spelling.written)),
        ]
        if spelling.throughEval { outcomes.append(("eval", try viaEval(spelling.written))) }
        switch spelling.expected {
        case .same(let canonical):
            for (entry, outcome) in outcomes {
                let reference: Outcome
                switch entry {
                case "--input": reference = try viaInput(spelling.field, canonical)
                case "batch": reference = try viaBatch(spelling.field, canonical)
                case "flags": reference = try viaFlags(spelling.field, canonical)
                default: reference = try viaEval(canonical)
                }
                #expect(outcome == reference, "\(entry): \(outcome) differs from \(reference)")
                #expect(outcome.accepted, "\(entry): \(outcome)")
            }
        case .refused(let fragment):
            for (entry, outcome) in outcomes {
                #expect(!outcome.accepted, "\(entry) accepted it: \(outcome)")
                #expect(outcome.text.contains(fragment) || outcome.text.contains(fragment.replacingOccurrences(of: "\"", with: "\"\"")),
                        "\(entry): \(outcome.text)")
            }
        }
    }

    /// What an entry point made of the loan: its reason and subsidy, or its error message.
    struct Outcome: Equatable, CustomStringConvertible {
        let accepted: Bool
        let text: String
        var description: String { text }
    }

    private func loan(_ field: String, _ written: String) -> [(String, String)] {
        Self.base.map { $0.0 == field ? ($0.0, written) : $0 }
    }

    private func viaInput(_ field: String, _ written: String) throws -> Outcome {
        let members = loan(field, written).map { "\(json($0.0)): \(json($0.1))" }.joined(separator: ", ")
        let output = try Huiqi.run(["calc", "interest-subsidy", "--input", "-", "--format", "json"], stdin: "{\"loans\": [{\(members)}]}")
        return outcome(output, json: true)
    }

    private func viaFlags(_ field: String, _ written: String) throws -> Outcome {
        var arguments = ["calc", "interest-subsidy", "--format", "json"]
        // A yes-or-no follows its flag (`--guaranteed-by-fund 否`) like any other value.
        for (name, value) in loan(field, written) where !["enterprise_id", "loan_id"].contains(name) {
            arguments += ["--" + name.replacingOccurrences(of: "_", with: "-"), value]
        }
        return outcome(try Huiqi.run(arguments), json: true)
    }

    private func viaBatch(_ field: String, _ written: String) throws -> Outcome {
        let row = loan(field, written)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("spelling-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        let cells = row.map { "\"" + $0.1.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        try Data((row.map(\.0).joined(separator: ",") + "\n" + cells.joined(separator: ",") + "\n").utf8).write(to: file)
        let output = try Huiqi.run(["batch", "interest-subsidy", file.path])
        let line = output.stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? output.stderr
        guard line.contains(",ok,") else { return Outcome(accepted: false, text: line) }
        // reason and subsidy_computed, after "line,status,error," and by their columns.
        let cells_ = line.split(separator: ",", omittingEmptySubsequences: false)
        return Outcome(accepted: true, text: "reason=\(cells_[5]) subsidy=\(cells_[10])")
    }

    private func viaEval(_ written: String) throws -> Outcome {
        let output = try Huiqi.run(["eval", written])
        guard output.status == 0 else { return Outcome(accepted: false, text: output.stderr) }
        // The value, whatever its scale: 3000000.00 and 3000000 are one amount.
        var value = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.contains(".") { while value.hasSuffix("0") { value.removeLast() } }
        if value.hasSuffix(".") { value.removeLast() }
        return Outcome(accepted: true, text: value)
    }

    private func outcome(_ output: Huiqi.Output, json: Bool) -> Outcome {
        guard output.status == 0 else { return Outcome(accepted: false, text: output.stderr) }
        func member(_ key: String) -> String {
            guard let range = output.stdout.range(of: "\"\(key)\": \"") else { return "?" }
            return String(output.stdout[range.upperBound...].prefix { $0 != "\"" })
        }
        return Outcome(accepted: true, text: "reason=\(member("reason")) subsidy=\(member("subsidy_computed"))")
    }

    private func json(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
