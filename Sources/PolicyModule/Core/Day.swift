/// A calendar date (year, month, day) with no time and no time zone: what a loan's drawdown
/// date or a tax period's first day is.
///
/// Spans count the first day and not the last (算头不算尾): `Day("2023-11-01") - Day("2022-11-01")`
/// is 365.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    /// The date `year-month-day`, or nil if there is no such date (years 1900–9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        ordinal = Day.ordinal(year: year, month: month, day: day)
    }

    /// The day `ordinal` days after 1970-01-01 (the batch keeps dates as these numbers).
    init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// Parses a date as people write it (``InputText/day(_:)``): `YYYY-MM-DD`, `YYYY/M/D`,
    /// `YYYYMMDD` or `YYYY年M月D日`; an impossible date is refused with its reason.
    public init(parsing text: some StringProtocol) throws(PolicyError) {
        self = try InputText.day(String(text))
    }

    /// The date in UTF-8 bytes `YYYY-MM-DD`, or nil if they are not one.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The year (1900–9999).
    public var year: Int { civil.year }
    /// The month, 1 to 12.
    public var month: Int { civil.month }
    /// The day of the month, from 1.
    public var day: Int { civil.day }

    /// This day plus `days` days.
    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The number of days from `start` to `end`, counting the first day and not the last.
    public static func - (end: Day, start: Day) -> Int { end.ordinal - start.ordinal }

    /// Whether the first comes before the second.
    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = civil
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    // Civil-from-days and days-from-civil: the proleptic Gregorian calendar in 400-year eras.

    private static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private var civil: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Day: Codable {
    /// Reads the value from a decoder (the library's input decoder or `JSONDecoder`), with the field names of docs/POLICY.md.
    public init(from decoder: any Decoder) throws {
        self = try Day(parsing: decoder.singleValueContainer().decode(String.self))
    }

    /// Writes the value with the field names of docs/POLICY.md, every field present (null when absent).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
