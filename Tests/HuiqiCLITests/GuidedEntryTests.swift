import Foundation
import Testing

/// Guided entry as a person meets it: `huiqi calc` in a terminal (a tmux pane, a real
/// pseudo-terminal), asked for each missing field and answered by keystrokes.
@Suite struct GuidedEntryTests {
    @Test func missingFieldsAreAskedForThenTheWorksheetAndTheCommandAreShown() throws {
        let session = "huiqi-guided-\(getpid())"
        let command = "env SOURCE_DATE_EPOCH=1796184000 LANG=C.UTF-8 COLUMNS=100 \(Huiqi.executable.path) calc cit --tax-year 2023 --lang en; sleep 30"
        try tmux("new-session", "-d", "-s", session, "-x", "110", "-y", "80", command)
        defer { _ = try? tmux("kill-session", "-t", session) }
        for (prompts, answer) in [(1, "280万"), (2, "fifty"), (3, "50"), (4, "10,000,000")] {
            try waitFor(session, "› ", count: prompts)
            try tmux("send-keys", "-t", session, "-l", answer)
            try tmux("send-keys", "-t", session, "Enter")
        }
        let screen = try waitFor(session, "The same as one command:", count: 1)
        #expect(screen.contains("Some required fields are missing; enter each in turn"))
        #expect(screen.contains("taxable income (--taxable-income): after super-deductions and losses (0 for a loss year)"))
        #expect(screen.contains(#"✗ "fifty" is not an amount"#))
        #expect(screen.contains("tax due       140,000.00"))
        let equivalent = "huiqi calc cit --lang en --tax-year 2023 --taxable-income 280万 --employees 50 --total-assets 10,000,000"
        #expect(screen.contains(equivalent))
        // The command gives the same worksheet without questions.
        let again = try Huiqi.run(Array(Huiqi.words(equivalent).dropFirst()))
        #expect(again.status == 0)
        #expect(again.stdout.contains("tax due       140,000.00"))
    }

    /// The pane's text once `marker` appears `count` times, within 20 seconds.
    @discardableResult
    private func waitFor(_ session: String, _ marker: String, count: Int) throws -> String {
        for _ in 0..<200 {
            let screen = try tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", session)
            if screen.components(separatedBy: marker).count - 1 >= count { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("\(marker) did not appear \(count) times")
        return try tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", session)
    }

    /// Runs tmux (on a server of the tests' own) and returns what it printed. Only
    /// `capture-pane` prints: the other commands' output goes nowhere, since the server that
    /// `new-session` starts would hold a pipe open for as long as it runs.
    @discardableResult
    private func tmux(_ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = ["-L", "huiqi-tests"] + arguments
        guard arguments.first == "capture-pane" else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return ""
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
