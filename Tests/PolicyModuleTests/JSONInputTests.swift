import PolicyModule
import Testing

/// The strict JSON reader behind `--input` and JSONL batch files.
@Suite struct JSONInputTests {
    func read(_ json: String) throws(PolicyError) -> InputValue {
        try InputValue(json: Array(json.utf8))
    }

    @Test func objectsAndArraysKeepTheirOrderAndDigits() throws {
        let value = try read(#" { "b" : "1.50", "a": [ "x", {"n": 12} , [] ], "c": {}, "d": true, "e": null } "#)
        let expected: InputValue = .record([
            "b": .text("1.50"),
            "a": .list([.text("x"), .record(["n": .text("12")]), .list([])]),
            "c": .record([:]),
            "d": .text("true"),
            "e": .null,
        ])
        #expect(value == expected)
        guard case .record(let fields) = value else { return }
        #expect(fields.keys == ["b", "a", "c", "d", "e"])
    }

    @Test(arguments: [
        (#"{"a": "1", "a": "2"}"#, #"JSON: the key "a" appears twice at byte 16"#),
        (#"{"a" "1"}"#, "JSON: expected ':' at byte 6"),
        (#"{"a": "1" "b": "2"}"#, "JSON: expected ',' or '}' at byte 11"),
        (#"["a" "b"]"#, "JSON: expected ',' or ']' at byte 6"),
        (#"{"a": "1""#, "JSON: unexpected end at byte 10"),
        (#"["a","#, "JSON: unexpected end at byte 6"),
        (#"{1: "2"}"#, "JSON: expected a string at byte 2"),
        (#"{"a": "1"} x"#, "JSON: unexpected text after the JSON value at byte 12"),
        (#"{"rate": 3.65}"#, #"JSON: write amounts and rates as strings ("3.65"), not JSON numbers at byte 11"#),
    ])
    func malformedInputNamesTheProblemAndTheByte(json: String, message: String) {
        #expect(throws: PolicyError.invalidValue(field: nil, message)) { try read(json) }
    }
}
