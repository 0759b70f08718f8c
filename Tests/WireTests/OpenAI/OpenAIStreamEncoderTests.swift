import XCTest
import Wire

final class OpenAIStreamEncoderTests: XCTestCase {
    private typealias F = OpenAIFixtures

    private let textEvents: [StreamEvent] = [
        .start(id: "msg_01", model: "claude-sonnet-4-5"),
        .thinking(index: 0, "Let me think"),
        .thinkingSignature(index: 0, "sig"),
        .blockStop(index: 0),
        .text(index: 1, "Hello"),
        .text(index: 1, " \"world\"\n"),
        .blockStop(index: 1),
        .usage(Usage(promptTokens: 12, completionTokens: 3)),
        .finish(.maxTokens),
        .usage(Usage(promptTokens: 12, completionTokens: 7, cachedTokens: 2, reasoningTokens: 4)),
    ]

    private func encode(_ events: [StreamEvent], includeUsage: Bool, id: String? = nil, model: String? = nil) -> String {
        var encoder = OpenAIStreamEncoder(created: 1_700_000_000, includeUsage: includeUsage, id: id, model: model)
        var out: [UInt8] = []
        for event in events { out += encoder.encode([event]) }
        return F.text(out + encoder.finish())
    }

    func testTextStreamBytesWithoutUsage() {
        let head = #"data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o","choices":[{"index":0,"delta":"#
        XCTAssertEqual(encode(textEvents, includeUsage: false, id: "chatcmpl-9", model: "gpt-4o"),
                       head + #"{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}"# + "\n\n"
                       + head + #"{"content":"Hello"},"logprobs":null,"finish_reason":null}]}"# + "\n\n"
                       + head + #"{"content":" \"world\"\n"},"logprobs":null,"finish_reason":null}]}"# + "\n\n"
                       + head + #"{},"logprobs":null,"finish_reason":"length"}]}"# + "\n\n"
                       + "data: [DONE]\n\n")
    }

    func testUsageChunkOnlyWhenAsked() {
        let head = #"data: {"id":"msg_01","object":"chat.completion.chunk","created":1700000000,"model":"claude-sonnet-4-5","choices":"#
        let text = encode(textEvents, includeUsage: true)
        XCTAssertTrue(text.hasPrefix(head + #"[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}"#))
        XCTAssertTrue(text.hasSuffix(head + #"[],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,"prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":{"reasoning_tokens":4}}}"#
                                     + "\n\ndata: [DONE]\n\n"))
        XCTAssertFalse(encode(textEvents, includeUsage: false).contains("usage"))
    }

    func testToolCallChunks() {
        let events: [StreamEvent] = [
            .start(id: "c", model: "m"),
            .toolCallStart(index: 0, id: "call_abc", name: "get_weather"),
            .toolCallArguments(index: 0, #"{"city":"#),
            .toolCallStart(index: 1, id: "call_def", name: "get_time"),
            .toolCallArguments(index: 0, #""Oslo"}"#),
            .toolCallArguments(index: 1, "{}"),
            .finish(.toolUse),
        ]
        let chunks = encode(events, includeUsage: false).split(separator: "\n\n").map(String.init)
        let deltas = chunks.dropLast().map { chunk -> JSONValue in
            let value = try? JSONValue.parse(String(chunk.dropFirst(6)))
            return value?["choices"]?[0]?["delta"] ?? .null
        }
        XCTAssertEqual(Array(deltas.dropFirst()), [
            ["tool_calls": [["index": 0, "id": "call_abc", "type": "function", "function": ["name": "get_weather", "arguments": ""]]]],
            ["tool_calls": [["index": 0, "function": ["arguments": #"{"city":"#]]]],
            ["tool_calls": [["index": 1, "id": "call_def", "type": "function", "function": ["name": "get_time", "arguments": ""]]]],
            ["tool_calls": [["index": 0, "function": ["arguments": #""Oslo"}"#]]]],
            ["tool_calls": [["index": 1, "function": ["arguments": "{}"]]]],
            [:],
        ])
        XCTAssertTrue(chunks[chunks.count - 2].contains(#""finish_reason":"tool_calls""#))
        XCTAssertEqual(chunks.last, "data: [DONE]")
    }

    func testDecoderReadsBackWhatTheEncoderWrote() {
        var encoder = OpenAIStreamEncoder(created: 1, includeUsage: true)
        let bytes = encoder.encode(F.parallelToolEvents) + encoder.finish()
        XCTAssertEqual(F.decodeStream(F.text(bytes)), F.parallelToolEvents)
    }

    func testErrorEventEndsTheStream() {
        var encoder = OpenAIStreamEncoder(created: 1, includeUsage: true)
        let bytes = encoder.encode([
            .start(id: "c", model: "m"),
            .error(ProviderError(kind: .overloaded, status: 529, message: "Overloaded")),
            .text(index: 0, "late"),
        ])
        XCTAssertTrue(F.text(bytes).hasSuffix(#"data: {"error":{"message":"Overloaded","type":"api_error","param":null,"code":"overloaded"}}"# + "\n\n"))
        XCTAssertFalse(F.text(bytes).contains("late"))
        XCTAssertEqual(encoder.finish(), [])
        XCTAssertTrue(encoder.isFinished)
    }

    func testEventsBeforeStartStillOpenWithTheRoleChunk() {
        var encoder = OpenAIStreamEncoder(created: 1, includeUsage: false, id: "chatcmpl-x", model: "m")
        let text = F.text(encoder.encode([.text(index: 0, "hi"), .finish(.endTurn)]) + encoder.finish())
        XCTAssertEqual(text.components(separatedBy: "\n\n").count, 5)
        XCTAssertTrue(text.hasPrefix(#"data: {"id":"chatcmpl-x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant""#))
    }
}
