import DecimalModule

/// 沪企服办〔2023〕1号 第七条, paraphrased: "算力券" vouchers support SMEs' use of intelligent
/// computing power. The share is not in the article's text: the press conference that presented
/// the measures (2023-05-17) gave it as at most 20% of the contract fee, for computing power in
/// Shanghai used to develop core algorithms or large models.
///
/// The most the voucher can give: 20% of the contract fee, when both conditions hold.
/// docs/POLICY.md §8.
public enum ComputeVoucher: Measure {
    /// The measure id (`compute-voucher`).
    public static let id = "compute-voucher"
    /// The article implemented.
    public static let article = "第七条"
    /// The measure's name in Chinese.
    public static let titleZH = "算力券"
    /// The measure's name in English.
    public static let titleEN = "AI compute voucher"

    /// The input of “AI compute voucher” (算力券), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// The computing power is provided in Shanghai (本市算力).
        public var computeInShanghai: Bool
        /// It is used to develop core algorithms or large models.
        public var coreAlgorithmOrLargeModel: Bool
        /// The contract amount.
        public var contractFee: ExactDecimal
        /// The date of the contract.
        public var contractDate: Day

        enum CodingKeys: String, CodingKey {
            case computeInShanghai = "compute_in_shanghai", coreAlgorithmOrLargeModel = "core_algorithm_or_large_model"
            case contractFee = "contract_fee", contractDate = "contract_date"
        }

        /// A value with every field given; an optional one may be left out.
        public init(computeInShanghai: Bool, coreAlgorithmOrLargeModel: Bool, contractFee: ExactDecimal, contractDate: Day) {
            self.computeInShanghai = computeInShanghai
            self.coreAlgorithmOrLargeModel = coreAlgorithmOrLargeModel
            self.contractFee = contractFee
            self.contractDate = contractDate
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> GrantResult {
        try Check.nonNegative(input.contractFee, "contract_fee")
        guard input.computeInShanghai else {
            return GrantResult(
                measure: id, refusing: .computeNotInShanghai, kind: .maxSupport, article: article, zh: "非本市算力",
                en: "the computing power is not provided in Shanghai", &worksheet)
        }
        guard input.coreAlgorithmOrLargeModel else {
            return GrantResult(
                measure: id, refusing: .notCoreAlgorithmOrLargeModel, kind: .maxSupport, article: article,
                zh: "非用于核心算法或大模型研发", en: "not used to develop core algorithms or large models", &worksheet)
        }
        let voucher = try worksheet.share(
            "compute_voucher.share", of: input.contractFee, on: input.contractDate, article, zh: "算力券最高", en: "Compute voucher, at most")
        return GrantResult(measure: id, reason: .eligible, amount: voucher, kind: .maxSupport)
    }
}

extension ComputeVoucher {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "max_support:money"])

    /// The input fields, in the order to show them (`huiqi list compute-voucher`).
    public static let inputFields: [InputField] = [
        .required("compute_in_shanghai", .flag, "the computing power is provided in Shanghai (本市算力)"),
        .required("core_algorithm_or_large_model", .flag, "used to develop core algorithms or large models"),
        .required("contract_fee", .amount, "the contract amount"),
        .required("contract_date", .date, "the date of the contract"),
    ]
}
