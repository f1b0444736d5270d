import DecimalModule

/// Reads interest-subsidy loans straight from CSV bytes: the common case of a machine-written
/// file, decoded without making a `String` per cell.
///
/// This is only a shortcut. A row it does not accept as plainly well formed (an unusual
/// spelling, surrounding spaces, a value out of bounds) goes through the generic decoder, which then
/// decides, with the same result or the same error message as the per-record API.
struct LoanReader: Sendable {
    /// The column of each loan field, by field name.
    private let column: [String: Int]
    /// The same for the fields the fixed-point route reads, looked up once.
    private let principalColumn, rateColumn, drawdownColumn, endColumn, guaranteedColumn, firstLoanColumn, inShanghaiColumn,
        enterpriseColumn, loanColumn: Int?
    private let interestPaidColumn: Int?
    let columnCount: Int

    /// The fields the shortcut reads; a file with other input or id columns is read generically.
    static let fields: Set<String> = [
        "enterprise_id", "loan_id", "principal", "annual_rate", "drawdown_date", "end_date",
        "guaranteed_by_fund", "first_inclusive_loan", "lender_in_shanghai", "interest_paid",
    ]

    /// A reader for `header`, or nil when the file needs the generic path (a `repayments` or an
    /// extra id column).
    init?(header: [String]) {
        let known = Set(InterestSubsidy.inputFields.map(\.name))
        for name in header where (known.contains(name) && !LoanReader.fields.contains(name)) || ((name == "id" || name.hasSuffix("_id")) && !LoanReader.fields.contains(name)) {
            return nil
        }
        var column: [String: Int] = [:]
        for (index, name) in header.enumerated() where LoanReader.fields.contains(name) && column[name] == nil {
            column[name] = index
        }
        self.column = column
        columnCount = header.count
        (principalColumn, rateColumn, drawdownColumn, endColumn) = (column["principal"], column["annual_rate"], column["drawdown_date"], column["end_date"])
        (guaranteedColumn, firstLoanColumn, inShanghaiColumn) = (column["guaranteed_by_fund"], column["first_inclusive_loan"], column["lender_in_shanghai"])
        (enterpriseColumn, loanColumn, interestPaidColumn) = (column["enterprise_id"], column["loan_id"], column["interest_paid"])
    }

    /// The loan in `cells` (byte ranges of one record in `bytes`), or nil if the row is not
    /// plainly well formed.
    func loan(_ bytes: UnsafeBufferPointer<UInt8>, _ cells: [Range<Int>]) -> InterestSubsidy.Loan? {
        func cell(_ name: String) -> UnsafeBufferPointer<UInt8>? {
            guard let index = column[name] else { return nil }
            let range = cells[index]
            return UnsafeBufferPointer(rebasing: bytes[range])
        }
        guard let enterprise = cell("enterprise_id").flatMap(PlainValue.text), let loanID = cell("loan_id").flatMap(PlainValue.text),
            let principal = cell("principal").flatMap(PlainValue.amount), let rate = cell("annual_rate").flatMap(PlainValue.rate),
            let drawdown = cell("drawdown_date").flatMap(LoanReader.day), let end = cell("end_date").flatMap(LoanReader.day),
            let guaranteed = cell("guaranteed_by_fund").flatMap(PlainValue.flag), let first = cell("first_inclusive_loan").flatMap(PlainValue.flag),
            let inShanghai = cell("lender_in_shanghai").flatMap(PlainValue.flag)
        else { return nil }
        var interestPaid: ExactDecimal?
        if let paid = cell("interest_paid"), !paid.isEmpty {
            guard let value = PlainValue.amount(paid) else { return nil }
            interestPaid = value
        }
        return InterestSubsidy.Loan(
            enterpriseID: enterprise, loanID: loanID, principal: principal, annualRate: rate, drawdownDate: drawdown,
            endDate: end, guaranteedByFund: guaranteed, firstInclusiveLoan: first, lenderInShanghai: inShanghai,
            interestPaid: interestPaid)
    }

