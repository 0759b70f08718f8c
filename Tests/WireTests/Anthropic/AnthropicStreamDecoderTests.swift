import XCTest
import Wire

final class AnthropicStreamDecoderTests: XCTestCase {
    func testParallelToolUseStream() throws {
        var decoder = AnthropicStreamDecoder()
        XCTAssertEqual(try decoder.feed(AnthropicFixtures.toolStream), AnthropicFixtures.toolStreamEvents)
        XCTAssertTrue(decoder.isFinished)
    }

    func testParallelToolUseStreamSplitAtEveryByteBoundary() throws {
        let stream = AnthropicFixtures.toolStream
        for split in 0...stream.count {
            var decoder = AnthropicStreamDecoder()
            let events = try decoder.feed(Array(stream[..<split])) + decoder.feed(Array(stream[split...]))
            XCTAssertEqual(events, AnthropicFixtures.toolStreamEvents, "split at \(split)")
        }
        var decoder = AnthropicStreamDecoder()
        var events: [StreamEvent] = []
        for byte in stream { events += try decoder.feed([byte]) }
        XCTAssertEqual(events, AnthropicFixtures.toolStreamEvents, "one byte at a time")
    }

    func testToolCallArgumentsReassembleToTheInputObjects() throws {
        var decoder = AnthropicStreamDecoder()
        var arguments: [Int: String] = [:]
        for case .toolCallArguments(let index, let fragment) in try decoder.feed(AnthropicFixtures.toolStream) {
            arguments[index, default: ""] += fragment
        }
        XCTAssertEqual(try JSONValue.parse(arguments[1] ?? ""), ["location": "San Francisco, CA"])
        XCTAssertEqual(try JSONValue.parse(arguments[2] ?? ""), ["location": "Paris, France"])
    }

    func testThinkingWithSignature() throws {
        var decoder = AnthropicStreamDecoder()
        XCTAssertEqual(try decoder.feed(AnthropicFixtures.thinkingStream), AnthropicFixtures.thinkingStreamEvents)
    }

    func testRedactedThinkingAndServerToolBlocks() throws {
        let stream = AnthropicFixtures.sse([
            ("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}"#),
            ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EmwKAhgB"}}"#),
            ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
            ("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}}"#),
            ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"query\":\"x\"}"}}"#),
            ("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
            ("some_future_event", #"{"type":"some_future_event","detail":1}"#),
            ("content_block_start", #"{"type":"content_block_start","index":2,"content_block":{"type":"text","text":"Hi"}}"#),
            ("content_block_stop", #"{"type":"content_block_stop","index":2}"#),
        ])
        var decoder = AnthropicStreamDecoder()
        XCTAssertEqual(try decoder.feed(stream), [
            .start(id: "msg_1", model: "m"),
            .usage(Usage(promptTokens: 1, completionTokens: 1)),
            .thinkingSignature(index: 0, AnthropicRedactedThinking.signature(data: "EmwKAhgB")),
            .blockStop(index: 0),
            .text(index: 2, "Hi"),
            .blockStop(index: 2),
        ])
        XCTAssertFalse(decoder.isFinished)
    }

    func testMessageDeltaUsageOverwritesOnlyWhatItCarries() throws {
        let stream = AnthropicFixtures.sse([
            ("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":20,"cache_creation_input_tokens":300,"cache_read_input_tokens":0,"output_tokens":1}}}"#),
            ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"input_tokens":20,"cache_read_input_tokens":100,"output_tokens":64}}"#),
        ])
        var decoder = AnthropicStreamDecoder()
        let events = try decoder.feed(stream)
        XCTAssertEqual(events.suffix(2), [
            .finish(.maxTokens),
            .usage(Usage(promptTokens: 420, completionTokens: 64, cachedTokens: 100, cacheCreationTokens: 300)),
        ])
    }

    func testCountsNoCallCouldHaveAreBoundedSoTheirSumsCannotOverflow() throws {
        let stream = AnthropicFixtures.sse([
            ("message_start", #"{"type":"message_start","message":{"id":"msg_1","model":"m","usage":{"input_tokens":9223372036854775807,"cache_creation_input_tokens":9223372036854775807,"output_tokens":1}}}"#),
        ])
        var decoder = AnthropicStreamDecoder()
        XCTAssertEqual(try decoder.feed(stream).last,
                       .usage(Usage(promptTokens: 2 << 40, completionTokens: 1, cacheCreationTokens: 1 << 40)))
    }

    func testErrorEventsAndPings() throws {
        let stream = AnthropicFixtures.sse([
            ("ping", #"{"type": "ping"}"#),
            ("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
        ])
        var decoder = AnthropicStreamDecoder()
        XCTAssertEqual(try decoder.feed(stream), [.error(ProviderError(kind: .overloaded, status: 529, message: "Overloaded"))])
        XCTAssertTrue(decoder.isFinished)
    }

    func testMalformedEventsThrow() {
        for data in ["{", "[]", #"{"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}}"#,
                     #"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use"}}"#] {
            var decoder = AnthropicStreamDecoder()
            XCTAssertThrowsError(try decoder.feed(AnthropicFixtures.sse([("x", data)]))) { error in
                XCTAssertEqual((error as? AnthropicCodecError)?.code, .malformedStream, data)
            }
        }
    }

    func testDecodeWithTheCallersOwnReader() throws {
        var reader = SSEReader()
        var decoder = AnthropicStreamDecoder()
        var events: [StreamEvent] = []
        for block in try reader.feed(AnthropicFixtures.thinkingStream) { try decoder.decode(block, into: &events) }
        XCTAssertEqual(events, AnthropicFixtures.thinkingStreamEvents)
    }
}
