import ArgumentParser
import Foundation

/// `huiqi`: what Chinese SMEs are owed under Shanghai's 2023 SME measures, exactly, with the
/// worksheet and the articles behind every number.
@main
struct Huiqi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huiqi",
        abstract: "惠企: exact calculations under 沪企服办〔2023〕1号 and the national tax announcements it points to.",
        discussion: """
            Examples:
              huiqi list
              huiqi calc small-profit-cit --tax-year 2023 --taxable-income 2800000 --employees 50 --total-assets 10000000
              huiqi params --at 2023-05-01
              huiqi test Tests/Scenarios
              huiqi eval '3000000 * 2% * 365 / 360' --scale 2
            """,
        version: "0.1.0",
        subcommands: [ListMeasures.self, Calc.self, BatchCommand.self, TemplateCommand.self, Params.self, RunScenarios.self, Eval.self]
    )

    /// As ArgumentParser's, except that `batch` exits 2 on a usage or file error (docs/CLI.md),
    /// and every command exits 2 when a file or stream cannot be read or written (standard
    /// output on a full disk included); the other commands keep ArgumentParser's 64 for usage
    /// errors.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as BatchFailure {
            report("\(failure)")
            Foundation.exit(2)
        } catch let failure as FileFailure {
            report("\(failure)")
            Foundation.exit(2)
        } catch {
            if CommandLine.arguments.dropFirst().first == "batch", exitCode(for: error) == .validationFailure {
                FileBytes.writeToStandardError(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
