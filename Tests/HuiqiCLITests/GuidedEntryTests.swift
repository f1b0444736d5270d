import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

    /// In Chinese (the default): the field's help and a refused answer read in Chinese.
    @Test func guidedEntrySpeaksChinese() throws {
        let session = "huiqi-guided-zh-\(getpid())"
        let command = "env SOURCE_DATE_EPOCH=1796184000 LANG=C.UTF-8 COLUMNS=100 \(Huiqi.executable.path) calc cit --tax-year 2023 --employees 50 --total-assets 10000000; sleep 30"
        try tmux("new-session", "-d", "-s", session, "-x", "110", "-y", "80", command)
        defer { _ = try? tmux("kill-session", "-t", session) }
        for (prompts, answer) in [(1, "fifty"), (2, "280万")] {
            try waitFor(session, "› ", count: prompts)
            try tmux("send-keys", "-t", session, "-l", answer)
            try tmux("send-keys", "-t", session, "Enter")
        }
        let screen = try waitFor(session, "等效命令：", count: 1)
        #expect(screen.contains("应纳税所得额 (--taxable-income): 加计扣除和弥补亏损后的应纳税所得额（亏损年度填 0）"), "\(screen)")
        #expect(screen.contains("✗ “fifty”不是金额"), "\(screen)")
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

    /// Runs tmux (on a server of the tests' own) and returns what it printed.
    ///
    /// Not through `Foundation.Process`: it learns that a child has exited when the child's end
    /// of a socket closes, and the tmux server that `new-session` starts would inherit that end
    /// and keep it open for as long as it runs, so that waiting for the client never returned
    /// (the test hung on a machine where no server was running yet). Here bash closes every
    /// descriptor but 0, 1 and 2 (/dev/null, the pipe for what tmux prints, /dev/null), then
    /// becomes tmux.
    @discardableResult
    private func tmux(_ arguments: String...) throws -> String {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw SpawnError(message: "pipe: errno \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let closeOthers = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null; exec /usr/bin/tmux "$@""#
        let argv = (["bash", "-c", closeOthers, "tmux", "-L", "huiqi-tests"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else { throw SpawnError(message: "posix_spawn bash: errno \(spawned)") }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(pipe[0], &buffer, buffer.count)
            if count > 0 { output += buffer[..<count] } else if count == 0 || errno != EINTR { break }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }

    private struct SpawnError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
