import PolicyModule
import Testing

/// Every word a worksheet shows exists in every language: the field labels of every measure's
/// input and result (all the keys the 480 scenarios' results have), every reason code they
/// give, and the worksheet's own words.
@Suite struct VocabularyTests {
    @Test func everyLanguageHasEveryKey() {
        let zh = Vocabulary.keys(.zh)
        for language in Language.allCases {
            let keys = Vocabulary.keys(language)
            #expect(keys == zh, "\(language) differs from zh: missing \(zh.subtracting(keys).sorted()), extra \(keys.subtracting(zh).sorted())")
        }
    }

    @Test func everyFieldAndReasonHasWords() throws {
        var fields = Set(MeasureRegistry.all.flatMap { $0.inputFields.map(\.name) + $0.outputFields.map(\.name) + [$0.inputList].compactMap { $0 } })
        var reasons: Set<String> = []
        let parameters = try ParameterTable.bundled()
        for scenario in ScenarioTests.scenarios where scenario.expectError == nil {
            let result = try MeasureRegistry.measure(scenario.measure).calculate(scenario.input, scenario.parameters.map { parameters.overriding(with: $0) } ?? parameters)
            collect(try JSONValue(encoding: result), into: &fields, reasons: &reasons)
        }
        #expect(reasons.count >= 30)
        for language in Language.allCases {
            let keys = Vocabulary.keys(language)
            let missingFields = fields.filter { !keys.contains("field." + $0) }
            let missingReasons = reasons.filter { !keys.contains("reason." + $0) }
            #expect(missingFields.isEmpty, "\(language): no label for \(missingFields.sorted())")
            #expect(missingReasons.isEmpty, "\(language): no words for \(missingReasons.sorted())")
        }
    }

    @Test func labelsAndReasonsReadAsWords() {
        #expect(Vocabulary.label(field: "principal", .zh) == "本金")
        #expect(Vocabulary.label(field: "drawdown_date", .en) == "drawdown date")
        #expect(Vocabulary.reason("not_guaranteed_by_fund", .zh) == "未由市融资担保基金担保 (not_guaranteed_by_fund)")
        #expect(Vocabulary.reason("eligible", .en) == "eligible")
        #expect(Vocabulary.text("bool.true", .zh) == "是")
    }

    /// Every message template, written in English by the library and the command line, is
    /// found again and written in Chinese; a message with a field path keeps the path.
    @Test func everyMessageIsTranslatedWhole() {
        let keys = Vocabulary.keys(.en).filter { $0.hasPrefix("error.") && Vocabulary.text($0, .en).contains("{1}") }
        #expect(keys.count >= 20)
        for key in keys.sorted() {
            let arguments = ["first", "February", "2023", "28"]
            let english = Vocabulary.message(key, arguments[0], arguments[1], arguments[2], arguments[3])
            var expected = Vocabulary.text(key, .zh).replacingOccurrences(of: "{2:month}", with: "2")
            for (index, argument) in arguments.enumerated() { expected = expected.replacingOccurrences(of: "{\(index + 1)}", with: argument) }
            #expect(Vocabulary.translate(english, to: .zh) == expected, "\(key)")
            #expect(Vocabulary.translate(english, to: .en) == english)
        }
    }

    @Test func messagesFromTheReaderReadInChinese() throws {
        func message(_ body: () throws -> Void) -> String {
            do { try body() } catch { return Vocabulary.translate("loans[0].principal: \(error)", to: .zh) }
            return ""
        }
        #expect(message { _ = try InputText.day("2022-02-30") } == "loans[0].principal：“2022-02-30”：2022年2月只有 28 天")
        #expect(message { _ = try InputText.amount("3,00,000") } == "loans[0].principal：“3,00,000”分节有误：小数点前的数字每三位一组（3,000,000.00）")
        #expect(message { _ = try Rate(parsing: "3.65") } == "loans[0].principal：“3.65”不是合理的利率：不带 % 即为 365%；应写 3.65%（或 0.0365）")
        #expect(message { _ = try InputText.bool("maybe") } == "loans[0].principal：应为是或否（true/false、1/0、yes/no、是/否），而不是“maybe”")
    }

    /// The keys of a result, but not of its steps and parameters, and the values of `reason`.
    private func collect(_ value: JSONValue, into fields: inout Set<String>, reasons: inout Set<String>) {
        switch value {
        case .object(let members):
            for (key, member) in members where key != "steps" && key != "parameters" {
                fields.insert(key)
                if key == "reason", case .string(let code) = member { reasons.insert(code) }
                collect(member, into: &fields, reasons: &reasons)
            }
        case .array(let items):
            for item in items { collect(item, into: &fields, reasons: &reasons) }
        default: break
        }
    }
}
