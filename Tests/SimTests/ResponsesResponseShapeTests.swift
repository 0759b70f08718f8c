import XCTest
@testable import Sim
import Wire

/// The `response` object and the Responses event stream, as the SDK's types define them.
final class ResponsesResponseShapeTests: XCTestCase {
    private static let responseKeys = [
        "id", "object", "created_at", "status", "background", "completed_at", "error", "incomplete_details",
        "instructions", "max_output_tokens", "max_tool_calls", "model", "output", "parallel_tool_calls",
        "previous_response_id", "prompt_cache_key", "reasoning", "safety_identifier", "service_tier", "store",
        "temperature", "text", "tool_choice", "tools", "top_logprobs", "top_p", "truncation", "usage", "user", "metadata",
    ]
    private static let weatherTools = #""tools":[{"type":"function","name":"get_weather","parameters":{"type":"object","#
        + #""properties":{"location":{"type":"string"}},"required":["location"]}},{"type":"function","name":"get_time"}]"#

    private func makeAnswer(_ text: String) throws -> ResponsesDialect.Answer {
        let request = try ResponsesDialect.decode(body(text))
        return ResponsesDialect.Answer(id: "resp_TEST", createdAt: 1_700_000_000, completedAt: 1_700_000_002,
                                       request: request, completion: ResponsesDialect.completion(for: request))
    }

    private func whole(_ answer: ResponsesDialect.Answer) throws -> JSONValue {
        try json(String(decoding: ResponsesDialect.responseBody(answer), as: UTF8.self))
    }

    /// The stream's events as (type, data) pairs, checking the framing of each.
    private func events(_ answer: ResponsesDialect.Answer, file: StaticString = #filePath,
                        line: UInt = #line) throws -> [(type: String, data: JSONValue)] {
        let encoder = ResponsesSimStream(answer: answer)
        var out: [UInt8] = []
        encoder.appendOpening(to: &out)
        for index in 0..<answer.completion.streamPieceCount { encoder.appendPiece(index, of: answer.completion, to: &out) }
        encoder.appendClosing(answer.completion, to: &out)
        let text = String(decoding: out, as: UTF8.self)
        XCTAssertTrue(text.hasSuffix("\n\n"), file: file, line: line)
        XCTAssertFalse(text.contains("[DONE]"), file: file, line: line)
        var result: [(type: String, data: JSONValue)] = []
        for block in text.split(separator: "\n\n") {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertEqual(lines.count, 2, "\(block)", file: file, line: line)
            XCTAssertTrue(lines[0].hasPrefix("event: "), file: file, line: line)
            XCTAssertTrue(lines[1].hasPrefix("data: "), file: file, line: line)
            let type = String(lines[0].dropFirst("event: ".count))
            let data = try json(String(lines[1].dropFirst("data: ".count)), file: file, line: line)
            XCTAssertEqual(data["type"], .string(type), file: file, line: line)
            XCTAssertEqual(data.object?.keys.prefix(2), ["type", "sequence_number"], file: file, line: line)
            result.append((type, data))
        }
        XCTAssertEqual(result.map { $0.data["sequence_number"] }, (0..<result.count).map { .number(JSONNumber($0)) },
                       "sequence numbers count up from 0", file: file, line: line)
        XCTAssertEqual(result.last?.data["sequence_number"]?.int, encoder.finalSequence, file: file, line: line)
        return result
    }

    private func usage(input: Int, output: Int) -> JSONValue {
        ["input_tokens": .number(JSONNumber(input)), "input_tokens_details": ["cached_tokens": 0, "cache_write_tokens": 0],
         "output_tokens": .number(JSONNumber(output)), "output_tokens_details": ["reasoning_tokens": 0],
         "total_tokens": .number(JSONNumber(input + output))]
    }

