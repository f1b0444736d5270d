import ArgumentParser
import DecimalModule
import Foundation
import PolicyModule

struct Calc: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute one measure and show its worksheet: the steps, the articles, the amounts.",
        discussion: """
            The measure's input fields are flags named as in docs/POLICY.md, in kebab case; \
            `huiqi list MEASURE` lists them. Booleans are flags with a --no- inversion, and \
            eligibility facts have no default: say --guaranteed-by-fund or --no-guaranteed-by-fund. \
            Values are written as people write them: amounts 3000000, 3,000,000.00, ¥300万; \
            rates 0.0365 or 3.65%; dates 2023-06-30, 2023/6/30, 20230630 or 2023年6月30日. \
            A measure whose input is a list (interest-subsidy's loans, employment-subsidy's hires) \
            takes one element as flags, with ids E1/L1 unless given; --input takes the whole input. \
            At a terminal, required fields that no flag gives are asked for one by one, and the \
            worksheet is followed by the one command that gives it without questions.

            Examples:
              huiqi calc interest-subsidy --principal 3000000 --annual-rate 3.65% \\
                  --drawdown-date 2022-11-01 --end-date 2023-11-01 \\
                  --guaranteed-by-fund --first-inclusive-loan --lender-in-shanghai
              huiqi calc small-profit-cit --tax-year 2023 --taxable-income 2800000 --employees 50 \\
                  --total-assets 10000000 --lang en
              huiqi calc interest-subsidy --input loans.json --format json
            """)

    @Argument(help: "The measure: its id, an alias or its Chinese title (huiqi list shows them).", completion: .measures)
    var measure: String

    @Option(name: .customLong("input"), help: ArgumentHelp("A JSON object of the input, keys = field names ('-': standard input).", valueName: "FILE"))
    var inputFile: String?

    @Option(help: ArgumentHelp(
        "interest-subsidy: the subsidy already granted to the loan's enterprise (an earlier run, another bank); it counts against the 200,000 cap.",
        valueName: "AMOUNT"))
    var priorGranted: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var parameters: ParameterOptions

    /// The command line as given, for the equivalent command after guided entry.
    private var rawArguments: [String] {
        (inputFile.map { ["--input", $0] } ?? []) + (priorGranted.map { ["--prior-granted", $0] } ?? [])
            + (output.lang.map { ["--lang", $0.rawValue] } ?? []) + (output.format == .text ? [] : ["--format", output.format.rawValue])
            + (parameters.file.map { ["--parameters", $0] } ?? []) + fields
    }

    @Argument(
        parsing: .allUnrecognized, help: ArgumentHelp("The measure's fields as flags (huiqi list MEASURE).", valueName: "--field value"),
        completion: .custom(Calc.flags(completing:at:prefix:)))
    var fields: [String] = []

    /// Shell completion of the fields: the flags of the measure named earlier on the line.
    @Sendable static func flags(completing words: [String], at index: Int, prefix: String) -> [String] {
        guard let measure = words.lazy.compactMap({ try? MeasureRegistry.measure($0) }).first else { return [] }
        let flags = measure.inputFields.flatMap { field in
            let name = field.name.replacingOccurrences(of: "_", with: "-")
            return field.kind == .flag ? ["--" + name, "--no-" + name] : ["--" + name]
        }
        return flags.filter { $0.hasPrefix(prefix) }
    }

    /// Usage problems (unknown measure or flag, a missing field) are found here, so that
    /// ArgumentParser prints them with this command's usage and exit status 64.
    func validate() throws {
        _ = try measureAndInput(readingFile: false, missing: guided ? .allow : .refuse)
    }

    /// Whether missing fields are asked for: a person at a terminal, giving flags.
    private var guided: Bool { inputFile == nil && isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 }

    /// The measure and its input; the input file (perhaps standard input) is read only when
    /// `readingFile`, so that validation does not consume it.
    private func measureAndInput(readingFile: Bool = true, missing: FlagInput.Missing) throws -> (AnyMeasure, InputValue) {
        let measure: AnyMeasure
        do {
            measure = try MeasureRegistry.measure(self.measure)
        } catch {
            throw ValidationError("\(error)")
        }
        if priorGranted != nil, measure.id != InterestSubsidy.id {
            throw ValidationError(Vocabulary.message("error.prior_granted_only", InterestSubsidy.id))
        }
        if let inputFile {
            guard fields.isEmpty else { throw ValidationError(Vocabulary.message("error.flags_or_input")) }
            guard priorGranted == nil else {
                throw ValidationError(Vocabulary.message("error.prior_granted_input", #""prior_granted": {"E1": "50000"}"#))
            }
            return (measure, readingFile ? try readJSON(inputFile) : .null)
        }
        var input = try FlagInput(measure: measure, arguments: fields, missing: missing).value
        if let priorGranted, case .record(var record) = input,
            case .list(let loans)? = record["loans"], let enterprise = loans.first?.value(at: "enterprise_id")?.text
        {
            record["prior_granted"] = .record([enterprise: .text(priorGranted)])
            input = .record(record)
        }
        return (measure, input)
    }

    func run() throws {
        let prompter = GuidedEntry(language: output.language)
        let (measure, input) = try measureAndInput(missing: guided ? .ask(prompter) : .refuse)
        try reportingCalculationErrors {
            let result: any MeasureResult
            do {
                result = try measure.calculate(input, try parameters.table())
            } catch let error as PolicyError where inputFile == nil {
                throw CalculationFailure(message: FlagInput.naming(error, of: measure))
            }
            let json = try JSONValue(encoding: result)
            let document = { WorksheetDocument(measure: measure, input: input, result: json, language: output.language, audit: audit) }
            switch output.format {
            case .json: try emit(measure.document(input, result: result).rendered)
            case .text:
                try emit(WorksheetText(document: document()).rendered)
                if !prompter.answers.isEmpty { try emit("\n" + prompter.equivalentCommand(measure: self.measure, given: rawArguments)) }
            case .html: try emit(WorksheetHTML(document: document()).rendered)
            }
        }
    }

    /// The worksheet header's facts: the calculation date (SOURCE_DATE_EPOCH, as reproducible
    /// builds use it, or today in Shanghai), the engine version, and the parameters used (their
    /// SHA-256 follows, from the result's audit record).
    private var audit: [(String, String)] {
        let language = output.language
        let parameterSet = parameters.file.map { Vocabulary.text("worksheet.overridden_by", language) + " " + $0 }
            ?? Vocabulary.text("worksheet.bundled", language)
        return [
            (Vocabulary.text("worksheet.calculated_on", language), Calc.calculationDate),
            (Vocabulary.text("worksheet.engine", language), "huiqi " + Engine.version),
            (Vocabulary.text("worksheet.parameter_set", language), parameterSet),
        ]
    }

    /// The day of the calculation: SOURCE_DATE_EPOCH's when set (for reproducible worksheets),
    /// else today in Asia/Shanghai.
    static var calculationDate: String {
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) } ?? Int(Date().timeIntervalSince1970)
        let seconds = epoch + 8 * 3600  // UTC+8
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return Day(year: 1970, month: 1, day: 1)!.adding(days: days).description
    }

    /// The most `--input` may have (one calculation; `huiqi batch` takes whole loan books).
    static let maximumInputSize = 64 << 20

    private func readJSON(_ path: String) throws -> InputValue {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: Calc.maximumInputSize)
        } catch {
            throw ValidationError("--input: \(error)")
        }
        do {
            return try InputValue(json: bytes)
        } catch {
            throw ValidationError("--input \(path): \(error)".escapingControlCharacters)
        }
    }
}

