import XCTest
import Wire

final class OpenAIResponseCodecTests: XCTestCase {
    private func decode(_ json: String) throws -> ChatResponse {
        try OpenAIResponseDecoder.decode(Array(json.utf8))
    }

    func testDecodesTextCompletion() throws {
        let response = try decode(OpenAIFixtures.textCompletion)
        XCTAssertEqual(response, ChatResponse(
            id: "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", model: "gpt-4.1-2025-04-14",
            parts: [.text("Hello! How can I assist you today?")], stopReason: .endTurn,
            usage: Usage(promptTokens: 19, completionTokens: 10, totalTokens: 29)))
    }

    func testDecodesToolCallsAndUsageDetails() throws {
        let response = try decode(OpenAIFixtures.toolCompletion)
        XCTAssertEqual(response.parts, [
            .toolCall(id: "call_abc123", name: "get_current_weather", arguments: "{\n\"location\": \"Boston, MA\"\n}"),
            .toolCall(id: "call_def456", name: "get_current_weather", arguments: #"{"location": "Paris"}"#),
        ])
        XCTAssertEqual(response.stopReason, .toolUse)
        XCTAssertEqual(response.usage, OpenAIFixtures.sampleUsage)
    }

    func testCompatibleServerQuirks() throws {
        // Reasoning as `reasoning_content`, tool calls reported with `stop`, no usage, a refusal.
        let response = try decode(#"""
        {"id":"x","model":"deepseek-reasoner","choices":[{"index":0,"message":{"role":"assistant",
         "reasoning_content":"think","content":"ok","refusal":"no",
         "tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"stop"}]}
        """#)
        XCTAssertEqual(response.parts, [.thinking(text: "think", signature: nil), .text("ok"), .text("no"),
                                        .toolCall(id: "c", name: "f", arguments: "{}")])
        XCTAssertEqual(response.stopReason, .toolUse)
        XCTAssertEqual(response.usage, Usage())
    }

    func testReasoningUnderItsOtherName() throws {
        let response = try decode(#"""
        {"id":"x","model":"openrouter/deepseek-r1","choices":[{"index":0,"message":{"role":"assistant",
         "content":"ok","reasoning":"think","reasoning_content":null},"finish_reason":"stop"}]}
        """#)
        XCTAssertEqual(response.parts, [.thinking(text: "think", signature: nil), .text("ok")])
    }

    func testDecodeErrors() {
        let cases: [(String, OpenAIDecodeError.Code)] = [
            ("{", .malformedJSON),
            ("[]", .malformedJSON),
            (#"{"id":"x","choices":[]}"#, .missingField),
            (#"{"error":{"message":"boom","type":"server_error"}}"#, .invalidValue),
        ]
        for (body, code) in cases {
            XCTAssertThrowsError(try decode(body), body) { error in
                XCTAssertEqual((error as? OpenAIDecodeError)?.code, code, body)
            }
        }
    }

    func testEncodesExactlyOpenAIsShape() {
        let response = ChatResponse(
            id: "chatcmpl-1", model: "gpt-4o",
            parts: [.thinking(text: "hidden", signature: "s"), .text("Hi \"there\"")],
            stopReason: .endTurn, usage: Usage(promptTokens: 10, completionTokens: 5, cachedTokens: 4, reasoningTokens: 2))
        XCTAssertEqual(OpenAIFixtures.text(OpenAIResponseEncoder.encode(response, created: 1_700_000_000)), #"""
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"Hi \"there\"","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":2}}}
        """#)
    }

    func testEncodesToolCallsWithNullContent() throws {
        let response = ChatResponse(id: "c", model: "m",
                                    parts: [.toolCall(id: "call_1", name: "f", arguments: #"{"a":1}"#)],
                                    stopReason: .toolUse, usage: Usage())
        let body = try JSONValue.parse(OpenAIResponseEncoder.encode(response, created: 1))
        let message = body["choices"]?[0]?["message"]
        XCTAssertEqual(message?["content"], .null)
        XCTAssertEqual(message?["refusal"], .null)
        XCTAssertEqual(message?["tool_calls"], [["id": "call_1", "type": "function",
                                                 "function": ["name": "f", "arguments": #"{"a":1}"#]]])
        XCTAssertEqual(body["choices"]?[0]?["finish_reason"], "tool_calls")
        // An answer with neither text nor calls has empty, not null, content.
        let empty = ChatResponse(id: "c", model: "m", parts: [], stopReason: .maxTokens, usage: Usage())
        XCTAssertEqual(try JSONValue.parse(OpenAIResponseEncoder.encode(empty, created: 1))["choices"]?[0]?["message"]?["content"], "")
    }

    func testRoundTripsThroughTheEncoder() throws {
        for fixture in [OpenAIFixtures.textCompletion, OpenAIFixtures.toolCompletion] {
            let response = try decode(fixture)
            XCTAssertEqual(try OpenAIResponseDecoder.decode(OpenAIResponseEncoder.encode(response, created: 5)), response)
        }
    }

    func testFinishReasonTable() {
        let decoding: [(String?, Bool, StopReason)] = [
            ("stop", false, .endTurn), ("stop", true, .toolUse), ("length", false, .maxTokens),
            ("tool_calls", true, .toolUse), ("function_call", false, .toolUse),
            ("content_filter", false, .contentFilter), ("insufficient_system_resource", false, .other), (nil, false, .other),
        ]
        for (reason, calls, expected) in decoding {
            XCTAssertEqual(StopReason(openAIFinishReason: reason, sawToolCalls: calls), expected, "\(reason ?? "nil")")
        }
        let encoding: [(StopReason, String)] = [
            (.endTurn, "stop"), (.stopSequence, "stop"), (.maxTokens, "length"), (.toolUse, "tool_calls"),
            (.contentFilter, "content_filter"), (.other, "stop"),
        ]
        for (reason, expected) in encoding {
            XCTAssertEqual(reason.openAIFinishReason, expected)
        }
    }

    func testUsageMappingKeepsCachedAndReasoningTokens() throws {
        let response = ChatResponse(id: "c", model: "m", parts: [.text("x")], stopReason: .endTurn,
                                    usage: Usage(promptTokens: 100, completionTokens: 50, cachedTokens: 60,
                                                 reasoningTokens: 30, cacheCreationTokens: 10))
        let usage = try JSONValue.parse(OpenAIResponseEncoder.encode(response, created: 0))["usage"]
        XCTAssertEqual(usage, ["prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150,
                               "prompt_tokens_details": ["cached_tokens": 60],
                               "completion_tokens_details": ["reasoning_tokens": 30]])
    }
}
