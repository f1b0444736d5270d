import DecimalModule
import Foundation
import PolicyModule
import Testing

/// Every measure's reason is an enum: a switch over it is checked by the compiler, and its
/// JSON is the snake-case word of docs/POLICY.md.
@Suite struct ReasonTests {
    let parameters = try! ParameterTable.bundled()

    @Test func reasonsAreTypedAndWrittenAsTheirWords() throws {
        let fee = try GuaranteeFee.calculate(
            .init(guaranteeID: "G1", guarantorID: "GU1", amount: 1_000_000, feeRate: Rate(percent: "1.5"), startDate: try Day(parsing: "2023-01-01"),
                  endDate: nil, termMonths: 12),
            parameters: parameters)
        #expect(fee.reason == .aboveCeiling)
        let vat = try SmallScaleVAT.calculate(
            SmallScaleVAT.input(decoding: .record(["period_type": .text("quarter"), "period_start": .text("2023-04-01"), "sales_3pct": .text("400000")])),
            parameters: parameters)
        #expect(vat.reason == .aboveThreshold)
        let award = try SpecializedAward.calculate(
            .init(designation: .littleGiant, newlyRecognized: false, recognitionDate: try Day(parsing: "2023-06-01")), parameters: parameters)
        #expect(award.reason == .notNewlyRecognized && !award.eligible)
        for (result, word) in [(try JSONValue(encoding: fee), "above_ceiling"), (try JSONValue(encoding: vat), "above_threshold"),
                               (try JSONValue(encoding: award), "not_newly_recognized")] {
            #expect(result.inputValue.value(at: "reason")?.text == word)
        }
        let decoded = try JSONDecoder().decode(GrantResult.self, from: Data(try JSONValue(encoding: award).rendered.utf8))
        #expect(decoded.reason == .notNewlyRecognized)
    }

    @Test func aReasonWordNotOfTheMeasureIsRefusedWhenDecoding() {
        let json = #"{"measure": "specialized-award", "eligible": false, "reason": "no_such_reason", "minimum_award": "0.00"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(GrantResult.self, from: Data(json.utf8)) }
    }
}
