// Huiqi's interest-subsidy kernel (SubsidyColumns) over loans held in memory, for
// Scripts/compare_subsidy.py: reads the CSV into columns (not timed), times the kernel on one
// core, writes "line,subsidy_computed" like subsidy.c. Usage: HuiqiKernel loans.csv out.csv
import DecimalModule
import Foundation
import PolicyModule

let arguments = CommandLine.arguments
guard arguments.count == 3, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: HuiqiKernel loans.csv out.csv\n".utf8))
    exit(2)
}
var principal: [Int64] = [], rate: [Int64] = [], drawdown: [Day] = [], end: [Day] = [], facts: [Bool] = []
for row in text.split(separator: "\n").dropFirst() {
    let fields = row.split(separator: ",", omittingEmptySubsequences: false)
    principal.append(try ExactDecimal(parsing: fields[2]).int64Value(scale: 2)!)
    rate.append(try Rate(parsing: String(fields[3])).value.int64Value(scale: 6)!)
    drawdown.append(try Day(parsing: fields[4]))
    end.append(try Day(parsing: fields[5]))
    facts.append(fields[6] == "true" && fields[7] == "true" && fields[8] == "true")
}
let columns = SubsidyColumns(principalFen: principal, rateMillionths: rate, drawdown: drawdown, end: end, eligibilityFacts: facts)
let parameters = try ParameterTable.bundled()
let clock = ContinuousClock()
var subsidies: [Int64]?
let elapsed = clock.measure { subsidies = columns.subsidiesComputed(parameters: parameters) }
guard let subsidies else {
    FileHandle.standardError.write(Data("HuiqiKernel: a product overflowed 64 bits\n".utf8))
    exit(1)
}
var output = ""
for (index, fen) in subsidies.enumerated() { output += "\(index + 2),\(ExactDecimal(fen, exponent: -2))\n" }
try output.write(toFile: arguments[2], atomically: true, encoding: .utf8)
let (seconds, attoseconds) = elapsed.components
FileHandle.standardError.write(Data("kernel \(seconds).\(String(attoseconds / 1_000_000_000_000).leftPadded(6)) s, \(subsidies.count) loans\n".utf8))

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