    /// The loan straight into a packed row, when its principal is a positive amount as
    /// ``fixedAmount(_:)`` reads it (at most 18 digits, and 2 decimals), its rate has at most 6
    /// decimals as a fraction, its interest paid, if any, is read likewise and fits in fen, and
    /// the row fits a ``LoanRow``; nil otherwise (the row then takes the ``loan(_:_:)`` route).
    func fixedLoan(_ bytes: UnsafeBufferPointer<UInt8>, _ cells: [Range<Int>], line: Int) -> LoanRow? {
        func cell(_ column: Int?) -> UnsafeBufferPointer<UInt8>? {
            column.map { UnsafeBufferPointer(rebasing: bytes[cells[$0]]) }
        }
        /// A value (not an id) read by `read` from its cell made ASCII.
        func value<T>(_ column: Int?, _ read: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
            cell(column).flatMap { LoanReader.narrowing($0, read) }
        }
        var interestPaid: Int64?
        if let paid = cell(interestPaidColumn), !paid.isEmpty {
            guard let amount = LoanReader.narrowing(paid, LoanReader.fixedAmount), amount.decimals <= 2 else { return nil }
            // In fen: 18 digits of yuan overflow (the general path then takes the enterprise).
            let (fen, overflow) = amount.value.multipliedReportingOverflow(by: amount.decimals == 0 ? 100 : (amount.decimals == 1 ? 10 : 1))
            guard !overflow else { return nil }
            interestPaid = fen
        }
        guard let principal = value(principalColumn, LoanReader.fixedAmount), principal.value > 0, principal.decimals <= 2,
            let rate = value(rateColumn, LoanReader.rate),
            let drawdown = value(drawdownColumn, LoanReader.day), let end = value(endColumn, LoanReader.day), end > drawdown,
            let guaranteed = value(guaranteedColumn, PlainValue.flag), let first = value(firstLoanColumn, PlainValue.flag),
            let inShanghai = value(inShanghaiColumn, PlainValue.flag),
            let enterprise = plainID(enterpriseColumn, cells), let loanID = plainID(loanColumn, cells)
        else { return nil }
        let loan = FixedLoan(
            principal: principal.value, exponent: Int8(-principal.decimals), rate: rate.millionths, rateExponent: rate.exponent,
            drawdown: drawdown, end: end, guaranteed: guaranteed, firstLoan: first, inShanghai: inShanghai, interestPaid: interestPaid)
        return LoanRow(line: line, ids: IDSpans(enterprise: enterprise, loan: loanID), fixed: loan, readGenerically: false)
    }

    /// The cell of an id in `column` as ``PlainValue/text(_:)`` accepts it, as a range of the
    /// input; nil otherwise.
    private func plainID(_ column: Int?, _ cells: [Range<Int>]) -> Range<Int>? {
        guard let range = column.map({ cells[$0] }), PlainValue.isText(count: range.count) else { return nil }
        return range
    }

    /// The ids of a row the generic reader reads: each cell that is not empty (the generic
    /// reader's id is its text, decoded from these bytes).
    private func ids(_ cells: [Range<Int>]) -> IDSpans {
        func span(_ column: Int?) -> Range<Int>? { column.map { cells[$0] }.flatMap { $0.isEmpty ? nil : $0 } }
        return IDSpans(enterprise: span(enterpriseColumn), loan: span(loanColumn))
    }

