/// Amounts as people read them: grouped in thousands, or in 人民币大写 for printed forms.
extension ExactDecimal {
    /// The value in plain digits with thousands separators: `3,000,000`, `60,833.33`,
    /// `-1,234.5`. The digits are the value's own (`1.50` stays `1.50`); round first for a fixed
    /// number of decimals. A value too long for plain digits is written as ``description``.
    public var grouped: String {
        guard let plain = try? plainDescription() else { return description }
        let negative = plain.hasPrefix("-")
        let unsigned = negative ? plain.dropFirst() : Substring(plain)
        let point = unsigned.firstIndex(of: ".") ?? unsigned.endIndex
        let integer = unsigned[..<point]
        var text = ""
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (negative ? "-" : "") + text + unsigned[point...]
    }

    /// The amount in 人民币大写, the form of cheques and printed notices: `100000` is
    /// `壹拾万元整`, `60833.33` is `陆万零捌佰叁拾叁元叁角叁分`, `1.05` is `壹元零伍分`, `0.50` is
    /// `伍角整`; a negative amount starts with `负`.
    ///
    /// Zeros follow the usual rules (《支付结算办法》附件一): one `零` for a run of zeros
    /// inside the number, none at the end of a group of four digits, `整` after `元` or `角`
    /// and not after `分`.
    ///
    /// - Throws: ``DecimalError/invalidOperation(_:)`` for an amount with a non-zero digit below
    ///   the fen, or of 1,000,000,000,000 (one 万亿) or more.
    public func renminbiUppercase() throws(DecimalError) -> String {
        let fen: ExactDecimal
        do {
            fen = try rounded(scale: 2, .down)
        } catch {
            throw .invalidOperation("人民币大写: \(description) is too large")
        }
        guard fen == self else { throw .invalidOperation("人民币大写 is of an amount in fen (at most 2 decimals), not \(description)") }
        guard let total = fen.magnitude.int64Value(scale: 2), total < 100_000_000_000_000 else {
            throw .invalidOperation("人民币大写 is of amounts below 1,000,000,000,000, not \(description)")
        }
        let digits = Array("零壹贰叁肆伍陆柒捌玖")
        let yuan = total / 100
        let (jiao, fenDigit) = (Int(total / 10 % 10), Int(total % 10))
        var text = isNegative && total > 0 ? "负" : ""
        // Groups of four digits, the most significant first, each with its unit.
        let groups = [(yuan / 100_000_000, "亿"), (yuan / 10_000 % 10_000, "万"), (yuan % 10_000, "")]
        var started = false
        var zeroPending = false
        for (group, unit) in groups {
            guard group > 0 else {
                zeroPending = started
                continue
            }
            if started, zeroPending || group < 1_000 { text.append("零") }
            var zeroBefore = false  // a zero after a digit of this group, written before the next digit
            var digitSeen = false
            for (place, placeUnit) in [(1_000, "仟"), (100, "佰"), (10, "拾"), (1, "")] {
                let digit = Int(group / Int64(place) % 10)
                guard digit > 0 else {
                    zeroBefore = digitSeen
                    continue
                }
                if zeroBefore { text.append("零") }
                zeroBefore = false
                digitSeen = true
                text += String(digits[digit]) + placeUnit
            }
            text += unit
            started = true
            zeroPending = false
        }
        if started { text += "元" }
        if jiao > 0 { text += String(digits[jiao]) + "角" }
        if fenDigit > 0 {
            if jiao == 0, started { text += "零" }
            text += String(digits[fenDigit]) + "分"
        } else {
            if !started, jiao == 0 { text += "零元" }
            text += "整"
        }
        return text
    }
}
