import Foundation
import PolicyModule
import Testing

/// Parameter and scenario files are bounded before they are expanded: aliases, their expanded
/// size and the nesting depth (docs/RELIABILITY.md, row 9).
@Suite struct YAMLLimitTests {
    /// A "billion laughs": nine levels of nine aliases, 9^9 ≈ 387 million values from 400 bytes.
    static let aliasBomb: String = {
        var lines = [#"a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#]
        for level in 1...8 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func anAliasBombIsRefusedBeforeItIsExpanded() {
        #expect(throws: PolicyError.invalidParameters("more than 1000000 values with its aliases expanded (line 7)")) {
            try ParameterTable(yaml: YAMLLimitTests.aliasBomb)
        }
        #expect(throws: PolicyError.invalidValue(field: nil, "bomb.yaml: more than 1000000 values with its aliases expanded (line 10)")) {
            try Scenario.parse("- name: bomb\n  measure: x\n  input:\n" + YAMLLimitTests.aliasBomb.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"), file: "bomb.yaml")
        }
    }

    @Test func tooManyAliasesAreRefused() {
        let text = "a: &a x\nb: [" + Array(repeating: "*a", count: 10_001).joined(separator: ", ") + "]\n"
        #expect(throws: PolicyError.invalidParameters("more than 10000 aliases (line 2)")) { try ParameterTable(yaml: text) }
    }

    @Test func deepNestingIsRefusedWithoutOverflowingTheStack() {
        #expect(throws: PolicyError.invalidParameters("nested more than 64 levels deep (line 1)")) {
            try ParameterTable(yaml: String(repeating: "[", count: 100_000))
        }
        #expect(throws: PolicyError.invalidValue(field: nil, "deep.yaml: nested more than 64 levels deep (line 1)")) {
            try Scenario.parse(String(repeating: "- ", count: 100) + "x", file: "deep.yaml")
        }
    }

    @Test func aliasesWithinTheBoundsStillWork() throws {
        let scenarios = try Scenario.parse(
            """
            - name: first
              measure: small-profit-cit
              input: &input {tax_year: 2023, taxable_income: "2800000", employees: "50", total_assets: "10000000"}
              expect: {tax_due: "140000.00"}
            - name: same input again
              measure: small-profit-cit
              input: *input
              expect: {tax_due: "140000.00"}
            """, file: "aliases.yaml")
        #expect(scenarios.count == 2)
        #expect(scenarios[1].input == scenarios[0].input)
        #expect(scenarios.allSatisfy { $0.run(parameters: (try? ParameterTable.bundled())!).isEmpty })
    }
}
