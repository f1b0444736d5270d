import ArgumentParser
import Foundation
import PolicyModule

extension Language: ExpressibleByArgument {
    /// From LC_ALL, LC_MESSAGES or LANG: English if the locale is English, Chinese otherwise.
    static var fromEnvironment: Language {
        let environment = ProcessInfo.processInfo.environment
        let locale = [environment["LC_ALL"], environment["LC_MESSAGES"], environment["LANG"]]
            .compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return locale.hasPrefix("en") ? .en : .zh
    }

    func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    /// The language of error messages: `--lang`'s when the command line has one (read before
    /// ArgumentParser, which may be what fails), else the locale's, as for worksheets.
    static let ofMessages: Language = {
        let arguments = CommandLine.arguments
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang="), let language = Language(rawValue: String(argument.dropFirst(7))) { return language }
            if argument == "--lang", index + 1 < arguments.count, let language = Language(rawValue: arguments[index + 1]) { return language }
        }
        return fromEnvironment
    }()
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// A worksheet for the terminal or a printer.
    case text
    case json
    /// A worksheet as a self-contained printable page (`calc` only).
    case html
}

extension CompletionKind {
    /// The measures' ids and aliases, for shell completion.
    static var measures: CompletionKind { .list(MeasureRegistry.all.flatMap { [$0.id] + $0.aliases }) }
}

/// `--parameters FILE`, on every command that computes.
struct ParameterOptions: ParsableArguments {
    @Option(name: .customLong("parameters"), help: ArgumentHelp(
        "A parameters file in the format of the bundled parameters.yaml, laid over it date by date.",
        valueName: "FILE"))
    var file: String?

    /// The most a parameters file may have.
    static let maximumFileSize = 16 << 20

    /// The bundled parameters, with the user's file laid over them.
    func table() throws -> ParameterTable {
        let bundled = try ParameterTable.bundled()
        guard let file else { return bundled }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(file, limit: ParameterOptions.maximumFileSize)
        } catch {
            throw ValidationError("--parameters: \(error)")
        }
        do {
            return bundled.overriding(with: try ParameterTable(yaml: String(decoding: bytes, as: UTF8.self)))
        } catch .invalidParameters(let reason) {
            throw FileFailure("--parameters \(file): \(reason)")
        } catch {
            throw FileFailure("--parameters \(file): \(error)")
        }
    }
}

/// `--format` and `--lang`, for commands that print results.
struct OutputOptions: ParsableArguments {
    @Option(help: "text (a worksheet), json, or html (calc: a printable worksheet page).")
    var format: OutputFormat = .text

    @Option(help: "zh or en (default: from the locale, falling back to zh).")
    var lang: Language?

    var language: Language { lang ?? .fromEnvironment }

    /// Refuses `--format html` for a command that prints tables, not worksheets.
    func refusingHTML() throws {
        if format == .html { throw ValidationError(Vocabulary.message("error.html_format")) }
    }
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
            report("\(error)")
            throw ExitCode(1)
        } catch let error as CalculationFailure {
            report("\(error)")
            throw ExitCode(1)
        }
    }
}

/// Prints `text` followed by a newline on standard output.
///
/// - Throws: ``FileFailure`` (exit status 2) if it cannot be written: a full disk, a closed pipe.
func emit(_ text: String) throws(FileFailure) {
    try FileBytes.writeToStandardOutput(OutputParts([Array((text + "\n").utf8)]))
}

/// Prints `message` as one line on standard error, `huiqi: ` first (`prefixed`), in the language
/// of messages, with control characters from the input escaped so that they can neither split
/// the line nor drive the terminal.
func report(_ message: String, prefixed: Bool = true) {
    let localized = Vocabulary.translate(message, to: .ofMessages)
    FileBytes.writeToStandardError((prefixed ? "huiqi: " : "") + localized.escapingControlCharacters + "\n")
}

extension String {
    /// Control characters (C0, DEL, C1) as escapes: `\t`, `\n`, `\r`, others `\u{1B}`.
    var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: \.isControl) else { return self }
        var escaped = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case _ where scalar.isControl: escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension Unicode.Scalar {
    /// C0 controls, DEL and C1 controls.
    fileprivate var isControl: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }
}
