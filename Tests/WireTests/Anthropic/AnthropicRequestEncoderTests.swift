import XCTest
import Wire

final class AnthropicRequestEncoderTests: XCTestCase {
    func testDecodedFixtureEncodesBackToTheSameRequest() throws {
        let original = try JSONValue.parse(AnthropicFixtures.request)
        let canonical = try AnthropicRequestDecoder.decode(original)
        let encoded = try JSONValue.parse(AnthropicRequestEncoder.encode(canonical))
        XCTAssertEqual(try AnthropicRequestDecoder.decode(encoded), canonical, "canonical round trip")
        // The encoder writes blocks where the fixture used strings, and drops the cache hint.
        XCTAssertEqual(encoded["system"], [["type": "text", "text": "You are a weather assistant."],
                                           ["type": "text", "text": "Be brief."]])
        XCTAssertEqual(encoded["messages"]?[1], original["messages"]?[1])
        XCTAssertEqual(encoded["messages"]?[4]?["content"]?[0], original["messages"]?[4]?["content"]?[0])
        for key in ["model", "max_tokens", "tools", "tool_choice", "stop_sequences", "temperature", "top_p",
                    "stream", "metadata", "thinking"] {
            XCTAssertEqual(encoded[key], original[key], key)
        }
    }

    func testConsecutiveTurnsMergeAndToolResultsComeFirst() throws {
        let request = ChatRequest(model: "claude-haiku-4-5", system: ["Be brief."], messages: [
            ChatMessage(role: .user, parts: [.text("Weather in Paris and Rome?")]),
            ChatMessage(role: .assistant, parts: [
                .toolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Paris"}"#),
                .toolCall(id: "call_2", name: "get_weather", arguments: ""),
            ]),
            ChatMessage(role: .user, parts: [.toolResult(id: "call_1", name: "get_weather", content: "15C", isError: false)]),
            ChatMessage(role: .user, parts: [.text("Also this:"), .image(.url("data:image/png;base64,iVBORw0K"))]),
            ChatMessage(role: .user, parts: [.toolResult(id: "call_2", name: nil, content: "boom", isError: true)]),
            ChatMessage(role: .assistant, parts: [.text("")]),
        ])
        let body = try encode(request)
        XCTAssertEqual(body["max_tokens"], 4096, "Anthropic requires max_tokens")
        XCTAssertEqual(body["system"], "Be brief.")
        XCTAssertNil(body["stream"])
        XCTAssertEqual(body["messages"], [
            ["role": "user", "content": [["type": "text", "text": "Weather in Paris and Rome?"]]],
            ["role": "assistant", "content": [
                ["type": "tool_use", "id": "call_1", "name": "get_weather", "input": ["city": "Paris"]],
                ["type": "tool_use", "id": "call_2", "name": "get_weather", "input": [:]],
            ]],
            ["role": "user", "content": [
                ["type": "tool_result", "tool_use_id": "call_1", "content": "15C"],
                ["type": "tool_result", "tool_use_id": "call_2", "content": "boom", "is_error": true],
                ["type": "text", "text": "Also this:"],
                ["type": "image", "source": ["type": "base64", "media_type": "image/png", "data": "iVBORw0K"]],
            ]],
        ])
    }

