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
            when any scenario fails; 2 when there is nothing to run (a folder without .yaml files,
            files without scenarios) or a file cannot be read.

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
        let files = try self.files()
        try reportingCalculationErrors {
            let table = try parameters.table()
            for file in files {
                let bytes = try FileBytes.read(file, limit: Scenario.maximumFileSize)
                for scenario in try Scenario.parse(String(decoding: bytes, as: UTF8.self), file: file) {
                    let failures = scenario.run(parameters: table)
                    for failure in failures { try emit("FAIL \(failure)") }
                    if failures.isEmpty { passed += 1 } else { failed += 1 }
                }
            }
        }
        guard passed + failed > 0 else {
            throw FileFailure(Vocabulary.message("error.no_scenarios", paths.joined(separator: ", ")))
        }
        try emit("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }

    /// The scenario files: each file given, and the .yaml and .yml files of each folder.
    private func files() throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError(Vocabulary.message("error.no_such_path", path))
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            guard !found.isEmpty else { throw FileFailure(Vocabulary.message("error.no_scenario_files", path)) }
            files += found.sorted().map { "\(path)/\($0)" }
        }
        return files
    }
}
