import XCTest
import Wire

final class ResponsesResponseDecoderTests: XCTestCase {
    private func decode(_ json: String) throws -> ChatResponse {
        try ResponsesResponseDecoder.decode(Array(json.utf8))
    }

    private func error(_ json: String) -> OpenAIDecodeError? {
        do {
            _ = try decode(json)
            return nil
        } catch {
            return error as? OpenAIDecodeError
        }
    }

    private let usage = #"""
        {"input_tokens":120,"input_tokens_details":{"cached_tokens":100,"cache_write_tokens":4},\#
        "output_tokens":50,"output_tokens_details":{"reasoning_tokens":30},"total_tokens":170}
        """#

    func testTextWithReasoningAndUsage() throws {
        let response = try decode(#"""
            {"id":"resp_1","object":"response","created_at":1,"status":"completed","error":null,"incomplete_details":null,
             "model":"o3-pro-2025-06-10","output":[
              {"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"**Plan**"},{"type":"summary_text","text":"Then answer."}],
               "encrypted_content":"gAAAAABenc"},
              {"id":"msg_1","type":"message","status":"completed","role":"assistant",
               "content":[{"type":"output_text","text":"Hello","annotations":[]},{"type":"output_text","text":" there.","annotations":[]}]}],
             "usage":USAGE}
            """#.replacingOccurrences(of: "USAGE", with: usage))
        XCTAssertEqual(response, ChatResponse(
            id: "resp_1", model: "o3-pro-2025-06-10",
            parts: [.thinking(text: "**Plan**\n\nThen answer.", signature: "gAAAAABenc"), .text("Hello there.")],
            stopReason: .endTurn,
            usage: Usage(promptTokens: 120, completionTokens: 50, totalTokens: 170, cachedTokens: 100,
                         reasoningTokens: 30, cacheCreationTokens: 4)))
    }

    func testFunctionCallsMeanToolUse() throws {
        let response = try decode(#"""
            {"id":"resp_2","status":"completed","model":"codex-mini","output":[
              {"id":"rs_2","type":"reasoning","summary":[]},
              {"id":"fc_1","type":"function_call","status":"completed","call_id":"call_a","name":"f","arguments":"{\"x\":1}"},
              {"id":"fc_2","type":"function_call","status":"completed","name":"g","arguments":""},
              {"id":"ws_1","type":"web_search_call","status":"completed"}]}
            """#)
        XCTAssertEqual(response.parts, [
            .toolCall(id: "call_a", name: "f", arguments: #"{"x":1}"#),
            .toolCall(id: "fc_2", name: "g", arguments: ""),
        ])
        XCTAssertEqual(response.stopReason, .toolUse)
        XCTAssertEqual(response.usage, Usage())
    }

    func testRefusalIsText() throws {
        let response = try decode(#"""
            {"id":"r","status":"completed","model":"m","output":[{"type":"message","role":"assistant",
             "content":[{"type":"refusal","refusal":"I can't help with that."}]}]}
            """#)
        XCTAssertEqual(response.parts, [.text("I can't help with that.")])
        XCTAssertEqual(response.stopReason, .endTurn)
    }

    func testIncompleteReasons() throws {
        let table: [(String, StopReason)] = [("max_output_tokens", .maxTokens), ("content_filter", .contentFilter),
                                             ("max_messages", .other)]
        for (reason, stop) in table {
            let response = try decode(#"""
                {"id":"r","status":"incomplete","incomplete_details":{"reason":"REASON"},"model":"m",
                 "output":[{"id":"rs","type":"reasoning","summary":[]}],"usage":{"input_tokens":5,"output_tokens":16}}
                """#.replacingOccurrences(of: "REASON", with: reason))
            XCTAssertEqual(response.stopReason, stop, reason)
            XCTAssertEqual(response.parts, [], "a reasoning model can spend the whole budget thinking")
            XCTAssertEqual(response.usage, Usage(promptTokens: 5, completionTokens: 16))
        }
    }

    func testRawReasoningTextWhenThereIsNoSummary() throws {
        let response = try decode(#"""
            {"id":"r","status":"completed","model":"gpt-oss","output":[{"type":"reasoning","summary":[],
             "content":[{"type":"reasoning_text","text":"thinking..."}]}]}
            """#)
        XCTAssertEqual(response.parts, [.thinking(text: "thinking...", signature: nil)])
    }

    func testCountsNoCallCouldHaveAreBoundedSoTheirSumsCannotOverflow() throws {
        // Input plus output used to overflow `Int` and trap on an upstream's bytes.
        let response = try decode(#"""
            {"id":"r","status":"completed","model":"m","output":[],
             "usage":{"input_tokens":9223372036854775807,"output_tokens":1,"input_tokens_details":{"cached_tokens":-1}}}
            """#)
        XCTAssertEqual(response.usage, Usage(promptTokens: 1 << 40, completionTokens: 1, cachedTokens: 0))
    }

    func testFailuresAndShapeErrors() {
        XCTAssertEqual(error(#"{"id":"r","status":"failed","error":{"code":"server_error","message":"x"},"output":[]}"#)?.param, "error")
        XCTAssertEqual(error(#"{"id":"r","status":"in_progress","error":null,"output":[]}"#)?.param, "status")
        XCTAssertEqual(error(#"{"id":"r","status":"cancelled","output":[]}"#)?.param, "status")
        XCTAssertEqual(error(#"{"id":"r","status":"completed"}"#)?.code, .missingField)
        XCTAssertEqual(error(#"{"id":"r","status":"completed","output":{}}"#)?.code, .invalidType)
        XCTAssertEqual(error("[1]")?.code, .malformedJSON)
        XCTAssertEqual(error(#"{"id":"#)?.code, .malformedJSON)
    }
}