    func testWholeResponseCarriesEveryMemberWithOpenAIsDefaults() throws {
        let answer = try makeAnswer(#"{"model":"gpt-4.1","input":"echo:Hello \"there\"","instructions":"Be terse."}"#)
        let object = try whole(answer)
        XCTAssertEqual(object.object?.keys, Self.responseKeys)
        XCTAssertEqual(object["id"], "resp_TEST")
        XCTAssertEqual(object["object"], "response")
        XCTAssertEqual(object["created_at"], 1_700_000_000)
        XCTAssertEqual(object["status"], "completed")
        XCTAssertEqual(object["background"], false)
        XCTAssertEqual(object["completed_at"], 1_700_000_002)
        XCTAssertEqual(object["error"], .null)
        XCTAssertEqual(object["incomplete_details"], .null)
        XCTAssertEqual(object["instructions"], "Be terse.")
        XCTAssertEqual(object["max_output_tokens"], .null)
        XCTAssertEqual(object["model"], "gpt-4.1")
        XCTAssertEqual(object["output"], [[
            "type": "message", "id": .string(answer.messageID), "status": "completed", "role": "assistant",
            "content": [["type": "output_text", "annotations": [], "logprobs": [], "text": "Hello \"there\""]],
        ]])
        XCTAssertEqual(object["parallel_tool_calls"], true)
        XCTAssertEqual(object["reasoning"], ["effort": nil, "summary": nil])
        XCTAssertEqual(object["service_tier"], "default")
        XCTAssertEqual(object["store"], true)
        XCTAssertEqual(object["temperature"], 1.0)
        XCTAssertEqual(object["top_p"], 1.0)
        XCTAssertEqual(object["text"], ["format": ["type": "text"], "verbosity": "medium"])
        XCTAssertEqual(object["tool_choice"], "auto")
        XCTAssertEqual(object["tools"], [])
        XCTAssertEqual(object["truncation"], "disabled")
        XCTAssertEqual(object["usage"], usage(input: answer.completion.promptTokens, output: 2))
        XCTAssertEqual(object["user"], .null)
        XCTAssertEqual(object["metadata"], [:])
    }

    func testTheRequestIsEchoed() throws {
        let object = try whole(try makeAnswer(#"""
            {"model":"m","input":"hi","max_output_tokens":100,"temperature":0.2,"top_p":0.5,"parallel_tool_calls":false,
             "store":false,"user":"u","metadata":{"a":"b"},"reasoning":{"effort":"high"},"tool_choice":"none",
             "tools":[{"type":"function","name":"f","description":"F.","parameters":{"type":"object"},"strict":false}]}
            """#))
        XCTAssertEqual(object["max_output_tokens"], 100)
        XCTAssertEqual(object["temperature"], 0.2)
        XCTAssertEqual(object["top_p"], 0.5)
        XCTAssertEqual(object["parallel_tool_calls"], false)
        XCTAssertEqual(object["store"], false)
        XCTAssertEqual(object["user"], "u")
        XCTAssertEqual(object["metadata"], ["a": "b"])
        XCTAssertEqual(object["reasoning"], ["effort": "high", "summary": nil])
        XCTAssertEqual(object["tool_choice"], "none")
        XCTAssertEqual(object["tools"], [["type": "function", "description": "F.", "name": "f",
                                          "parameters": ["type": "object"], "strict": false]])
    }

    func testTheTokenLimitMakesTheResponseIncomplete() throws {
        let words = (1...20).map { "w\($0)" }.joined(separator: " ")
        let answer = try makeAnswer(#"{"model":"m","input":"echo:\#(words)","max_output_tokens":16}"#)
        let object = try whole(answer)
        XCTAssertEqual(object["status"], "incomplete")
        XCTAssertEqual(object["incomplete_details"], ["reason": "max_output_tokens"])
        XCTAssertEqual(object["completed_at"], .null)
        XCTAssertEqual(object["output"]?[0]?["status"], "incomplete")
        XCTAssertEqual(object["output"]?[0]?["content"]?[0]?["text"]?.string, (1...16).map { "w\($0)" }.joined(separator: " "))
        XCTAssertEqual(object["usage"]?["output_tokens"], 16)
        let fits = try whole(try makeAnswer(#"{"model":"m","input":"echo:\#(words)","max_output_tokens":20}"#))
        XCTAssertEqual(fits["status"], "completed")
    }

    func testFunctionCallsAreOutputItemsWithTheirOwnIDs() throws {
        let answer = try makeAnswer(#"{"model":"m","input":"Use get_weather and get_time for Paris",\#(Self.weatherTools)}"#)
        let object = try whole(answer)
        let output = try XCTUnwrap(object["output"]?.array)
        XCTAssertEqual(output.count, 2, "no message item beside the calls")
        let keys = ["type", "id", "status", "arguments", "call_id", "name"]
        XCTAssertEqual(output.map { $0.object?.keys }, [keys, keys])
        XCTAssertEqual(output.map { $0["name"] }, ["get_weather", "get_time"])
        XCTAssertEqual(output.map { $0["status"] }, ["completed", "completed"])
        XCTAssertEqual(try json(try XCTUnwrap(output[0]["arguments"]?.string)), ["location": "Paris"])
        XCTAssertEqual(output[1]["arguments"], "{}")
        let ids = output.compactMap { $0["id"]?.string }
        let callIDs = output.compactMap { $0["call_id"]?.string }
        XCTAssertTrue(ids.allSatisfy { $0.hasPrefix("fc_") && $0.count == 51 }, "\(ids)")
        XCTAssertTrue(callIDs.allSatisfy { $0.hasPrefix("call_") && $0.count == 29 }, "\(callIDs)")
        XCTAssertEqual(Set(ids).count, 2)
        XCTAssertEqual(Set(callIDs).count, 2)
        XCTAssertEqual(object["status"], "completed")
        XCTAssertEqual(object["usage"]?["output_tokens"]?.int, answer.completion.completionTokens)
    }

    func testTextStreamEventsInOpenAIsOrder() throws {
        let answer = try makeAnswer(#"{"model":"m","input":"echo:one two three","stream":true}"#)
        let events = try events(answer)
        XCTAssertEqual(events.map(\.type), [
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            "response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed",
        ])
        for event in events[0...1] {
            XCTAssertEqual(event.data["response"]?["status"], "in_progress")
            XCTAssertEqual(event.data["response"]?["output"], [])
            XCTAssertEqual(event.data["response"]?["usage"], .null)
            XCTAssertEqual(event.data["response"]?["completed_at"], .null)
        }
        let id = JSONValue.string(answer.messageID)
        XCTAssertEqual(events[2].data["item"], ["type": "message", "id": id, "status": "in_progress", "role": "assistant",
                                                "content": []])
        XCTAssertEqual(events[3].data["part"], ["type": "output_text", "annotations": [], "logprobs": [], "text": ""])
        for delta in events[4...6] {
            XCTAssertEqual(delta.data.object?.keys, ["type", "sequence_number", "item_id", "output_index", "content_index",
                                                     "delta", "logprobs"])
            XCTAssertEqual(delta.data["item_id"], id)
            XCTAssertEqual(delta.data["output_index"], 0)
            XCTAssertEqual(delta.data["content_index"], 0)
            XCTAssertEqual(delta.data["logprobs"], [])
        }
        XCTAssertEqual(events[4...6].compactMap { $0.data["delta"]?.string }, ["one", " two", " three"])
        XCTAssertEqual(events[7].data["text"], "one two three")
        XCTAssertEqual(events[8].data["part"]?["text"], "one two three")
        XCTAssertEqual(events[9].data["item"]?["status"], "completed")
        XCTAssertEqual(events[10].data["response"], try whole(answer), "the whole response, usage included")
    }

    func testToolCallStreamOpensAndClosesEachItemInTurn() throws {
        let answer = try makeAnswer(
            #"{"model":"m","input":"Use get_weather and get_time for Paris","stream":true,\#(Self.weatherTools)}"#)
        let calls = answer.completion.toolCalls
        XCTAssertEqual(calls.count, 2)
        let events = try events(answer)
        var expected = ["response.created", "response.in_progress"]
        for call in calls {
            expected.append("response.output_item.added")
            expected += Array(repeating: "response.function_call_arguments.delta", count: call.argumentPieces.count)
            expected += ["response.function_call_arguments.done", "response.output_item.done"]
        }
        expected.append("response.completed")
        XCTAssertEqual(events.map(\.type), expected)
        let final = try XCTUnwrap(events.last?.data["response"]?["output"]?.array)
        for (index, call) in calls.enumerated() {
            let added = events.filter { $0.type == "response.output_item.added" }[index].data
            XCTAssertEqual(added["output_index"]?.int, index)
            XCTAssertEqual(added["item"]?["arguments"], "")
            XCTAssertEqual(added["item"]?["status"], "in_progress")
            XCTAssertEqual(added["item"]?["id"], final[index]["id"])
            XCTAssertEqual(added["item"]?["call_id"], final[index]["call_id"])
            let deltas = events.filter {
                $0.type == "response.function_call_arguments.delta" && $0.data["output_index"]?.int == index
            }
            XCTAssertTrue(deltas.allSatisfy { $0.data["item_id"] == final[index]["id"] })
            XCTAssertEqual(deltas.compactMap { $0.data["delta"]?.string }.joined(), call.arguments)
            let done = events.filter { $0.type == "response.function_call_arguments.done" }[index].data
            XCTAssertEqual(done["arguments"]?.string, call.arguments)
            XCTAssertEqual(events.filter { $0.type == "response.output_item.done" }[index].data["item"], final[index])
        }
    }

    func testATruncatedStreamEndsWithResponseIncomplete() throws {
        let words = (1...20).map { "w\($0)" }.joined(separator: " ")
        let answer = try makeAnswer(#"{"model":"m","input":"echo:\#(words)","max_output_tokens":16,"stream":true}"#)
        let events = try events(answer)
        XCTAssertEqual(events.filter { $0.type == "response.output_text.delta" }.count, 16)
        XCTAssertEqual(events.last?.type, "response.incomplete")
        XCTAssertEqual(events.last?.data["response"]?["incomplete_details"], ["reason": "max_output_tokens"])
        XCTAssertEqual(events.first { $0.type == "response.output_item.done" }?.data["item"]?["status"], "incomplete")
    }

    func testAnEmptyAnswerStillOpensAndClosesItsMessage() throws {
        let events = try events(try makeAnswer(#"{"model":"m","input":"echo:","stream":true}"#))
        XCTAssertEqual(events.map(\.type), [
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed",
        ])
        XCTAssertEqual(events[4].data["text"], "")
    }

    func testIDsAreShapedLikeOpenAIsAndStablePerResponse() throws {
        var random = SimRandom(seed: 1)
        let id = ResponsesDialect.responseID(random: &random)
        XCTAssertTrue(id.hasPrefix("resp_"))
        XCTAssertEqual(id.count, 53)
        XCTAssertTrue(id.dropFirst(5).allSatisfy(\.isHexDigit))
        XCTAssertNotEqual(ResponsesDialect.responseID(random: &random), id)
        let first = try makeAnswer(#"{"model":"m","input":"hi"}"#)
        XCTAssertTrue(first.messageID.hasPrefix("msg_"))
        XCTAssertEqual(first.messageID, try makeAnswer(#"{"model":"m","input":"other"}"#).messageID, "seeded by the response id")
        var other = first
        other.id = "resp_OTHER"
        XCTAssertNotEqual(other.messageID, first.messageID)
    }
}
