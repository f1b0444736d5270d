import ArgumentParser
import DecimalModule
import Foundation
import PolicyModule
import SpreadsheetModule

extension Batch.Format: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run a measure over a file of records: one output row per input row, in order.",
        discussion: """
            INPUT is CSV (UTF-8 with or without BOM, or GB18030/GBK, found by itself; a header of field \
            names in any order, in snake_case, kebab-case or Chinese, see `huiqi list MEASURE`), an \
            .xlsx workbook (the first sheet, or --sheet), or JSONL (.jsonl, one object per line). Each output row has the input's id columns, line, \
            status (ok/error), error, and the result fields. Bad rows are reported with their line \
            and still get an output row; every good row is computed. The closing summary (rows \
            read, ok, error, and the totals of the money columns) goes to standard error. \
            Output files are written whole or not at all, through a temporary .huiqi-tmp-… file \
            next to them; a device such as /dev/null is written directly, and a symbolic link is \
            written through. Exit status: 0 all rows ok, 1 some rows failed, 2 a usage error or \
            a file that cannot be read or written.

            Examples:
              huiqi batch interest-subsidy loans.csv --repayments repayments.csv -o subsidies.csv --summary enterprises.csv
              huiqi batch interest-subsidy loans.csv --granted granted-before.csv -o subsidies.csv
              huiqi batch guarantee-fee guarantees.csv --summary guarantors.csv --format jsonl
              huiqi batch interest-subsidy 贷款.xlsx -o 贴息.xlsx --summary 贴息.xlsx   # the summary as a second sheet
            """)

    @Argument(help: "The measure: its id, an alias or its Chinese title.", completion: .measures)
    var measure: String

    @Argument(help: ArgumentHelp("The records: .csv, .xlsx, or .jsonl for JSON lines.", valueName: "INPUT"))
    var input: String

    @Option(help: ArgumentHelp("Repayments (CSV): enterprise_id, loan_id, date, amount; or guarantee_id, date, amount.", valueName: "FILE"))
    var repayments: String?

    @Option(help: ArgumentHelp(
        "interest-subsidy: the subsidy granted to enterprises before (CSV: enterprise_id, granted); it counts against each enterprise's cap.",
        valueName: "FILE"))
    var granted: String?

    @Option(name: .short, help: ArgumentHelp("Write the rows here (default, or -: standard output); OUT.xlsx writes a workbook.", valueName: "OUT"))
    var output: String?

    /// Where the rows go: a file, or nil for standard output (`-o -` as in every Unix tool).
    private var outputPath: String? { output == "-" ? nil : output }

    @Option(help: ArgumentHelp(
        "Write the per-enterprise or per-guarantor summary here; the same .xlsx as -o makes it the workbook's second sheet.", valueName: "FILE"))
    var summary: String?

    @Option(help: "The encoding of CSV files (default: UTF-8, or GB18030 when the bytes are not UTF-8).")
    var encoding: TextEncoding?

    @Option(help: ArgumentHelp("The sheet of an .xlsx INPUT to read (default: the first).", valueName: "NAME"))
    var sheet: String?

    @Flag(help: "CSV output with a UTF-8 byte-order mark and CRLF line ends, as Excel expects.")
    var bom = false

    @Flag(name: .customLong("keep-input"), help: "Show the input's amount and rate columns beside the results.")
    var keepInput = false

    @Flag(help: "Say how many rows the fixed-point kernel computed, and why the others took the general path (standard error).")
    var stats = false

    @Option(help: "csv or jsonl.")
    var format: Batch.Format = .csv

    @Option(help: ArgumentHelp(
        "The language of the output's error column: en (the default, whatever the locale) or zh. Messages on standard error follow --lang or the locale."))
    var lang: Language?

    @OptionGroup var parameters: ParameterOptions

    func run() throws {
        let measure: AnyMeasure
        do {
            measure = try MeasureRegistry.measure(self.measure)
        } catch {
            throw BatchFailure("\(error)")
        }
        let table: ParameterTable
        do {
            table = try parameters.table()
        } catch {
            throw BatchFailure("\(error)")
        }
        let inputFile: BatchInput
        let repaymentBytes: [UInt8]?
        let grantedBytes: [UInt8]?
        do {
            inputFile = try BatchInput(try read(input), name: input, path: input, encoding: encoding, sheet: sheet)
            repaymentBytes = try repayments.map { (path) throws in try textFile(path) }
            grantedBytes = try granted.map { (path) throws in try textFile(path) }
        } catch let error as Batch.FileError {
            throw BatchFailure("\(error)")
        }
        for note in inputFile.notes { report(note) }
        let large = inputFile.bytes.count > 10_000_000 && isatty(2) != 0
        if large { progress(Vocabulary.message("error.computing", measure.id, input)) }
        var batch: Batch
        do {
            batch = try Batch(
                measure: measure, input: inputFile.bytes, format: inputFile.format, repayments: repaymentBytes, granted: grantedBytes,
                parameters: table, cellErrors: inputFile.cellErrors)
            if keepInput {
                guard inputFile.format == .csv else { throw Batch.FileError(message: Vocabulary.message("error.keep_input")) }
                batch = try batch.keepingInput(inputFile.bytes, measure: measure)
            }
        } catch {
            throw BatchFailure("\(error)")
        }
        batch.errorLanguage = lang ?? .en
        if large { progress(Vocabulary.message("error.writing", String(batch.rowsRead))) }
        // A workbook is made whole before anything is written; text is rendered as it is
        // written, into a temporary file renamed only when complete: a failure writes nothing.
        let workbookSummary = summary != nil && summary == outputPath && isWorkbook(outputPath)
        let rows = try rendered(batch, to: outputPath, summary: workbookSummary)
        let summaryBytes = try summary.map { (path) throws(BatchFailure) in
            workbookSummary ? nil : try renderedSummary(batch, to: path)
        } ?? nil
        try write(rows, to: outputPath)
        if let summary, let summaryBytes {
            try write(summaryBytes, to: summary)
        }
        for (line, message) in batch.rowErrors { report(Vocabulary.message("error.line", String(line), message), prefixed: false) }
        for warning in batch.warnings { report(Vocabulary.message("error.warning", warning), prefixed: false) }
        let audit = batch.audit
        report(Vocabulary.message("error.audit", audit.engineVersion, audit.parametersSHA256, audit.parametersSource.rawValue), prefixed: false)
        let totals = batch.totals.map { "\($0.column) \($0.total.grouped)" }.joined(separator: ", ")
        let counts = [batch.rowsRead, batch.rowsOK, batch.rowsFailed].map(String.init)
        report(totals.isEmpty ? Vocabulary.message("error.rows_summary", counts[0], counts[1], counts[2])
            : Vocabulary.message("error.rows_summary_totals", counts[0], counts[1], counts[2], totals), prefixed: false)
        if stats {
            for line in statistics(batch, measure: measure) { report(line, prefixed: false) }
        }
        if batch.rowsFailed > 0 { throw ExitCode(1) }
    }

    /// `--stats`: the rows each path computed, and the general path's rows by cause.
    private func statistics(_ batch: Batch, measure: AnyMeasure) -> [String] {
        func count(_ rows: Int) -> String { ExactDecimal(Int64(rows)).grouped }
        guard Batch.fixedPointMeasures.contains(measure.id) else {
            let kernels = Batch.fixedPointMeasures.joined(separator: ", ")
            return [Vocabulary.message("error.stats_general", count(batch.rowsRead), count(batch.rowsReadGenerically), kernels)]
        }
        let kernel = batch.rowsComputedInFixedPoint
        let general = batch.rowsRead - kernel
        let share = (try? ExactDecimal(Int64(general * 100)).divided(by: ExactDecimal(Int64(max(1, batch.rowsRead))), .scale(2))) ?? .zero
        var lines = [
            Vocabulary.message("error.stats", count(batch.rowsRead), count(batch.rowsReadGenerically), count(kernel), count(general), share.description)
        ]
        for (cause, rows) in batch.fallbacks { lines.append(Vocabulary.message("error.stats_cause", count(rows), cause)) }
        return lines
    }

    /// The most an input file may have: a file is read whole, and computing it takes several
    /// times its size in memory (docs/RELIABILITY.md, Limits).
    static let maximumInputSize = 1 << 30

    private func read(_ path: String) throws(FileFailure) -> [UInt8] {
        try FileBytes.read(regularFile: path, limit: BatchCommand.maximumInputSize)
    }

    /// A repayments or granted file: CSV in any encoding batch reads, or a workbook's first sheet.
    private func textFile(_ path: String) throws -> [UInt8] {
        let file = try BatchInput(try read(path), name: path, path: path, encoding: encoding)
        for note in file.notes { report(note) }
        guard file.format == .csv, file.cellErrors.isEmpty else {
            throw Batch.FileError(message: "\(path): " + Vocabulary.message("error.csv_or_workbook"))
        }
        return file.bytes
    }

    private func isWorkbook(_ path: String?) -> Bool {
        path?.lowercased().hasSuffix(".xlsx") ?? false
    }

    /// The rows as `path` asks: a workbook (with the summary as its second sheet), or text
    /// rendered as it is written.
    private func rendered(_ batch: Batch, to path: String?, summary: Bool) throws(BatchFailure) -> OutputParts {
        guard isWorkbook(path) else { return text { (write) throws(WriteFailure) in try batch.render(format, into: write) } }
        do {
            return OutputParts([try XLSXWriter.workbook(results: batch, withSummary: summary)])
        } catch {
            throw BatchFailure("\(error)")
        }
    }

    private func renderedSummary(_ batch: Batch, to path: String) throws(BatchFailure) -> OutputParts {
        guard isWorkbook(path) else { return text { (write) throws(WriteFailure) in try batch.renderSummary(format, into: write) } }
        do {
            return OutputParts([try XLSXWriter.workbook(summaryOf: batch)])
        } catch {
            throw BatchFailure("\(error)")
        }
    }

    /// Text parts as `render` produces them; CSV as Excel expects it with --bom: a UTF-8
    /// byte-order mark and CRLF line ends.
    private func text(_ render: @escaping (_ write: ([UInt8]) throws(WriteFailure) -> Void) throws(WriteFailure) -> Void) -> OutputParts {
        guard bom, format == .csv else { return OutputParts(producing: render) }
        return OutputParts { (write) throws(WriteFailure) in
            try write(ExcelText.byteOrderMark)
            try render { (part) throws(WriteFailure) in try write(ExcelText.withCRLF(part)) }
        }
    }

    /// Writes `parts`, one after another as they are produced, to `path` whole or not at all
    /// (``OutputFile``); nil: to standard output.
    private func write(_ parts: OutputParts, to path: String?) throws(FileFailure) {
        guard let path else { return try FileBytes.writeToStandardOutput(parts) }
        try OutputFile.write(parts, to: path)
    }

    private func progress(_ line: String) {
        report(line, prefixed: false)
    }
}

/// A batch usage or file error: one sentence on standard error, exit status 2.
struct BatchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
