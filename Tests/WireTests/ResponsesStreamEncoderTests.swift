import XCTest
import Wire

final class ResponsesStreamEncoderTests: XCTestCase {
    private let usage = Usage(promptTokens: 30, completionTokens: 9, reasoningTokens: 3)

    /// Encodes `events` in one batch, then `finish()`; checks the framing and numbering common
    /// to every stream and returns the events.
    private func stream(_ events: [StreamEvent], dump name: String? = nil,
                        request: ChatRequest = ResponsesFixtures.request) throws -> [ResponsesFixtures.Event] {
        var encoder = ResponsesStreamEncoder(request: request, created: ResponsesFixtures.created)
        let bytes = encoder.encode(events) + encoder.finish()
        XCTAssertEqual(encoder.finish(), [], "a second finish writes nothing")
        XCTAssertEqual(encoder.encode([.text(index: 0, "late")]), [], "nothing after the terminal event")
        if let name { ResponsesFixtures.dump("stream-\(name).sse", bytes) }
        let parsed = try ResponsesFixtures.events(bytes)
        for (i, event) in parsed.enumerated() {
            XCTAssertEqual(event.type, event.name)
            XCTAssertEqual(event.data["sequence_number"]?.int, i)
        }
        return parsed
    }

    private func types(_ events: [ResponsesFixtures.Event]) -> [String] { events.map(\.name) }

