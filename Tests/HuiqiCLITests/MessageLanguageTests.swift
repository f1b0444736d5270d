import Foundation
import Testing

/// Every message a user can meet reads in Chinese under a Chinese locale (or `--lang zh`) and,
/// under an English locale, exactly as it always has: the parameters file, JSON input, scenario
/// files, `huiqi eval`, batch files and their summary, the command line's own checks,
/// ArgumentParser's, the decimal arithmetic's, and the worksheet's library defaults.
@Suite struct MessageLanguageTests {
    /// A bad input: the files it needs (in a folder of its own, `$D`), the command, the first
    /// line of its English message as it has always been, and a piece of the Chinese one.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var files: [String: [UInt8]] = [:]
        let command: String
        var english: String = ""
        var chinese: String = ""
        var testDescription: String { name }

        /// Runs the case under `locale` (`en_US.UTF-8` or `C.UTF-8`, which is Chinese).
        func run(locale: String) throws -> Huiqi.Output {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("huiqi-language-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            for (file, bytes) in files { try Data(bytes).write(to: directory.appendingPathComponent(file)) }
            return try Huiqi.run(Huiqi.words(command.replacingOccurrences(of: "$D", with: directory.path)), locale: locale)
        }
    }

    static let loansHeader = "enterprise_id,loan_id,principal,annual_rate,drawdown_date,end_date,guaranteed_by_fund,first_inclusive_loan,lender_in_shanghai\n"
    static let badLoans = Array((loansHeader + "E1,L1,abc,4%,2022-11-01,2023-11-01,true,true,true\nE2,L1,5000000,4%,2022-11-01,2023-11-01,true,true\n").utf8)
    static let cit = "calc small-profit-cit --tax-year 2023 --taxable-income 1 --employees 1 --total-assets 1"

