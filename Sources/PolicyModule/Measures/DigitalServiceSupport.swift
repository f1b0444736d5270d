import DecimalModule

/// 沪企服办〔2023〕1号 第八条, paraphrased: SMEs that buy digital-transformation services are
/// supported with up to 30% of the service contract.
///
/// The most the support can be: 30% of the contract amount. docs/POLICY.md §8.
public enum DigitalServiceSupport: Measure {
    /// The measure id (`digital-service-support`).
    public static let id = "digital-service-support"
    /// The article implemented.
    public static let article = "第八条"
    /// The measure's name in Chinese.
    public static let titleZH = "数字化转型服务支持"
    /// The measure's name in English.
    public static let titleEN = "Digital transformation service support"

    /// The input of “Digital transformation service support” (数字化转型服务支持), with the field names of docs/POLICY.md.
    public struct Input: Codable, Sendable {
        /// A contract for digital transformation services from a listed provider.
        public var digitalService: Bool
        /// The contract amount.
        public var serviceContractAmount: ExactDecimal
        /// The date of the contract.
        public var contractDate: Day

        enum CodingKeys: String, CodingKey {
            case digitalService = "digital_service", serviceContractAmount = "service_contract_amount", contractDate = "contract_date"
        }

        /// A value with every field given; an optional one may be left out.
        public init(digitalService: Bool, serviceContractAmount: ExactDecimal, contractDate: Day) {
            self.digitalService = digitalService
            self.serviceContractAmount = serviceContractAmount
            self.contractDate = contractDate
        }
    }

    /// The calculation of docs/POLICY.md, recording parameters and steps on `worksheet`; call `calculate(_:parameters:explaining:)`.
    public static func compute(_ input: Input, _ worksheet: inout Worksheet) throws(PolicyError) -> GrantResult {
        try Check.nonNegative(input.serviceContractAmount, "service_contract_amount")
        guard input.digitalService else {
            return GrantResult(measure: id, refusing: .notDigitalService, kind: .maxSupport, article: article, zh: "非数字化转型服务合同", en: "not a digital transformation service contract", &worksheet)
        }
        let support = try worksheet.share("digital_service.share", of: input.serviceContractAmount, on: input.contractDate, article, zh: "数字化服务支持最高", en: "Digital service support, at most")
        return GrantResult(measure: id, reason: .eligible, amount: support, kind: .maxSupport)
    }
}

extension DigitalServiceSupport {
    /// The result's per-record fields, as batch output columns (`:money` marks amounts to total).
    public static let outputFields: [OutputField] = OutputField.list(["eligible", "reason", "max_support:money"])

    /// The input fields, in the order to show them (`huiqi list digital-service-support`).
    public static let inputFields: [InputField] = [
        .required("digital_service", .flag, "a digital transformation service contract"),
        .required("service_contract_amount", .amount, "the contract amount"),
        .required("contract_date", .date, "the date of the contract"),
    ]
}
