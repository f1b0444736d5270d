import DecimalModule
import Foundation
import PolicyModule
import Testing

/// Days and decimals to and from Foundation's types.
@Suite struct FoundationBridgeTests {
    /// 2022-10-31T17:00:00Z is 01:00 on 1 November in Shanghai.
    static let instant = Date(timeIntervalSince1970: 1_667_235_600)

    @Test func aDateIsTheDayItFallsOnInShanghaiByDefault() throws {
        #expect(try Day(Self.instant) == Day(year: 2022, month: 11, day: 1))
        #expect(try Day(Self.instant, in: TimeZone(identifier: "UTC")!) == Day(year: 2022, month: 10, day: 31))
        let day = try Day(parsing: "2022-11-01")
        #expect(day.date()?.timeIntervalSince1970 == 1_667_232_000)  // midnight in Shanghai is 16:00 UTC the day before
        #expect(try day.date().map { try Day($0) } == day)
        #expect(day.date(in: TimeZone(identifier: "UTC")!)?.timeIntervalSince1970 == 1_667_260_800)
    }

    @Test func dateComponentsBothWays() throws {
        let day = try Day(DateComponents(year: 2024, month: 2, day: 29))
        #expect(day.description == "2024-02-29")
        #expect(day.dateComponents.year == 2024 && day.dateComponents.month == 2 && day.dateComponents.day == 29)
        #expect(throws: PolicyError.self) { try Day(DateComponents(year: 2023, month: 2, day: 29)) }
        #expect(throws: PolicyError.invalidValue(field: nil, "a date needs a year, a month and a day")) { try Day(DateComponents(year: 2023, month: 2)) }
        #expect(throws: PolicyError.self) { try Day(Date(timeIntervalSince1970: -3_000_000_000)) }  // 1874
    }

    @Test func ratesInPercent() {
        #expect(Rate(percent: "3.65") == Rate(ExactDecimal(365, exponent: -4)))
        #expect(Rate(percent: 2).value == "0.02")
        #expect(Rate(percent: 2).percentDescription == "2%")
    }

    @Test func foundationDecimalsExactlyOrNot() throws {
        #expect(try ExactDecimal(Decimal(string: "123.45")!) == "123.45")
        #expect(try ExactDecimal(Decimal(string: "-0.0000001")!) == "-0.0000001")
        #expect(try ExactDecimal(Decimal(string: "12345678901234567890123456789012345678")!) == "12345678901234567890123456789012345678")
        #expect(throws: DecimalError.self) { try ExactDecimal(Decimal.nan) }
        #expect(Decimal(exactly: "0.1") == Decimal(string: "0.1"))
        #expect(Decimal(exactly: "60833.33") == Decimal(string: "60833.33"))
        #expect(Decimal(exactly: "1E+3") == Decimal(1000))
        #expect(Decimal(exactly: "123456789012345678901234567890123456789") == nil)  // 39 digits
        #expect(Decimal(exactly: "1E+200") == nil)
    }
}