/// A measure's input from `--field value` flags.
struct FlagInput {
    let value: InputValue

    /// What to do about a required field that no flag gives.
    enum Missing {
        /// A usage error listing every missing flag.
        case refuse
        /// Nothing yet (validation before guided entry asks).
        case allow
        /// Ask for it (guided entry).
        case ask(GuidedEntry)
    }

    init(measure: AnyMeasure, arguments: [String], missing policy: Missing) throws {
        var record = InputFields()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else {
                throw ValidationError(Vocabulary.message("error.unexpected_field_argument", argument))
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            let key = name.replacingOccurrences(of: "-", with: "_")
            var field = measure.inputFields.first { $0.name == key }
            var negated = false
            if field == nil, key.hasPrefix("no_"), let flag = measure.inputFields.first(where: { $0.name == key.dropFirst(3) && $0.kind == .flag }) {
                field = flag
                negated = true
            }
            guard let field else {
                let names = measure.inputFields.flatMap { $0.kind == .flag ? [$0.name, "no_" + $0.name] : [$0.name] }
                if let near = Suggestion.closest(to: key, among: names) {
                    throw ValidationError(Vocabulary.message("error.unknown_flag_near", "--" + name, measure.id, "--" + near.replacingOccurrences(of: "_", with: "-")))
                }
                throw ValidationError(Vocabulary.message("error.unknown_flag", "--" + name, measure.id, measure.inputFields.map(\.flag).joined(separator: ", ")))
            }
            guard record[field.name] == nil else { throw ValidationError(Vocabulary.message("error.flag_twice", "--" + name)) }
            if field.kind == .flag {
                // `--guaranteed-by-fund 否` as well as `--no-guaranteed-by-fund`: a word after the
                // flag (not another flag) is its yes or no, read as every entry point reads one.
                if negated {
                    guard inlineValue == nil else { throw ValidationError(Vocabulary.message("error.flag_takes_no_value", "--" + name, field.flag)) }
                    record[field.name] = .text("false")
                } else if let word = inlineValue ?? arguments.dropFirst(index + 1).first, inlineValue != nil || !word.hasPrefix("--") {
                    // An empty word would read as the field left out: `--high-tech=` is refused, not taken for no.
                    guard !InputText.normalized(word).isEmpty else {
                        throw ValidationError("--" + name + ": " + Vocabulary.message("error.not_yes_no", word))
                    }
                    if inlineValue == nil { index += 1 }
                    record[field.name] = .text(word)
                } else {
                    record[field.name] = .text("true")
                }
            } else {
                var text = inlineValue
                if text == nil {
                    index += 1
                    guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                        throw ValidationError(Vocabulary.message("error.flag_needs_value", "--" + name, field.kindDescription(.ofMessages)))
                    }
                    text = arguments[index]
                }
                record[field.name] = try FlagInput.convert(text!, for: field)
            }
            index += 1
        }
        var ordered = InputFields()  // in the measure's field order, defaults in their place
        var missing: [InputField] = []
        for field in measure.inputFields {
            if let given = record[field.name] {
                ordered[field.name] = given
            } else if let fallback = field.calculatorDefault {
                ordered[field.name] = .text(fallback)
            } else if field.required {
                switch policy {
                case .refuse: missing.append(field)
                case .allow: continue
                case .ask(let prompter): ordered[field.name] = try FlagInput.convert(try prompter.ask(field, of: measure), for: field)
                }
            }
        }
        if let only = missing.first, missing.count == 1 {
            // The help in the language of messages: the message is translated, its help is not.
            throw ValidationError(Vocabulary.message("error.missing_flag", only.flag, only.kindDescription(.ofMessages), measure.help(only, .ofMessages)))
        } else if !missing.isEmpty {
            let lines = missing.map { "  \($0.flag) (\($0.kindDescription(.ofMessages))): \(measure.help($0, .ofMessages))" }
            throw ValidationError(Vocabulary.message("error.missing_flags", String(missing.count)) + "\n" + lines.joined(separator: "\n"))
        }
        value = measure.inputList.map { InputValue.record([$0: .list([.record(ordered)])]) } ?? .record(ordered)
    }

    /// The value of a flag: a choice checked (as a usage error), repayments split into records;
    /// everything else is read by the library's input reader, as in every other entry point.
    static func convert(_ text: String, for field: InputField) throws -> InputValue {
        switch field.kind {
        case .choice(let accepted):
            guard accepted.contains(InputText.normalized(text).lowercased()) else {
                throw ValidationError(Vocabulary.message("error.choice", text, field.flag, accepted.joined(separator: ", ")))
            }
            return .text(text)
        case .repayments:
            // Pairs are separated by ; or by a comma before the next DATE=, so that grouped
            // amounts keep their commas: 2023-05-01=1,000,000;2023-08-01=500,000.
            var pairs: [String] = []
            for piece in text.split(separator: ";").flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
                if piece.contains("=") || pairs.isEmpty { pairs.append(String(piece)) } else { pairs[pairs.count - 1] += "," + piece }
            }
            var repayments: [InputValue] = []
            for pair in pairs {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { throw ValidationError("\(field.flag): " + Vocabulary.message("error.not_date_amount", String(pair))) }
                repayments.append(.record(["date": .text(String(parts[0])), "amount": .text(String(parts[1]))]))
            }
            return .list(repayments)
        default:
            return .text(text)
        }
    }

    /// A calculation error from flag input, naming the flag (`--principal`) instead of the
    /// field's path inside the input (`loans[0].principal`).
    static func naming(_ error: PolicyError, of measure: AnyMeasure) -> String {
        var message = "\(error)"
        if let list = measure.inputList, message.hasPrefix("\(list)[0].") { message.removeFirst(list.count + 4) }
        if let colon = message.firstIndex(of: ":"), let field = measure.inputFields.first(where: { message[..<colon].hasPrefix($0.name) }) {
            let rest = message[colon...]
            let subfield = message[message.index(message.startIndex, offsetBy: field.name.count)..<colon]
            message = "--" + field.name.replacingOccurrences(of: "_", with: "-") + subfield + rest
        }
        return message
    }
}
