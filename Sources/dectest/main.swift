import DecTestKit
import Foundation

// dectest FILE… — runs General Decimal Arithmetic `.decTest` files against ExactDecimal and
// prints, per file and in total, `N passed, N failed, N skipped`. Exit status: 0 when nothing
// failed, 1 when a case failed, 2 when a file could not be read or parsed.

let paths = CommandLine.arguments.dropFirst()
if paths.isEmpty || paths.contains("--help") || paths.contains("-h") {
    print("usage: dectest FILE.decTest…\nRuns General Decimal Arithmetic test files against ExactDecimal.")
    exit(paths.isEmpty ? 2 : 0)
}

var total = DecTestReport()
var unreadable = false
for path in paths {
    let name = URL(fileURLWithPath: path).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("dectest: cannot read \(path)\n".utf8))
        unreadable = true
        continue
    }
    let report: DecTestReport
    do {
        report = DecTestRunner.run(try DecTestFile.parse(String(decoding: data, as: UTF8.self)))
    } catch {
        FileHandle.standardError.write(Data("dectest: \(path): \(error)\n".utf8))
        unreadable = true
        continue
    }
    for failure in report.failures { print("FAIL \(name) \(failure)") }
    let reasons = report.skipReasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
    print("\(name): \(report.summary)" + (reasons.isEmpty ? "" : " (skipped: \(reasons.joined(separator: ", ")))"))
    total.merge(report)
}
print("total: \(total.summary)")
exit(unreadable ? 2 : (total.failed > 0 ? 1 : 0))
