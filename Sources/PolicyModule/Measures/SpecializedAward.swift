import DecimalModule

/// 沪企服办〔2023〕1号 第一条, paraphrased: districts reward newly recognised 专精特新 SMEs and
/// 专精特新 "little giant" enterprises.
///
/// The least district award for a newly recognised enterprise: 100,000 for 专精特新, 300,000 for
/// 小巨人, by the recognition date; districts may give more. docs/POLICY.md §8.
public enum SpecializedAward: Measure {
    /// The measure id (`specialized-award`).
    public static let id = "specialized-award"
    /// The article implemented.
    public static let article = "第一条"
    /// The measure's name in Chinese.
    public static let titleZH = "专精特新企业奖励"
    /// The measure's name in English.
    public static let titleEN = "Award for newly recognised specialised enterprises"

    /// What the enterprise was recognised as.
    public enum Designation: String, InputChoice {
        /// 专精特新中小企业.
        case specialized
        /// 专精特新“小巨人”企业.
        case littleGiant = "little_giant"
    }

    /// The input of “Award for newly recognised specialised enterprises” (专精特新企业奖励), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// 专精特新 (specialized) or 小巨人 (little_giant).
        public var designation: Designation
        /// Newly recognised.
        public var newlyRecognized: Bool
        /// The date of recognition.
        public var recognitionDate: Day

        enum CodingKeys: String, CodingKey {
            case designation, newlyRecognized = "newly_recognized", recognitionDate = "recognition_date"
        }

        /// A value with every field given; an optional one may be left out.
        public init(designation: Designation, newlyRecognized: Bool, recognitionDate: Day) {
            self.designation = designation
            self.newlyRecognized = newlyRecognized
            self.recognitionDate = recognitionDate
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> GrantResult {
        guard input.newlyRecognized else {
            return GrantResult(
                measure: id, refusing: .notNewlyRecognized, kind: .minimumAward, article: article, zh: "非新认定企业",
                en: "not newly recognised", &worksheet)
        }
        let amount = try worksheet.decimal("award.\(input.designation.rawValue)", on: input.recognitionDate)
        let (zh, en) = input.designation == .specialized ? ("专精特新中小企业", "a specialised SME") : ("专精特新“小巨人”企业", "a little-giant enterprise")
        worksheet.step(
            article, zh: "\(input.recognitionDate) 新认定\(zh)：区级奖励不低于 \(amount.grouped) 元",
            en: "Recognised as \(en) on \(input.recognitionDate): a district award of at least CNY \(amount.grouped)")
        return GrantResult(measure: id, reason: .eligible, amount: amount, kind: .minimumAward)
    }
}

extension SpecializedAward {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "minimum_award:money"])

    /// The input fields, in the order to show them (`huiqi list specialized-award`).
    public static let inputFields: [InputField] = [
        .required("designation", Designation.choices, "专精特新 (specialized) or 小巨人 (little_giant)"),
        .required("newly_recognized", .flag, "newly recognised"),
        .required("recognition_date", .date, "the date of recognition"),
    ]
}
