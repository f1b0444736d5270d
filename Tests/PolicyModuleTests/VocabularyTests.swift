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
