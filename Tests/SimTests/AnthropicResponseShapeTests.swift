import XCTest
@testable import Sim
import Wire

final class AnthropicResponseShapeTests: XCTestCase {
    private let identity = ResponseIdentity(id: "msg_01TEST", created: 0, model: "claude-sonnet-4-5", fingerprint: "")
    private let weather = SimTool(name: "get_weather", schema: [
        "type": "object", "properties": ["location": ["type": "string"]], "required": ["location"],
    ])

    func testMessageObjectHasAnthropicsShape() throws {
        let completion = ContentGenerator.completion(for: chat("echo:Hello \"there\"", maxTokens: 1))
        let object = try json(String(decoding: AnthropicDialect.messageBody(completion, identity: identity, system: ""),
                                     as: UTF8.self))
        XCTAssertEqual(object.object?.keys, ["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"])
        XCTAssertEqual(object, [
            "id": "msg_01TEST", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
            "content": [["type": "text", "text": "Hello"]],
            "stop_reason": "max_tokens", "stop_sequence": nil,
            "usage": ["input_tokens": .number(JSONNumber(completion.promptTokens)), "cache_creation_input_tokens": 0,
                      "cache_read_input_tokens": 0, "output_tokens": 1],
        ])
    }

    func testToolUseMessage() throws {
        let completion = toolCompletion("Use get_weather for Paris, please.")
        let object = try json(String(decoding: AnthropicDialect.messageBody(completion, identity: identity, system: ""),
                                     as: UTF8.self))
        XCTAssertEqual(object["stop_reason"], "tool_use")
        XCTAssertEqual(object["content"], [[
            "type": "tool_use", "id": .string(AnthropicDialect.toolUseID(messageID: "msg_01TEST", index: 0)),
            "name": "get_weather", "input": ["location": "Paris"],
        ]])
    }

    func testTextStreamEventSequence() throws {
        let completion = ContentGenerator.completion(for: chat("echo:one two three"))
        let bytes = render(completion)
        XCTAssertEqual(names(bytes), ["message_start", "content_block_start", "ping", "content_block_delta",
                                      "content_block_delta", "content_block_delta", "content_block_stop",
                                      "message_delta", "message_stop"])
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("event: ping\ndata: {\"type\": \"ping\"}\n\n"))
        XCTAssertTrue(text.contains(#"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" two"}}"#))
        var decoder = AnthropicStreamDecoder()
        let events = try decoder.feed(bytes)
        XCTAssertEqual(events.first, .start(id: "msg_01TEST", model: "claude-sonnet-4-5"))
        XCTAssertEqual(events.compactMap { if case .text(_, let t) = $0 { t } else { nil } }.joined(), "one two three")
        XCTAssertEqual(events.suffix(2), [.finish(.endTurn), .usage(completion.usage)])
        XCTAssertTrue(decoder.isFinished)
    }

    func testTwoParallelToolCallsStream() throws {
        var request = chat("call get_weather and get_time for Paris")
        request.tools = [weather, SimTool(name: "get_time", schema: [
            "type": "object", "properties": ["city": ["type": "string"]], "required": ["city"],
        ])]
        let completion = ContentGenerator.completion(for: request)
        XCTAssertEqual(completion.toolCalls.count, 2)
        let bytes = render(completion)
        let expectedNames = ["message_start", "content_block_start", "ping"]
            + Array(repeating: "content_block_delta", count: completion.toolCalls[0].argumentPieces.count)
            + ["content_block_stop", "content_block_start"]
            + Array(repeating: "content_block_delta", count: completion.toolCalls[1].argumentPieces.count)
            + ["content_block_stop", "message_delta", "message_stop"]
        XCTAssertEqual(names(bytes), expectedNames)
        var decoder = AnthropicStreamDecoder()
        var arguments: [Int: String] = [:]
        var starts: [StreamEvent] = []
        for event in try decoder.feed(bytes) {
            switch event {
            case .toolCallArguments(let index, let fragment): arguments[index, default: ""] += fragment
            case .toolCallStart: starts.append(event)
            case .finish(let reason): XCTAssertEqual(reason, .toolUse)
            default: break
            }
        }
        XCTAssertEqual(starts, [
            .toolCallStart(index: 0, id: AnthropicDialect.toolUseID(messageID: "msg_01TEST", index: 0), name: "get_weather"),
            .toolCallStart(index: 1, id: AnthropicDialect.toolUseID(messageID: "msg_01TEST", index: 1), name: "get_time"),
        ])
        XCTAssertEqual(try JSONValue.parse(arguments[0] ?? ""), ["location": "Paris"])
        XCTAssertEqual(try JSONValue.parse(arguments[1] ?? ""), ["city": "Paris"])
    }

    private func toolCompletion(_ text: String) -> SimCompletion {
        var request = chat(text)
        request.tools = [weather]
        return ContentGenerator.completion(for: request)
    }

    private func render(_ completion: SimCompletion) -> [UInt8] {
        let stream = AnthropicSimStream(identity: identity, completion: completion, usage: completion.usage)
        var out: [UInt8] = []
        stream.appendOpening(to: &out)
        for index in 0..<completion.streamPieceCount { stream.appendPiece(index, of: completion, to: &out) }
        stream.appendClosing(completion, to: &out)
        return out
    }

    private func names(_ bytes: [UInt8]) -> [String] {
        let blocks = String(decoding: bytes, as: UTF8.self).split(separator: "\n\n")
        return blocks.map { block in
            let lines = block.split(separator: "\n")
            XCTAssertEqual(lines.count, 2, "event and data lines: \(block)")
            return String(lines[0].dropFirst("event: ".count))
        }
    }
}
