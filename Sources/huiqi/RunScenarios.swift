import ArgumentParser
import Foundation
import PolicyModule

struct RunScenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run scenario files (the regression format of docs/POLICY.md §10) and report each failure.",
        discussion: """
            PATH is a .yaml file or a folder (searched for .yaml files). Each failure is printed as
            file:line: scenario: field: expected X, got Y; then N passed, N failed. Exit status 1
            when any scenario fails.

            Examples:
              huiqi test Tests/Scenarios
              huiqi test my-cases.yaml --parameters my-parameters.yaml
            """)

    @Argument(help: "Scenario files or folders.")
    var paths: [String]

    @OptionGroup var parameters: ParameterOptions

    func run() throws {
        var passed = 0
        var failed = 0
        try reportingCalculationErrors {
            let table = try parameters.table()
            for file in try files() {
                for scenario in try Scenario.load(path: file) {
                    let failures = scenario.run(parameters: table)
                    failures.forEach { emit("FAIL \($0)") }
                    if failures.isEmpty { passed += 1 } else { failed += 1 }
                }
            }
        }
        emit("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }

    private func files() throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or folder: \(path)")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
            files += found.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(path)/\($0)" }
        }
        return files
    }
}
