import Foundation
import PolicyModule
import SpreadsheetModule
import Testing

/// Our .xlsx output read by independent readers: openpyxl (types and values) and LibreOffice
/// (converted back to CSV, equal to our CSV output). Each test needs its tool and says so
/// when it is absent; .ci/run installs both.
@Suite struct WorkbookOutputTests {
    let parameters = try! ParameterTable.bundled()

    static func which(_ tool: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static let hasOpenpyxl: Bool = {
        guard let python = which("python3") else { return false }
        return (try? run(python, ["-c", "import openpyxl"]))?.status == 0
    }()

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The loans fixture with a bad row and a formula-like id, computed.
    func batch() throws -> Batch {
        var text = String(decoding: try SpreadsheetTests.fixture("loans.csv"), as: UTF8.self)
        text += "=E1,L1,1000,3%,2022-11-01,2023-11-01,true,true,true\nE9,L1,x,3%,2022-11-01,2023-11-01,true,true,true\n"
        return try Batch(measure: MeasureRegistry.measure(InterestSubsidy.id), input: Array(text.utf8), format: .csv, parameters: parameters)
    }

    /// A file named `name` in a folder of its own, which the caller removes
    /// (`removeFolder(of:)`): LibreOffice leaves a profile there.
    func temporary(_ name: String) -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("huiqi-xlsx-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name)
    }

    func removeFolder(of url: URL) {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }

    @Test(.enabled(if: hasOpenpyxl, "python3 with openpyxl is not installed (pip install openpyxl)"))
    func openpyxlReadsTheRightTypesAndValues() throws {
        let batch = try batch()
        let url = temporary("out.xlsx")
        defer { removeFolder(of: url) }
        try Data(XLSXWriter.workbook(results: batch, withSummary: true)).write(to: url)
        let script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            out = {"sheets": book.sheetnames}
            for sheet in book.worksheets:
                rows = list(sheet.iter_rows())
                out[sheet.title] = {"freeze": sheet.freeze_panes, "rows": len(rows),
                    "cells": [[[type(c.value).__name__, str(c.value), c.number_format] for c in row] for row in rows[:3] + rows[-2:]]}
            print(json.dumps(out, ensure_ascii=False))
            """
        let result = try WorkbookOutputTests.run(WorkbookOutputTests.which("python3")!, ["-c", script, url.path])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["sheets"] as? [String] == ["results", "summary"])
        let results = try #require(json["results"] as? [String: Any])
        #expect(results["freeze"] as? String == "A2")
        #expect(results["rows"] as? Int == batch.rowsRead + 1)
        let cells = try #require(results["cells"] as? [[[String]]])
        // Header, then the first loan: ids as text, line as a whole number, amounts as numbers in 0.00.
        #expect(cells[0].map { $0[1] } == batch.columns)
        let first = cells[1]
        #expect(first[0] == ["str", "E0001", "@"])
        #expect(first[2] == ["int", "2", "General"])
        #expect(first[3] == ["str", "ok", "@"])
        #expect(first[10][0] == "float" && first[10][2] == "0.00")  // subsidy_computed
        #expect(first[12][0] == "str" && ["true", "false"].contains(first[12][1]))  // capped
        // The last rows: a formula-like id kept as text, and an error row with its message.
        #expect(cells[3][0] == ["str", "=E1", "@"])
        #expect(cells[4][3] == ["str", "error", "@"])
        #expect(cells[4][4][1].hasPrefix("principal:"))
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["rows"] as? Int == batch.summaryRows.count + 1)
    }

    @Test(.enabled(if: which("soffice") != nil, "LibreOffice (soffice) is not installed (apt-get install libreoffice-calc)"))
    func libreOfficeConvertsItBackToOurCSV() throws {
        let batch = try batch()
        let url = temporary("results.xlsx")
        defer { removeFolder(of: url) }
        try Data(XLSXWriter.workbook(results: batch, withSummary: false)).write(to: url)
        let directory = url.deletingLastPathComponent()
        let result = try WorkbookOutputTests.run(WorkbookOutputTests.which("soffice")!, [
            "--headless", "-env:UserInstallation=file://\(directory.path)/profile", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            "--outdir", directory.path, url.path,
        ])
        #expect(result.status == 0)
        let converted = try Data(contentsOf: directory.appendingPathComponent("results.csv"))
        // Our CSV neutralises a formula-like id with a leading ' (the workbook needs not: its cell is text).
        let ours = String(decoding: batch.rendered(.csv), as: UTF8.self).replacingOccurrences(of: "\n'=E1,", with: "\n=E1,")
        #expect(String(decoding: converted, as: UTF8.self) == ours)
    }
}
