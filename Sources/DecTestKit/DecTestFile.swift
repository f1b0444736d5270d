/// One test case of a General Decimal Arithmetic `.decTest` file, with the context directives
/// in effect where it appears.
public struct DecTestCase: Sendable {
    /// The test identifier, e.g. `addx001`.
    public var id: String
    /// The operation, lowercased: `add`, `tosci`, `quantize`, ….
    public var operation: String
    /// The operand strings, unquoted.
    public var operands: [String]
    /// The expected result string, unquoted.
    public var expected: String
    /// The expected conditions, lowercased: `inexact`, `division_by_zero`, ….
    public var conditions: Set<String>
    /// The directives in effect (`precision`, `rounding`, `maxexponent`, …), lowercased keys.
    public var directives: [String: String]
    /// The 1-based line number in the file.
    public var line: Int
}

/// Reads the test cases of a `.decTest` file: `directive: value` lines set the context,
/// `id operation operand… -> result condition…` lines are cases, `--` starts a comment.
/// Operands may be quoted with `'` or `"` (a doubled quote inside stands for itself).
/// CRLF and LF line ends are both accepted.
public enum DecTestFile {
    public static func parse(_ text: String) throws(DecTestSyntaxError) -> [DecTestCase] {
        var directives: [String: String] = [:]
        var cases: [DecTestCase] = []
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let tokens = try tokenize(rawLine, line: lineNumber)
            guard let first = tokens.first else { continue }
            if first.hasSuffix(":"), !first.quoted {
                guard tokens.count >= 2 else { throw DecTestSyntaxError(line: lineNumber, message: "directive without a value") }
                directives[String(first.text.dropLast()).lowercased()] = tokens[1].text.lowercased()
                continue
            }
            guard let arrow = tokens.firstIndex(where: { $0.text == "->" && !$0.quoted }), arrow >= 2,
                arrow + 1 < tokens.count
            else {
                throw DecTestSyntaxError(line: lineNumber, message: "expected `id operation operands -> result`")
            }
            cases.append(
                DecTestCase(
                    id: tokens[0].text,
                    operation: tokens[1].text.lowercased(),
                    operands: tokens[2..<arrow].map(\.text),
                    expected: tokens[arrow + 1].text,
                    conditions: Set(tokens[(arrow + 2)...].map { $0.text.lowercased() }),
                    directives: directives,
                    line: lineNumber))
        }
        return cases
    }

    private struct Token {
        var text: String
        var quoted: Bool
        func hasSuffix(_ suffix: String) -> Bool { text.hasSuffix(suffix) }
    }

    private static func tokenize(_ line: Substring, line lineNumber: Int) throws(DecTestSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var characters = line.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let character = pending {
                pending = nil
                return character
            }
            return characters.next()
        }
        while let character = next() {
            if character.isWhitespace { continue }
            if character == "'" || character == "\"" {
                var text = ""
                var closed = false
                while let inner = next() {
                    if inner == character {
                        if let following = next() {
                            if following == character {
                                text.append(character)
                                continue
                            }
                            pending = following
                        }
                        closed = true
                        break
                    }
                    text.append(inner)
                }
                guard closed else { throw DecTestSyntaxError(line: lineNumber, message: "unterminated quote") }
                tokens.append(Token(text: text, quoted: true))
                continue
            }
            var text = String(character)
            while let inner = next() {
                if inner.isWhitespace { break }
                text.append(inner)
            }
            if text.hasPrefix("--") { break }
            tokens.append(Token(text: text, quoted: false))
        }
        return tokens
    }
}

/// A line of a `.decTest` file that is neither a directive, a test case, nor a comment.
public struct DecTestSyntaxError: Error, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}
