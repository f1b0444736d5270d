import ArgumentParser
import Foundation
import PolicyModule

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
        version: Engine.version,
        subcommands: [ListMeasures.self, Calc.self, BatchCommand.self, TemplateCommand.self, Params.self, RunScenarios.self, Eval.self]
    )

    /// Runs the command and exits with one status table for every command (docs/CLI.md): 0 when
    /// it succeeded, 1 when a calculation, a row or a scenario failed, 2 for a usage error or a
    /// file that cannot be read or written (standard output on a full disk included).
    static func main() {
        let failure: (message: String, status: Int32)?
        do {
            try refuseUnknownCommand(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot()
            try command.run()
            failure = nil
        } catch {
            failure = outcome(of: error)
        }
        // Exiting here, the error is released: LeakSanitizer sees nothing held by it.
        guard let failure else { return }
        if failure.status == 0 {
            try? emit(completingMeasureFlags(failure.message))  // --help, --version, a completion script
        } else if !failure.message.isEmpty {
            FileBytes.writeToStandardError(translated(failure.message) + "\n")
        }
        Foundation.exit(failure.status)
    }

    /// `text` with one addition if it is the bash completion script: after `calc MEASURE`, a
    /// word begun with `-` is completed against the measure's flags as well as `calc`'s own
    /// options. The generated script asks `huiqi` for the measure's flags only on an empty
    /// word (`--pe` Tab would offer nothing); the addition makes that same request when the
    /// word starts with `-`. Any other text is returned as it is.
    static func completingMeasureFlags(_ text: String) -> String {
        guard let function = text.range(of: "\n_huiqi_calc() {\n"),
            let end = text.range(of: "\n}\n", range: function.upperBound..<text.endIndex),
            let offer = text.range(of: "__huiqi_offer_flags_options -1\n", range: function.upperBound..<end.lowerBound),
            let request = text[function.upperBound..<end.lowerBound].split(separator: "\n")
                .first(where: { $0.contains("__huiqi_custom_complete ---completion calc ") })?
                .trimmingCharacters(in: .whitespaces)
        else { return text }
        return text.replacingCharacters(in: offer.upperBound..<offer.upperBound, with: """
                if [[ "${cur}" == -* ]]; then
                    \(request)
                fi

            """)
    }

    /// A failure's message in the language of messages: its first line (ArgumentParser's
    /// `Error: …` or our `huiqi: …`) translated, the usage lines after it as they are.
    private static func translated(_ message: String) -> String {
        let language = Language.ofMessages
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard language != .en, let first = lines.first else { return message }
        for (prefix, localized) in [("Error: ", Vocabulary.text("error.prefix", language)), ("huiqi: ", "huiqi: ")] where first.hasPrefix(prefix) {
            lines[0] = localized + Vocabulary.translate(String(first.dropFirst(prefix.count)), to: language)
        }
        return lines.joined(separator: "\n")
    }

    /// The message and exit status of `error`.
    private static func outcome(of error: any Error) -> (message: String, status: Int32) {
        switch error {
        case let failure as BatchFailure: return ("huiqi: \(failure)".escapingControlCharacters, 2)
        case let failure as FileFailure: return ("huiqi: \(failure)".escapingControlCharacters, 2)
        default:
            let status = exitCode(for: error)
            let message = fullMessage(for: error)
            return (message, status == .validationFailure ? 2 : status.rawValue)
        }
    }

    /// `huiqi clac`: a first word that is neither a command nor an option is refused with the
    /// nearest command, before ArgumentParser reads it as a stray argument.
    private static func refuseUnknownCommand(_ arguments: [String]) throws {
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(first) else { return }
        let commands = names.dropLast().joined(separator: ", ")
        if let near = Suggestion.closest(to: first, among: names) {
            throw ValidationError(Vocabulary.message("error.unknown_command", first, near, commands))
        }
        throw ValidationError(Vocabulary.message("error.unknown_command_far", first, commands))
    }
}
