import Foundation
import XCTest
import Wire

final class OpenAIRequestEncoderTests: XCTestCase {
    private func encode(_ request: ChatRequest,
                        field: OpenAIRequestEncoder.MaxTokensField = .maxCompletionTokens) throws -> JSONValue {
        try JSONValue.parse(OpenAIRequestEncoder.encode(request, maxTokensField: field))
    }

    func testRoundTripsTheFullRequest() throws {
        let decoded = try OpenAIRequestDecoder.decode(Array(OpenAIFixtures.fullRequest.utf8))
        let again = try OpenAIRequestDecoder.decode(OpenAIRequestEncoder.encode(decoded))
        XCTAssertEqual(again, decoded)
    }

    func testRoundTripsAssortedRequests() throws {
        let bodies = [
            #"{"model":"m","messages":[{"role":"user","content":"Hi"}]}"#,
            #"{"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}],"stop":"x","max_tokens":5,"tool_choice":"required","tools":[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object","properties":{"a":{"type":"integer"}}}}}]}"#,
            #"{"model":"m","messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}],"tool_calls":[{"id":"1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"1","content":"r"},{"role":"user","content":"more"}],"response_format":{"type":"json_object"},"reasoning_effort":"high","tool_choice":"none","tools":[{"type":"function","function":{"name":"f"}}]}"#,
            #"{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]}],"stream":true,"stream_options":{"include_usage":true},"temperature":1,"top_p":0.5,"user":"u","response_format":{"type":"text"}}"#,
        ]
        for body in bodies {
            let decoded = try OpenAIRequestDecoder.decode(Array(body.utf8))
            XCTAssertEqual(try OpenAIRequestDecoder.decode(OpenAIRequestEncoder.encode(decoded)), decoded, body)
        }
    }

    func testEncodesOpenAIShape() throws {
        let body = try encode(OpenAIFixtures.fullCanonical)
        XCTAssertEqual(body.object?.keys, ["model", "messages", "tools", "tool_choice", "response_format",
                                           "max_completion_tokens", "stop", "temperature", "top_p", "user",
                                           "reasoning_effort", "stream", "stream_options"])
        XCTAssertEqual(body["messages"]?[0], ["role": "system", "content": "You are a helpful assistant."])
        XCTAssertEqual(body["messages"]?[2]?["content"]?[2], ["type": "image_url", "image_url": ["url": "data:image/png;base64,iVBORw0KGgo="]])
        XCTAssertEqual(body["messages"]?[3]?["content"], .null)
        XCTAssertEqual(body["messages"]?[3]?["tool_calls"]?[1],
                       ["id": "call_def456", "type": "function",
                        "function": ["name": "get_current_weather", "arguments": #"{"location": "Boston, MA"}"#]])
        XCTAssertEqual(body["messages"]?[4], ["role": "tool", "tool_call_id": "call_abc123",
                                              "content": #"{"temperature": 22, "unit": "celsius"}"#])
        XCTAssertEqual(body["tool_choice"], ["type": "function", "function": ["name": "get_current_weather"]])
        XCTAssertEqual(body["response_format"]?["json_schema"]?["strict"], true)
        XCTAssertEqual(body["reasoning_effort"], "medium")
        XCTAssertEqual(body["stream_options"], ["include_usage": true])
    }

    func testStreamAlwaysAsksForUsage() throws {
        let request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, parts: [.text("x")])], stream: true)
        XCTAssertEqual(try encode(request)["stream_options"], ["include_usage": true])
        var plain = request
        plain.stream = false
        XCTAssertNil(try encode(plain)["stream"])
        XCTAssertNil(try encode(plain)["stream_options"])
    }

    /// A conversation as the Anthropic decoder would produce it: thinking in history, tool results
    /// followed by text in one user turn, an error result, a thought signature.
    func testEncodesAnotherDialectsConversation() throws {
        let request = ChatRequest(
            model: "gpt-4.1",
            system: ["Be brief."],
            messages: [
                ChatMessage(role: .user, parts: [.text("Weather?")]),
                ChatMessage(role: .assistant, parts: [
                    .thinking(text: "I should call the tool.", signature: "sig=="),
                    .text("Let me check."),
                    .toolCall(id: "toolu_1", name: "weather", arguments: #"{"city":"Oslo"}"#, signature: "ts"),
                ]),
                ChatMessage(role: .user, parts: [
                    .text("(here you go)"),
                    .toolResult(id: "toolu_1", name: "weather", content: "timeout", isError: true),
                ]),
            ],
            maxTokens: 2048,
            thinkingBudget: 10_000
        )
        let body = try encode(request, field: .maxTokens)
        XCTAssertEqual(body["messages"], [
            ["role": "system", "content": "Be brief."],
            ["role": "user", "content": "Weather?"],
            ["role": "assistant", "content": "Let me check.",
             "tool_calls": [["id": "toolu_1", "type": "function",
                             "function": ["name": "weather", "arguments": #"{"city":"Oslo"}"#]]]],
            ["role": "tool", "tool_call_id": "toolu_1", "content": "timeout"],
            ["role": "user", "content": "(here you go)"],
        ])
        XCTAssertEqual(body["max_tokens"], 2048)
        XCTAssertEqual(body["reasoning_effort"], "medium")
    }

    func testToolChoiceNeedsTools() throws {
        let request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, parts: [.text("x")])], toolChoice: ToolChoice.none)
        XCTAssertNil(try encode(request)["tool_choice"])
    }

    func testThinkingBudgetsPickTheLargestLevelNotAbove() {
        let table: [(Int, OpenAIReasoningEffort?)] = [(0, nil), (1, .low), (1024, .low), (4095, .low), (4096, .medium),
                                                      (16383, .medium), (16384, .high), (31999, .high), (100_000, .high)]
        for (budget, effort) in table {
            XCTAssertEqual(OpenAIReasoningEffort(thinkingBudget: budget), effort, "\(budget)")
        }
        for effort in [OpenAIReasoningEffort.low, .medium, .high] {
            XCTAssertEqual(OpenAIReasoningEffort(thinkingBudget: effort.thinkingBudget!), effort)
        }
    }

    func testOutputParsesWithFoundation() throws {
        let bytes = OpenAIRequestEncoder.encode(OpenAIFixtures.fullCanonical)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(bytes)))
    }
}
