import DecimalModule

/// How people write values, read the same way at every entry point — flags, JSON, YAML, CSV and
/// JSONL cells, repayment and granted files (docs/POLICY.md §1).
///
/// Each reader first trims surrounding whitespace (the full-width space U+3000 included) and
/// turns full-width ASCII forms (U+FF01–U+FF5E: `３`, `．`, `，`, `％`, `－`, `／`) into ASCII;
/// then it reads the spellings its kind allows. A refusal quotes what was written, not the
/// normalised copy, and says what would be accepted.
public enum InputText {
    /// `text` trimmed, with full-width ASCII forms made ASCII.
    public static func normalized(_ text: String) -> String {
        // Most cells need nothing: no full-width form (U+3000 and U+FF01–U+FF5E are the only
        // characters whose UTF-8 starts with 0xE3 or 0xEF that change) and no space at either end.
        let isSpaceByte: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if let first = text.utf8.first, let last = text.utf8.last, !isSpaceByte(first), !isSpaceByte(last),
            !text.utf8.contains(where: { $0 == 0xE3 || $0 == 0xEF })
        {
            return text
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalars.append(ascii)
            } else if scalar.value == 0x3000 {
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let trimmed = scalars.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        return String(String.UnicodeScalarView(trimmed))
    }

    /// An amount: a decimal (`3000000`, `1.2E+6`), grouped in threes (`3,000,000.00`), with an
    /// optional `¥`/`￥` prefix or `元` suffix and a `万` (× 10,000) or `亿` (× 100,000,000)
    /// suffix, applied exactly (`300万` is 3,000,000; `1.5万` is 15,000).
    public static func amount(_ text: String) throws(PolicyError) -> ExactDecimal {
        var core = Substring(normalized(text))
        if core.first == "¥" || core.first == "￥" { core = core.dropFirst() }
        if core.last == "元" { core = core.dropLast() }
        var exponent = 0
        if core.last == "万" {
            exponent = 4
        } else if core.last == "亿" {
            exponent = 8
        }
        if exponent > 0 { core = core.dropLast() }
        // Made only when thrown: a message is a template filled, too slow to make for every cell.
        func refusal() -> PolicyError { .invalidValue(field: nil, Vocabulary.message("error.not_an_amount", String(text.prefix(40)))) }
        guard !core.isEmpty, core.first != "¥", core.first != "￥", core.last != "元" else { throw refusal() }
        let digits: String
        if core.utf8.contains(UInt8(ascii: ",")) {
            guard let ungrouped = ungrouped(core) else {
                throw .invalidValue(field: nil, Vocabulary.message("error.grouped_wrongly", String(text.prefix(40))))
            }
            digits = ungrouped
        } else {
            digits = String(core)
        }
        guard let value = try PolicyDecimal.parseIfDecimal(digits) else { throw refusal() }
        guard exponent > 0 else { return value }
        // × 10^4 or 10^8, written out in whole yuan where it is whole (300万 = 3000000, not 3.00E+6).
        let scaled = value * ExactDecimal(1, exponent: exponent)
        guard scaled.exponent > 0, let whole = try? scaled.rounded(scale: 0, .down) else { return scaled }  // exact: only zeros are added
        return whole
    }

    /// `3,000,000.50` → `3000000.50` when the groups are threes in the integer part; nil otherwise.
    private static func ungrouped(_ text: Substring) -> String? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 1 || !parts[1].utf8.contains(UInt8(ascii: ",")) else { return nil }
        var integer = parts[0]
        var sign = ""
        if let first = integer.first, first == "+" || first == "-" {
            sign = String(first)
            integer = integer.dropFirst()
        }
        let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
        guard let lead = groups.first, (1...3).contains(lead.count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
            groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        return sign + groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A date: `YYYY-MM-DD`, `YYYY-M-D`, `YYYY/M/D`, `YYYYMMDD` or `YYYY年M月D日`, years
    /// 1900–9999. An impossible date is refused with its reason ("February 2022 has 28 days").
    public static func day(_ text: String) throws(PolicyError) -> Day {
        let value = normalized(text)
        let written = String(text.prefix(40))
        var parts: [Substring]
        if value.utf8.count == 8, value.allSatisfy(\.isASCIIDigit) {
            parts = [value.prefix(4), value.dropFirst(4).prefix(2), value.suffix(2)]
        } else if value.hasSuffix("日"), value.contains("年" as Character), value.contains("月" as Character) {
            parts = value.dropLast().split(omittingEmptySubsequences: false) { $0 == "年" || $0 == "月" }
        } else {
            let separator: Character = value.utf8.contains(UInt8(ascii: "/")) ? "/" : "-"
            parts = value.split(separator: separator, omittingEmptySubsequences: false)
        }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            throw .invalidValue(field: nil, Vocabulary.message("error.not_a_date", written))
        }
        guard (1900...9999).contains(year) else { throw .invalidValue(field: nil, Vocabulary.message("error.year_range", written)) }
        guard (1...12).contains(month) else { throw .invalidValue(field: nil, Vocabulary.message("error.no_month", written, String(month))) }
        guard let date = Day(year: year, month: month, day: day) else {
            let days = Day.daysIn(month: month, year: year)
            throw .invalidValue(field: nil, Vocabulary.message("error.month_days", written, Vocabulary.monthNames[month - 1], String(year), String(days)))
        }
        return date
    }

    /// A yes-or-no: `true`/`false`, `1`/`0`, `yes`/`no`, `y`/`n` (any case), `是`/`否`.
    public static func bool(_ text: String) throws(PolicyError) -> Bool {
        switch normalized(text).lowercased() {
        case "true", "1", "yes", "y", "是": return true
        case "false", "0", "no", "n", "否": return false
        default:
            throw .invalidValue(field: nil, Vocabulary.message("error.not_yes_no", String(text.prefix(40))))
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
