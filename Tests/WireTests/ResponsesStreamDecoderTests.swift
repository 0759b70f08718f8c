import XCTest
import Wire

final class ResponsesStreamDecoderTests: XCTestCase {
    /// An SSE stream of Responses events as OpenAI writes them: `event:` then one `data:` line
    /// whose object starts with `type` and `sequence_number`; `body` is the rest of the object.
    private func stream(_ events: [(String, String)]) -> String {
        events.enumerated().map { n, event in
            let rest = event.1.isEmpty ? "" : "," + event.1
            return "event: \(event.0)\ndata: {\"type\":\"\(event.0)\",\"sequence_number\":\(n)\(rest)}\n\n"
        }.joined()
    }

    private func response(_ status: String, output: String = "[]", usage: String = "null",
                          extra: String = "") -> String {
        #""response":{"id":"resp_67c","object":"response","created_at":1741290958,"status":"\#(status)","#
            + #""error":null,"incomplete_details":null,"model":"o3-2025-04-16","output":\#(output),"usage":\#(usage)\#(extra)}"#
    }

    private let usage = #"""
        {"input_tokens":37,"input_tokens_details":{"cached_tokens":0},"output_tokens":11,\#
        "output_tokens_details":{"reasoning_tokens":64},"total_tokens":48}
        """#

    private func decode(_ text: String) -> [StreamEvent] {
        var decoder = ResponsesStreamDecoder()
        let events = decoder.feed(Array(text.utf8))
        XCTAssertEqual(decoder.feed(Array("event: x\ndata: {}\n\n".utf8)), [], "nothing after the end")
        return events + decoder.finish()
    }

    /// A reasoning model's answer: a reasoning item with a two-part summary and encrypted
    /// content, then a message, with every event OpenAI sends for them.
    private var reasoningStream: String {
        let reasoning = #"{"id":"rs_1","type":"reasoning","summary":[]}"#
        let reasoningDone = #"{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"**Plan** go"},{"type":"summary_text","text":"Done"}],"encrypted_content":"gAAAAABsig"}"#
        let message = #"{"id":"msg_1","type":"message","status":"in_progress","content":[],"role":"assistant"}"#
        let messageDone = #"{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Hi there 👋"}],"role":"assistant"}"#
        return stream([
            ("response.created", response("in_progress")),
            ("response.in_progress", response("in_progress")),
            ("response.output_item.added", #""output_index":0,"item":\#(reasoning)"#),
            ("response.reasoning_summary_part.added", #""item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}"#),
            ("response.reasoning_summary_text.delta", #""item_id":"rs_1","output_index":0,"summary_index":0,"delta":"**Plan**""#),
            ("response.reasoning_summary_text.delta", #""item_id":"rs_1","output_index":0,"summary_index":0,"delta":" go""#),
            ("response.reasoning_summary_text.done", #""item_id":"rs_1","output_index":0,"summary_index":0,"text":"**Plan** go""#),
            ("response.reasoning_summary_part.done", #""item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":"**Plan** go"}"#),
            ("response.reasoning_summary_part.added", #""item_id":"rs_1","output_index":0,"summary_index":1,"part":{"type":"summary_text","text":""}"#),
            ("response.reasoning_summary_text.delta", #""item_id":"rs_1","output_index":0,"summary_index":1,"delta":"Done""#),
            ("response.output_item.done", #""output_index":0,"item":\#(reasoningDone)"#),
            ("response.output_item.added", #""output_index":1,"item":\#(message)"#),
            ("response.content_part.added", #""item_id":"msg_1","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"text":""}"#),
            ("response.output_text.delta", #""item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hi","logprobs":[],"obfuscation":"x1""#),
            ("response.output_text.delta", #""item_id":"msg_1","output_index":1,"content_index":0,"delta":" there 👋","logprobs":[]"#),
            ("response.output_text.done", #""item_id":"msg_1","output_index":1,"content_index":0,"text":"Hi there 👋","logprobs":[]"#),
            ("response.content_part.done", #""item_id":"msg_1","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"text":"Hi there 👋"}"#),
            ("response.output_item.done", #""output_index":1,"item":\#(messageDone)"#),
            ("response.completed", response("completed", output: "[\(reasoningDone),\(messageDone)]", usage: usage)),
        ])
    }

    private let reasoningEvents: [StreamEvent] = [
        .start(id: "resp_67c", model: "o3-2025-04-16"),
        .thinking(index: 0, "**Plan**"), .thinking(index: 0, " go"), .thinking(index: 0, "\n\nDone"),
        .thinkingSignature(index: 0, "gAAAAABsig"), .blockStop(index: 0),
        .text(index: 1, "Hi"), .text(index: 1, " there 👋"), .blockStop(index: 1),
        .usage(Usage(promptTokens: 37, completionTokens: 11, totalTokens: 48, reasoningTokens: 64)),
        .finish(.endTurn),
    ]

    /// Parallel function calls whose argument deltas interleave, after a reasoning item that
    /// has neither summary nor encrypted content (and so no block).
    private var toolStream: String {
        let call1 = #"{"id":"fc_1","type":"function_call","status":"in_progress","arguments":"","call_id":"call_a","name":"get_weather"}"#
        let call2 = #"{"id":"fc_2","type":"function_call","status":"in_progress","arguments":"","call_id":"call_b","name":"get_time"}"#
        let done1 = #"{"id":"fc_1","type":"function_call","status":"completed","arguments":"{\"city\":\"Paris\"}","call_id":"call_a","name":"get_weather"}"#
        let done2 = #"{"id":"fc_2","type":"function_call","status":"completed","arguments":"{}","call_id":"call_b","name":"get_time"}"#
        return ": keepalive\n\n" + stream([
            ("response.created", response("in_progress")),
            ("response.output_item.added", #""output_index":0,"item":{"id":"rs_0","type":"reasoning","summary":[]}"#),
            ("response.output_item.done", #""output_index":0,"item":{"id":"rs_0","type":"reasoning","summary":[]}"#),
            ("response.output_item.added", #""output_index":1,"item":\#(call1)"#),
            ("response.function_call_arguments.delta", #""item_id":"fc_1","output_index":1,"delta":"{\"city\":""#),
            ("response.output_item.added", #""output_index":2,"item":\#(call2)"#),
            ("response.function_call_arguments.delta", #""item_id":"fc_2","output_index":2,"delta":"{}""#),
            ("keepalive", ""),
            ("response.function_call_arguments.delta", #""item_id":"fc_1","output_index":1,"delta":"\"Paris\"}""#),
            ("response.function_call_arguments.done", #""item_id":"fc_1","output_index":1,"arguments":"{\"city\":\"Paris\"}""#),
            ("response.output_item.done", #""output_index":1,"item":\#(done1)"#),
            ("response.output_item.done", #""output_index":2,"item":\#(done2)"#),
            ("response.completed", response("completed", output: "[\(done1),\(done2)]", usage: usage)),
        ])
    }

    private let toolEvents: [StreamEvent] = [
        .start(id: "resp_67c", model: "o3-2025-04-16"),
        .toolCallStart(index: 0, id: "call_a", name: "get_weather"), .toolCallArguments(index: 0, #"{"city":"#),
        .toolCallStart(index: 1, id: "call_b", name: "get_time"), .toolCallArguments(index: 1, "{}"),
        .toolCallArguments(index: 0, #""Paris"}"#), .blockStop(index: 0), .blockStop(index: 1),
        .usage(Usage(promptTokens: 37, completionTokens: 11, totalTokens: 48, reasoningTokens: 64)),
        .finish(.toolUse),
    ]

    func testReasoningThenText() {
        XCTAssertEqual(decode(reasoningStream), reasoningEvents)
    }

    func testParallelToolCalls() {
        XCTAssertEqual(decode(toolStream), toolEvents)
    }

    func testEverySplitPointGivesTheSameEvents() {
        for (stream, expected) in [(reasoningStream, reasoningEvents), (toolStream, toolEvents)] {
            let bytes = Array(stream.utf8)
            for split in 0 ... bytes.count {
                var decoder = ResponsesStreamDecoder()
                let events = decoder.feed(Array(bytes[..<split])) + decoder.feed(Array(bytes[split...]))
                XCTAssertTrue(decoder.isFinished)
                XCTAssertEqual(events + decoder.finish(), expected, "split at \(split)")
            }
        }
    }

    func testByteAtATimeAndCRLF() {
        var decoder = ResponsesStreamDecoder()
        var events: [StreamEvent] = []
        for byte in reasoningStream.replacingOccurrences(of: "\n", with: "\r\n").utf8 { events += decoder.feed([byte]) }
        XCTAssertEqual(events + decoder.finish(), reasoningEvents)
    }

    func testIncompleteAtMaxOutputTokens() {
        let message = #"{"id":"msg_1","type":"message","status":"incomplete","content":[{"type":"output_text","annotations":[],"text":"Once upon"}],"role":"assistant"}"#
        let events = decode(stream([
            ("response.created", response("in_progress")),
            ("response.output_item.added", #""output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","content":[],"role":"assistant"}"#),
            ("response.output_text.delta", #""item_id":"msg_1","output_index":0,"content_index":0,"delta":"Once upon""#),
            ("response.incomplete", response("incomplete", output: "[\(message)]", usage: usage)
                .replacingOccurrences(of: #""incomplete_details":null"#, with: #""incomplete_details":{"reason":"max_output_tokens"}"#)),
        ]))
        XCTAssertEqual(events.suffix(4), [
            .text(index: 0, "Once upon"), .blockStop(index: 0),
            .usage(Usage(promptTokens: 37, completionTokens: 11, totalTokens: 48, reasoningTokens: 64)),
            .finish(.maxTokens),
        ])
    }

    /// Text only in item events or only in the final response is still delivered, once.
    func testNoTextIsLostWithoutDeltas() {
        let message = #"{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"text":"Hello world"}],"role":"assistant"}"#
        let call = #"{"id":"fc_1","type":"function_call","status":"completed","arguments":"{}","call_id":"call_1","name":"f"}"#
        let events = decode(stream([
            ("response.created", response("in_progress")),
            ("response.output_item.added", #""output_index":0,"item":{"id":"msg_1","type":"message","content":[],"role":"assistant"}"#),
            ("response.output_text.delta", #""item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hello""#),
            ("response.output_item.done", #""output_index":0,"item":\#(message)"#),
            ("response.completed", response("completed", output: "[\(message),\(call)]")),
        ]))
        XCTAssertEqual(events, [
            .start(id: "resp_67c", model: "o3-2025-04-16"),
            .text(index: 0, "Hello"), .text(index: 0, " world"), .blockStop(index: 0),
            .toolCallStart(index: 1, id: "call_1", name: "f"), .toolCallArguments(index: 1, "{}"), .blockStop(index: 1),
            .finish(.toolUse),
        ])
    }

    func testRefusalDeltasAreText() {
        let events = decode(stream([
            ("response.created", response("in_progress")),
            ("response.refusal.delta", #""item_id":"msg_1","output_index":0,"content_index":0,"delta":"I can't""#),
            ("response.completed", response("completed")),
        ]))
        XCTAssertEqual(events, [.start(id: "resp_67c", model: "o3-2025-04-16"), .text(index: 0, "I can't"),
                                .blockStop(index: 0), .finish(.endTurn)])
    }

    func testFailedResponse() {
        let failed = response("failed", usage: usage).replacingOccurrences(
            of: #""error":null"#, with: #""error":{"code":"rate_limit_exceeded","message":"Rate limit reached. Please try again in 2s."}"#)
        var decoder = ResponsesStreamDecoder()
        let events = decoder.feed(Array(stream([("response.created", response("in_progress")),
                                                ("response.failed", failed)]).utf8))
        XCTAssertTrue(decoder.isFinished)
        XCTAssertEqual(events, [
            .start(id: "resp_67c", model: "o3-2025-04-16"),
            .usage(Usage(promptTokens: 37, completionTokens: 11, totalTokens: 48, reasoningTokens: 64)),
            .error(ProviderError(kind: .rateLimited, status: 429, message: "Rate limit reached. Please try again in 2s.",
                                 retryAfter: 2)),
        ])
        XCTAssertEqual(decoder.finish(), [])
    }

    func testErrorEventsMapTheirCode() {
        let table: [(String, ProviderError.Kind, Int)] = [
            (#""code":"server_error","message":"m""#, .server, 500),
            (#""code":"invalid_prompt","message":"m""#, .invalidRequest, 400),
            (#""code":"context_length_exceeded","message":"m""#, .contextLengthExceeded, 400),
            (#""code":"bio_policy","message":"m""#, .contentPolicy, 400),
            (#""code":"invalid_image_url","message":"m""#, .invalidRequest, 400),
            (#""code":"vector_store_timeout","message":"m""#, .timeout, 504),
            (#""code":"insufficient_quota","message":"m""#, .rateLimited, 429),
            (#""code":null,"message":"m","param":null"#, .server, 500),
            (#""error":{"type":"invalid_request_error","code":"model_not_found","message":"m"}"#, .notFound, 404),
        ]
        for (body, kind, status) in table {
            let events = decode(stream([("response.created", response("in_progress")), ("error", body)]))
            XCTAssertEqual(events.last, .error(ProviderError(kind: kind, status: status, message: "m")), body)
            XCTAssertEqual(events.count, 2, body)
        }
    }

    func testStreamCutBeforeItsTerminalEvent() {
        var decoder = ResponsesStreamDecoder()
        let cut = stream([
            ("response.created", response("in_progress")),
            ("response.output_text.delta", #""item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hel""#),
        ])
        XCTAssertEqual(decoder.feed(Array(cut.utf8)), [.start(id: "resp_67c", model: "o3-2025-04-16"), .text(index: 0, "Hel")])
        XCTAssertFalse(decoder.isFinished)
        XCTAssertEqual(decoder.finish(), [.error(ProviderError(
            kind: .server, status: 502, message: "The upstream stream ended before the response was complete."))])
        XCTAssertTrue(decoder.isFinished)
    }

    /// A last event without its blank line is still read when the stream ends.
    func testUnterminatedTerminalEvent() {
        let text = stream([("response.completed", response("completed"))]).dropLast(2)
        var decoder = ResponsesStreamDecoder()
        XCTAssertEqual(decoder.feed(Array(text.utf8)), [])
        XCTAssertEqual(decoder.finish(), [.start(id: "resp_67c", model: "o3-2025-04-16"), .finish(.endTurn)])
    }

    func testMalformedEventIsAnError() {
        for bad in ["event: response.output_text.delta\ndata: {\"delta\":\n\n", "data: [1,2]\n\n"] {
            var decoder = ResponsesStreamDecoder()
            let events = decoder.feed(Array(bad.utf8))
            guard case .error(let error)? = events.last else { return XCTFail("\(events)") }
            XCTAssertEqual(error.kind, .server)
            XCTAssertEqual(error.status, 502)
            XCTAssertTrue(decoder.isFinished)
        }
    }
}
