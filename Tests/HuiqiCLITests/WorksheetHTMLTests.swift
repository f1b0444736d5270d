import Foundation
import Testing

/// The printable worksheet as a finance officer meets it: `--format html` rendered by headless
/// Chromium (Scripts/render_worksheet.sh) to an A4 PDF, whose pages and text are checked with
/// poppler's pdfinfo and pdftotext.
@Suite struct WorksheetHTMLTests {
    static let interest = "calc interest-subsidy --principal 3000000 --annual-rate 3.65% --drawdown-date 2022-11-01 "
        + "--end-date 2023-11-01 --guaranteed-by-fund --first-inclusive-loan --lender-in-shanghai --repayments 2023-05-01=1,000,000"

    @Test func thePageIsSelfContained() throws {
        let page = try Huiqi.run(Huiqi.words(Self.interest + " --format html")).stdout
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        for fetched in ["http:", "https:", "<script", "<link", "src=", "url("] {
            #expect(!page.contains(fetched), "the page would fetch or run something: \(fetched)")
        }
        #expect(page.contains("@page { size: A4"))
        #expect(page.contains(#"<td class="number">50,611.11</td>"#))
    }

    @Test(arguments: [("zh", ["首贷贴息", "计算日期 2026-12-02", "3,000,000 × 181 + 2,000,000 × 184", "50,611.11", "149,388.89", "库默认值"]),
                      ("en", ["First-loan interest subsidy", "Calculated on 2026-12-02", "50,611.11", "library default"])])
    func itPrintsOnOneA4PageWithTheAmounts(language: String, expected: [String]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("huiqi-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = directory.appendingPathComponent("worksheet.html")
        let pdf = directory.appendingPathComponent("worksheet.pdf")
        try Data(try Huiqi.run(Huiqi.words(Self.interest + " --format html --lang \(language)")).stdout.utf8).write(to: html)
        #expect(try shell(Huiqi.repository.appendingPathComponent("Scripts/render_worksheet.sh").path, html.path, pdf.path).status == 0)
        let info = try shell("/usr/bin/pdfinfo", pdf.path).output
        #expect(info.contains("Pages:           1"), "\(info)")
        #expect(info.contains("(A4)"), "not A4: \(info)")
        let text = try shell("/usr/bin/pdftotext", "-layout", pdf.path, "-").output
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for phrase in expected {
            #expect(text.contains(phrase), "\(phrase) is not in the PDF's text")
        }
    }

    private func shell(_ program: String, _ arguments: String...) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
