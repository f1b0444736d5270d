import Foundation
import Testing

/// Runs every command of docs/CLI.md and checks what it prints: each ```console block is
/// `$ huiqi …` (continued with a trailing backslash) followed by the output, where a line `…`
/// matches any number of lines and a last line `[exit N]` is the exit status (otherwise 0).
/// Output is standard output followed by standard error.
@Suite struct DocumentationTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var command: String
        var expected: [String]
        var status: Int32
        var testDescription: String { String(command.prefix(100)) }
    }

    static let examples: [Example] = {
        let path = Huiqi.repository.appendingPathComponent("docs/CLI.md").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var examples: [Example] = []
        var block: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == "```console" {
                block = []
            } else if line == "```", let lines = block {
                examples.append(example(lines))
                block = nil
            } else {
                block?.append(line)
            }
        }
        return examples
    }()

    static func example(_ lines: [String]) -> Example {
        var command = ""
        var index = 0
        repeat {
            let line = lines[index]
            command += (index == 0 ? String(line.dropFirst(2)) : " " + line.trimmingCharacters(in: .whitespaces))
            index += 1
        } while command.hasSuffix("\\") && { command.removeLast(); return true }()
        var expected = Array(lines[index...])
        var status: Int32 = 0
        if let last = expected.last, last.hasPrefix("[exit "), let code = Int32(last.dropFirst(6).dropLast()) {
            status = code
            expected.removeLast()
        }
        return Example(command: command, expected: expected, status: status)
    }

    @Test func theGuideHasExamples() {
        #expect(Self.examples.count >= 25)
        #expect(Self.examples.allSatisfy { $0.command.hasPrefix("huiqi ") })
    }

    @Test(arguments: examples)
    func exampleOutputIsReal(_ example: Example) throws {
        let output = try Huiqi.run(Array(Huiqi.words(example.command).dropFirst()), locale: "C.UTF-8")
        #expect(output.status == example.status, "\(output.stderr)")
        let actual = (output.stdout + output.stderr).split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).trimmingTrailingWhitespace
        }
        #expect(Self.matches(example.expected, Array(actual.reversed().drop(while: \.isEmpty).reversed())),
                "printed:\n\(output.stdout)\(output.stderr)")
    }

    /// Whether `actual` is `expected` with each `…` line standing for zero or more lines.
    static func matches(_ expected: [String], _ actual: [String]) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "…" {
            return (0...actual.count).contains { matches(Array(expected.dropFirst()), Array(actual.dropFirst($0))) }
        }
        guard let line = actual.first, line == first.trimmingTrailingWhitespace else { return false }
        return matches(Array(expected.dropFirst()), Array(actual.dropFirst()))
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var text = self
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
