import ArgumentParser
import DecimalModule
import Foundation
import PolicyModule

extension Batch.Format: ExpressibleByArgument {}

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run a measure over a file of records: one output row per input row, in order.",
        discussion: """
            INPUT is CSV (UTF-8, a header of field names in any order; booleans true/false/1/0) or \
            JSONL (.jsonl, one object per line). Each output row has the input's id columns, line, \
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
            """)

    @Argument(help: "The measure: its id, an alias or its Chinese title.", completion: .measures)
    var measure: String

    @Argument(help: ArgumentHelp("The records: .csv, or .jsonl for JSON lines.", valueName: "INPUT"))
    var input: String

    @Option(help: ArgumentHelp("Repayments (CSV): enterprise_id, loan_id, date, amount; or guarantee_id, date, amount.", valueName: "FILE"))
    var repayments: String?

    @Option(help: ArgumentHelp(
        "interest-subsidy: the subsidy granted to enterprises before (CSV: enterprise_id, granted); it counts against each enterprise's cap.",
        valueName: "FILE"))
    var granted: String?

    @Option(name: .short, help: ArgumentHelp("Write the rows here (default: standard output).", valueName: "OUT"))
    var output: String?

    @Option(help: ArgumentHelp("Write the per-enterprise or per-guarantor summary here.", valueName: "FILE"))
    var summary: String?

    @Option(help: "csv or jsonl.")
    var format: Batch.Format = .csv

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
        let inputBytes = try read(input)
        let repaymentBytes = try repayments.map { (path) throws(FileFailure) in try read(path) }
        let grantedBytes = try granted.map { (path) throws(FileFailure) in try read(path) }
        let large = inputBytes.count > 10_000_000 && isatty(2) != 0
        if large { progress("huiqi: computing \(measure.id) over \(input)…") }
        let batch: Batch
        do {
            let inputFormat: Batch.Format = input.hasSuffix(".jsonl") || input.hasSuffix(".ndjson") ? .jsonl : .csv
            batch = try Batch(
                measure: measure, input: inputBytes, format: inputFormat, repayments: repaymentBytes, granted: grantedBytes,
                parameters: table)
        } catch {
            throw BatchFailure("\(error)")
        }
        if large { progress("huiqi: writing \(batch.rowsRead) rows…") }
        try write(batch.rendered(format), to: output)
        if let summary {
            try write(batch.renderedSummary(format), to: summary)
        }
        for (line, message) in batch.rowErrors { report("line \(line): \(message)", prefixed: false) }
        for warning in batch.warnings { report("warning: \(warning)", prefixed: false) }
        report("audit: \(batch.audit)", prefixed: false)
        let totals = batch.totals.map { "\($0.column) \($0.total.grouped)" }.joined(separator: ", ")
        report("\(batch.rowsRead) rows read, \(batch.rowsOK) ok, \(batch.rowsFailed) error" + (totals.isEmpty ? "" : "; totals: \(totals)"), prefixed: false)
        if batch.rowsFailed > 0 { throw ExitCode(1) }
    }

    /// The most an input file may have: a file is read whole, and computing it takes several
    /// times its size in memory (docs/RELIABILITY.md, Limits).
    static let maximumInputSize = 1 << 30

    private func read(_ path: String) throws(FileFailure) -> [UInt8] {
        try FileBytes.read(regularFile: path, limit: BatchCommand.maximumInputSize)
    }

    /// Writes `bytes` to `path` whole or not at all (``OutputFile``); nil: to standard output.
    private func write(_ bytes: [UInt8], to path: String?) throws(FileFailure) {
        guard let path else { return try FileBytes.writeToStandardOutput(bytes) }
        try OutputFile.write(bytes, to: path)
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
