import Foundation
import PolicyModule
import SpreadsheetModule
import Testing

/// The spreadsheet route through the command line: encodings and workbooks in, workbooks and
/// Excel CSV out, templates, and nothing written at -o when the input is refused.
@Suite final class SpreadsheetCommandTests {
    let directory: URL
    let fixtures = Huiqi.repository.appendingPathComponent("Tests/SpreadsheetModuleTests/Fixtures")

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("huiqi-sheets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func aWorkbookInGivesTheCSVsResultsAndAWorkbookOut() throws {
        let csv = try Huiqi.run(["batch", "guarantee-fee", fixtures.appendingPathComponent("guarantees.csv").path])
        let xlsx = try Huiqi.run(["batch", "guarantee-fee", fixtures.appendingPathComponent("guarantees.xlsx").path])
        #expect(csv.status == 0 && xlsx.status == 0)
        #expect(xlsx.stdout == csv.stdout && xlsx.stderr == csv.stderr)
        let out = path("费用.xlsx")
        let run = try Huiqi.run(["batch", "guarantee-fee", fixtures.appendingPathComponent("guarantees.xlsx").path, "-o", out, "--summary", out])
        #expect(run.status == 0)
        // Read back by our reader: the results sheet is the CSV output, the summary the second sheet.
        let results = try XLSXReader.read(try bytes(out), name: out)
        #expect(results.name == "results")
        #expect(String(decoding: results.csv, as: UTF8.self) == csv.stdout)
        let summary = try XLSXReader.read(try bytes(out), name: out, sheet: "summary")
        let csvSummary = try Huiqi.run(["batch", "guarantee-fee", fixtures.appendingPathComponent("guarantees.csv").path, "--summary", path("s.csv")])
        #expect(csvSummary.status == 0)
        #expect(summary.csv == (try bytes(path("s.csv"))))
    }

    @Test func gb18030IsFoundAndSaidOnStandardError() throws {
        let name = fixtures.appendingPathComponent("loans-gb18030.csv").path
        let run = try Huiqi.run(["batch", "interest-subsidy", name, "-o", "/dev/null"])
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("huiqi: \(name): read as GB18030 (GBK), as it is not UTF-8\naudit: "), "\(run.stderr)")
        #expect(run.stderr.contains("\n1000 rows read, 1000 ok"), "\(run.stderr)")
        let forced = try Huiqi.run(["batch", "interest-subsidy", name, "--encoding", "utf-8"])
        #expect(forced.status == 2)
        #expect(forced.stderr.hasPrefix("huiqi: \(name): not valid UTF-8 at line 1, column 1"), "\(forced.stderr)")
    }

    @Test func nothingIsWrittenAtTheOutputWhenTheInputIsRefused() throws {
        for bad in ["bad-empty.xlsx", "bad-merged-header.xlsx", "bad-last-row.xlsx"] {
            let out = path("out.xlsx")
            let run = try Huiqi.run(["batch", "guarantee-fee", fixtures.appendingPathComponent(bad).path, "-o", out, "--summary", out])
            #expect(run.status == 2, "\(bad)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(bad)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        let missing = try Huiqi.run(["batch", "guarantee-fee", fixtures.appendingPathComponent("two-sheets.xlsx").path, "--sheet", "nope", "-o", path("x.csv")])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasSuffix("there is no sheet named \"nope\"; the sheets are: 说明, 担保\n"))
        #expect(!FileManager.default.fileExists(atPath: path("x.csv")))
    }

    @Test func excelCSVAndInputColumnsKept() throws {
        let input = Huiqi.repository.appendingPathComponent("Examples/loans.csv").path
        let run = try Huiqi.run(["batch", "interest-subsidy", input, "--bom", "--keep-input", "-o", path("out.csv")])
        #expect(run.status == 1)
        let text = try bytes(path("out.csv"))
        #expect(text.starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: text.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        let audit = ",\(Engine.version),\(try ParameterTable.bundled().audit.parametersSHA256)"
        #expect(lines[0] == "enterprise_id,loan_id,principal,annual_rate,line,status,error,reason,window_days,window_end,balance_days,rate_applied,"
            + "subsidy_computed,subsidy_granted,capped,enterprise_total,engine_version,parameters_sha256")
        #expect(lines[1] == "E1,L1,5000000,4%,2,ok,,eligible,365,2023-11-01,1825000000,0.02,101388.89,101388.89,false,200000.00" + audit)
        #expect(lines[4] == ",,,,5,error,\"expected 9 fields, found 11\",,,,,,,,," + audit)
        #expect(lines.last == "")
    }

    @Test func aTemplateFilledInRunsInBatch() throws {
        for (measure, file) in [("interest-subsidy", "贷款.xlsx"), ("guarantee-fee", "担保.csv"), ("interest-subsidy", "loans.csv")] {
            let made = try Huiqi.run(["template", measure, "-o", path(file)] + (file == "loans.csv" ? ["--lang", "en"] : []))
            #expect(made.status == 0)
            let run = try Huiqi.run(["batch", measure, path(file)])
            #expect(run.status == 0, "\(file): \(run.stderr)")
            #expect(run.stderr.contains("\n1 rows read, 1 ok"), "\(file): \(run.stderr)")
        }
        let zh = try Huiqi.run(["template", "guarantee-fee"])
        #expect(zh.stdout.hasPrefix("担保编号,担保机构编号,担保金额,担保费率,起始日,到期日,期限月数,原担保费率\n"))
    }

    @Test func listShowsTheChineseColumnNames() throws {
        let run = try Huiqi.run(["list", "interest-subsidy", "--format", "json"])
        #expect(run.stdout.contains("\"name_zh\": \"是否融资担保基金担保\""), "\(run.stdout)")
    }
}
