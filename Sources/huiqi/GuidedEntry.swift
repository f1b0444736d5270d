import ArgumentParser
import Foundation
import PolicyModule

/// Guided entry: at a terminal, `huiqi calc MEASURE` asks for each required field no flag gave,
/// in the user's language, with the field's help and an example; an answer that cannot be
/// read is explained and asked again. Afterwards the worksheet is followed by the one command
/// that gives the same result without questions.
final class GuidedEntry {
    let language: Language
    /// The answers, in the order asked: each field and what was typed.
    private(set) var answers: [(field: InputField, text: String)] = []

    init(language: Language) {
        self.language = language
    }

    private func word(_ key: String) -> String { Vocabulary.text(key, language) }

    /// What the user typed for `field`, once it reads as a value of its kind.
    ///
    /// - Throws: a usage error if standard input ends first.
    func ask(_ field: InputField, of measure: AnyMeasure) throws -> String {
        if answers.isEmpty { FileBytes.writeToStandardError(word("guided.intro") + "\n") }
        let flag = "--" + field.name.replacingOccurrences(of: "_", with: "-")
        while true {
            let label = Vocabulary.label(field: field.name, language)
            FileBytes.writeToStandardError("\(label) (\(flag)): \(measure.help(field, language))\n  \(word("guided.example")) \(example(field)) › ")
            guard let line = readLine() else {
                throw ValidationError("\(flag): \(word("guided.ended"))")
            }
            let text = line.trimmingCharacters(in: .whitespaces)
            do {
                guard !text.isEmpty else { throw ValidationError(word("guided.required")) }
                try check(text, field)
                answers.append((field, text))
                return text
            } catch {
                FileBytes.writeToStandardError("  ✗ \(Vocabulary.translate("\(error)", to: language))\n")
            }
        }
    }

    /// The command that gives the same result: the flags given, then the answers.
    func equivalentCommand(measure: String, given: [String]) -> String {
        var words = ["huiqi", "calc", measure] + given
        for (field, text) in answers {
            let name = field.name.replacingOccurrences(of: "_", with: "-")
            if field.kind == .flag {
                words.append((try? InputText.bool(text)) == true ? "--" + name : "--no-" + name)
            } else {
                words += ["--" + name, text]
            }
        }
        return word("guided.equivalent") + "\n  " + words.map(quoted).joined(separator: " ")
    }

    /// `text` as one shell word.
    private func quoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || "0123456789-_./:=%+,".unicodeScalars.contains($0) }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    private func example(_ field: InputField) -> String {
        switch field.kind {
        case .amount: return "3000000, 3,000,000.00, 300万"
        case .rate: return "3.65%"
        case .date: return "2023-06-30, 2023年6月30日"
        case .integer: return "2023"
        case .number: return "50"
        case .flag: return word("guided.yes_no")
        case .choice(let words): return words.joined(separator: " | ")
        case .text: return "E1"
        case .amounts: return "100000;100000;100000"
        case .repayments: return "2023-05-01=1,000,000;2023-08-01=500,000"
        }
    }

    /// Refuses `text` if the library would not read it as a value of `field`'s kind.
    private func check(_ text: String, _ field: InputField) throws {
        switch field.kind {
        case .amount, .number: _ = try InputText.amount(text)
        case .rate: _ = try Rate(parsing: text)
        case .date: _ = try InputText.day(text)
        case .integer:
            guard Int(InputText.normalized(text)) != nil else { throw ValidationError("\"\(text)\": \(word("guided.whole_number"))") }
        case .flag: _ = try InputText.bool(text)
        case .choice, .repayments: _ = try FlagInput.convert(text, for: field)
        case .text: break
        case .amounts: for amount in text.split(separator: ";") { _ = try InputText.amount(String(amount)) }
        }
    }
}
