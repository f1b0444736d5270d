/// The Chinese name of each input field, keyed by the field's name (`principal` → `本金`): one
/// table for everything that shows or reads a field by its Chinese name — batch headers
/// (`企业编号,贷款编号,本金,…`), `huiqi list MEASURE`, `huiqi template --lang zh`, worksheet labels.
///
/// A field has exactly one Chinese name here; a name is used by one field only, so a Chinese
/// header always means one field. A test holds the table to every measure's input fields.
public enum FieldNames {
    /// The Chinese name of the input field `field` (snake_case), or nil if it has none.
    public static func chinese(_ field: String) -> String? { zh[field] }

    /// Every input field's Chinese name, by field name.
    public static let zh: [String: String] = [
        // Ids
        "enterprise_id": "企业编号",
        "loan_id": "贷款编号",
        "guarantee_id": "担保编号",
        "guarantor_id": "担保机构编号",
        // Interest subsidy (第十五条)
        "principal": "本金",
        "annual_rate": "年利率",
        "drawdown_date": "放款日",
        "end_date": "到期日",
        "guaranteed_by_fund": "是否融资担保基金担保",
        "first_inclusive_loan": "是否首贷",
        "lender_in_shanghai": "是否本市银行放款",
        "interest_paid": "已付利息",
        "repayments": "还款记录",
        // Guarantee fee (第十五条)
        "amount": "担保金额",
        "fee_rate": "担保费率",
        "start_date": "起始日",
        "term_months": "期限月数",
        "reference_rate": "原担保费率",
        // Small-scale VAT and surtaxes (第二十二条)
        "period_type": "所属期类型",
        "period_start": "所属期起始日",
        "sales_3pct": "3%征收率销售额",
        "special_invoice_3pct": "3%专票销售额",
        "sales_5pct": "5%征收率销售额",
        "real_estate_sales": "不动产销售额",
        "prices_include_tax": "是否含税",
        "location": "所在地区",
        "month_sales_3pct": "各月3%征收率销售额",
        "month_special_invoice_3pct": "各月3%专票销售额",
        // Small low-profit CIT, R&D super-deduction
        "tax_year": "纳税年度",
        "taxable_income": "应纳税所得额",
        "employees": "从业人数",
        "total_assets": "资产总额",
        "high_tech": "是否高新技术企业",
        "expensed_rd": "费用化研发支出",
        "intangible_cost": "无形资产成本",
        "amortization_years": "摊销年限",
        "amortization_months": "本年摊销月数",
        "q4_method": "第四季度计算方法",
        "q4_expensed_rd": "第四季度费用化研发支出",
        "operating_months_2022": "2022年经营月数",
        "q4_operating_months": "第四季度经营月数",
        "hightech_equipment_q4_2022": "第四季度购置设备",
        "restricted_industry": "是否限制或禁止类行业",
        "cit_rate": "企业所得税税率",
        // Social insurance deferral
        "deferred_amount": "缓缴金额",
        "due_date": "原缴费期限",
        "repaid_date": "补缴日",
        "deferral_end": "缓缴截止日",
        // Grants and awards
        "category": "企业类别",
        "announcement_date": "公告日期",
        "application_date": "申请日期",
        "approval_date": "批准日期",
        "approved_investment": "核定投资额",
        "compute_in_shanghai": "是否本市算力",
        "contract_date": "合同日期",
        "contract_fee": "合同费用",
        "contract_months": "劳动合同期限月数",
        "core_algorithm_or_large_model": "是否用于核心算法或大模型",
        "designation": "认定类型",
        "digital_service": "是否数字化转型服务",
        "first_above_scale_year": "首次纳入四上年份",
        "group": "人员类别",
        "hire_date": "招用日期",
        "high_tech_valid": "是否在高新技术企业有效期内",
        "newly_recognized": "是否新认定",
        "original_support": "原支持金额",
        "prior_year_rd": "上年研发投入",
        "project_approved": "项目是否获批",
        "project_budget": "项目预算",
        "project_type": "项目类型",
        "recognition_date": "认定日期",
        "requested_support": "申请支持金额",
        "social_insurance_paid": "是否缴纳社会保险",
        "suitable_for_sme": "是否适宜中小企业",
        "support_date": "支持日期",
        "tech_sme": "是否科技型中小企业",
        "total_investment": "项目总投资",
        "service_contract_amount": "服务合同金额",
    ]
}
