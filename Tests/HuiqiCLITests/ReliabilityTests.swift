import Foundation
import Testing

/// Hostile input, full disks and killed processes, as a user meets them on the command line
/// (docs/RELIABILITY.md gives the row of each).
@Suite final class ReliabilityTests {
    let header = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
    let good = "E1,L1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true\n"
    /// A directory of each test's own, removed when the test ends.
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("huiqi-reliability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func file(_ name: String, _ contents: String? = nil) throws -> String {
        let url = directory.appendingPathComponent(name)
        if let contents { try contents.write(to: url, atomically: false, encoding: .utf8) }
        return url.path
    }

    /// The files of the test's directory whose names start with `.`: temporary files.
    func temporaryFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
    }

    func fileType(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    // MARK: Rows 0, 10, 15: the output file

    /// Row 0: a FIFO (like /dev/null, which this test does not risk) stays what it is and gets the rows.
    @Test func aFIFOOrDeviceIsWrittenDirectlyNotReplaced() throws {
        let input = try file("loans.csv", header + good)
        let fifo = try file("out.fifo")
        #expect(mkfifo(fifo, 0o644) == 0)
        let reader = Process()  // gives up after 20 s, should the FIFO be replaced and never written
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        reader.arguments = ["20", "cat", fifo]
        let pipe = Pipe()
        reader.standardOutput = pipe
        try reader.run()
        let output = try Huiqi.run(["batch", "interest-subsidy", input, "-o", fifo])
        let received = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        #expect(output.status == 0, "\(output.stderr)")
        #expect(fileType(fifo) == S_IFIFO)
        #expect(received.hasPrefix("enterprise_id,loan_id,line,status"))
        #expect(received.contains("E1,L1,2,ok,,eligible"))
        #expect(try temporaryFiles().isEmpty)
    }

    /// Row 10: an existing file keeps its permissions (0600 stays 0600) and is replaced whole.
    @Test func anExistingFileKeepsItsModeAndIsReplacedWhole() throws {
        let input = try file("loans.csv", header + good)
        let out = try file("out.csv", "old contents\n")
        #expect(chmod(out, 0o600) == 0)
        let output = try Huiqi.run(["batch", "interest-subsidy", input, "-o", out])
        #expect(output.status == 0)
        var status = stat()
        #expect(stat(out, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("enterprise_id,loan_id,line"))
        #expect(try temporaryFiles().isEmpty)
    }

    /// Row 10: a symbolic link at -o is written through (the link stays, its target gets the
    /// rows); a link to nothing, or a directory, is refused naming it.
    @Test func aSymbolicLinkIsWrittenThrough() throws {
        let input = try file("loans.csv", header + good)
        let target = try file("target.csv", "old\n")
        let link = try file("link.csv")
        #expect(symlink(target, link) == 0)
        let output = try Huiqi.run(["batch", "interest-subsidy", input, "-o", link])
        #expect(output.status == 0)
        #expect(fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("E1,L1,2,ok"))
        let dangling = try file("dangling.csv")
        #expect(symlink(directory.appendingPathComponent("nowhere").path, dangling) == 0)
        let refused = try Huiqi.run(["batch", "interest-subsidy", input, "-o", dangling])
        #expect(refused.status == 2)
        #expect(refused.stderr == "huiqi: cannot write \(dangling): it is a symbolic link to a file that does not exist\n")
        let folder = try Huiqi.run(["batch", "interest-subsidy", input, "-o", directory.path])
        #expect(folder.status == 2)
        #expect(folder.stderr == "huiqi: cannot write \(directory.path): it is a directory\n")
    }

    /// Row 10: links planted at the names a temporary file used to have (`.OUT.PID.tmp`, for the
    /// PIDs the next processes will get) are not followed.
    @Test func linksPlantedAtLikelyTemporaryNamesAreNotFollowed() throws {
        let input = try file("loans.csv", header + good)
        let victim = try file("victim.txt", "precious\n")
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/bin/true")
        try probe.run()
        probe.waitUntilExit()
        for pid in probe.processIdentifier..<(probe.processIdentifier + 2_000) {
            #expect(symlink(victim, try file(".out.csv.\(pid).tmp")) == 0)
        }
        let output = try Huiqi.run(["batch", "interest-subsidy", input, "-o", try file("out.csv")])
        #expect(output.status == 0)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    }

    /// Rows 15 and part 4 of the issue: a batch stopped at any moment leaves the old file or the
    /// whole new one, and no temporary file unless it was killed with SIGKILL.
    @Test func aStoppedBatchLeavesTheOldFileOrTheNewOneAndNoTemporaryFile() throws {
        let input = try file("big.csv")
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", Huiqi.repository.appendingPathComponent("Scripts/generate_loans.py").path, "150000"]
        #expect(FileManager.default.createFile(atPath: input, contents: nil))
        generator.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: input))
        try generator.run()
        generator.waitUntilExit()
        let reference = try file("reference.csv")
        let start = ContinuousClock.now
        _ = try Huiqi.run(["batch", "interest-subsidy", input, "-o", reference])
        let duration = Double((ContinuousClock.now - start).components.seconds) + Double((ContinuousClock.now - start).components.attoseconds) / 1e18
        let complete = try Data(contentsOf: URL(fileURLWithPath: reference))
        // The first while the batch is surely still running; the others near and in the write.
        for (signal, delay) in [(SIGTERM, 0.2), (SIGINT, duration * 0.85), (SIGTERM, duration * 0.95), (SIGHUP, duration * 0.99),
                                (SIGKILL, duration * 0.97)] {
            let out = try file("out.csv", "old\n")
            // Through Python, which unblocks every signal before it becomes `huiqi`: the test runs
            // on a thread that blocks SIGTERM and its like, and a child would inherit that.
            let batch = Process()
            batch.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            batch.arguments = ["python3", "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
                               Huiqi.executable.path, "batch", "interest-subsidy", input, "-o", out]
            batch.standardError = FileHandle.nullDevice
            try batch.run()
            Thread.sleep(forTimeInterval: delay)
            kill(batch.processIdentifier, signal)
            batch.waitUntilExit()
            if delay == 0.2 {  // certainly still running: the signal, not the end, stopped it
                #expect(batch.terminationReason == .uncaughtSignal && batch.terminationStatus == signal)
            }
            let left = try Data(contentsOf: URL(fileURLWithPath: out))
            #expect(left == Data("old\n".utf8) || left == complete, "signal \(signal) after \(delay) s")
            if signal == SIGKILL {
                #expect(try temporaryFiles().allSatisfy { $0.hasPrefix(".huiqi-tmp-") })
            } else {
                #expect(try temporaryFiles().isEmpty, "signal \(signal) after \(delay) s")
            }
            for name in try temporaryFiles() { try FileManager.default.removeItem(at: directory.appendingPathComponent(name)) }
        }
    }

    // MARK: Rows 8, 17, 21: reads and writes checked

    /// Row 8: a full disk is a message and exit status 2 for every command, never a crash.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")), arguments: [
        ["eval", "1+1"],
        ["calc", "small-profit-cit", "--tax-year", "2023", "--taxable-income", "2800000", "--employees", "50", "--total-assets", "10000000"],
        ["params"],
        ["list"],
        ["test", "Tests/Scenarios/small-profit-cit.yaml"],
        ["batch", "interest-subsidy", "Examples/loans.csv"],
    ])
    func aFullDiskIsAnErrorWithExitStatus2(arguments: [String]) throws {
        let output = try Huiqi.run(arguments, stdoutPath: "/dev/full")
        #expect(output.status == 2)
        #expect(output.stderr.hasSuffix("huiqi: cannot write to standard output: No space left on device\n"), "\(output.stderr)")
    }

    /// Row 8 at the output file: a write that fails (here past a file-size limit, which is safe
    /// to provoke: never a real device such as /dev/full) is a message with the reason and exit
    /// status 2, the old file stays, and the temporary file is removed.
    @Test func aFailedWriteOfTheOutputFileLeavesTheOldFileAndNoTemporaryFile() throws {
        let input = try file("loans.csv", header + (1...100).map { "E\($0),L1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true\n" }.joined())
        let out = try file("out.csv", "old\n")
        // At most 512 bytes a file, and SIGXFSZ ignored so that the write fails with EFBIG.
        let output = try Huiqi.run(["-c", "ulimit -f 1; trap '' XFSZ; exec \"$0\" \"$@\"", Huiqi.executable.path,
                                    "batch", "interest-subsidy", input, "-o", out], through: "/bin/sh")
        #expect(output.status == 2)
        #expect(output.stderr == "huiqi: cannot write \(out): File too large\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old\n")
        #expect(try temporaryFiles().isEmpty)
    }

    /// Row 17: an endless standard input is refused at the limit, which the message gives.
    @Test func anEndlessInputIsRefusedAtItsLimit() throws {
        let output = try Huiqi.run(["calc", "small-profit-cit", "--input", "-"], stdinPath: "/dev/zero")
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("Error: --input: cannot read standard input: it is larger than 64 MB, the most this command reads\n"))
        let parameters = try Huiqi.run(["params", "--parameters", "/dev/zero"])
        #expect(parameters.stderr.hasPrefix("Error: --parameters: cannot read /dev/zero: it is larger than 16 MB, the most this command reads\n"))
        let batch = try Huiqi.run(["batch", "interest-subsidy", "/dev/zero"])
        #expect(batch.status == 2)
        #expect(batch.stderr == "huiqi: cannot read /dev/zero: not a regular file (save the records to a file first)\n")
    }

    /// Row 21: "cannot read X" says why.
    @Test(arguments: [
        (["batch", "interest-subsidy", "/nonexistent/loans.csv"], "huiqi: cannot read /nonexistent/loans.csv: No such file or directory\n"),
        (["calc", "small-profit-cit", "--input", "/nonexistent/in.json"], "Error: --input: cannot read /nonexistent/in.json: No such file or directory\n"),
        (["params", "--parameters", "/nonexistent/p.yaml"], "Error: --parameters: cannot read /nonexistent/p.yaml: No such file or directory\n"),
        (["calc", "small-profit-cit", "--input", "/"], "Error: --input: cannot read /: Is a directory\n"),
    ])
    func readFailuresGiveTheReason(arguments: [String], message: String) throws {
        let output = try Huiqi.run(arguments)
        #expect(output.stderr.hasPrefix(message), "\(output.stderr)")
    }

    /// Row 21: `huiqi test` with nothing to run fails (exit status 2) instead of passing.
    @Test func testingNothingFails() throws {
        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        let output = try Huiqi.run(["test", empty.path])
        #expect(output.status == 2)
        #expect(output.stderr == "huiqi: no scenario files (.yaml, .yml) in \(empty.path)\n")
        #expect(output.stdout.isEmpty)
        let blank = try file("blank.yaml", "# no cases yet\n")
        let none = try Huiqi.run(["test", blank])
        #expect(none.status == 2)
        #expect(none.stderr == "huiqi: no scenarios in \(blank): nothing was tested\n")
    }

    /// Row 21: control characters from a cell are escaped on standard error.
    @Test func controlCharactersFromCellsAreEscapedOnStandardError() throws {
        let input = try file("vat.csv", "period_type,period_start,sales_3pct\nwe\u{0}e\u{1B}[31mk,2023-04-01,1\n")
        let output = try Huiqi.run(["batch", "small-scale-vat", input])
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix(#"line 2: period_type: unknown value "we\u{0}e\u{1B}[31mk" (accepted: month, quarter)"# + "\n"))
        #expect(!output.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    // MARK: Rows 1, 2: eval

    @Test func evalRefusesWhatItCannotHoldOrNest() throws {
        let tiny = try Huiqi.run(["eval", "1e-1999999999%"])
        #expect(tiny.status == 1)
        #expect(tiny.stderr == "huiqi: \"1e-1999999999\" is beyond the magnitude a policy input may have (10^±100) at character 1\n")
        let deep = try Huiqi.run(["eval", String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)])
        #expect(deep.status == 1)
        #expect(deep.stderr == "huiqi: parentheses and signs nested more than 100 deep at character 101\n")
        let signs = try Huiqi.run(["eval", "0" + String(repeating: "-", count: 20_000) + "1"])
        #expect(signs.status == 1)
        #expect(signs.stderr == "huiqi: parentheses and signs nested more than 100 deep at character 103\n")
        let fine = try Huiqi.run(["eval", String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)])
        #expect(fine.stdout == "1\n")
    }

    // MARK: Rows 3, 4: JSON nesting

    @Test func deeplyNestedJSONIsRefused() throws {
        let message = "JSON: objects and arrays nested more than 64 deep at byte 65"
        let calc = try Huiqi.run(["calc", "interest-subsidy", "--input", "-"], stdin: String(repeating: "[", count: 100_000))
        #expect(calc.status == 2)
        #expect(calc.stderr.hasPrefix("Error: --input -: \(message)\n"))
        let lines = try file("deep.jsonl", String(repeating: "[", count: 100_000) + "\n")
        let batch = try Huiqi.run(["batch", "interest-subsidy", lines])
        #expect(batch.status == 1)
        #expect(batch.stderr.hasPrefix("line 1: \(message)\n"))
    }

    // MARK: Rows 5, 6, 7: parameter files

    @Test(arguments: [
        ("interest_subsidy.max_days", "9223372036854775807", "a whole number of days from 0 to 36525"),
        ("interest_subsidy.rate", "-0.02", "a rate from 0 to 1"),
        ("interest_subsidy.day_basis", "0", "a whole number of days in a year from 1 to 366"),
    ])
    func aBadParameterFileIsRefusedNamingTheParameter(id: String, value: String, kind: String) throws {
        let parameters = try file("p.yaml", "\(id):\n  - {value: \"\(value)\", from: 2022-10-01, to: 2022-12-31, citation: mine}\n")
        let message = "huiqi: --parameters \(parameters): \(id)[0]: \"\(value)\" is not \(kind)\n"
        let calc = try Huiqi.run(Huiqi.words("calc interest-subsidy --principal 3000000 --annual-rate 3.65% --drawdown-date 2022-11-01 "
            + "--end-date 2023-11-01 --guaranteed-by-fund --first-inclusive-loan --lender-in-shanghai --parameters \(parameters)"))
        #expect(calc.status == 2)
        #expect(calc.stderr == message)
        let batch = try Huiqi.run(["batch", "interest-subsidy", "Examples/loans.csv", "--parameters", parameters])
        #expect(batch.status == 2)
        #expect(batch.stderr == message)
    }

    // MARK: Faults: a directory that cannot be written, a disk that fills

    @Test func aDirectoryThatCannotBeWrittenIsAFileError() throws {
        let input = try file("loans.csv", header + good)
        // sysfs takes no new files, whoever runs the test (root included).
        let output = try Huiqi.run(["batch", "interest-subsidy", input, "-o", "/sys/huiqi-out.csv"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("huiqi: cannot write /sys/huiqi-out.csv: "))
        #expect(output.stdout.isEmpty)
    }

    /// A 64 KB file system (tmpfs, which only root may mount) filled by the output: exit 2 with
    /// the system's reason, the old file as it was, no temporary file.
    @Test(.enabled(if: getuid() == 0)) func aFullDiskLeavesTheOldFileAndNoTemporaryFile() throws {
        let mountPoint = directory.appendingPathComponent("small").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]
        try mount.run()
        mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "cannot mount a tmpfs here")
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mountPoint]
            try? umount.run()
            umount.waitUntilExit()
        }
        let rows = (0..<2_000).map { "E\($0),L1,3000000,3.65%,2022-11-01,2023-11-01,true,true,true\n" }.joined()
        let input = try file("loans.csv", header + rows)
        let target = mountPoint + "/subsidies.csv"
        try "the old file\n".write(toFile: target, atomically: false, encoding: .utf8)
        let output = try Huiqi.run(["batch", "interest-subsidy", input, "-o", target])
        #expect(output.status == 2)
        #expect(output.stderr.contains("No space left on device"), "\(output.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "the old file\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint) == ["subsidies.csv"])
    }

    /// A 10 GB input (sparse: it takes no disk) is refused by its size before a byte is read.
    @Test func aTenGigabyteInputIsRefusedBeforeItIsRead() throws {
        let input = try file("huge.csv", "")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: input))
        try handle.truncate(atOffset: 10 << 30)
        try handle.close()
        let output = try Huiqi.run(["batch", "interest-subsidy", input])
        #expect(output.status == 2)
        #expect(output.stderr == "huiqi: cannot read \(input): it is larger than 1024 MB, the most this command reads (split it by enterprise)\n")
    }
}
