import DecimalModule
@testable import PolicyModule
import PropertyBased
import Testing

/// The output rows' numbers and dates written at a cursor, against the texts of the decimal
/// type and of the dates, which the other rows' cells are made of.
@Suite struct ByteCursorTests {
    func written(_ write: (inout ByteCursor) -> Void) -> String {
        var bytes: [UInt8] = []
        bytes.append(writingAtMost: 64, write)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Any non-negative coefficient (small ones often, where leading zeros are written) at 0 to
    /// 9 places: the kernel's text of it, and, where the decimal type writes it without an
    /// exponent, the decimal type's.
    @Test func writesDecimalsAsTheDecimalTypePrintsThem() async {
        let coefficient = zip(Gen.int64(), Gen.int(in: 0...3)).map { value, size in
            let value = value == .min ? 0 : abs(value)
            return size == 0 ? value % 1_000 : value
        }
        await propertyCheck(count: 2_000, input: coefficient, Gen.int(in: 0...9)) { (value: Int64, places: Int) in
            let text = written { $0.writeDecimal(value, places: places) }
            #expect(text == FixedText.decimal(value, exponent: Int8(-places)))
            let decimal = ExactDecimal(value, exponent: -places)
            // Zero too: 0 at 7 places is "0E-7" (the kernel writes at most 6, rates in millionths).
            if String(value).count - 1 - places >= -6 { #expect(text == decimal.description) }
        }
    }

    @Test(arguments: ["1900-01-01", "2023-01-31", "2024-02-29", "9999-12-31"])
    func writesDaysAsTheyArePrinted(text: String) throws {
        let day = try Day(parsing: text)
        #expect(written { $0.writeDay(day) } == text)
    }
}
