import XCTest
@testable import Wire

final class JSONScannerTests: XCTestCase {
    func testTokenSequence() throws {
        XCTAssertEqual(
            try tokens(#" { "a" : [ 1, -2.5e3, "x", true, false, null, {} , [] ] } "#),
            [.objectStart, .key, .arrayStart, .number, .number, .string, .true, .false, .null,
             .objectStart, .objectEnd, .arrayStart, .arrayEnd, .arrayEnd, .objectEnd, .end]
        )
        XCTAssertEqual(try tokens("42"), [.number, .end])
        XCTAssertEqual(try tokens(#""s""#), [.string, .end])
    }

    func testTokenRangesAndValues() throws {
        let data = bytes(#"{"k\u00e9y": "va\"l", "n": -12, "d": 0.5}"#)
        try data.withUnsafeBytes { raw in
            var s = JSONScanner(raw)
            XCTAssertEqual(try s.next(), .objectStart)
            XCTAssertEqual(try s.next(), .key)
            XCTAssertEqual(s.decodedString(), "kéy")
            XCTAssertTrue(s.stringHasEscapes)
            XCTAssertEqual(s.tokenStart, 1)
            XCTAssertEqual(s.tokenEnd, 11)
            XCTAssertEqual(try s.next(), .string)
            XCTAssertEqual(s.decodedString(), "va\"l")
            XCTAssertEqual(String(decoding: s.tokenBytes, as: UTF8.self), #""va\"l""#)
            XCTAssertEqual(try s.next(), .key)
            XCTAssertFalse(s.stringHasEscapes)
            XCTAssertTrue(s.stringEquals("n"))
            XCTAssertEqual(try s.next(), .number)
            XCTAssertEqual(s.intValue(), -12)
            XCTAssertEqual(s.doubleValue(), -12)
            XCTAssertEqual(try s.next(), .key)
            XCTAssertEqual(try s.next(), .number)
            XCTAssertNil(s.intValue())
            XCTAssertEqual(s.doubleValue(), 0.5)
            XCTAssertEqual(try s.next(), .objectEnd)
            XCTAssertEqual(try s.next(), .end)
            XCTAssertEqual(try s.next(), .end)
        }
    }

    func testAcceptsValidDocuments() {
        let valid = [
            "{}", "[]", " \t\r\n[ ]\n", "0", "-0", "0.0", "1e5", "1E+5", "1e-05", "-1.25E-3",
            "123456789012345678901234567890", #""""#, #""\/\\\"\b\f\n\r\t""#,
            #""\u0000\u001F\uFFFF""#, #""\ud83d\ude00""#, #""\ud800""#, #""\udc00x\ud800""#,
            "\"café ☕ 👋 \u{7F}\"", #"{"a":{"b":{"c":[[],[{}]]}}}"#, "[true,false,null]",
            #"{"a":1,"a":2}"#,
        ]
        for text in valid {
            XCTAssertNil(validationError(text), text)
        }
    }

    func testRejectsMalformedWithCodeAndOffset() {
        let cases: [(String, JSONError.Code, Int)] = [
            ("", .unexpectedEnd, 0),
            ("   ", .unexpectedEnd, 3),
            ("{", .unexpectedEnd, 1),
            (#"{"a":1"#, .unexpectedEnd, 6),
            (#"{"a":"#, .unexpectedEnd, 5),
            (#"{"a""#, .unexpectedEnd, 4),
            ("[1,", .unexpectedEnd, 3),
            (#"{"a":1}x"#, .trailingData, 7),
            (#"{"a":1} {}"#, .trailingData, 8),
            ("1 2", .trailingData, 2),
            (#"{"a" 1}"#, .unexpectedByte, 5),
            (#"{"a":1,}"#, .unexpectedByte, 7),
            (#"{,}"#, .unexpectedByte, 1),
            ("[1,]", .unexpectedByte, 3),
            ("[1 2]", .unexpectedByte, 3),
            ("{a:1}", .unexpectedByte, 1),
            ("[1}", .unexpectedByte, 2),
            (#"{"a":1]"#, .unexpectedByte, 6),
            ("'a'", .unexpectedByte, 0),
            ("+1", .unexpectedByte, 0),
            (".5", .unexpectedByte, 0),
            ("True", .unexpectedByte, 0),
            (#""\x""#, .invalidEscape, 1),
            (#""\U0041""#, .invalidEscape, 1),
            (#""\u12G4""#, .invalidUnicodeEscape, 5),
            (#""\u12""#, .invalidUnicodeEscape, 5),
            (#""\u12"#, .unexpectedEnd, 5),
            (#""abc"#, .unexpectedEnd, 4),
            (#""abc\"#, .unexpectedEnd, 5),
            ("\"a\nb\"", .controlCharacter, 2),
            ("\"a\tb\"", .controlCharacter, 2),
            ("\"\u{0}\"", .controlCharacter, 1),
            ("01", .leadingZero, 0),
            ("-01", .leadingZero, 1),
            ("[00]", .leadingZero, 1),
            ("-", .unexpectedEnd, 1),
            ("-a", .invalidNumber, 1),
            ("1.", .unexpectedEnd, 2),
            ("1.e5", .invalidNumber, 2),
            ("1e", .unexpectedEnd, 2),
            ("1e+", .unexpectedEnd, 3),
            ("[1e]", .invalidNumber, 3),
            ("[-]", .invalidNumber, 2),
            ("tru", .unexpectedEnd, 3),
            ("trux", .invalidLiteral, 0),
            ("[nul]", .invalidLiteral, 1),
            ("nulll", .trailingData, 4),
        ]
        for (input, code, offset) in cases {
            let error = validationError(input)
            XCTAssertEqual(error?.code, code, "\(input.debugDescription): \(String(describing: error))")
            XCTAssertEqual(error?.offset, offset, "\(input.debugDescription): \(String(describing: error))")
        }
    }

    func testRejectsInvalidUTF8InStrings() {
        let cases: [([UInt8], JSONError.Code, Int)] = [
            ([0x22, 0xC0, 0x80, 0x22], .invalidUTF8, 1), // overlong NUL
            ([0x22, 0xC1, 0xBF, 0x22], .invalidUTF8, 1), // overlong
            ([0x22, 0xE0, 0x80, 0x80, 0x22], .invalidUTF8, 1), // overlong 3-byte
            ([0x22, 0xF0, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, 1), // overlong 4-byte
            ([0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, 1), // encoded surrogate U+D800
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, 1), // above U+10FFFF
            ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, 1),
            ([0x22, 0x80, 0x22], .invalidUTF8, 1), // stray continuation
            ([0x22, 0x61, 0xE2, 0x82, 0x22], .invalidUTF8, 2), // truncated sequence
            ([0x22, 0xFF, 0x22], .invalidUTF8, 1),
            ([0x22, 0xE2, 0x82], .unexpectedEnd, 3),
            // Past the eight-byte fast path too.
            (bytes("\"abcdefghijklmnop") + [0xC3, 0x28, 0x22], .invalidUTF8, 17),
        ]
        for (input, code, offset) in cases {
            let error = validationError(input)
            XCTAssertEqual(error?.code, code, "\(input)")
            XCTAssertEqual(error?.offset, offset, "\(input)")
        }
        // Boundary scalars are fine: U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF.
        for scalar: UInt32 in [0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF] {
            let text = "\"" + String(Unicode.Scalar(scalar)!) + "\""
            XCTAssertNil(validationError(text), String(scalar, radix: 16))
        }
    }

    func testFastPathFindsSpecialBytesAtEveryPosition() {
        // Put a quote, backslash escape, control byte or multi-byte char at each lane of the 8-byte path.
        for position in 0 ..< 20 {
            let prefix = String(repeating: "a", count: position)
            XCTAssertNil(validationError("[\"\(prefix)\"]"))
            XCTAssertNil(validationError("[\"\(prefix)\\n12345678\"]"))
            XCTAssertNil(validationError("[\"\(prefix)é1234567890\"]"))
            XCTAssertEqual(validationError("[\"\(prefix)\u{1}1234567890\"]")?.offset, 2 + position)
            XCTAssertEqual(validationError("[\"\(prefix)\u{1F}1234567890\"]")?.code, .controlCharacter)
        }
    }

    func testDepthLimit() {
        let ok = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        XCTAssertNil(validationError(ok))
        let deep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        XCTAssertEqual(validationError(deep)?.code, .tooDeep)
        XCTAssertEqual(validationError(deep)?.offset, 128)
        let objects = String(repeating: #"{"a":"#, count: 129) + "1" + String(repeating: "}", count: 129)
        XCTAssertEqual(validationError(objects)?.code, .tooDeep)
        XCTAssertEqual(validationError(bytes("[[[]]]"), maxDepth: 2)?.code, .tooDeep)
        // A very deep document fails fast instead of recursing.
        XCTAssertEqual(validationError(String(repeating: "[", count: 100_000))?.code, .tooDeep)
    }

    func testMixedContainersCloseInOrder() {
        // Bit stack words change at 64; exercise object/array alternation across it.
        var open = ""
        var close = ""
        for level in 0 ..< 120 {
            if level % 3 == 0 {
                open += #"{"k":"#
                close = "}" + close
            } else {
                open += "["
                close = "]" + close
            }
        }
        XCTAssertNil(validationError(open + "0" + close))
        XCTAssertNotNil(validationError(open + "0" + String(close.reversed())))
    }

    func testSkipContainer() throws {
        let data = bytes(#"{"skip":{"x":[1,{"y":2}]},"next":3}"#)
        try data.withUnsafeBytes { raw in
            var s = JSONScanner(raw)
            _ = try s.next()
            _ = try s.next()
            XCTAssertEqual(try s.next(), .objectStart)
            let start = s.tokenStart
            try s.skipContainer()
            XCTAssertEqual(String(decoding: raw[start ..< s.tokenEnd], as: UTF8.self), #"{"x":[1,{"y":2}]}"#)
            XCTAssertEqual(try s.next(), .key)
            XCTAssertTrue(s.stringEquals("next"))
        }
    }

    func testIntegerConversion() throws {
        func int(_ text: String) throws -> Int? {
            try bytes(text).withUnsafeBytes { raw in
                var s = JSONScanner(raw)
                _ = try s.next()
                return s.intValue()
            }
        }
        XCTAssertEqual(try int("9223372036854775807"), Int.max)
        XCTAssertEqual(try int("-9223372036854775808"), Int.min)
        XCTAssertNil(try int("9223372036854775808"))
        XCTAssertNil(try int("-9223372036854775809"))
        XCTAssertEqual(try int("-0"), 0)
        XCTAssertNil(try int("1e2"))
    }

    func testStringEqualsWithEscapes() throws {
        let data = bytes(#"["mo\u0064el", "\u006d\u006f\u0064\u0065\u006c", "model", "models", "mode"]"#)
        try data.withUnsafeBytes { raw in
            var s = JSONScanner(raw)
            _ = try s.next()
            let expected = [true, true, true, false, false]
            for match in expected {
                XCTAssertEqual(try s.next(), .string)
                XCTAssertEqual(s.stringEquals("model"), match, s.decodedString())
            }
        }
    }
}
