import XCTest
import Wire

final class AnthropicRequestDecoderTests: XCTestCase {
    func testDecodesEveryMappedMember() throws {
        let request = try AnthropicRequestDecoder.decode(Array(AnthropicFixtures.request.utf8))
        XCTAssertEqual(request.model, "claude-sonnet-4-5")
        XCTAssertEqual(request.maxTokens, 1024)
        XCTAssertEqual(request.system, ["You are a weather assistant.", "Be brief."])
        XCTAssertEqual(request.stop, ["\n\nHuman:", "END"])
        XCTAssertEqual(request.temperature, 0.5)
        XCTAssertEqual(request.topP, 0.9)
        XCTAssertTrue(request.stream)
        XCTAssertTrue(request.includeUsage, "Anthropic streams always carry usage")
        XCTAssertEqual(request.user, "user-1234")
        XCTAssertEqual(request.thinkingBudget, 2048)
        XCTAssertEqual(request.toolChoice, .required)
        XCTAssertEqual(request.unsupported, [], "cache_control is a hint, not an unsupported member")
        XCTAssertEqual(request.tools.map(\.name), ["get_weather", "get_forecast"])
        XCTAssertEqual(request.tools[0].description, "Get the current weather in a given location")
        XCTAssertNil(request.tools[1].description)
        XCTAssertEqual(try JSONValue.parse(request.tools[0].parameters)["required"], ["location"])
        XCTAssertEqual(request.messages.map(\.role), [.user, .assistant, .user, .assistant, .user])
        XCTAssertEqual(request.messages[0].parts, [
            .text("What is the weather in Paris? Here is a map."),
            .image(.base64(mediaType: "image/png", data: "iVBORw0KGgo=")),
            .image(.url("https://example.com/map.jpg")),
        ])
        XCTAssertEqual(request.messages[1].parts, [
            .thinking(text: "The user wants the weather.", signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"),
            AnthropicRedactedThinking.part(data: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"),
            .text("Let me check."),
            .toolCall(id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather",
                      arguments: #"{"location":"Paris, France","unit":"celsius"}"#),
        ])
        XCTAssertEqual(request.messages[2].parts, [
            .toolResult(id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", content: "15 degrees\nlight rain",
                        isError: false),
            .text("And tomorrow?"),
        ])
        XCTAssertEqual(request.messages[4].parts, [
            .toolResult(id: "toolu_02B", name: "get_forecast", content: "service unavailable", isError: true),
        ])
    }

    func testStringSystemAndStringContent() throws {
        let request = try decode(#"{"model":"m","max_tokens":5,"system":"Be terse.","messages":[{"role":"user","content":"Hi"}]}"#)
        XCTAssertEqual(request.system, ["Be terse."])
        XCTAssertEqual(request.messages, [ChatMessage(role: .user, parts: [.text("Hi")])])
        XCTAssertFalse(request.stream)
        XCTAssertNil(request.toolChoice)
    }

    func testToolChoiceTable() throws {
        let table: [(String, ToolChoice)] = [
            (#"{"type":"auto"}"#, .auto), (#"{"type":"any"}"#, .required), (#"{"type":"none"}"#, .none),
            (#"{"type":"tool","name":"get_weather"}"#, .tool("get_weather")),
        ]
        for (json, expected) in table {
            let request = try decode(#"{"model":"m","max_tokens":5,"messages":[],"tool_choice":\#(json)}"#)
            XCTAssertEqual(request.toolChoice, expected, json)
        }
        let noParallel = try decode(#"{"model":"m","max_tokens":5,"messages":[],"tool_choice":{"type":"auto","disable_parallel_tool_use":true}}"#)
        XCTAssertEqual(noParallel.unsupported, ["tool_choice.disable_parallel_tool_use"])
    }

    func testMissingMaxTokensIsAnErrorNamingTheParam() {
        let error = decodeError(#"{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}"#)
        XCTAssertEqual(error?.code, .missingParameter)
        XCTAssertEqual(error?.param, "max_tokens")
        XCTAssertEqual(error?.message, "max_tokens: Field required")
    }

    func testStructuralErrorsCarryDottedPaths() {
        let cases: [(String, AnthropicCodecError.Code, String)] = [
            (#"{"max_tokens":5,"messages":[]}"#, .missingParameter, "model"),
            (#"{"model":"m","max_tokens":5}"#, .missingParameter, "messages"),
            (#"{"model":"m","max_tokens":"5","messages":[]}"#, .invalidParameter, "max_tokens"),
            (#"{"model":"m","max_tokens":0,"messages":[]}"#, .invalidParameter, "max_tokens"),
            (#"{"model":"m","max_tokens":5,"messages":[{"role":"system","content":"x"}]}"#, .invalidParameter,
             "messages.0.role"),
            (#"{"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text"}]}]}"#,
             .missingParameter, "messages.0.content.0.text"),
            (#"{"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image"}]}]}"#,
             .missingParameter, "messages.0.content.0.source"),
            (#"{"model":"m","max_tokens":5,"messages":[],"thinking":{"type":"enabled"}}"#, .missingParameter,
             "thinking.budget_tokens"),
            (#"{"model":"m","max_tokens":5,"messages":[],"tools":[{"name":"t"}]}"#, .missingParameter,
             "tools.0.input_schema"),
            (#"{"model":"m","max_tokens":5,"messages":[],"temperature":"hot"}"#, .invalidParameter, "temperature"),
        ]
        for (json, code, param) in cases {
            let error = decodeError(json)
            XCTAssertEqual(error?.code, code, json)
            XCTAssertEqual(error?.param, param, json)
        }
        XCTAssertEqual(decodeError("[1]")?.code, .malformedJSON)
        XCTAssertEqual(decodeError("{")?.code, .malformedJSON)
    }

    func testUnexpressibleMembersAreListedNotDropped() throws {
        let request = try decode(#"""
        {"model":"m","max_tokens":5,"top_k":40,"service_tier":"auto","mcp_servers":[],
         "metadata":{"user_id":"u","other":1},
         "tools":[{"type":"web_search_20250305","name":"web_search"},{"type":"custom","name":"t","input_schema":{"type":"object"}}],
         "thinking":{"type":"adaptive"},
         "output_config":{"effort":"high"},
         "messages":[{"role":"user","content":[
           {"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"}},
           {"type":"image","source":{"type":"file","file_id":"file_1"}},
           {"type":"tool_result","tool_use_id":"t1","content":[{"type":"image","source":{"type":"url","url":"u"}}]}]}]}
        """#)
        XCTAssertEqual(Set(request.unsupported), [
            "top_k", "service_tier", "mcp_servers", "metadata.other", "tools.0", "thinking", "output_config.effort",
            "messages.0.content.0", "messages.0.content.1.source", "messages.0.content.2.content.0",
        ])
        XCTAssertEqual(request.tools.map(\.name), ["t"])
        XCTAssertEqual(request.user, "u")
        XCTAssertEqual(request.messages[0].parts, [.toolResult(id: "t1", name: nil, content: "", isError: false)])
    }

    func testStructuredOutputBecomesJSONSchemaFormat() throws {
        let request = try decode(#"{"model":"m","max_tokens":5,"messages":[],"output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":false}}}}"#)
        guard case .jsonSchema(_, let schema, let strict) = request.responseFormat else {
            return XCTFail("expected a JSON schema format, got \(String(describing: request.responseFormat))")
        }
        XCTAssertTrue(strict)
        XCTAssertEqual(try JSONValue.parse(schema)["additionalProperties"], false)
    }

    func testNullOptionalMembersReadAsAbsent() throws {
        let request = try decode(#"{"model":"m","max_tokens":5,"messages":[],"system":null,"temperature":null,"stream":null,"metadata":{"user_id":null},"tool_choice":null}"#)
        XCTAssertEqual(request, ChatRequest(model: "m", maxTokens: 5))
    }

    private func decode(_ json: String) throws -> ChatRequest {
        try AnthropicRequestDecoder.decode(Array(json.utf8))
    }

    private func decodeError(_ json: String) -> AnthropicCodecError? {
        do {
            _ = try AnthropicRequestDecoder.decode(Array(json.utf8))
            return nil
        } catch {
            return error
        }
    }
}
