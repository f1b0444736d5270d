import DecTestKit
import Foundation
import Testing

/// The official General Decimal Arithmetic test files that ship with CPython, and a
/// differential corpus generated with Python's `decimal` (Scripts/generate_differential_dectest.py).
@Suite struct ConformanceTests {
    /// Where CPython keeps `decimaltestdata` (override with DECTEST_DIR).
    static let officialDirectory: String? = {
        if let directory = ProcessInfo.processInfo.environment["DECTEST_DIR"] { return directory }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import test,os;print(os.path.dirname(test.__file__))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let directory = output.trimmingCharacters(in: .whitespacesAndNewlines) + "/decimaltestdata"
        return process.terminationStatus == 0 ? directory : nil
    }()

    /// Each official file and how many of its cases are in scope (finite operands, none of the
    /// skipped conditions). Pinning the count means a runner change that skips more fails here.
    static let officialFiles: [(String, Int)] = [
        ("add", 1608), ("subtract", 534), ("multiply", 260), ("divide", 472), ("divideint", 303),
        ("remainder", 438), ("quantize", 629), ("rounding", 858), ("compare", 546), ("abs", 59),
        ("minus", 80), ("plus", 81), ("reduce", 134), ("base", 860),
    ]

    @Test(arguments: officialFiles)
    func officialFilePasses(name: String, inScope: Int) throws {
        let directory = try #require(Self.officialDirectory, "python3 with CPython's test package is needed")
        let report = try run("\(directory)/\(name).decTest")
        #expect(report.failures == [])
        #expect(report.passed == inScope)
    }

    @Test func differentialCorpusPasses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources/differential.decTest").path
        let report = try run(path)
        #expect(report.failures == [])
        #expect(report.passed > 5_000)
    }

    @Test func expectedErrorMustBeThrown() throws {
        let cases = try DecTestFile.parse(
            """
            precision: 9
            rounding: half_up
            bad1 divide 1 0 -> Infinity Division_by_zero
            bad2 divide 1 1 -> Infinity Division_by_zero
            bad3 divide 0 0 -> NaN Division_by_zero
            """)
        let outcomes = cases.map(DecTestRunner.outcome(of:))
        #expect(outcomes[0] == .passed)
        guard case .failed = outcomes[1] else { Issue.record("a value where an error was expected passed"); return }
        guard case .failed = outcomes[2] else { Issue.record("the wrong error kind passed"); return }
    }

    @Test func parsesQuotesCommentsAndCRLF() throws {
        let cases = try DecTestFile.parse(
            "precision: 5\r\nrounding: half_even\r\n-- a comment\r\nq1 toSci '1''2' -> '1.5' Inexact -- trailing\r\n")
        #expect(cases.count == 1)
        #expect(cases[0].operands == ["1'2"])
        #expect(cases[0].expected == "1.5")
        #expect(cases[0].conditions == ["inexact"])
        #expect(cases[0].directives["precision"] == "5")
    }

    private func run(_ path: String) throws -> DecTestReport {
        let data = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
        return DecTestRunner.run(try DecTestFile.parse(String(decoding: data, as: UTF8.self)))
    }
}
