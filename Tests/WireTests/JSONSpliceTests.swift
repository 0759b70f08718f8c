import Foundation
import XCTest
import Wire

final class JSONSpliceTests: XCTestCase {
    /// Applies `edit` to `body` after scanning it, checks the result is valid JSON, returns it as text.
    private func splice(_ body: String, _ edit: (inout JSONSplice, RequestFields) -> Void) throws -> String {
        let original = bytes(body)
        let fields = try RequestFields.scan(original)
        var splice = JSONSplice()
        edit(&splice, fields)
        let out = splice.apply(to: original)
        XCTAssertNil(validationError(out), String(decoding: out, as: UTF8.self))
        XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(out)), String(decoding: out, as: UTF8.self))
        return String(decoding: out, as: UTF8.self)
    }

    func testReplaceModelKeepsEverythingElseVerbatim() throws {
        let body = #"{ "model" : "auto",  "messages":[{"model":"keep"}] ,"stream":true }"#
        let out = try splice(body) { s, f in s.setModel("gpt-4o-mini", in: f) }
        XCTAssertEqual(out, #"{ "model" : "gpt-4o-mini",  "messages":[{"model":"keep"}] ,"stream":true }"#)
    }

    func testReplaceModelEscapesTheNewName() throws {
        let out = try splice(#"{"model":"x"}"#) { s, f in s.setModel("we\"ird\\né-👋\n", in: f) }
        XCTAssertEqual(out, #"{"model":"we\"ird\\né-👋\n"}"#)
        XCTAssertEqual(try RequestFields.scan(bytes(out)).model, "we\"ird\\né-👋\n")
    }

    func testReplaceEscapedModel() throws {
        let out = try splice(#"{"mo\u0064el":"\u0061uto"}"#) { s, f in s.setModel("m", in: f) }
        XCTAssertEqual(out, #"{"mo\u0064el":"m"}"#)
    }

    func testInsertModelWhenMissing() throws {
        XCTAssertEqual(try splice("{}") { s, f in s.setModel("m", in: f) }, #"{"model":"m"}"#)
        XCTAssertEqual(try splice(#"{"a":1 }"#) { s, f in s.setModel("m", in: f) }, #"{"a":1 ,"model":"m"}"#)
    }

    func testRequestUsageInsertsStreamOptions() throws {
        XCTAssertEqual(
            try splice(#"{"model":"m","stream":true}"#) { s, f in s.requestUsage(in: f) },
            #"{"model":"m","stream":true,"stream_options":{"include_usage":true}}"#
        )
        XCTAssertEqual(
            try splice("{ }") { s, f in s.requestUsage(in: f) },
            #"{ "stream_options":{"include_usage":true}}"#
        )
    }

    func testRequestUsageKeepsOtherStreamOptions() throws {
        XCTAssertEqual(
            try splice(#"{"stream_options":{"x":[1,2]},"stream":true}"#) { s, f in s.requestUsage(in: f) },
            #"{"stream_options":{"include_usage":true,"x":[1,2]},"stream":true}"#
        )
        XCTAssertEqual(
            try splice(#"{"stream_options":{ }}"#) { s, f in s.requestUsage(in: f) },
            #"{"stream_options":{"include_usage":true }}"#
        )
        XCTAssertEqual(
            try splice(#"{"stream_options":{"a":1,"include_usage":false,"b":2}}"#) { s, f in s.requestUsage(in: f) },
            #"{"stream_options":{"a":1,"include_usage":true,"b":2}}"#
        )
        XCTAssertEqual(
            try splice(#"{"stream_options":{"include_usage":null}}"#) { s, f in s.requestUsage(in: f) },
            #"{"stream_options":{"include_usage":true}}"#
        )
        XCTAssertEqual(
            try splice(#"{"stream_options":null}"#) { s, f in s.requestUsage(in: f) },
            #"{"stream_options":{"include_usage":true}}"#
        )
    }

    func testRequestUsageIsNoOpWhenAlreadyOn() throws {
        let body = #"{"stream_options":{"include_usage":true}}"#
        let fields = try RequestFields.scan(bytes(body))
        var s = JSONSplice()
        s.requestUsage(in: fields)
        XCTAssertTrue(s.isEmpty)
        XCTAssertEqual(s.apply(to: bytes(body)), bytes(body))
    }

    func testModelAndUsageTogether() throws {
        let out = try splice(#"{"stream":true,"model":"auto"}"#) { s, f in
            s.requestUsage(in: f)
            s.setModel("claude-x", in: f)
        }
        XCTAssertEqual(out, #"{"stream":true,"model":"claude-x","stream_options":{"include_usage":true}}"#)
        // Two inserts into an empty object get exactly one comma between them.
        let empty = try splice("{}") { s, f in
            s.setModel("m", in: f)
            s.requestUsage(in: f)
        }
        XCTAssertEqual(empty, #"{"model":"m","stream_options":{"include_usage":true}}"#)
    }

    func testRealisticRequestRoundTrip() throws {
        let fields = try RequestFields.scan(sampleChatRequest)
        var s = JSONSplice()
        s.setModel("openai/gpt-4o-mini-2024-07-18", in: fields)
        s.requestUsage(in: fields)
        let out = s.apply(to: sampleChatRequest)
        let again = try RequestFields.scan(out)
        XCTAssertEqual(again.model, "openai/gpt-4o-mini-2024-07-18")
        XCTAssertTrue(again.includeUsage)
        // Everything else is unchanged, compared as parsed documents.
        var before = try JSONValue.parse(sampleChatRequest).object!
        var after = try JSONValue.parse(out).object!
        before["model"] = nil
        after["model"] = nil
        after["stream_options"] = nil
        XCTAssertEqual(before, after)
        // Byte-level: the body before the model value is identical.
        XCTAssertEqual(Array(out[..<fields.modelField!.range.lowerBound]),
                       Array(sampleChatRequest[..<fields.modelField!.range.lowerBound]))
    }

    func testGenericEditsApplyInOffsetOrder() {
        let original = bytes("0123456789")
        var s = JSONSplice()
        s.replace(7 ..< 9, with: .text("X"))
        s.insert(.bytes(bytes("<")), at: 2)
        s.insert(.text(">"), at: 2)
        s.replace(0 ..< 1, with: .jsonString("q"))
        XCTAssertEqual(String(decoding: s.apply(to: original), as: UTF8.self), #""q"1<>23456X9"#)
    }
}
