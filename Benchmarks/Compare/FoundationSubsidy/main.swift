// The interest-subsidy arithmetic of Huiqi's batch with Foundation.Decimal, for comparison (the
// same rules and the same integer date arithmetic as subsidy.c; only the decimals differ).
// Usage: FoundationSubsidy loans.csv out.csv
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: FoundationSubsidy loans.csv out.csv\n".utf8))
    exit(2)
}

/// Days since 1970-01-01 of `YYYY-MM-DD`.
func day(_ text: Substring) -> Int {
    let parts = text.split(separator: "-").map { Int($0)! }
    let (month, day) = (parts[1], parts[2])
    let year = month <= 2 ? parts[0] - 1 : parts[0]
    let era = (year >= 0 ? year : year - 399) / 400
    let yearOfEra = year - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
}

/// A non-negative amount with exactly two decimals, from the Decimal's own digits.
func fen(_ value: Decimal) -> String {
    let parts = value.description.split(separator: ".", omittingEmptySubsequences: false)
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    return "\(parts[0]).\(fraction)\(String(repeating: "0", count: max(0, 2 - fraction.count)))"
}

let windowStart = day("2022-10-01"), windowEnd = day("2022-12-31")
let rateCap = Decimal(string: "0.02")!, basis = Decimal(360), hundred = Decimal(100)
var output = ""
for (index, row) in text.split(separator: "\n").dropFirst().enumerated() {
    let fields = row.split(separator: ",", omittingEmptySubsequences: false)
    let rateText = fields[3]
    let rate = rateText.hasSuffix("%") ? Decimal(string: String(rateText.dropLast()))! / hundred : Decimal(string: String(rateText))!
    let (drawdown, end) = (day(fields[4]), day(fields[5]))
    var subsidy = Decimal(0)
    if fields[6] == "true", fields[7] == "true", fields[8] == "true", drawdown >= windowStart, drawdown <= windowEnd {
        var exact = Decimal(string: String(fields[2]))! * Decimal(min(end, drawdown + 365) - drawdown) * min(rateCap, rate) / basis
        NSDecimalRound(&subsidy, &exact, 2, .plain)
    }
    output += "\(index + 2),\(fen(subsidy))\n"
}
try output.write(toFile: arguments[2], atomically: true, encoding: .utf8)
