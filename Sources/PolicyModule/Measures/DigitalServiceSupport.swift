import DecimalModule

/// 沪企服办〔2023〕1号 第八条：“……对中小企业购买数字化转型服务的，按服务合同金额给予不超过 30% 的
/// 支持……”
///
/// 30% of a digital transformation service contract (SPEC §8).
public enum DigitalServiceSupport: Measure {
    public static let id = "digital-service-support"
    public static let article = "第八条"
    public static let titleZH = "数字化转型服务支持"
    public static let titleEN = "Digital transformation service support"

    public struct Input: Codable, Sendable {
        /// A contract for digital transformation services from a listed provider.
        public var digitalService: Bool
        public var serviceContractAmount: ExactDecimal
        public var contractDate: Day

        enum CodingKeys: String, CodingKey {
            case digitalService = "digital_service", serviceContractAmount = "service_contract_amount", contractDate = "contract_date"
        }

        public init(digitalService: Bool, serviceContractAmount: ExactDecimal, contractDate: Day) {
            self.digitalService = digitalService
            self.serviceContractAmount = serviceContractAmount
            self.contractDate = contractDate
        }
    }

    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> GrantResult {
        try Check.nonNegative(input.serviceContractAmount, "service_contract_amount")
        guard input.digitalService else {
            return GrantResult(measure: id, refusing: "not_digital_service", article: article, zh: "非数字化转型服务合同", en: "not a digital transformation service contract", &worksheet)
        }
        let support = try worksheet.share("digital_service.share", of: input.serviceContractAmount, on: input.contractDate, article, zh: "数字化服务支持", en: "Digital service support")
        return GrantResult(measure: id, reason: "eligible", amount: support)
    }
}

extension DigitalServiceSupport {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "amount:money"])

    public static let inputFields: [InputField] = [
        .required("digital_service", .flag, "a digital transformation service contract"),
        .required("service_contract_amount", .amount, "the contract amount"),
        .required("contract_date", .date, "the date of the contract"),
    ]
}