    /// One real error of each kind, English and Chinese.
    static let categories: [Case] = [
        Case(name: "parameters file", files: ["p.yaml": Array("interest_subsidy.rate:\n  - {value: \"2\", from: 2023-01-01, citation: x}\n".utf8)],
             command: "params --parameters $D/p.yaml",
             english: "huiqi: --parameters $D/p.yaml: interest_subsidy.rate[0]: \"2\" is not a rate from 0 to 1",
             chinese: "interest_subsidy.rate[0]：“2”不是0 至 1 之间的比率"),
        Case(name: "JSON input", files: ["in.json": Array(#"{"tax_year": 2023.0}"#.utf8)], command: "calc small-profit-cit --input $D/in.json",
             english: #"Error: --input $D/in.json: JSON: write amounts and rates as strings ("3.65"), not JSON numbers at byte 18"#,
             chinese: #"JSON 第 18 字节处：金额和利率须写成字符串（"3.65"），而不是 JSON 数字"#),
        Case(name: "scenario file", files: ["s.yaml": Array("- name: a\n  measure: small-profit-cit\n  input: {x: [1\n".utf8)], command: "test $D/s.yaml",
             english: "huiqi: $D/s.yaml: not valid YAML: while parsing a flow sequence, did not find expected ',' or ']' (line 4, column 1)",
             chinese: "不是有效的 YAML：第 4 行第 1 列：解析流式序列时，找不到预期的 ',' 或 ']'"),
        Case(name: "eval", command: "eval '(1'", english: "huiqi: expected ')' at character 3", chinese: "第 3 个字符处：此处应为 ')'"),
        Case(name: "decimal arithmetic", command: "eval 1/0", english: "huiqi: division by zero", chinese: "除数为零"),
        Case(name: "batch header", files: ["loans.csv": Array("enterprise_id,loan_id,principal,principal\n".utf8)],
             command: "batch interest-subsidy $D/loans.csv",
             english: "huiqi: input: the column principal appears twice in the header (columns 3 and 4)",
             chinese: "列 principal 在表头中出现了两次（第 3 列和第 4 列）"),
        Case(name: "batch workbook", files: ["loans.xlsx": Array("PK\u{3}\u{4}garbage".utf8)], command: "batch interest-subsidy $D/loans.xlsx",
             english: "huiqi: $D/loans.xlsx: the .xlsx file is damaged (its ZIP directory cannot be read); open and save it again in Excel or WPS",
             chinese: ".xlsx 文件已损坏（无法读取其 ZIP 目录）"),
        Case(name: "batch rows and summary", files: ["loans.csv": badLoans], command: "batch interest-subsidy $D/loans.csv -o /dev/null",
             english: #"line 2: principal: "abc" is not an amount (write 3000000, 3,000,000.00, 1.2E+6, ¥3,000,000 or 300万)"#,
             chinese: "读取 2 行：成功 0 行，出错 2 行"),
        Case(name: "command line", command: "calc small-profit-cit --tax-year 2023 --tax-year 2024", english: "Error: '--tax-year' is given twice",
             chinese: "'--tax-year' 重复给出"),
        Case(name: "file", command: "calc small-profit-cit --input $D/none.json", english: "Error: --input: cannot read $D/none.json: No such file or directory",
             chinese: "无法读取 $D/none.json：文件或目录不存在"),
        Case(name: "ArgumentParser", command: "params --at", english: "Error: Missing value for '--at <YYYY-MM-DD>'", chinese: "'--at <YYYY-MM-DD>' 缺少取值"),
        Case(name: "ArgumentParser value", command: cit + " --format xml",
             english: "Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'json' or 'html'.",
             chinese: "'--format <format>' 不接受取值 'xml'；可选：'text', 'json' 或 'html'"),
    ]

    /// The English is today's, byte for byte; the Chinese is Chinese.
    @Test(arguments: categories)
    func messagesReadInBothLanguages(_ item: Case) throws {
        let english = try item.run(locale: "en_US.UTF-8")
        let chinese = try item.run(locale: "C.UTF-8")
        #expect(english.status == chinese.status)
        let directory = { (text: String) in text.replacingOccurrences(of: #"/[^ :]*huiqi-language-[0-9A-F-]+"#, with: "$D", options: .regularExpression) }
        #expect(directory(english.stderr.components(separatedBy: "\n")[0]) == item.english)
        #expect(directory(chinese.stderr).contains(item.chinese), "\(chinese.stderr)")
    }

    /// More bad inputs, for the rule below: every kind of parameters, JSON, YAML, workbook,
    /// batch and command-line error, and what batch prints beside its rows.
    static let corpus: [Case] = categories + [
        Case(name: "unknown parameter", files: ["p.yaml": Array("no.such:\n  - {value: \"1\", from: 2023-01-01, citation: x}\n".utf8)], command: "params --parameters $D/p.yaml"),
        Case(name: "unknown key", files: ["p.yaml": Array("interest_subsidy.rate:\n  - {value: \"0.01\", from: 2023-01-01, citation: x, note: y}\n".utf8)], command: "params --parameters $D/p.yaml"),
        Case(name: "overlap", files: ["p.yaml": Array("interest_subsidy.rate:\n  - {value: \"0.01\", from: 2023-01-01, to: 2023-12-31, citation: x}\n  - {value: \"0.01\", from: 2023-06-01, citation: x}\n".utf8)], command: "params --parameters $D/p.yaml"),
        Case(name: "word", files: ["p.yaml": Array("interest_subsidy.rate_mode:\n  - {value: \"maybe\", from: 2023-01-01, citation: x}\n".utf8)], command: "params --parameters $D/p.yaml"),
        Case(name: "not a mapping", files: ["p.yaml": Array("- a\n".utf8)], command: "params --parameters $D/p.yaml"),
        Case(name: "undefined alias", files: ["p.yaml": Array("a: &x [1]\nb: *y\n".utf8)], command: "params --parameters $D/p.yaml"),
        Case(name: "two documents", files: ["p.yaml": Array("a: 1\n---\nb: 2\n".utf8)], command: "params --parameters $D/p.yaml"),
        Case(name: "duplicate keys", files: ["p.yaml": Array("a: 1\na: 2\n".utf8)], command: "params --parameters $D/p.yaml"),
        Case(name: "tab", files: ["p.yaml": Array("x:\n\t- 1\n".utf8)], command: "params --parameters $D/p.yaml"),
        Case(name: "too deep", files: ["p.yaml": Array(("a: " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70)).utf8)], command: "params --parameters $D/p.yaml"),
        Case(name: "JSON UTF-8", files: ["in.json": [0xFF]], command: "calc small-profit-cit --input $D/in.json"),
        Case(name: "JSON end", files: ["in.json": Array(#"{"a": "#.utf8)], command: "calc small-profit-cit --input $D/in.json"),
        Case(name: "JSON key twice", files: ["in.json": Array(#"{"a": "1", "a": "2"}"#.utf8)], command: "calc small-profit-cit --input $D/in.json"),
        Case(name: "JSON escape", files: ["in.json": Array(#"{"a": "\x"}"#.utf8)], command: "calc small-profit-cit --input $D/in.json"),
        Case(name: "JSON surrogate", files: ["in.json": Array(#"{"a": "\udc00"}"#.utf8)], command: "calc small-profit-cit --input $D/in.json"),
        Case(name: "JSON hex", files: ["in.json": Array(#"{"a": "\u12"}"#.utf8)], command: "calc small-profit-cit --input $D/in.json"),
        Case(name: "JSON comma", files: ["in.json": Array(#"{"a": "1" "b"}"#.utf8)], command: "calc small-profit-cit --input $D/in.json"),
        Case(name: "JSON record", files: ["in.json": Array(#"{"loans": "x"}"#.utf8)], command: "calc interest-subsidy --input $D/in.json"),
        Case(name: "scenario case", files: ["s.yaml": Array("- name: a\n".utf8)], command: "test $D/s.yaml"),
        Case(name: "no scenarios", files: ["s.yaml": []], command: "test $D/s.yaml"),
        Case(name: "no scenario files", files: ["readme.txt": []], command: "test $D"),
        Case(name: "eval word", command: "eval abc"),
        Case(name: "eval empty", command: "eval"),
        Case(name: "eval precision", command: "eval 1/3 --precision 0"),
        Case(name: "eval rounded", command: "eval 1/3"),
        Case(name: "huge amount", command: "calc small-profit-cit --tax-year 2023 --taxable-income 1e999999999999 --employees 1 --total-assets 1"),
        Case(name: "batch unknown column", files: ["loans.csv": Array(loansHeader.replacingOccurrences(of: "principal", with: "principle").utf8)], command: "batch interest-subsidy $D/loans.csv"),
        Case(name: "batch empty", files: ["loans.csv": []], command: "batch interest-subsidy $D/loans.csv"),
        Case(name: "batch CR", files: ["loans.csv": Array(loansHeader.replacingOccurrences(of: "\n", with: "\r").utf8) + Array("E1,L1\r".utf8)], command: "batch interest-subsidy $D/loans.csv"),
        Case(name: "batch not UTF-8", files: ["loans.csv": Array(loansHeader.utf8) + [0x45, 0xFF, 0xFF, 0xFF]], command: "batch interest-subsidy $D/loans.csv"),
        Case(name: "batch xls", files: ["loans.xlsx": [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00]], command: "batch interest-subsidy $D/loans.xlsx"),
        Case(name: "batch sheet of CSV", files: ["loans.csv": badLoans], command: "batch interest-subsidy $D/loans.csv --sheet x"),
        Case(name: "batch granted", files: ["loans.csv": badLoans, "granted.csv": Array("enterprise_id,granted\nE9,100\nE9,x\n".utf8)],
             command: "batch interest-subsidy $D/loans.csv --granted $D/granted.csv"),
        Case(name: "batch granted warning", files: ["loans.csv": badLoans, "granted.csv": Array("enterprise_id,granted\nE9,100\n".utf8)],
             command: "batch interest-subsidy $D/loans.csv --granted $D/granted.csv -o /dev/null --stats"),
        Case(name: "batch repayments warning", files: ["loans.csv": badLoans, "r.csv": Array("enterprise_id,loan_id,date,amount\nE1,,2023-01-01,5\nE7,L7,2023-01-01,5\n".utf8)],
             command: "batch interest-subsidy $D/loans.csv --repayments $D/r.csv -o /dev/null"),
        Case(name: "batch keep-input", files: ["loans.jsonl": Array(#"{"enterprise_id": "E1"}"#.utf8)], command: "batch interest-subsidy $D/loans.jsonl --keep-input"),
        Case(name: "batch output folder", files: ["loans.csv": badLoans], command: "batch interest-subsidy $D/loans.csv -o $D"),
    ] + """
        calc small-profit-cit --tax-year
        calc small-profit-cit --high-tech=yes
        calc interest-subsidy --repayments x
        calc small-profit-cit 2023
        calc small-profit-cit --prior-granted 5
        params --format html
        template nope
        test $D/none
        batch interest-subsidy
        list --x
        params extra
        eval 1 --scale abc
        """.split(separator: "\n").map { Case(name: String($0), command: String($0)) }

    /// A Chinese message has Chinese in every line and no English sentence left in it: no three
    /// English words in a row once what the user wrote (quoted), file paths and the usage lines
    /// after the first (ArgumentParser's, which stay English) are set aside.
    @Test func noEnglishSentenceIsLeftInChinese() throws {
        #expect(Self.corpus.count >= 60)
        for item in Self.corpus {
            let output = try item.run(locale: "C.UTF-8")
            let lines = output.stderr.split(separator: "\n").map(String.init)
                .filter { !$0.hasPrefix("Usage:") && !$0.hasPrefix("  See '") && !$0.hasPrefix("Help:") && !$0.hasPrefix("  - ") }
            #expect(!lines.isEmpty, "\(item.name)")
            for line in lines {
                #expect(line.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(item.name): \(line)")
                #expect(Self.englishRun(in: line) < 3, "\(item.name): \(line)")
            }
        }
    }

    /// The longest run of English words in `line` separated by spaces alone (a list of names,
    /// `value, from, to, citation`, is no sentence), quoted text ('…', "…", “…”, `…`) and paths
    /// left out.
    static func englishRun(in line: String) -> Int {
        let unquoted = line.replacingOccurrences(of: #"'[^']*'|"[^"]*"|“[^”]*”|`[^`]*`|\S*/\S*"#, with: " ", options: .regularExpression)
        var longest = 0
        for phrase in unquoted.split(whereSeparator: { "，。；：（）、,;:()".contains($0) }) {
            var run = 0
            for token in phrase.split(whereSeparator: \.isWhitespace) {
                run = token.allSatisfy({ $0.isASCII && $0.isLetter }) ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        return longest
    }

    @Test func theRuleFindsAnEnglishSentence() {
        #expect(Self.englishRun(in: "huiqi: --parameters p.yaml: no.such is not a parameter (`huiqi params` lists them)") >= 3)
        #expect(Self.englishRun(in: "错误：'--format <format>' 不接受取值 'xml'；可选：'text', 'json' or 'html'") < 3)
        #expect(Self.englishRun(in: "第 4 行第 1 列：解析流式序列时，did not find expected ',' or ']'") >= 3)
        #expect(Self.englishRun(in: "未知的键“note”（每个取值可有 value, from, to, citation）") < 3)
    }

    /// The batch output's `error` column is English unless `--lang zh` asks for Chinese: an
    /// output file is the same whatever the locale; only the column's messages change.
    @Test func batchErrorColumnFollowsLangOnly() throws {
        let base = Case(name: "batch", files: ["loans.csv": Self.badLoans], command: "batch interest-subsidy $D/loans.csv")
        let english = try base.run(locale: "en_US.UTF-8")
        #expect(english.stdout.contains(#""principal: ""abc"" is not an amount (write 3000000"#), "\(english.stdout)")
        #expect(try base.run(locale: "C.UTF-8").stdout == english.stdout)
        let flagged = Case(name: "batch", files: base.files, command: base.command + " --lang en")
        #expect(try flagged.run(locale: "C.UTF-8").stdout == english.stdout)
        let chinese = try Case(name: "batch", files: base.files, command: base.command + " --lang zh").run(locale: "en_US.UTF-8")
        #expect(chinese.stdout.contains("principal：“abc”不是金额"), "\(chinese.stdout)")
        #expect(chinese.stdout.contains(",error,应有 9 个字段，实有 8 个,"), "\(chinese.stdout)")
        #expect(chinese.stdout.split(separator: "\n").count == english.stdout.split(separator: "\n").count)
    }

    /// The worksheet explains the library's own defaults in the reader's language.
    @Test func libraryDefaultsAreExplainedInChinese() throws {
        let command = Huiqi.words("calc interest-subsidy --principal 3000000 --annual-rate 3.65% --drawdown-date 2022-11-01 --end-date 2023-11-01 --guaranteed-by-fund --first-inclusive-loan --lender-in-shanghai")
        let zh = try Huiqi.run(command + ["--lang", "zh"])
        #expect(zh.stdout.contains("库默认值：不设最短期限（深圳 2022 年的规定为 30 天）"), "\(zh.stdout)")
        #expect(!zh.stdout.contains("no minimum term"))
        let en = try Huiqi.run(command + ["--lang", "en"])
        #expect(en.stdout.contains("library default: no minimum term (Shenzhen's 2022 rule used 30)"))
    }
}
