import DecimalModule

/// What the values of a parameter may be: checked for every value when a parameters file is
/// loaded (the bundled one and a user's), so that a value no rule could use — a negative rate,
/// a day basis of 0, a day count of 2^63 − 1 — is refused naming the parameter instead of being
/// computed with or trapped on.
///
/// ``table`` gives the kind of every parameter id in one place; a test checks that every id of
/// the bundled `parameters.yaml` has one.
public enum ParameterKind: Hashable, Sendable, CustomStringConvertible {
    /// A rate or a share: a decimal from 0 to 1 (`"0.02"`).
    case rate
    /// A multiplier of an amount: a decimal from 0 to 2 (the R&D super-deduction ratios).
    case ratio
    /// An amount in yuan, or a limit compared with amounts: a decimal of at least 0.
    case amount
    /// A whole number within `range`, counting `unit` (`"365"`).
    case wholeNumber(ClosedRange<Int>, unit: String)
    /// One of these words.
    case word([String])

    /// Days a year counts for interest or fees: 360 or 365 in practice.
    public static let dayBasis = ParameterKind.wholeNumber(1...366, unit: Vocabulary.message("error.kind_days_in_year"))
    /// A number of days: from 0 to 100 years' worth.
    public static let dayCount = ParameterKind.wholeNumber(0...36_525, unit: Vocabulary.message("error.kind_days"))

    /// The kind of each parameter, by id.
    public static let table: [String: ParameterKind] = [
        // 第十五条 首贷贴息
        "interest_subsidy.rate": .rate,
        "interest_subsidy.cap_per_enterprise": .amount,
        "interest_subsidy.max_days": .dayCount,
        "interest_subsidy.min_days": .dayCount,
        "interest_subsidy.rate_mode": .word(["cap", "floor"]),
        "interest_subsidy.day_basis": .dayBasis,
        // 第十五条 融资担保费
        "guarantee.fee_rate_ceiling": .rate,
        "guarantee.day_basis": .dayBasis,
        // 第二十二条 小规模纳税人增值税
        "vat.small_scale.threshold_month": .amount,
        "vat.small_scale.threshold_quarter": .amount,
        "vat.small_scale.rate_3pct_items": .rate,
        "vat.small_scale.special_invoice_rate_3pct": .rate,
        "vat.rate_5pct_items": .rate,
        "vat.statutory_rate_3pct_items": .rate,
        // 附加税费
        "surtax.urban_maintenance.urban": .rate,
        "surtax.urban_maintenance.county": .rate,
        "surtax.urban_maintenance.other": .rate,
        "surtax.education": .rate,
        "surtax.local_education": .rate,
        "surtax.small_scale_halving": .rate,
        "surtax.education_exemption_threshold_month": .amount,
        "surtax.education_exemption_threshold_quarter": .amount,
        // 第二十二条 小型微利企业所得税
        "cit.standard_rate": .rate,
        "cit.high_tech_rate": .rate,
        "cit.small_low_profit.income_limit": .amount,
        "cit.small_low_profit.employee_limit": .wholeNumber(0...1_000_000_000, unit: Vocabulary.message("error.kind_people")),
        "cit.small_low_profit.asset_limit": .amount,
        "cit.small_low_profit.band1_upper": .amount,
        "cit.small_low_profit.band1_rate": .rate,
        "cit.small_low_profit.band2_rate": .rate,
        // 第二十二条 研发费用加计扣除
        "rd.super_deduction_ratio.general": .ratio,
        "rd.super_deduction_ratio.manufacturing": .ratio,
        "rd.super_deduction_ratio.tech_sme": .ratio,
        "rd.super_deduction_ratio.excluded": .ratio,
        "rd.super_deduction_ratio.q4_2022": .ratio,
        "rd.super_deduction_ratio.ic_or_machine_tool": .ratio,
        "rd.hightech_equipment_extra_ratio_q4_2022": .ratio,
        "rd.min_amortization_years": .wholeNumber(1...100, unit: Vocabulary.message("error.kind_years")),
        // The other measures
        "award.specialized": .amount,
        "award.little_giant": .amount,
        "rd_investment_reward.rate": .rate,
        "rd_investment_reward.cap": .amount,
        "tech_achievement.extra_share": .rate,
        "tech_transformation.investment_threshold": .amount,
        "tech_transformation.support_share": .rate,
        "green_upgrade.cap": .amount,
        "compute_voucher.share": .rate,
        "digital_service.share": .rate,
        "procurement.whole_project_limit.works": .amount,
        "procurement.whole_project_limit.goods_services": .amount,
        "procurement.reserved_share.works": .rate,
        "procurement.reserved_share.goods_services": .rate,
        "procurement.small_micro_share": .rate,
        "employment.subsidy_per_hire": .amount,
        "employment.min_contract_months": .wholeNumber(0...1_200, unit: Vocabulary.message("error.kind_months")),
        "social_insurance.late_fee_daily_rate": .rate,
        "social_insurance.late_fee_waiver": .rate,
    ]

    /// What a value of this kind is, for messages: `a rate from 0 to 1`.
    public var description: String {
        switch self {
        case .rate: return Vocabulary.message("error.kind_rate")
        case .ratio: return Vocabulary.message("error.kind_ratio")
        case .amount: return Vocabulary.message("error.kind_amount")
        case .wholeNumber(let range, let unit): return Vocabulary.message("error.kind_whole", unit, String(range.lowerBound), String(range.upperBound))
        case .word(let words): return Vocabulary.message("error.kind_word", words.joined(separator: ", "))
        }
    }

    /// Whether `text` is a value of this kind, read as the calculations read it (decimals
    /// within the input bounds, whole numbers in plain digits, words exactly).
    public func accepts(_ text: String) -> Bool {
        switch self {
        case .rate: return decimal(text, within: 0, 1)
        case .ratio: return decimal(text, within: 0, 2)
        case .amount: return decimal(text, within: 0, nil)
        case .wholeNumber(let range, _): return Int(text).map(range.contains) ?? false
        case .word(let words): return words.contains(text)
        }
    }

    private func decimal(_ text: String, within lowest: ExactDecimal, _ highest: ExactDecimal?) -> Bool {
        guard let value = try? PolicyDecimal.parse(text), value >= lowest else { return false }
        return highest.map { value <= $0 } ?? true
    }
}