    func testTextStream() throws {
        let events = try stream([
            .start(id: "chatcmpl-1", model: "gpt-4.1-2025"),
            .text(index: 0, "Sunny"), .text(index: 0, ", 18C."), .blockStop(index: 0),
            .finish(.endTurn), .usage(usage),
        ], dump: "text")
        XCTAssertEqual(types(events), [
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
            "response.content_part.done", "response.output_item.done", "response.completed",
        ])
        let created = events[0].data["response"]
        XCTAssertEqual(created?["id"], "resp_chatcmpl-1")
        XCTAssertEqual(created?["status"], "in_progress")
        XCTAssertEqual(created?["output"]?.jsonText, "[]")
        XCTAssertEqual(created?["usage"], .null)
        XCTAssertEqual(events[2].data["item"]?.jsonText,
                       #"{"id":"msg_chatcmpl-1_0","type":"message","status":"in_progress","content":[],"role":"assistant"}"#)
        XCTAssertEqual(events[4].data.jsonText, #"""
            {"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_chatcmpl-1_0","output_index":0,"content_index":0,"delta":"Sunny","logprobs":[]}
            """#)
        XCTAssertEqual(events[6].data["text"], "Sunny, 18C.")
        let done = events[9].data["response"]
        XCTAssertEqual(done?["status"], "completed")
        XCTAssertEqual(done?["output"]?[0]?["content"]?[0]?["text"], "Sunny, 18C.")
        XCTAssertEqual(done?["usage"]?["input_tokens"]?.int, 30)
    }

    func testToolCallStream() throws {
        let events = try stream([
            .start(id: "msg_1", model: "claude"),
            .toolCallStart(index: 0, id: "toolu_1", name: "get_weather"),
            .toolCallArguments(index: 0, #"{"city":"#), .toolCallArguments(index: 0, #""Paris"}"#),
            .blockStop(index: 0), .finish(.toolUse), .usage(usage),
        ], dump: "tool")
        XCTAssertEqual(types(events), [
            "response.created", "response.in_progress", "response.output_item.added",
            "response.function_call_arguments.delta", "response.function_call_arguments.delta",
            "response.function_call_arguments.done", "response.output_item.done", "response.completed",
        ])
        XCTAssertEqual(events[2].data["item"]?.jsonText, #"""
            {"id":"fc_msg_1_0","type":"function_call","status":"in_progress","arguments":"","call_id":"toolu_1","name":"get_weather"}
            """#)
        XCTAssertEqual(events[5].data["arguments"], #"{"city":"Paris"}"#)
        XCTAssertEqual(events[6].data["item"]?["status"], "completed")
        XCTAssertEqual(events[7].data["response"]?["output"]?[0], events[6].data["item"])
    }

    func testInterleavedTextAndParallelToolCallsKeepOneOutputOrder() throws {
        let events = try stream([
            .start(id: "c", model: "m"),
            .text(index: 0, "Checking "),
            .toolCallStart(index: 1, id: "call_a", name: "f"),
            .text(index: 0, "both."),
            .toolCallStart(index: 2, id: "call_b", name: "g"),
            .toolCallArguments(index: 2, "{}"), .toolCallArguments(index: 1, #"{"x":1}"#),
            .blockStop(index: 0), .blockStop(index: 1), .blockStop(index: 2),
            .finish(.toolUse), .usage(usage),
        ], dump: "interleaved")
        let added = events.filter { $0.name == "response.output_item.added" }
        XCTAssertEqual(added.map { $0.data["output_index"]?.int }, [0, 1, 2])
        XCTAssertEqual(added.map { $0.data["item"]?["id"]?.string }, ["msg_c_0", "fc_c_1", "fc_c_2"])
        let deltas = events.filter { $0.name == "response.output_text.delta" }
        XCTAssertEqual(deltas.map { $0.data["output_index"]?.int }, [0, 0])
        let arguments = events.filter { $0.name == "response.function_call_arguments.delta" }
        XCTAssertEqual(arguments.map { $0.data["output_index"]?.int }, [2, 1])
        let done = events.filter { $0.name == "response.output_item.done" }
        let output = events.last?.data["response"]?["output"]
        XCTAssertEqual(output?.array?.count, 3)
        for item in done {
            XCTAssertEqual(output?[item.data["output_index"]!.int!], item.data["item"])
        }
        XCTAssertEqual(output?[0]?["content"]?[0]?["text"], "Checking both.")
        XCTAssertEqual(output?[1]?["arguments"], #"{"x":1}"#)
    }

    func testReasoningStream() throws {
        let events = try stream([
            .start(id: "msg_2", model: "claude"),
            .thinking(index: 0, "Think"), .thinking(index: 0, "ing."), .thinkingSignature(index: 0, "sig"),
            .blockStop(index: 0),
            .text(index: 1, "Answer."), .blockStop(index: 1),
            .finish(.endTurn), .usage(usage),
        ], dump: "reasoning")
        XCTAssertEqual(types(events), [
            "response.created", "response.in_progress", "response.output_item.added",
            "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
            "response.reasoning_summary_part.done", "response.output_item.done",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.completed",
        ])
        XCTAssertEqual(events[2].data["item"]?.jsonText, #"{"id":"rs_msg_2_0","type":"reasoning","summary":[]}"#)
        XCTAssertEqual(events[4].data["summary_index"]?.int, 0)
        XCTAssertEqual(events[8].data["item"]?.jsonText, #"""
            {"id":"rs_msg_2_0","type":"reasoning","summary":[{"type":"summary_text","text":"Thinking."}],"encrypted_content":"sig"}
            """#)
    }

    func testMaxTokensEndsIncompleteWithTheLastItemIncomplete() throws {
        let events = try stream([
            .start(id: "c", model: "m"),
            .toolCallStart(index: 0, id: "call_a", name: "f"), .toolCallArguments(index: 0, "{}"),
            .blockStop(index: 0),
            .text(index: 1, "Cut sho"), .blockStop(index: 1),
            .finish(.maxTokens), .usage(usage),
        ], dump: "incomplete")
        let terminal = try XCTUnwrap(events.last)
        XCTAssertEqual(terminal.name, "response.incomplete")
        XCTAssertEqual(terminal.data["response"]?["status"], "incomplete")
        XCTAssertEqual(terminal.data["response"]?["incomplete_details"]?.jsonText, #"{"reason":"max_output_tokens"}"#)
        XCTAssertEqual(terminal.data["response"]?["output"]?[0]?["status"], "completed")
        XCTAssertEqual(terminal.data["response"]?["output"]?[1]?["status"], "incomplete")
    }

    func testItemsCloseOnFinishButTheTerminalEventWaitsForUsage() throws {
        var encoder = ResponsesStreamEncoder(request: ResponsesFixtures.request, created: ResponsesFixtures.created)
        let body = try ResponsesFixtures.events(encoder.encode([
            .start(id: "c", model: "m"), .usage(Usage(promptTokens: 30)),
            .text(index: 0, "Hi"), .finish(.endTurn),
        ]))
        XCTAssertEqual(body.last?.name, "response.output_item.done")
        XCTAssertEqual(encoder.encode([.usage(usage)]), [])
        let tail = try ResponsesFixtures.events(encoder.finish())
        XCTAssertEqual(types(tail), ["response.completed"])
        XCTAssertEqual(tail[0].data["sequence_number"]?.int, body.count)
        XCTAssertEqual(tail[0].data["response"]?["usage"]?["output_tokens"]?.int, 9)
        XCTAssertTrue(encoder.isFinished)
    }

    func testErrorMidStreamFailsTheResponse() throws {
        let failure = ProviderError(kind: .overloaded, status: 529, message: "Overloaded")
        let events = try stream([
            .start(id: "c", model: "m"), .usage(usage),
            .text(index: 0, "Half"), .error(failure), .text(index: 0, "more"),
        ], dump: "failed")
        XCTAssertEqual(types(events), [
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            "response.output_text.delta", "response.failed",
        ])
        let response = events[5].data["response"]
        XCTAssertEqual(response?["status"], "failed")
        XCTAssertEqual(response?["error"]?.jsonText, #"{"code":"server_error","message":"Overloaded"}"#)
        XCTAssertEqual(response?["output"]?[0]?["status"], "incomplete")
        XCTAssertEqual(response?["output"]?[0]?["content"]?[0]?["text"], "Half")
        XCTAssertEqual(response?["usage"]?["input_tokens"]?.int, 30)
    }

    func testErrorCodesAreInTheSDKsSet() throws {
        let table: [(ProviderError.Kind, String)] = [
            (.rateLimited, "rate_limit_exceeded"), (.contextLengthExceeded, "invalid_prompt"),
            (.invalidRequest, "invalid_prompt"), (.contentPolicy, "invalid_prompt"), (.timeout, "server_error"),
        ]
        for (kind, code) in table {
            let events = try stream([.error(ProviderError(kind: kind, status: 400, message: "x"))])
            XCTAssertEqual(types(events), ["response.created", "response.in_progress", "response.failed"])
            XCTAssertEqual(events[2].data["response"]?["error"]?["code"]?.string, code)
        }
    }

    func testStreamCutBeforeTheFinishReasonFails() throws {
        let events = try stream([.start(id: "c", model: "m"), .text(index: 0, "Hal")], dump: "cut")
        XCTAssertEqual(events.last?.name, "response.failed")
        XCTAssertEqual(events.last?.data["response"]?["error"]?["code"], "server_error")
    }

    func testContentBeforeStartUsesTheRequestModelAndAFixedID() throws {
        let events = try stream([.text(index: 0, "Hi"), .start(id: "late", model: "late"), .finish(.endTurn)])
        XCTAssertEqual(events[0].data["response"]?["id"], "resp_gateway")
        XCTAssertEqual(events[0].data["response"]?["model"], "gpt-4.1")
        XCTAssertEqual(events.last?.data["response"]?["id"], "resp_gateway")
        XCTAssertEqual(events.last?.data["response"]?["usage"]?["total_tokens"]?.int, 0)
    }
}
