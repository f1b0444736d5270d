import Foundation
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

    @Test(arguments: [
        (#"{"principal": "10000000\u+030"}"#, #"JSON: a \u escape needs four hex digits at byte 24"#),
        (#"["\u12"]"#, #"JSON: a \u escape needs four hex digits at byte 3"#),
        (#"["\u00g1"]"#, #"JSON: a \u escape needs four hex digits at byte 3"#),
        (#"["\ud83d"]"#, #"JSON: a \u escape of a high surrogate must be followed by one of a low surrogate at byte 9"#),
        (#"["\ud83d\u0041"]"#, #"JSON: a \u escape of a high surrogate must be followed by one of a low surrogate at byte 9"#),
        (#"["\ude00"]"#, #"JSON: a \u escape of a low surrogate must follow one of a high surrogate at byte 3"#),
        (#"["\x41"]"#, #"JSON: \x is not a JSON escape at byte 3"#),
        ("[\"a\tb\"]", #"JSON: a control character in a string must be written as an escape (\u0009) at byte 4"#),
        (#"[-]"#, "JSON: unexpected character at byte 3"),
    ])
    func malformedEscapesAreRefused(json: String, message: String) {
        #expect(throws: PolicyError.invalidValue(field: nil, message)) { try read(json) }
    }

    @Test func escapesDecodeToTheirCharacters() throws {
        let value = try read(#"["\u0031\u00e9\u4E07", "\ud83d\ude00", "\"\\\/\b\f\n\r\t"]"#)
        #expect(value == .list([.text("1é万"), .text("😀"), .text("\"\\/\u{8}\u{C}\n\r\t")]))
    }

    @Test func nestingIsLimitedAndNeverOverflowsTheStack() throws {
        let depth = InputValue.maximumJSONDepth
        #expect(throws: Never.self) { try read(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)) }
        let message = "JSON: objects and arrays nested more than \(depth) deep at byte \(depth + 1)"
        #expect(throws: PolicyError.invalidValue(field: nil, message)) {
            try read(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1))
        }
        #expect(throws: PolicyError.invalidValue(field: nil, message)) { try read(String(repeating: "[", count: 100_000)) }
        #expect(throws: PolicyError.invalidValue(field: nil, "JSON: objects and arrays nested more than \(depth) deep at byte 321")) {
            try read(String(repeating: #"{"a":"#, count: 100_000))
        }
    }

    @Test func invalidUTF8IsRefusedWhereverItIs() {
        let bytes: [UInt8] = Array(#"{"a": "1", "b": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(throws: PolicyError.invalidValue(field: nil, "JSON: not valid UTF-8 at byte 18")) { try InputValue(json: bytes) }
        #expect(throws: PolicyError.self) { try InputValue(json: [0x22, 0xED, 0xA0, 0x80, 0x22]) }  // a surrogate in UTF-8
        #expect(throws: PolicyError.self) { try InputValue(json: [0x22, 0xC0, 0xAF, 0x22]) }  // an overlong '/'
    }

    @Test func manyKeysAreRead() throws {
        let count = 50_000
        let json = "{" + (0..<count).map { #""k\#($0)": "\#($0)""# }.joined(separator: ",") + "}"
        guard case .record(let fields) = try read(json) else {
            Issue.record("not a record")
            return
        }
        #expect(fields.keys.count == count)
        #expect(fields["k0"] == .text("0") && fields["k49999"] == .text("49999"))
        #expect(throws: PolicyError.self) { try read(String(json.dropLast()) + #", "k123": "x"}"#) }
    }
}

/// The record type every reader fills: order kept, lookups by key.
@Suite struct InputFieldsTests {
    @Test func orderIsKeptAndRemovalReindexes() {
        var fields = InputFields()
        for index in 0..<40 { fields["f\(index)"] = .text("\(index)") }
        fields["f3"] = nil
        fields["f20"] = .text("twenty")
        #expect(fields.keys.count == 39)
        #expect(fields.keys[3] == "f4")
        #expect(fields["f4"] == .text("4") && fields["f3"] == nil && fields["f20"] == .text("twenty"))
        fields["f3"] = .text("back")
        #expect(fields.keys.last == "f3")
        for index in 0..<38 { fields["f\(index)"] = nil }
        #expect(fields.keys == ["f38", "f39"])
        #expect(fields["f39"] == .text("39"))
        var small: InputFields = ["a": .text("1"), "b": .text("2")]
        small["a"] = nil
        #expect(small == ["b": .text("2")])
    }
}
