import DecimalModule

/// 沪企服办〔2023〕1号 第七条：“……发放‘算力券’，对中小企业购买智能算力服务的，按合同金额给予
/// 不超过 20% 的补贴……”
///
/// 20% of an AI compute service contract (SPEC §8).
public enum ComputeVoucher: Measure {
    public static let id = "compute-voucher"
    public static let article = "第七条"
    public static let titleZH = "算力券"
    public static let titleEN = "AI compute voucher"

    public struct Input: Codable, Sendable {
        /// A contract for intelligent (AI) computing services.
        public var computeService: Bool
        public var contractFee: ExactDecimal
        public var contractDate: Day

        enum CodingKeys: String, CodingKey {
            case computeService = "compute_service", contractFee = "contract_fee", contractDate = "contract_date"
        }

        public init(computeService: Bool, contractFee: ExactDecimal, contractDate: Day) {
            self.computeService = computeService
            self.contractFee = contractFee
            self.contractDate = contractDate
        }
    }

    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> GrantResult {
        try Check.nonNegative(input.contractFee, "contract_fee")
        guard input.computeService else {
            return GrantResult(measure: id, refusing: "not_compute_service", article: article, zh: "非智能算力服务合同", en: "not a contract for AI compute services", &worksheet)
        }
        let voucher = try worksheet.share("compute_voucher.share", of: input.contractFee, on: input.contractDate, article, zh: "算力券", en: "Compute voucher")
        return GrantResult(measure: id, reason: "eligible", amount: voucher)
    }
}

extension ComputeVoucher {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "amount:money"])

    public static let inputFields: [InputField] = [
        .required("compute_service", .flag, "a contract for AI compute services"),
        .required("contract_fee", .amount, "the contract amount"),
        .required("contract_date", .date, "the date of the contract"),
    ]
}
