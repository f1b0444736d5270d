import ArgumentParser
import PolicyModule
import SpreadsheetModule

/// `huiqi template MEASURE`: an empty batch input file to fill in.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write an empty batch input file for a measure: its columns and one example row.",
        discussion: """
            Without -o the template is printed as CSV. -o FILE.xlsx writes a workbook; -o FILE.csv
            writes CSV with a UTF-8 byte-order mark and CRLF line ends, as Excel opens it. Fill it
            in, delete the example row, and run `huiqi batch MEASURE FILE`.

            Examples:
              huiqi template interest-subsidy -o 贷款.xlsx
              huiqi template guarantee-fee --lang en -o guarantees.csv
            """)

    @Argument(help: "The measure id.")
    var measure: String

    @Option(help: "The header's language: zh (Chinese column names, the default) or en (field names).")
    var lang: Language = .zh

    @Option(name: .short, help: ArgumentHelp("Write the template here (.csv or .xlsx; default: standard output).", valueName: "FILE"))
    var output: String?

    func run() throws {
        let measure: AnyMeasure
        do {
            measure = try MeasureRegistry.measure(self.measure)
        } catch {
            throw ValidationError(Vocabulary.message("error.template_measure", self.measure, MeasureRegistry.all.map(\.id).joined(separator: ", ")))
        }
        let template = BatchTemplate(measure: measure, chinese: lang == .zh)
        guard let output else { return try FileBytes.writeToStandardOutput(OutputParts([template.csv(excel: false)])) }
        let bytes: [UInt8]
        if output.lowercased().hasSuffix(".xlsx") {
            do {
                bytes = try template.workbook()
            } catch {
                throw FileFailure("\(error)")
            }
        } else {
            bytes = template.csv(excel: true)
        }
        try OutputFile.write(OutputParts([bytes]), to: output)
    }
}