    /// Plain digits with at most one point and at most 18 digits: the coefficient and the
    /// number of decimals (`4093038.19` → 409303819, 2). With `skippingCommas`, commas are
    /// passed over (their grouping is the caller's to check).
    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, skippingCommas: Bool = false) -> (value: Int64, decimals: Int)? {
        var value: Int64 = 0
        var count = 0
        var index = bytes.startIndex
        /// The digits from `index` on (and commas, when skipped), into `value` and `count`;
        /// wrapping, as more than 18 digits are refused below.
        func run() {
            while index < bytes.endIndex {
                let digit = bytes[index] &- UInt8(ascii: "0")
                if digit < 10 {
                    value = value &* 10 &+ Int64(digit)
                    count += 1
                } else if !(skippingCommas && bytes[index] == UInt8(ascii: ",")) {
                    return
                }
                index += 1
            }
        }
        run()
        var decimals = 0
        if index < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: ".") else { return nil }
            index += 1
            let whole = count
            run()
            guard index == bytes.endIndex else { return nil }
            decimals = count - whole
        }
        guard (1...18).contains(count) else { return nil }
        return (value, decimals)
    }

    /// `read` of `bytes` with their full-width ASCII forms (U+FF01–U+FF5E: `４．５１％`) and
    /// ideographic spaces made ASCII, as `InputText.normalized` makes them for every reader of a
    /// value; of `bytes` themselves when they have none (most cells). Nil for a cell of over 64
    /// bytes that has one, which the other routes read.
    static func narrowing<T>(_ bytes: UnsafeBufferPointer<UInt8>, _ read: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard bytes.contains(where: { $0 == 0xEF || $0 == 0xE3 }) else { return read(bytes) }
        let capacity = 64
        guard bytes.count <= capacity else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { narrow in
            var count = 0
            var index = bytes.startIndex
            while index < bytes.endIndex {
                var byte = bytes[index]
                var length = 1
                if bytes.endIndex - index >= 3 {
                    let (second, third) = (bytes[index + 1], bytes[index + 2])
                    if byte == 0xEF, second == 0xBC, (0x81...0xBF).contains(third) {  // U+FF01–U+FF3F
                        (byte, length) = (third - 0x60, 3)
                    } else if byte == 0xEF, second == 0xBD, (0x80...0x9E).contains(third) {  // U+FF40–U+FF5E
                        (byte, length) = (third - 0x20, 3)
                    } else if byte == 0xE3, second == 0x80, third == 0x80 {  // U+3000
                        (byte, length) = (0x20, 3)
                    }
                }
                narrow[count] = byte
                count += 1
                index += length
            }
            return read(UnsafeBufferPointer(rebasing: narrow[..<count]))
        }
    }

    /// `bytes` without the spaces, tabs and ideographic spaces (U+3000) around them, which
    /// every reader of a value trims (docs/POLICY.md §1); identifiers are kept as written.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while true {
            if start < end, bytes[start] == 0x20 || bytes[start] == 0x09 {
                start += 1
            } else if end - start >= 3, bytes[start] == 0xE3, bytes[start + 1] == 0x80, bytes[start + 2] == 0x80 {
                start += 3
            } else {
                break
            }
        }
        while true {
            if start < end, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 {
                end -= 1
            } else if end - start >= 3, bytes[end - 3] == 0xE3, bytes[end - 2] == 0x80, bytes[end - 1] == 0x80 {
                end -= 3
            } else {
                break
            }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// An amount in the spellings of docs/POLICY.md §1 that need no normalising: plain digits
    /// (``digits(_:)``), grouped in threes (`3,000,000.00`), with a `¥`/`￥` prefix, a `元`
    /// suffix, a `万` or `亿` suffix; the coefficient and the number of decimals of the value
    /// `InputText.amount` reads (`1.5万` is 15000, 0 decimals; `1.23456万` is 123456, 1). Nil
    /// for anything else (signs, E-notation, spaces, full-width forms), which the other routes
    /// read.
    static func amount(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Int64, decimals: Int)? {
        let bytes = LoanReader.trimmed(bytes)
        var start = bytes.startIndex
        var end = bytes.endIndex
        // Whether the bytes end with a character of three bytes (元, 万, 亿): compared byte by
        // byte, not through an array made at every call.
        func has(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
            end - start >= 3 && bytes[end - 1] == third && bytes[end - 2] == second && bytes[end - 3] == first
        }
        if end - start >= 2, bytes[start] == 0xC2, bytes[start + 1] == 0xA5 {  // ¥
            start += 2
        } else if end - start >= 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBF, bytes[start + 2] == 0xA5 {  // ￥
            start += 3
        }
        if has(0xE5, 0x85, 0x83) { end -= 3 }  // 元
        var shift = 0
        if has(0xE4, 0xB8, 0x87) {  // 万
            shift = 4
            end -= 3
        } else if has(0xE4, 0xBA, 0xBF) {  // 亿
            shift = 8
            end -= 3
        }
        guard start < end else { return nil }
        let core = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let number: (value: Int64, decimals: Int)
        if let plain = digits(core) {
            number = plain
        } else {
            // Groups of three in the integer part (`3,000,000.00`): 1 to 3 digits, then ",ddd" groups.
            let point = core.firstIndex(of: UInt8(ascii: ".")) ?? core.endIndex
            var digitsSinceComma = 0
            var groups = 0
            for index in core.startIndex..<point {
                if core[index] == UInt8(ascii: ",") {
                    guard digitsSinceComma == 3 || (groups == 0 && (1...3).contains(digitsSinceComma)) else { return nil }
                    groups += 1
                    digitsSinceComma = 0
                } else {
                    digitsSinceComma += 1
                }
            }
            guard digitsSinceComma == 3, !core[point...].contains(UInt8(ascii: ",")),
                let read = digits(core, skippingCommas: true)
            else { return nil }
            number = read
        }
        guard shift > 0 else { return number }
        // × 10^shift, written out in whole yuan where it is whole, as InputText.amount does.
        let decimals = max(0, number.decimals - shift)
        let zeros = max(0, shift - number.decimals)
        var value = number.value
        for _ in 0..<zeros {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow, product < 1_000_000_000_000_000_000 else { return nil }
            value = product
        }
        return (value, decimals)
    }

    /// An amount for the fixed-point route: a spelling ``amount(_:)`` reads, or E-notation
    /// (`4.09303819E+6`, `2.4e6`: plain digits, `E` or `e`, an exponent of one to three digits
    /// with or without a sign). The coefficient and number of decimals of the value, a positive
    /// exponent written out as the kernel takes it (`1.2E+6` is 1200000, 0 decimals, as
    /// ``FixedLoan/from(_:)`` makes it); nil for anything else, or beyond 18 digits.
    static func fixedAmount(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Int64, decimals: Int)? {
        if let amount = amount(bytes) { return amount }
        let bytes = LoanReader.trimmed(bytes)
        guard let e = bytes.firstIndex(where: { $0 | 0x20 == UInt8(ascii: "e") }),
            let mantissa = digits(UnsafeBufferPointer(rebasing: bytes[..<e]))
        else { return nil }
        var start = e + 1
        let negative = start < bytes.endIndex && bytes[start] == UInt8(ascii: "-")
        if start < bytes.endIndex, negative || bytes[start] == UInt8(ascii: "+") { start += 1 }
        let written = bytes[start...]
        guard (1...3).contains(written.count), written.allSatisfy({ (48...57).contains($0) }) else { return nil }
        let exponent = written.reduce(0) { $0 * 10 + Int($1) - 48 }
        let decimals = mantissa.decimals + (negative ? exponent : -exponent)
        guard decimals < 0 else { return (mantissa.value, decimals) }
        var value = mantissa.value
        for _ in 0..<(-decimals) where value != 0 {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow, product < 1_000_000_000_000_000_000 else { return nil }
            value = product
        }
        return (value, 0)
    }

    /// A date in the spellings of docs/POLICY.md §1 that need no normalising: `YYYY-M-D`,
    /// `YYYY/M/D` (one or two digits for month and day), `YYYYMMDD`, `YYYY年M月D日`; nil for
    /// anything else and for an impossible date, which the generic reader words.
    static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        let bytes = LoanReader.trimmed(bytes)
        if let day = Day(utf8: bytes) { return day }
        // The year and the month once read (`parts` of them), then the day in `value`: no array.
        var (year, month, parts) = (0, 0, 0)
        var value = 0
        var digits = 0
        var separator: UInt8?
        var index = bytes.startIndex
        if bytes.count == 8, bytes.allSatisfy({ (48...57).contains($0) }) {  // YYYYMMDD
            let number = bytes.reduce(0) { $0 * 10 + Int($1) - 48 }
            return Day(year: number / 10_000, month: number / 100 % 100, day: number % 100)
        }
        let chinese = bytes.count > 3 && bytes[bytes.endIndex - 3] == 0xE6 && bytes[bytes.endIndex - 2] == 0x97 && bytes[bytes.endIndex - 1] == 0xA5  // 日
        let end = chinese ? bytes.endIndex - 3 : bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if (48...57).contains(byte) {
                value = value * 10 + Int(byte) - 48
                digits += 1
                guard digits <= 4 else { return nil }
                index += 1
                continue
            }
            // A separator: - or / (the same throughout), or 年 then 月.
            var length = 1
            if chinese {
                let yearMark = parts == 0 && end - index >= 3 && bytes[index] == 0xE5 && bytes[index + 1] == 0xB9 && bytes[index + 2] == 0xB4  // 年
                let monthMark = parts == 1 && end - index >= 3 && bytes[index] == 0xE6 && bytes[index + 1] == 0x9C && bytes[index + 2] == 0x88  // 月
                guard yearMark || monthMark else { return nil }
                length = 3
            } else {
                guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/"), separator == nil || separator == byte else { return nil }
                separator = byte
            }
            guard digits > 0 else { return nil }
            guard parts < 2, (parts == 0 ? digits == 4 : digits <= 2) else { return nil }
            if parts == 0 { year = value } else { month = value }
            parts += 1
            value = 0
            digits = 0
            index += length
        }
        guard parts == 2, (1...2).contains(digits) else { return nil }
        return Day(year: year, month: month, day: value)
    }

    /// A rate × 10^6 and the exponent it is written with (`3.65%` → 36500, −4; `0.0455` →
    /// 45500, −4), when exact.
    static func rate(_ bytes: UnsafeBufferPointer<UInt8>) -> (millionths: Int64, exponent: Int8)? {
        let bytes = LoanReader.trimmed(bytes)
        let percent = bytes.last == UInt8(ascii: "%")
        guard let number = digits(percent ? UnsafeBufferPointer(rebasing: bytes.dropLast()) : bytes) else { return nil }
        let decimals = number.decimals + (percent ? 2 : 0)
        guard decimals <= 6 else { return nil }
        let power = (0..<(6 - decimals)).reduce(Int64(1)) { power, _ in power * 10 }
        let (scaled, overflow) = number.value.multipliedReportingOverflow(by: power)
        // Implausible rates (1 or more without %, above 100%) are the generic path's to refuse.
        guard !overflow, scaled < 1_000_000 || (percent && scaled == 1_000_000) else { return nil }
        return (scaled, Int8(-decimals))
    }
}

