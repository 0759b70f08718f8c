import XCTest
@testable import Sim
import Wire

final class SimToolPlannerTests: XCTestCase {
    private let weather = SimTool(name: "get_weather", schema: [
        "type": "object",
        "properties": ["location": ["type": "string"], "unit": ["type": "string", "enum": ["celsius", "fahrenheit"]],
                       "verbose": ["type": "boolean"]],
        "required": ["location", "unit"],
    ])
    private let time = SimTool(name: "get_time", schema: [
        "type": "object", "properties": ["city": ["type": "string"]], "required": ["city"],
    ])

    func testAutoCallsTheToolsTheLastUserMessageNames() {
        XCTAssertEqual(plan("Please call get_weather for Paris."), [
            SimToolCall(name: "get_weather", arguments: #"{"location":"Paris","unit":"celsius"}"#),
        ])
        XCTAssertEqual(plan("Use get_time and get_weather for New York?").map(\.name), ["get_time", "get_weather"],
                       "two names, two parallel calls, in order of mention")
        XCTAssertEqual(plan("use get_weather, then get_weather again for Oslo").count, 1, "each tool once")
        XCTAssertEqual(plan("USE get_weather in Rome").first?.arguments, #"{"location":"Rome","unit":"celsius"}"#)
    }

    func testAutoNeedsATriggerWordAndADeclaredName() {
        XCTAssertEqual(plan("What is get_weather for Paris?"), [], "no 'call' or 'use'")
        XCTAssertEqual(plan("Please call get_forecast for Paris"), [], "not declared")
        XCTAssertEqual(plan("call get_weathers"), [], "whole words only")
        XCTAssertEqual(plan("call get_weather", tools: []), [])
    }

    func testToolResultsEndTheRoundUnderAuto() {
        var request = SimChatRequest(model: "m", messages: [.init(role: "user", text: "call get_weather for Paris"),
                                                            .init(role: "assistant", text: ""),
                                                            .init(role: "tool", text: "15C")])
        request.tools = [weather]
        XCTAssertEqual(SimToolPlanner.plan(for: request), [])
        request.toolChoice = .required
        XCTAssertEqual(SimToolPlanner.plan(for: request).map(\.name), ["get_weather"], "forced calls still come")
    }

    func testChoices() {
        XCTAssertEqual(plan("call get_weather", choice: .none), [])
        XCTAssertEqual(plan("hello there", choice: .tool("get_time")).map(\.name), ["get_time"])
        XCTAssertEqual(plan("hello there", choice: .tool("nope")), [])
        XCTAssertEqual(plan("hello there", choice: .required).map(\.name), ["get_weather"], "first declared tool")
        XCTAssertEqual(plan("get_time please", choice: .required).map(\.name), ["get_time"])
    }

    func testArgumentsFollowTheSchemaAndThePrompt() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "city": ["type": "string"], "unit": ["type": "string", "enum": ["c", "f"]],
                "days": ["type": "integer", "minimum": 1, "maximum": 10], "ratio": ["type": "number"],
                "exact": ["type": "boolean"], "tags": ["type": "array", "items": ["type": "string"]],
                "where": ["type": "object", "properties": ["lat": ["type": "number"]], "required": ["lat"]],
                "kind": ["const": "forecast"], "mode": ["anyOf": [["type": "integer"], ["type": "string"]]],
                "nullable": ["type": ["null", "string"]], "level": ["type": "string", "default": "high"],
                "optional": ["type": "string"],
            ],
            "required": ["city", "unit", "days", "ratio", "exact", "tags", "where", "kind", "mode", "nullable", "level",
                         "missing"],
        ]
        let tool = SimTool(name: "forecast", schema: schema)
        let calls = plan(#"Use forecast unit=f exact=false city="San Francisco" for 42 days"#, tools: [tool])
        XCTAssertEqual(try JSONValue.parse(XCTUnwrap(calls.first).arguments), [
            "city": "San Francisco", "unit": "f", "days": 10, "ratio": 42, "exact": false,
            "tags": ["42 days"], "where": ["lat": 42], "kind": "forecast", "mode": 42, "nullable": "42 days",
            "level": "high", "missing": "42 days",
        ])
        let bare = plan("use forecast", tools: [tool])
        XCTAssertEqual(try JSONValue.parse(XCTUnwrap(bare.first).arguments)["city"], "city",
                       "no subject: the property name")
        XCTAssertEqual(plan("use get_time", tools: [SimTool(name: "get_time")]).first?.arguments, "{}")
    }

    func testFragmentsAndIDs() {
        let call = SimToolCall(name: "f", arguments: #"{"location":"Zürich ☃"}"#)
        XCTAssertEqual(call.argumentPieces.joined(), call.arguments)
        XCTAssertTrue(call.argumentPieces.dropLast().allSatisfy { $0.count == SimToolCall.fragmentLength })
        XCTAssertEqual(SimToolCall(name: "f", arguments: "").argumentPieces, [""], "never empty")
        let first = SimToolCall.id(prefix: "toolu_01", length: 22, responseID: "msg_A", index: 0)
        XCTAssertEqual(first, SimToolCall.id(prefix: "toolu_01", length: 22, responseID: "msg_A", index: 0))
        XCTAssertNotEqual(first, SimToolCall.id(prefix: "toolu_01", length: 22, responseID: "msg_A", index: 1))
        XCTAssertNotEqual(first, SimToolCall.id(prefix: "toolu_01", length: 22, responseID: "msg_B", index: 0))
        XCTAssertEqual(first.count, 30)
    }

    func testGeneratorAnswersWithCallsInsteadOfText() {
        var request = chat("call get_weather for Lyon")
        request.tools = [weather]
        let completion = ContentGenerator.completion(for: request)
        XCTAssertEqual(completion.pieces, [])
        XCTAssertEqual(completion.toolCalls.map(\.name), ["get_weather"])
        XCTAssertEqual(completion.completionTokens, completion.toolCalls[0].argumentPieces.count)
        XCTAssertEqual(completion.streamPieceCount, completion.completionTokens)
    }

    private func plan(_ text: String, tools: [SimTool]? = nil, choice: SimTool.Choice = .auto) -> [SimToolCall] {
        var request = chat(text)
        request.tools = tools ?? [weather, time]
        request.toolChoice = choice
        return SimToolPlanner.plan(for: request)
    }
}
