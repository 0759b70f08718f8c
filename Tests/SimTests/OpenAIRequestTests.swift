import XCTest
@testable import Sim

final class OpenAIRequestTests: XCTestCase {
    func testDecodesTheFieldsTheSimulatorUses() throws {
        let request = try OpenAIDialect.decodeChat(body("""
            {"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"max_tokens":50,
             "max_completion_tokens":20,"temperature":0.2,
             "messages":[{"role":"system","content":"Be brief."},
                         {"role":"user","content":[{"type":"text","text":"Hi"},{"type":"image_url","image_url":{"url":"x"}},
                                                   {"type":"text","text":"there"}]},
                         {"role":"assistant","content":null,"tool_calls":[]}]}
            """))
        XCTAssertEqual(request.model, "gpt-4o")
        XCTAssertTrue(request.stream)
        XCTAssertTrue(request.includeUsage)
        XCTAssertEqual(request.maxTokens, 20, "the smaller of the two limits")
        XCTAssertEqual(request.messages, [.init(role: "system", text: "Be brief."),
                                          .init(role: "user", text: "Hi\nthere"),
                                          .init(role: "assistant", text: "")])
    }

    func testNullOptionalFieldsReadAsAbsent() throws {
        let request = try OpenAIDialect.decodeChat(body("""
            {"model":"m","messages":[{"role":"user","content":"x"}],"stream":null,"stream_options":null,"max_tokens":null}
            """))
        XCTAssertFalse(request.stream)
        XCTAssertFalse(request.includeUsage)
        XCTAssertNil(request.maxTokens)
    }

    func testMalformedJSONIsA400WithoutParam() {
        for text in ["{", "not json", "{\"model\":\"m\",}", "[1,2]", ""] {
            let error = decodeError(text)
            XCTAssertEqual(error?.code, .malformedJSON, text)
            XCTAssertEqual(error?.status, 400)
            XCTAssertNil(error?.param)
        }
    }

    func testMissingModelOrMessagesNamesTheParam() {
        XCTAssertEqual(decodeError(#"{"messages":[{"role":"user","content":"x"}]}"#)?.param, "model")
        XCTAssertEqual(decodeError(#"{"model":null,"messages":[]}"#)?.param, "model")
        let messages = decodeError(#"{"model":"m"}"#)
        XCTAssertEqual(messages?.param, "messages")
        XCTAssertEqual(messages?.code, .missingParameter)
        XCTAssertEqual(messages?.status, 400)
    }

    func testInvalidValuesNameTheParam() {
        let cases: [(String, String)] = [
            (#"{"model":"m","messages":[]}"#, "messages"),
            (#"{"model":"m","messages":"hi"}"#, "messages"),
            (#"{"model":"m","messages":[42]}"#, "messages[0]"),
            (#"{"model":"m","messages":[{"content":"x"}]}"#, "messages[0].role"),
            (#"{"model":"m","messages":[{"role":"user","content":5}]}"#, "messages[0].content"),
            (#"{"model":7,"messages":[{"role":"user","content":"x"}]}"#, "model"),
            (#"{"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":0}"#, "max_tokens"),
            (#"{"model":"m","messages":[{"role":"user","content":"x"}],"max_completion_tokens":"9"}"#,
             "max_completion_tokens"),
            (#"{"model":"m","messages":[{"role":"user","content":"x"}],"stream":"yes"}"#, "stream"),
            (#"{"model":"m","messages":[{"role":"user","content":"x"}],"stream_options":{"include_usage":true}}"#,
             "stream_options"),
        ]
        for (text, param) in cases {
            let error = decodeError(text)
            XCTAssertEqual(error?.status, 400, text)
            XCTAssertEqual(error?.param, param, text)
        }
    }
}