extension LoanReader {
    /// Reads the loan rows of `chunk` of `bytes` (a file of simple quotes, ``SimpleCSV``) into
    /// `rows`; returns the rows kept whole, by their position among the chunk's rows.
    func rows(
        _ bytes: UnsafeBufferPointer<UInt8>, _ chunk: SimpleCSV.Chunk, header: [String], into rows: inout RowSink<LoanRow>
    ) -> [(position: Int, row: LoanRows.KeptRow)] {
        var kept: [(position: Int, row: LoanRows.KeptRow)] = []
        func append(line: Int, ids: IDSpans, loan: Result<InterestSubsidy.Loan, RowError>, readGenerically: Bool) {
            let (row, whole) = LoanRows.row(line: line, ids: ids, loan: loan, readGenerically: readGenerically)
            if let whole { kept.append((rows.count, whole)) }
            rows.append(row)
        }
        SimpleCSV.forEachRecord(bytes, chunk.range, firstLine: chunk.firstLine) { line, cells, contentEnd in
            if cells.count != columnCount {
                let fit = BatchHeader.fieldCountError(cells.count, columns: header) { cells[columnCount...].allSatisfy { $0.isEmpty } }
                if let error = fit {
                    append(line: line, ids: .none, loan: .failure(RowError(message: error)), readGenerically: false)
                    return
                }
                // Only unnamed columns at the end are missing or extra: read as empty, or left out.
                while cells.count < columnCount { cells.append(contentEnd..<contentEnd) }
                cells.removeLast(cells.count - columnCount)
            }
            if let row = fixedLoan(bytes, cells, line: line) {
                rows.append(row)
            } else if let loan = loan(bytes, cells) {
                append(line: line, ids: ids(cells), loan: .success(loan), readGenerically: false)
            } else {
                append(line: line, ids: ids(cells), loan: generic(bytes, cells, header: header), readGenerically: true)
            }
        }
        return kept
    }

    /// A row the shortcut did not accept, read by the generic decoder (which words any error).
    private func generic(_ bytes: UnsafeBufferPointer<UInt8>, _ cells: [Range<Int>], header: [String]) -> Result<InterestSubsidy.Loan, RowError> {
        var fields = InputFields()
        // The header names each column once, and the text is UTF-8 (both checked by Batch).
        for (index, column) in header.enumerated() where !column.isEmpty && !cells[index].isEmpty {
            fields[column] = .text(String(decoding: UnsafeBufferPointer(rebasing: bytes[cells[index]]), as: UTF8.self))
        }
        do {
            return .success(try InputDecoder.decode(InterestSubsidy.Loan.self, from: .record(fields)))
        } catch {
            return .failure(RowError(message: "\(error)"))
        }
    }
}
