import ArgumentParser
import Foundation
import PolicyModule

/// The language of worksheets and tables.
enum Language: String, ExpressibleByArgument, CaseIterable {
    case zh, en

    /// From LC_ALL, LC_MESSAGES or LANG: English if the locale is English, Chinese otherwise.
    static var fromEnvironment: Language {
        let environment = ProcessInfo.processInfo.environment
        let locale = [environment["LC_ALL"], environment["LC_MESSAGES"], environment["LANG"]]
            .compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return locale.hasPrefix("en") ? .en : .zh
    }

    func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--parameters FILE`, on every command that computes.
struct ParameterOptions: ParsableArguments {
    @Option(name: .customLong("parameters"), help: ArgumentHelp(
        "A parameters file in the format of the bundled parameters.yaml, laid over it date by date.",
        valueName: "FILE"))
    var file: String?

    /// The bundled parameters, with the user's file laid over them.
    func table() throws -> ParameterTable {
        let bundled = try ParameterTable.bundled()
        guard let file else { return bundled }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("--parameters: cannot read \(file)")
        }
        return bundled.overriding(with: try ParameterTable(yaml: String(decoding: data, as: UTF8.self)))
    }
}

/// `--format` and `--lang`, for commands that print results.
struct OutputOptions: ParsableArguments {
    @Option(help: "text (a worksheet) or json.")
    var format: OutputFormat = .text

    @Option(help: "zh or en (default: from the locale, falling back to zh).")
    var lang: Language?

    var language: Language { lang ?? .fromEnvironment }
}

/// A calculation error: printed as one sentence on stderr, exit status 1.
struct CalculationFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`, turning a policy or decimal error into one sentence on stderr and exit 1.
    func reportingCalculationErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as PolicyError {
            FileHandle.standardError.write(Data("huiqi: \(error)\n".utf8))
            throw ExitCode(1)
        } catch let error as CalculationFailure {
            FileHandle.standardError.write(Data("huiqi: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Prints `text` followed by a newline.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
