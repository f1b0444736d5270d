import DecimalModule
import PolicyModule

/// A loan as the bank's core system holds it: amounts in fen, the rate in basis points.
struct CoreLoan {
    var customer: String, contract: String, amountFen: Int64, rateBasisPoints: Int64
    var drawdown: String, maturity: String, fundGuaranteed: Bool, firstLoan = true
}

extension CoreLoan {
    func policyLoan() throws -> InterestSubsidy.Loan {
        InterestSubsidy.Loan(
            enterpriseID: customer, loanID: contract, principal: ExactDecimal(amountFen, exponent: -2),
            annualRate: Rate(ExactDecimal(rateBasisPoints, exponent: -4)), drawdownDate: try Day(parsing: drawdown),
            endDate: try Day(parsing: maturity), guaranteedByFund: fundGuaranteed, firstInclusiveLoan: firstLoan,
            lenderInShanghai: true)
    }
}

/// Runs one book; prints each loan's outcome; returns what each customer has been granted in all.
func run(_ name: String, _ book: [CoreLoan], grantedBefore: [String: ExactDecimal]) throws -> [String: ExactDecimal] {
    let result = try LoanBook(loans: book.map { try $0.policyLoan() }, priorGranted: grantedBefore, parameters: .bundled())
    print("\(name) — \(result.audit)")
    for (loan, outcome) in zip(book, result.outcomes) {
        switch outcome {
        case .success(let subsidy):
            print("  \(loan.customer)/\(loan.contract): \(subsidy.reason.rawValue) granted \(subsidy.subsidyGranted.grouped)"
                + (subsidy.capped ? " (capped)" : "") + (subsidy.windowEnd.map { " at \(subsidy.rateApplied?.percentDescription ?? "") until \($0)" } ?? ""))
        case .failure(let error):
            print("  \(loan.customer)/\(loan.contract): refused, \(error.field ?? "loan"): \(error)")
        }
    }
    print("  total granted \(result.totalGranted.grouped)")
    var granted = grantedBefore
    for enterprise in result.enterprises { granted[enterprise.enterpriseID] = enterprise.priorGranted + enterprise.enterpriseTotal }
    return granted
}

let november: [CoreLoan] = [
    CoreLoan(customer: "C001", contract: "K-1", amountFen: 900_000_000, rateBasisPoints: 365, drawdown: "2022-11-01", maturity: "2023-11-01", fundGuaranteed: true),
    CoreLoan(customer: "C002", contract: "K-2", amountFen: 300_000_000, rateBasisPoints: 150, drawdown: "2022-11-15", maturity: "2023-05-15", fundGuaranteed: true),
    CoreLoan(customer: "C003", contract: "K-3", amountFen: 100_000_000, rateBasisPoints: 400, drawdown: "2022-12-01", maturity: "2022-11-01", fundGuaranteed: true),
    CoreLoan(customer: "C004", contract: "K-4", amountFen: 500_000_000, rateBasisPoints: 400, drawdown: "2022-12-01", maturity: "2023-12-01", fundGuaranteed: false),
]
let december = [CoreLoan(customer: "C001", contract: "K-9", amountFen: 900_000_000, rateBasisPoints: 365, drawdown: "2022-12-20", maturity: "2023-12-20", fundGuaranteed: true)]

let afterNovember = try run("Run 1", november, grantedBefore: [:])
let afterDecember = try run("Run 2", december, grantedBefore: afterNovember)
print("C001 granted in all: \((afterDecember["C001"] ?? .zero).grouped) (the cap is 200,000 per enterprise)")
