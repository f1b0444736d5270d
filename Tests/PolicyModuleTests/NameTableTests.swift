@testable import PolicyModule
import PropertyBased
import Testing

/// The batch's table of names (parameter ids, header fields) against a `Dictionary`.
@Suite struct NameTableTests {
    /// Names made of a common start, a few letters and a common end, so that many share their
    /// length and their first and last eight bytes (all the hash reads) and differ only in
    /// between: every name given finds its last value, and names not given find nothing.
    @Test func findsWhatADictionaryFinds() async {
        let middle = Gen.element(of: ["a", "b"]).map { $0 ?? "a" }.array(of: 0...6).map { $0.joined() }
        let name = zip(Gen.element(of: ["", "p", "parameter.", "vat.small_scale."]), middle, Gen.element(of: ["", "_rate_3pct"]))
            .map { ($0 ?? "") + $1 + ($2 ?? "") }
        await propertyCheck(count: 500, input: name.array(of: 0...40), name.array(of: 0...20)) { (names: [String], others: [String]) in
            let pairs = names.enumerated().map { ($0.element, $0.offset) }
            let table = NameTable(pairs)
            let dictionary = Dictionary(pairs, uniquingKeysWith: { $1 })
            for query in names + others { #expect(table[query] == dictionary[query], "\(query)") }
            #expect(table.names.sorted() == dictionary.keys.sorted())
        }
    }

    /// The columns remembered turn by turn from record to record are the table's, whether a
    /// record asks the names of the record before in the same order or not, and whether a name
    /// is a literal or a string made anew (same text, other storage) at each ask.
    @Test func fieldColumnsRememberedAreTheTables() async {
        let names = ["tax_year", "taxable_income", "employees", "total_assets", "restricted_industry", "high_tech", "not_a_column"]
        let table = NameTable(names.dropLast().enumerated().map { ($0.element, $0.offset) })
        let record = Gen.int(in: 0...(names.count - 1)).array(of: 0...8)
        await propertyCheck(count: 300, input: record.array(of: 1...6), Gen.bool) { (records: [[Int]], fresh: Bool) in
            let columns = FieldColumns(table, remembering: true)
            for asks in records {
                columns.startRecord()
                for ask in asks {
                    let name = fresh ? String(decoding: Array(names[ask].utf8), as: UTF8.self) : names[ask]
                    #expect(columns.column(of: name) == table[name])
                }
            }
        }
    }

    /// A name outside ASCII and one longer than a word are found by their bytes.
    @Test func findsNamesByTheirBytes() {
        let table = NameTable([("vat.small_scale.threshold_quarter", 1), ("vat.small_scale.threshold_month", 2), ("增值税", 3), ("", 4)])
        #expect(table["vat.small_scale.threshold_quarter"] == 1)
        #expect(table["vat.small_scale.threshold_month"] == 2)
        #expect(table["增值税"] == 3)
        #expect(table[""] == 4)
        #expect(table["vat.small_scale.threshold_quartex"] == nil)
        #expect(table["增值"] == nil)
    }
}
