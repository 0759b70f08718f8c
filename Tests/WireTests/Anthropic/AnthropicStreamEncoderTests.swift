import XCTest
import Wire

final class AnthropicStreamEncoderTests: XCTestCase {
    func testToolStreamRoundTripsThroughCanonicalEvents() throws {
        var encoder = AnthropicStreamEncoder()
        var bytes = encoder.encode(AnthropicFixtures.toolStreamEvents)
        bytes += encoder.finish()
        var decoder = AnthropicStreamDecoder()
        XCTAssertEqual(try decoder.feed(bytes), AnthropicFixtures.toolStreamEvents)
        XCTAssertTrue(decoder.isFinished)
        XCTAssertEqual(eventNames(bytes), [
            "message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
            "message_delta", "message_stop",
        ])
    }

    func testThinkingWithSignatureRoundTrips() throws {
        var encoder = AnthropicStreamEncoder(sendsPing: false)
        let bytes = encoder.encode(AnthropicFixtures.thinkingStreamEvents) + encoder.finish()
        var decoder = AnthropicStreamDecoder()
        XCTAssertEqual(try decoder.feed(bytes), AnthropicFixtures.thinkingStreamEvents)
    }

    func testExactFramingOfATextStream() {
        var encoder = AnthropicStreamEncoder()
        var out = encoder.encode([
            .start(id: "chatcmpl-1", model: "gpt-4o-mini"),
            .text(index: 0, "Hi \"there\"\n"),
            .finish(.endTurn),
            .usage(Usage(promptTokens: 9, completionTokens: 3, cachedTokens: 4)),
        ])
        encoder.finish(to: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_chatcmpl-1","type":"message","role":"assistant","model":"gpt-4o-mini","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi \\"there\\"\\n"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":5,"cache_creation_input_tokens":0,"cache_read_input_tokens":4,"output_tokens":3}}

        event: message_stop
        data: {"type":"message_stop"}


        """)
    }

    func testUsageRightAfterStartFillsMessageStart() throws {
        var encoder = AnthropicStreamEncoder()
        let out = encoder.encode([.start(id: "msg_9", model: "m"), .usage(Usage(promptTokens: 40, completionTokens: 1)),
                                  .text(index: 0, "x")])
        let first = try XCTUnwrap(String(decoding: out, as: UTF8.self).split(separator: "\n").dropFirst().first)
        let start = try JSONValue.parse(String(first.dropFirst("data: ".count)))
        XCTAssertEqual(start["message"]?["usage"]?["input_tokens"], 40)
        XCTAssertEqual(start["message"]?["id"], "msg_9")
    }

    func testInterleavedUpstreamBecomesSequentialBlocks() throws {
        var encoder = AnthropicStreamEncoder(sendsPing: false)
        let bytes = encoder.encode([
            .start(id: "msg_1", model: "m"),
            .text(index: 0, "a"),
            .toolCallStart(index: 1, id: "call_1", name: "f"),
            .toolCallArguments(index: 1, "{}"),
            .text(index: 0, "b"),
            .finish(.toolUse),
        ]) + encoder.finish()
        var decoder = AnthropicStreamDecoder()
        XCTAssertEqual(try decoder.feed(bytes).filter { if case .usage = $0 { false } else { true } }, [
            .start(id: "msg_1", model: "m"),
            .text(index: 0, "a"), .blockStop(index: 0),
            .toolCallStart(index: 1, id: "call_1", name: "f"), .toolCallArguments(index: 1, "{}"), .blockStop(index: 1),
            .text(index: 2, "b"), .blockStop(index: 2),
            .finish(.toolUse),
        ])
    }

    func testErrorsAndTruncatedStreams() throws {
        var encoder = AnthropicStreamEncoder()
        var bytes = encoder.encode([.start(id: "msg_1", model: "m"), .text(index: 0, "a"),
                                    .error(ProviderError(kind: .overloaded, status: 529, message: "Overloaded"))])
        bytes += encoder.encode([.text(index: 0, "ignored")]) + encoder.finish()
        XCTAssertEqual(eventNames(bytes), ["message_start", "content_block_start", "ping", "content_block_delta", "error"])
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasSuffix(
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"))

        var cut = AnthropicStreamEncoder()
        let truncated = cut.encode([.start(id: "msg_2", model: "m"), .text(index: 0, "a")]) + cut.finish()
        XCTAssertEqual(eventNames(truncated).last, "error", "no finish reason: the upstream was cut short")
    }

    private func eventNames(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            line.hasPrefix("event: ") ? String(line.dropFirst("event: ".count)) : nil
        }
    }
}
