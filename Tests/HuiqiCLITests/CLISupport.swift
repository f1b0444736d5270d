import Foundation
import Testing

/// Runs the built `huiqi` (it sits next to the test binary) and captures what it prints.
struct Huiqi {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let executable: URL = {
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        // macOS runs tests from inside an .xctest bundle.
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS" || directory.lastPathComponent == "Contents" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("huiqi")
    }()

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `huiqi` with `arguments`; `stdin` is written to its standard input, or
    /// `stdinPath` (a file or device) opened as it; `stdoutPath` (a file or device such as
    /// /dev/full) takes its standard output instead of the captured pipe.
    /// `through`: another program to run instead (a shell that sets limits, then runs `huiqi`).
    static func run(
        _ arguments: [String], stdin: String? = nil, stdinPath: String? = nil, stdoutPath: String? = nil, locale: String = "en_US.UTF-8",
        through launcher: String? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = launcher.map { URL(fileURLWithPath: $0) } ?? executable
        process.arguments = arguments
        process.currentDirectoryURL = repository
        // The sanitizers' options reach the child, so that a sanitized run checks it too.
        let sanitizerOptions = ProcessInfo.processInfo.environment.filter { ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"].contains($0.key) }
        // SOURCE_DATE_EPOCH fixes the worksheet's calculation date: 2026-12-02 in Shanghai.
        process.environment = ["LANG": locale, "COLUMNS": "100", "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1796184000"]
            .merging(sanitizerOptions) { $1 }
        let (out, err, input) = (Pipe(), Pipe(), Pipe())
        process.standardOutput = try stdoutPath.map { try FileHandle(forWritingTo: URL(fileURLWithPath: $0)) } ?? out
        process.standardError = err
        process.standardInput = try stdinPath.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        try out.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Splits a shell command line: single and double quotes, and backslash-newline continuations.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in line.replacingOccurrences(of: "\\\n", with: " ") {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
