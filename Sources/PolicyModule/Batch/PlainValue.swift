import DecimalModule

/// Values read straight from a cell's bytes when they are plainly written, for the batch's
/// byte-level readers (``LoanReader``, ``RecordDecoder``). Nil means "not plainly written":
/// the generic reader then reads the cell, with the same value or the error message of the
/// per-record API, so a nil here never changes a result.
enum PlainValue {
    /// An id as written. The file was checked as UTF-8 as a whole (`Batch.checkText`), and a cell
    /// ends at an ASCII byte, so its bytes are whole characters: decoded, not validated again.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard isText(count: bytes.count) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a cell of `count` bytes is read as a text: not empty, at most 200 bytes.
    static func isText(count: Int) -> Bool { (1...200).contains(count) }

    /// An amount: a spelling ``LoanReader/amount(_:)`` reads, or a decimal (`1.2E+6`).
    static func amount(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        if let amount = LoanReader.amount(bytes) { return ExactDecimal(amount.value, exponent: -amount.decimals) }
        return decimal(LoanReader.trimmed(bytes))
    }

    /// A decimal within the bounds of docs/POLICY.md §11, from bytes already trimmed: a space
    /// left inside (`4 %` less its `%`) is refused, as the generic reader refuses it (the
    /// generic path words the errors).
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        guard !bytes.isEmpty, bytes.count <= PolicyDecimal.maximumLength, let value = try? ExactDecimal(utf8: bytes) else { return nil }
        guard value.isZero || abs(value.adjustedExponent) <= PolicyDecimal.exponentBound else { return nil }
        return value.isZero && value.isNegative ? -value : value  // −0 is 0, as the generic reader reads it
    }

    /// A plausible rate (docs/POLICY.md §1); nil for anything else, which the generic path refuses.
    static func rate(_ bytes: UnsafeBufferPointer<UInt8>) -> Rate? {
        let bytes = LoanReader.trimmed(bytes)
        guard let last = bytes.last else { return nil }
        let rate: Rate
        if last == UInt8(ascii: "%") {
            guard let percent = decimal(UnsafeBufferPointer(rebasing: bytes.dropLast())) else { return nil }
            rate = Rate(percent * ExactDecimal(1, exponent: -2))
        } else {
            guard let fraction = decimal(bytes), fraction < 1 else { return nil }
            rate = Rate(fraction)
        }
        return rate.value <= 1 ? rate : nil
    }

    /// A yes-or-no as docs/POLICY.md §1 spells it: `true`/`false`, `yes`/`no`, `y`/`n` in any case,
    /// `1`/`0`, `是`/`否` (anything else, full-width forms and spaces included, is the generic
    /// path's).
    static func flag(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        let bytes = LoanReader.trimmed(bytes)
        func spells(_ word: StaticString) -> Bool {
            bytes.count == word.utf8CodeUnitCount && (0..<bytes.count).allSatisfy { bytes[$0] | 0x20 == word.utf8Start[$0] }
        }
        switch bytes.count {
        case 1:
            switch bytes[0] {
            case UInt8(ascii: "1"), UInt8(ascii: "y"), UInt8(ascii: "Y"): return true
            case UInt8(ascii: "0"), UInt8(ascii: "n"), UInt8(ascii: "N"): return false
            default: return nil
            }
        case 2: return spells("no") ? false : nil
        case 3:
            if spells("yes") { return true }
            if bytes[0] == 0xE6, bytes[1] == 0x98, bytes[2] == 0xAF { return true }  // 是
            if bytes[0] == 0xE5, bytes[1] == 0x90, bytes[2] == 0xA6 { return false }  // 否
            return nil
        case 4: return spells("true") ? true : nil
        case 5: return spells("false") ? false : nil
        default: return nil
        }
    }

    /// A whole number of 1 to 18 ASCII digits, as the generic reader reads it (`2023`); signs,
    /// spaces and full-width digits are the generic reader's.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard (1...18).contains(bytes.count) else { return nil }
        var value = 0
        for byte in bytes {
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
        }
        return value
    }
}
