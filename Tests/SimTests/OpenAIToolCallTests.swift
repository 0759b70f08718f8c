import XCTest
@testable import Sim
import Wire

final class OpenAIToolCallTests: XCTestCase {
    private let request = #"""
    {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Use get_weather and get_time for Paris"}],
     "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}},
              {"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}
    """#

    func testDecodesToolsAndChoice() throws {
        let chat = try OpenAIDialect.decodeChat(body(request))
        XCTAssertEqual(chat.tools.map(\.name), ["get_weather", "get_time"])
        XCTAssertEqual(chat.toolChoice, .auto)
        let choices: [(String, SimTool.Choice)] = [(#""none""#, .none), (#""required""#, .required), (#""auto""#, .auto),
                                                   (#"{"type":"function","function":{"name":"get_time"}}"#, .tool("get_time"))]
        for (json, choice) in choices {
            let text = #"{"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":\#(json)}"#
            XCTAssertEqual(try OpenAIDialect.decodeChat(body(text)).toolChoice, choice, json)
        }
        XCTAssertEqual(decodeError(#"{"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":"sometimes"}"#)?.param,
                       "tool_choice")
        XCTAssertEqual(decodeError(#"{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{}}]}"#)?.param,
                       "tools[0].function.name")
    }

    func testCompletionWithTwoParallelCalls() throws {
        let completion = ContentGenerator.completion(for: try OpenAIDialect.decodeChat(body(request)))
        let object = try json(String(decoding: OpenAIDialect.completionBody(completion, identity: sampleIdentity),
                                     as: UTF8.self))
        let choice = try XCTUnwrap(object["choices"]?[0])
        XCTAssertEqual(choice["finish_reason"], "tool_calls")
        XCTAssertEqual(choice["message"]?["content"], .null)
        XCTAssertEqual(choice["message"]?["tool_calls"], [
            ["id": .string(OpenAIDialect.toolCallID(responseID: "chatcmpl-TEST", index: 0)), "type": "function",
             "function": ["name": "get_weather", "arguments": #"{"location":"Paris"}"#]],
            ["id": .string(OpenAIDialect.toolCallID(responseID: "chatcmpl-TEST", index: 1)), "type": "function",
             "function": ["name": "get_time", "arguments": #"{"city":"Paris"}"#]],
        ])
        XCTAssertEqual(object["usage"]?["completion_tokens"]?.int, completion.completionTokens)
    }

    func testStreamedCallsOpenWithIdAndNameThenSendArgumentFragments() throws {
        let completion = ContentGenerator.completion(for: try OpenAIDialect.decodeChat(body(request)))
        let encoder = OpenAIStreamEncoder(identity: sampleIdentity, includeUsage: false)
        var out: [UInt8] = []
        encoder.appendOpening(to: &out)
        for index in 0..<completion.streamPieceCount { encoder.appendPiece(index, of: completion, to: &out) }
        encoder.appendClosing(completion, to: &out)
        let payloads = eventPayloads(out)
        XCTAssertEqual(payloads.last, "[DONE]")
        let deltas = try payloads.dropLast().map { try json($0)["choices"]?[0]?["delta"] }
        let fragments = completion.toolCalls.map(\.argumentPieces.count)
        XCTAssertEqual(deltas.count, 1 + (1 + fragments[0]) + (1 + fragments[1]) + 1)
        XCTAssertEqual(deltas[1], ["tool_calls": [["index": 0, "id": .string(OpenAIDialect.toolCallID(responseID: "chatcmpl-TEST", index: 0)),
                                                   "type": "function", "function": ["name": "get_weather", "arguments": ""]]]])
        var arguments: [Int: String] = [:]
        for delta in deltas {
            for call in delta?["tool_calls"]?.array ?? [] {
                arguments[call["index"]?.int ?? -1, default: ""] += call["function"]?["arguments"]?.string ?? ""
            }
        }
        XCTAssertEqual(arguments, [0: #"{"location":"Paris"}"#, 1: #"{"city":"Paris"}"#])
        let last = try json(payloads[payloads.count - 2])
        XCTAssertEqual(last["choices"]?[0]?["finish_reason"], "tool_calls")
    }
}
