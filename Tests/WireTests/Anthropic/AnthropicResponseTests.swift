import XCTest
import Wire

final class AnthropicResponseTests: XCTestCase {
    func testDecodesMessageAndSumsCacheIntoPromptTokens() throws {
        let response = try AnthropicResponseDecoder.decode(Array(AnthropicFixtures.message.utf8))
        XCTAssertEqual(response.id, "msg_01XFDUDYJgAACzvnptvVoYEL")
        XCTAssertEqual(response.model, "claude-sonnet-4-5-20250929")
        XCTAssertEqual(response.stopReason, .toolUse)
        XCTAssertEqual(response.parts, [
            .thinking(text: "Paris first.", signature: "WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve"),
            .text("I'll look that up."),
            .toolCall(id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather", arguments: #"{"location":"Paris, France"}"#),
        ])
        XCTAssertEqual(response.usage, Usage(promptTokens: 50 + 200 + 1800, completionTokens: 84, cachedTokens: 1800,
                                             cacheCreationTokens: 200))
        XCTAssertEqual(response.usage.totalTokens, 2134)
    }

    func testEncodesAnthropicsMessageObjectExactly() throws {
        let response = try AnthropicResponseDecoder.decode(Array(AnthropicFixtures.message.utf8))
        let encoded = try AnthropicResponseEncoder.encode(response)
        let object = try JSONValue.parse(encoded)
        XCTAssertEqual(object.object?.keys, ["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"])
        XCTAssertEqual(object, try JSONValue.parse(AnthropicFixtures.message), "the fixture round-trips exactly")
        XCTAssertEqual(object["usage"]?.object?.keys, ["input_tokens", "cache_creation_input_tokens",
                                                       "cache_read_input_tokens", "output_tokens"])
        XCTAssertEqual(try AnthropicResponseDecoder.decode(encoded), response)
    }

    func testCountsNoCallCouldHaveAreBoundedSoTheirSumsCannotOverflow() throws {
        // Input plus cache reads used to overflow `Int` and trap on an upstream's bytes.
        let body = #"{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":"end_turn","usage":{"input_tokens":9223372036854775807,"cache_read_input_tokens":1,"output_tokens":-3}}"#
        let response = try AnthropicResponseDecoder.decode(Array(body.utf8))
        XCTAssertEqual(response.usage, Usage(promptTokens: (1 << 40) + 1, completionTokens: 0, cachedTokens: 1))
        // A negative count read from another dialect made `input_tokens` overflow on the way out.
        let openAI = #"{"choices":[{"message":{"content":"x"},"finish_reason":"stop"}],"usage":{"prompt_tokens":-9223372036854775808,"prompt_tokens_details":{"cached_tokens":1}}}"#
        let encoded = try JSONValue.parse(AnthropicResponseEncoder.encode(OpenAIResponseDecoder.decode(Array(openAI.utf8))))
        XCTAssertEqual(encoded["usage"]?["input_tokens"], 0)
    }

    func testEncodesAResponseFromAnotherDialect() throws {
        let response = ChatResponse(id: "chatcmpl-abc", model: "gpt-4o-mini", parts: [
            .thinking(text: "hmm", signature: nil),
            AnthropicRedactedThinking.part(data: "xyz"),
            .text("Hi"),
            .toolCall(id: "call_1", name: "f", arguments: ""),
        ], stopReason: .maxTokens, usage: Usage(promptTokens: 100, completionTokens: 7, cachedTokens: 64))
        let object = try JSONValue.parse(AnthropicResponseEncoder.encode(response))
        XCTAssertEqual(object, [
            "id": "msg_chatcmpl-abc", "type": "message", "role": "assistant", "model": "gpt-4o-mini",
            "content": [
                ["type": "thinking", "thinking": "hmm", "signature": ""],
                ["type": "redacted_thinking", "data": "xyz"],
                ["type": "text", "text": "Hi"],
                ["type": "tool_use", "id": "call_1", "name": "f", "input": [:]],
            ],
            "stop_reason": "max_tokens", "stop_sequence": nil,
            "usage": ["input_tokens": 36, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 64,
                      "output_tokens": 7],
        ])
        let broken = ChatResponse(id: "x", model: "m", parts: [.toolCall(id: "c", name: "f", arguments: "{\"a\":")],
                                  stopReason: .toolUse, usage: Usage())
        XCTAssertThrowsError(try AnthropicResponseEncoder.encode(broken)) { error in
            XCTAssertEqual((error as? AnthropicCodecError)?.code, .invalidToolArguments)
        }
    }

    func testRejectsWhatIsNotAMessage() {
        XCTAssertThrowsError(try AnthropicResponseDecoder.decode(Array(#"{"type":"error","error":{"type":"api_error","message":"x"}}"#.utf8)))
        XCTAssertThrowsError(try AnthropicResponseDecoder.decode(Array("nope".utf8)))
    }

    func testStopReasonTable() {
        let table: [(String, StopReason, String)] = [
            ("end_turn", .endTurn, "end_turn"), ("max_tokens", .maxTokens, "max_tokens"),
            ("stop_sequence", .stopSequence, "stop_sequence"), ("tool_use", .toolUse, "tool_use"),
            ("refusal", .contentFilter, "refusal"), ("pause_turn", .other, "pause_turn"),
            ("model_context_window_exceeded", .maxTokens, "max_tokens"), ("something_new", .other, "pause_turn"),
        ]
        for (wire, canonical, back) in table {
            XCTAssertEqual(AnthropicStopReason.decode(wire), canonical, wire)
            XCTAssertEqual(AnthropicStopReason.encode(canonical), back, wire)
        }
        XCTAssertEqual(AnthropicStopReason.decode(nil), .other)
    }

    func testUsageTable() throws {
        let table: [(JSONValue, Usage)] = [
            (["input_tokens": 10, "output_tokens": 5], Usage(promptTokens: 10, completionTokens: 5)),
            (["input_tokens": 10, "cache_read_input_tokens": 90, "output_tokens": 5],
             Usage(promptTokens: 100, completionTokens: 5, cachedTokens: 90)),
            (["input_tokens": 3, "cache_creation_input_tokens": 1000, "cache_read_input_tokens": 0, "output_tokens": 1],
             Usage(promptTokens: 1003, completionTokens: 1, cacheCreationTokens: 1000)),
            (["input_tokens": 1, "cache_creation_input_tokens": nil, "cache_read_input_tokens": nil, "output_tokens": 9,
              "output_tokens_details": ["thinking_tokens": 6]],
             Usage(promptTokens: 1, completionTokens: 9, reasoningTokens: 6)),
        ]
        for (json, usage) in table {
            XCTAssertEqual(Usage(anthropic: json), usage, json.jsonText)
            var writer = JSONWriter()
            usage.writeAnthropic(to: &writer)
            let back = try JSONValue.parse(writer.bytes)
            XCTAssertEqual(back["input_tokens"], json["input_tokens"], "input_tokens excludes the cache again")
            XCTAssertEqual(Usage(anthropic: back)?.promptTokens, usage.promptTokens)
        }
        XCTAssertNil(Usage(anthropic: "x"))
        XCTAssertEqual(Usage(promptTokens: 5, cachedTokens: 9).anthropicInputTokens, 0, "never negative")
    }
}
