import Foundation
import PolicyModule
import Testing

/// Every case of every file in Tests/Scenarios, each its own test case.
@Suite struct ScenarioTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios").path

    static let scenarios: [Scenario] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted().flatMap { file in
            do {
                return try Scenario.load(path: "\(directory)/\(file)")
            } catch {
                preconditionFailure("\(file): \(error)")
            }
        }
    }()

    @Test func thereAreEnoughScenarios() {
        #expect(Self.scenarios.count >= 480)
        let measures = Set(Self.scenarios.map(\.measure))
        #expect(measures.isSuperset(of: ["interest-subsidy", "guarantee-fee", "small-scale-vat", "small-profit-cit", "rd-super-deduction"]))
    }

    @Test(arguments: scenarios)
    func scenarioHolds(_ scenario: Scenario) throws {
        let failures = scenario.run(parameters: try ParameterTable.bundled())
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test func aWrongExpectationNamesScenarioFieldExpectedAndActual() throws {
        let scenarios = try Scenario.parse(
            """
            - name: deliberately wrong
              measure: small-profit-cit
              input: {tax_year: 2023, taxable_income: "2800000", employees: "10", total_assets: "1000000"}
              expect:
                tax_due: "140000.01"
                reason: eligible
            """, file: "inline.yaml")
        let failures = scenarios[0].run(parameters: try ParameterTable.bundled())
        #expect(failures.count == 1)
        #expect(failures.first?.description == "inline.yaml:1: deliberately wrong: tax_due: expected 140000.01, got 140000.00")
    }

    @Test func anErrorThatDoesNotHappenFails() throws {
        let scenarios = try Scenario.parse(
            """
            - name: no error here
              measure: small-profit-cit
              input: {tax_year: 2023, taxable_income: "1", employees: "1", total_assets: "1"}
              expect_error: "cit.small_low_profit"
            """, file: "inline.yaml")
        let failures = scenarios[0].run(parameters: try ParameterTable.bundled())
        #expect(failures.map(\.description) == [#"inline.yaml:1: no error here: expected an error containing "cit.small_low_profit", got a result"#])
    }
}

extension Scenario: CustomTestStringConvertible {
    public var testDescription: String { name }
}
