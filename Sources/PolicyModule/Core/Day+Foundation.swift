import Foundation

/// A ``Day`` from and to Foundation's `Date` and `DateComponents`.
///
/// A `Date` is an instant; the day it falls on depends on the time zone. Chinese policy dates
/// are Beijing time, so the default is Asia/Shanghai (UTC+8, no daylight saving time):
/// 2022-10-31T17:00:00Z is 2022-11-01 in Shanghai.
extension Day {
    /// Asia/Shanghai, the time zone of the policy's dates (UTC+8 if the system has no time
    /// zone database).
    public static let shanghai: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3_600) ?? .current

    private static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The day `date` falls on in `timeZone`.
    ///
    /// - Throws: ``PolicyError/invalidValue(field:_:)`` for a day outside the years 1900–9999.
    public init(_ date: Date, in timeZone: TimeZone = Day.shanghai) throws(PolicyError) {
        try self.init(Day.calendar(timeZone).dateComponents([.year, .month, .day], from: date))
    }

    /// The day of `components`' year, month and day (any other component is ignored).
    ///
    /// - Throws: ``PolicyError/invalidValue(field:_:)`` when one of the three is missing or they
    ///   are not a date of the years 1900–9999 (`2023-02-30`).
    public init(_ components: DateComponents) throws(PolicyError) {
        guard let year = components.year, let month = components.month, let day = components.day else {
            throw .invalidValue(field: nil, Vocabulary.message("error.date_parts"))
        }
        guard let value = Day(year: year, month: month, day: day) else {
            throw .invalidValue(field: nil, Vocabulary.message("error.not_a_date_in_range", String(year), String(month), String(day)))
        }
        self = value
    }

    /// The first instant of this day in `timeZone` (midnight); nil only if Foundation's
    /// calendar cannot represent it.
    public func date(in timeZone: TimeZone = Day.shanghai) -> Date? {
        Day.calendar(timeZone).date(from: dateComponents)
    }

    /// The year, month and day, in the Gregorian calendar.
    public var dateComponents: DateComponents {
        DateComponents(calendar: Calendar(identifier: .gregorian), year: year, month: month, day: day)
    }
}