    func testToolsChoiceAndLimits() throws {
        var request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, parts: [.text("hi")])],
                                  tools: [ToolDefinition(name: "lookup", description: "Look up",
                                                         parameters: #"{"type":"object","properties":{"q":{"type":"string"}}}"#)],
                                  stop: ["END"], temperature: 0.2, stream: true, user: "u-9")
        let expected: [(ToolChoice, JSONValue)] = [
            (.auto, ["type": "auto"]), (.none, ["type": "none"]), (.required, ["type": "any"]),
            (.tool("lookup"), ["type": "tool", "name": "lookup"]),
        ]
        for (choice, json) in expected {
            request.toolChoice = choice
            XCTAssertEqual(try encode(request)["tool_choice"], json)
        }
        let body = try encode(request)
        XCTAssertEqual(body["tools"], [["name": "lookup", "description": "Look up",
                                        "input_schema": ["type": "object", "properties": ["q": ["type": "string"]]]]])
        XCTAssertEqual(body["stop_sequences"], ["END"])
        XCTAssertEqual(body["temperature"], 0.2)
        XCTAssertEqual(body["stream"], true)
        XCTAssertEqual(body["metadata"], ["user_id": "u-9"])
    }

    func testThinkingBudgetRaisesTheDefaultLimitAndSignedThinkingTravelsBack() throws {
        let request = ChatRequest(model: "m", messages: [
            ChatMessage(role: .user, parts: [.text("2+2?")]),
            ChatMessage(role: .assistant, parts: [
                .thinking(text: "Simple.", signature: "sig-abc"),
                .thinking(text: "Unsigned reasoning from another provider.", signature: nil),
                AnthropicRedactedThinking.part(data: "opaque=="),
                .text("4"),
            ]),
            ChatMessage(role: .user, parts: [.text("Sure?")]),
        ], thinkingBudget: 2048)
        let body = try encode(request)
        XCTAssertEqual(body["max_tokens"]?.int, 4096 + 2048)
        XCTAssertEqual(body["thinking"], ["type": "enabled", "budget_tokens": 2048])
        XCTAssertEqual(body["messages"]?[1]?["content"], [
            ["type": "thinking", "thinking": "Simple.", "signature": "sig-abc"],
            ["type": "redacted_thinking", "data": "opaque=="],
            ["type": "text", "text": "4"],
        ])
    }

    func testTheLargestThinkingBudgetSaturatesTheDefaultLimit() throws {
        // A count_tokens body decodes without `max_tokens` and with any budget; the sum trapped.
        let request = try AnthropicRequestDecoder.decode(Array(#"{"model":"m","messages":[{"role":"user","content":"x"}],"thinking":{"type":"enabled","budget_tokens":9223372036854775807}}"#.utf8), requiresMaxTokens: false)
        XCTAssertEqual(try encode(request)["max_tokens"]?.int, .max)
    }

    func testResponseFormats() throws {
        var request = ChatRequest(model: "m", system: ["Be brief."], messages: [ChatMessage(role: .user, parts: [.text("x")])],
                                  maxTokens: 100)
        request.responseFormat = .jsonSchema(name: "point", schema: #"{"type":"object","properties":{"x":{"type":"number"}}}"#,
                                             strict: true)
        var body = try encode(request)
        XCTAssertEqual(body["output_config"], ["format": ["type": "json_schema",
                                                          "schema": ["type": "object", "properties": ["x": ["type": "number"]]]]])
        XCTAssertEqual(body["system"], "Be brief.")
        request.responseFormat = .jsonObject
        body = try encode(request)
        XCTAssertNil(body["output_config"])
        XCTAssertEqual(body["system"], [["type": "text", "text": "Be brief."],
                                        ["type": "text", "text": .string(AnthropicRequestEncoder.jsonObjectInstruction)]])
        XCTAssertEqual(body["max_tokens"], 100)
    }

    func testRefusesWhatItCannotExpress() {
        let unsupported = ChatRequest(model: "m", unsupported: ["logprobs", "n"])
        XCTAssertEqual(encodeError(unsupported)?.code, .unsupported)
        XCTAssertEqual(encodeError(unsupported)?.param, "logprobs")
        let badArguments = ChatRequest(model: "m", messages: [
            ChatMessage(role: .assistant, parts: [.toolCall(id: "c", name: "t", arguments: "{not json")]),
        ])
        XCTAssertEqual(encodeError(badArguments)?.code, .invalidToolArguments)
        XCTAssertEqual(encodeError(badArguments)?.param, "messages.0.content.0")
        let badSchema = ChatRequest(model: "m", tools: [ToolDefinition(name: "t", parameters: "[]")])
        XCTAssertEqual(encodeError(badSchema)?.param, "tools.0.input_schema")
    }

    private func encode(_ request: ChatRequest) throws -> JSONValue {
        try JSONValue.parse(AnthropicRequestEncoder.encode(request))
    }

    private func encodeError(_ request: ChatRequest) -> AnthropicCodecError? {
        do {
            _ = try AnthropicRequestEncoder.encode(request)
            return nil
        } catch {
            return error
        }
    }
}
