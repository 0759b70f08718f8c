import XCTest
import Wire

final class RequestFieldsTests: XCTestCase {
    private func scan(_ text: String) throws -> RequestFields {
        try RequestFields.scan(bytes(text))
    }

    private func slice(_ text: String, _ range: Range<Int>?) -> String? {
        range.map { String(decoding: bytes(text)[$0], as: UTF8.self) }
    }

    func testRealisticChatRequest() throws {
        let f = try RequestFields.scan(sampleChatRequest)
        let text = String(decoding: sampleChatRequest, as: UTF8.self)
        XCTAssertEqual(f.model, "gpt-4o-mini")
        XCTAssertEqual(slice(text, f.modelField?.range), #""gpt-4o-mini""#)
        XCTAssertEqual(f.modelField?.kind, .string)
        XCTAssertEqual(f.stream, true)
        XCTAssertEqual(f.maxTokens, 512)
        XCTAssertNil(f.maxCompletionTokens)
        XCTAssertNil(f.streamOptionsField)
        XCTAssertFalse(f.includeUsage)
        XCTAssertEqual(f.messagesField?.kind, .array)
        XCTAssertEqual(f.toolsField?.kind, .array)
        XCTAssertEqual(f.closingBrace, sampleChatRequest.count - 1)
        XCTAssertEqual(f.memberCount, 7)
        XCTAssertEqual(slice(text, f.messagesField?.range)?.first, "[")
        XCTAssertEqual(slice(text, f.messagesField?.range)?.last, "]")
    }

    func testNestedKeysAreNotTopLevel() throws {
        let text = #"{"messages":[{"model":"evil","stream":false}],"meta":{"model":"x","stream_options":{"include_usage":true}},"model":"real"}"#
        let f = try scan(text)
        XCTAssertEqual(f.model, "real")
        XCTAssertNil(f.streamField)
        XCTAssertNil(f.streamOptionsField)
        XCTAssertEqual(f.memberCount, 3)
        // Without a top-level model, nested ones still do not count.
        let g = try scan(#"{"messages":[{"model":"evil"}],"x":{"model":"y"}}"#)
        XCTAssertNil(g.modelField)
        XCTAssertNil(g.model)
    }

    func testKeysInsideStringsAreIgnored() throws {
        let f = try scan(#"{"content":"\"model\":\"evil\"","model":"good"}"#)
        XCTAssertEqual(f.model, "good")
    }

    func testEscapedKeysAndUnicodeValues() throws {
        let text = #"{"mo\u0064el":"mod\u00e8le-\ud83d\ude00","\u0073tream":true,"max\u005ftokens":7}"#
        let f = try scan(text)
        XCTAssertEqual(f.model, "modèle-😀")
        XCTAssertEqual(slice(text, f.modelField?.range), #""mod\u00e8le-\ud83d\ude00""#)
        XCTAssertEqual(f.stream, true)
        XCTAssertEqual(f.maxTokens, 7)
        let raw = try scan(#"{"model":"café-☕-👋"}"#)
        XCTAssertEqual(raw.model, "café-☕-👋")
    }

    func testFieldKindsAndNonMatchingTypes() throws {
        let f = try scan(#"{"model":null,"stream":"yes","max_tokens":1.5,"max_completion_tokens":99999999999999999999}"#)
        XCTAssertNil(f.model)
        XCTAssertEqual(f.modelField?.kind, .null)
        XCTAssertNil(f.stream)
        XCTAssertEqual(f.streamField?.kind, .string)
        XCTAssertNil(f.maxTokens)
        XCTAssertEqual(f.maxTokensField?.kind, .number)
        XCTAssertNil(f.maxCompletionTokens)
        XCTAssertEqual(f.maxCompletionTokensField?.kind, .number)
        let g = try scan(#"{"stream":false,"max_completion_tokens":64,"model":{"id":"x"}}"#)
        XCTAssertEqual(g.stream, false)
        XCTAssertEqual(g.maxCompletionTokens, 64)
        XCTAssertEqual(g.modelField?.kind, .object)
        XCTAssertNil(g.model)
    }

    func testStreamOptions() throws {
        let text = #"{"stream":true,"stream_options":{"other":[1,{"include_usage":false}],"include_usage":true}}"#
        let f = try scan(text)
        XCTAssertTrue(f.includeUsage)
        XCTAssertEqual(f.streamOptionsMemberCount, 2)
        XCTAssertEqual(slice(text, f.includeUsageField?.range), "true")
        XCTAssertEqual(slice(text, f.streamOptionsField?.range), #"{"other":[1,{"include_usage":false}],"include_usage":true}"#)

        let off = try scan(#"{"stream_options":{"include_usage":false}}"#)
        XCTAssertFalse(off.includeUsage)
        XCTAssertEqual(off.includeUsageField?.kind, .bool)

        let missing = try scan(#"{"stream_options":{}}"#)
        XCTAssertFalse(missing.includeUsage)
        XCTAssertNil(missing.includeUsageField)
        XCTAssertEqual(missing.streamOptionsMemberCount, 0)

        let notObject = try scan(#"{"stream_options":null}"#)
        XCTAssertEqual(notObject.streamOptionsField?.kind, .null)
        XCTAssertFalse(notObject.includeUsage)
    }

    func testClosingBraceAndEmptyObject() throws {
        let f = try scan(" { } \n")
        XCTAssertEqual(f.closingBrace, 3)
        XCTAssertEqual(f.memberCount, 0)
        let g = try scan(#"{"a":{"b":1}}"#)
        XCTAssertEqual(g.closingBrace, 12)
    }

    func testDuplicateTrackedKeysAreRejected() {
        for text in [
            #"{"model":"a","model":"b"}"#,
            #"{"model":"a","mo\u0064el":"b"}"#,
            #"{"stream":true,"x":1,"stream":false}"#,
            #"{"stream_options":{"include_usage":false,"include_usage":true}}"#,
        ] {
            XCTAssertThrowsError(try scan(text), text) { error in
                XCTAssertEqual((error as? JSONError)?.code, .duplicateKey)
            }
        }
        // Untracked duplicates are legal JSON and pass.
        XCTAssertNoThrow(try scan(#"{"temperature":1,"temperature":2}"#))
    }

    func testRejectsNonObjectsAndMalformedBodies() {
        let cases: [(String, JSONError.Code, Int)] = [
            ("[]", .notAnObject, 0),
            (#" "model""#, .notAnObject, 1),
            ("", .unexpectedEnd, 0),
            (#"{"model":"gpt"#, .unexpectedEnd, 13),
            (#"{"model":"gpt"}}"#, .trailingData, 15),
            (#"{"model":"gpt"} x"#, .trailingData, 16),
            (#"{"model":"g\qt"}"#, .invalidEscape, 11),
            (#"{"max_tokens":012}"#, .leadingZero, 14),
        ]
        for (input, code, offset) in cases {
            do {
                _ = try RequestFields.scan(bytes(input))
                XCTFail("accepted \(input)")
            } catch {
                XCTAssertEqual(error.code, code, input)
                XCTAssertEqual(error.offset, offset, input)
            }
        }
    }

    func testSliceInputUsesSliceOffsets() throws {
        let padded = bytes(#"xx{"model":"m"}"#)
        let f = try RequestFields.scan(padded[2...])
        XCTAssertEqual(f.modelField?.range, 9 ..< 12)
        XCTAssertEqual(f.model, "m")
    }

    func testSkippedMembersAreValidatedLikeTheTokenWalk() {
        let ok = #"{"messages":"# + String(repeating: "[", count: 127) + String(repeating: "]", count: 127) + "}"
        XCTAssertNoThrow(try scan(ok))
        let malformed = [
            #"{"messages":"# + String(repeating: "[", count: 128) + String(repeating: "]", count: 128) + "}",
            #"{"messages":[{"role":"user","content":"a"},]}"#,
            #"{"messages":[{"role":"user" "content":"a"}]}"#,
            #"{"messages":[{"role":"user","content":"a"]}"#,
            #"{"tools":[{"x":[1,2,{"y":tru}]}]}"#,
            #"{"tools":{"a":"\u12x4"}}"#,
            #"{"messages":[1,2"#,
            #"{"messages":{"#,
            #"{"messages":{"a""#,
        ]
        for text in malformed {
            let expected = validationError(text)
            XCTAssertNotNil(expected, text)
            XCTAssertThrowsError(try scan(text), text) { error in
                XCTAssertEqual(error as? JSONError, expected, text)
            }
        }
    }
}
