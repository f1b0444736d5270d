import DecimalModule

/// 沪企服办〔2023〕1号 第七条, paraphrased: "算力券" vouchers support SMEs' use of intelligent
/// computing power. The share is not in the article's text: the press conference that presented
/// the measures (2023-05-17) gave it as at most 20% of the contract fee, for computing power in
/// Shanghai used to develop core algorithms or large models.
///
/// The most the voucher can give: 20% of the contract fee, when both conditions hold.
/// docs/POLICY.md §8.
public enum ComputeVoucher: Measure {
    public static let id = "compute-voucher"
    public static let article = "第七条"
    public static let titleZH = "算力券"
    public static let titleEN = "AI compute voucher"

    public struct Input: Codable, Sendable {
        /// The computing power is provided in Shanghai (本市算力).
        public var computeInShanghai: Bool
        /// It is used to develop core algorithms or large models.
        public var coreAlgorithmOrLargeModel: Bool
        public var contractFee: ExactDecimal
        public var contractDate: Day

        enum CodingKeys: String, CodingKey {
            case computeInShanghai = "compute_in_shanghai", coreAlgorithmOrLargeModel = "core_algorithm_or_large_model"
            case contractFee = "contract_fee", contractDate = "contract_date"
        }

        public init(computeInShanghai: Bool, coreAlgorithmOrLargeModel: Bool, contractFee: ExactDecimal, contractDate: Day) {
            self.computeInShanghai = computeInShanghai
            self.coreAlgorithmOrLargeModel = coreAlgorithmOrLargeModel
            self.contractFee = contractFee
            self.contractDate = contractDate
        }
    }

    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> GrantResult {
        try Check.nonNegative(input.contractFee, "contract_fee")
        guard input.computeInShanghai else {
            return GrantResult(
                measure: id, refusing: "compute_not_in_shanghai", kind: .maxSupport, article: article, zh: "非本市算力",
                en: "the computing power is not provided in Shanghai", &worksheet)
        }
        guard input.coreAlgorithmOrLargeModel else {
            return GrantResult(
                measure: id, refusing: "not_core_algorithm_or_large_model", kind: .maxSupport, article: article,
                zh: "非用于核心算法或大模型研发", en: "not used to develop core algorithms or large models", &worksheet)
        }
        let voucher = try worksheet.share(
            "compute_voucher.share", of: input.contractFee, on: input.contractDate, article, zh: "算力券最高", en: "Compute voucher, at most")
        return GrantResult(measure: id, reason: "eligible", amount: voucher, kind: .maxSupport)
    }
}

extension ComputeVoucher {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "max_support:money"])

    public static let inputFields: [InputField] = [
        .required("compute_in_shanghai", .flag, "the computing power is provided in Shanghai (本市算力)"),
        .required("core_algorithm_or_large_model", .flag, "used to develop core algorithms or large models"),
        .required("contract_fee", .amount, "the contract amount"),
        .required("contract_date", .date, "the date of the contract"),
    ]
}
