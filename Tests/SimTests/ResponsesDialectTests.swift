import XCTest
@testable import Sim
import Wire

/// Reading `POST /v1/responses` bodies: the mapping onto the shared chat form and OpenAI's refusals.
final class ResponsesDialectTests: XCTestCase {
    private func decode(_ text: String) throws -> ResponsesDialect.Request {
        try ResponsesDialect.decode(body(text))
    }

    private func refusal(_ text: String) -> SimError? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error as? SimError
        }
    }

    func testStringInputIsOneUserMessageAfterTheInstructions() throws {
        let request = try decode(#"{"model":"gpt-4.1","input":"Hello","instructions":"Be terse."}"#)
        XCTAssertEqual(request.chat.model, "gpt-4.1")
        XCTAssertEqual(request.chat.messages, [.init(role: "system", text: "Be terse."), .init(role: "user", text: "Hello")])
        XCTAssertEqual(request.instructions, "Be terse.")
        XCTAssertFalse(request.chat.stream)
        XCTAssertNil(request.chat.maxTokens)
        XCTAssertEqual(request.chat.toolChoice, .auto)
    }

    func testItemsMapAsTheSameChatConversationDoes() throws {
        let responses = try decode(#"""
            {"model":"m","input":[
              {"role":"developer","content":"Rules."},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"a"},
                {"type":"input_image","image_url":"data:image/png;base64,AAAA","detail":"auto"},
                {"type":"input_text","text":"b"}]},
              {"type":"reasoning","id":"rs_1","summary":[]},
              {"role":"assistant","content":[{"type":"output_text","text":"Let me look."}]},
              {"type":"function_call","call_id":"call_1","name":"f","arguments":"{}"},
              {"type":"function_call","call_id":"call_2","name":"g","arguments":"{}"},
              {"type":"function_call_output","call_id":"call_1","output":"sunny"},
              {"type":"function_call_output","call_id":"call_2","output":[{"type":"input_text","text":"noon"}]}]}
            """#)
        let chat = try OpenAIDialect.decodeChat(body(#"""
            {"model":"m","messages":[
              {"role":"developer","content":"Rules."},
              {"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"x"}},
                {"type":"text","text":"b"}]},
              {"role":"assistant","content":"Let me look.","tool_calls":[
                {"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}},
                {"id":"call_2","type":"function","function":{"name":"g","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"},
              {"role":"tool","tool_call_id":"call_2","content":"noon"}]}
            """#))
        XCTAssertEqual(responses.chat.messages, chat.messages)
        XCTAssertEqual(ContentGenerator.completion(for: responses.chat), ContentGenerator.completion(for: chat))
    }

    func testAFunctionCallAfterAToolResultOpensANewAssistantTurn() throws {
        let request = try decode(#"""
            {"model":"m","input":[{"role":"user","content":"go"},
              {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
              {"type":"function_call_output","call_id":"c1","output":"1"},
              {"type":"function_call","call_id":"c2","name":"f","arguments":"{}"},
              {"type":"function_call_output","call_id":"c2","output":"2"}]}
            """#)
        XCTAssertEqual(request.chat.messages.map(\.role), ["user", "assistant", "tool", "assistant", "tool"])
    }

    func testToolsAreFlatFunctionsAndStrictByDefault() throws {
        let request = try decode(#"""
            {"model":"m","input":"Use get_weather for Paris","tool_choice":{"type":"function","name":"get_weather"},
             "tools":[{"type":"function","name":"get_weather","description":"Weather.",
                       "parameters":{"type":"object","properties":{"location":{"type":"string"}}}},
                      {"type":"function","name":"ping","strict":false}]}
            """#)
        XCTAssertEqual(request.chat.tools.map(\.name), ["get_weather", "ping"])
        XCTAssertEqual(request.chat.tools[0].schema["properties"]?["location"], ["type": "string"])
        XCTAssertEqual(request.chat.tools[1], SimTool(name: "ping"))
        XCTAssertEqual(request.chat.toolChoice, .tool("get_weather"))
        XCTAssertEqual(request.toolChoice, ["type": "function", "name": "get_weather"])
        XCTAssertEqual(request.tools[0], ["type": "function", "description": "Weather.", "name": "get_weather",
                                          "parameters": ["type": "object", "properties": ["location": ["type": "string"]]],
                                          "strict": true])
        XCTAssertEqual(request.tools[1]["strict"], false)
        XCTAssertEqual(request.tools[1]["parameters"], .null)
        for (choice, expected) in [("none", SimTool.Choice.none), ("auto", .auto), ("required", .required)] {
            let decoded = try decode(#"{"model":"m","input":"x","tools":[{"type":"function","name":"f"}],"#
                + #""tool_choice":"\#(choice)"}"#)
            XCTAssertEqual(decoded.chat.toolChoice, expected)
            XCTAssertEqual(decoded.toolChoice, .string(choice))
        }
    }

    func testAFunctionCallOutputLastEndsTheToolRound() throws {
        let tools = #""tools":[{"type":"function","name":"get_weather"}]"#
        let asked = try decode(#"{"model":"m","input":"Use get_weather for Paris",\#(tools)}"#)
        XCTAssertEqual(ResponsesDialect.completion(for: asked).toolCalls.map(\.name), ["get_weather"])
        let answered = try decode(#"""
            {"model":"m",\#(tools),"input":[{"role":"user","content":"Use get_weather for Paris"},
              {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{}"},
              {"type":"function_call_output","call_id":"call_1","output":"sunny"}]}
            """#)
        let completion = ResponsesDialect.completion(for: answered)
        XCTAssertTrue(completion.toolCalls.isEmpty)
        XCTAssertFalse(completion.pieces.isEmpty)
    }

    func testParallelToolCallsFalseKeepsTheFirstCall() throws {
        let tools = #""tools":[{"type":"function","name":"f"},{"type":"function","name":"g"}]"#
        let both = try decode(#"{"model":"m","input":"call f and g",\#(tools)}"#)
        XCTAssertEqual(ResponsesDialect.completion(for: both).toolCalls.map(\.name), ["f", "g"])
        let one = try decode(#"{"model":"m","input":"call f and g","parallel_tool_calls":false,\#(tools)}"#)
        XCTAssertEqual(ResponsesDialect.completion(for: one).toolCalls.map(\.name), ["f"])
        XCTAssertFalse(one.parallelToolCalls)
    }

    func testSettingsAreReadForTheEcho() throws {
        let request = try decode(#"""
            {"model":"o3-mini","input":"Answer in JSON.","stream":true,"stream_options":{"include_obfuscation":false},
             "max_output_tokens":64,"temperature":0.5,"top_p":0.9,"store":false,"user":"u-1","metadata":{"k":"v"},
             "include":["reasoning.encrypted_content"],"reasoning":{"effort":"low","summary":"auto"},
             "text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object"},"strict":true},
                     "verbosity":"low"},
             "service_tier":"flex","truncation":"auto","prompt_cache_key":"pk","safety_identifier":"s","top_logprobs":2,
             "max_tool_calls":3,"background":false}
            """#)
        XCTAssertTrue(request.chat.stream)
        XCTAssertEqual(request.chat.maxTokens, 64)
        XCTAssertEqual(request.maxOutputTokens, 64)
        XCTAssertEqual(request.temperature, 0.5)
        XCTAssertEqual(request.topP, 0.9)
        XCTAssertFalse(request.store)
        XCTAssertEqual(request.user, "u-1")
        XCTAssertEqual(request.metadata, ["k": "v"])
        XCTAssertEqual(request.reasoning, ["effort": "low", "summary": "auto"])
        XCTAssertEqual(request.text, ["format": ["type": "json_schema", "description": nil, "name": "answer",
                                                 "schema": ["type": "object"], "strict": true],
                                      "verbosity": "low"])
        XCTAssertEqual(request.serviceTier, "flex")
        XCTAssertEqual(request.truncation, "auto")
        XCTAssertEqual(request.promptCacheKey, "pk")
        XCTAssertEqual(request.safetyIdentifier, "s")
        XCTAssertEqual(request.topLogprobs, 2)
        XCTAssertEqual(request.maxToolCalls, 3)
        let json = try decode(#"{"model":"m","input":"Reply in json","text":{"format":{"type":"json_object"}}}"#)
        XCTAssertEqual(json.text["format"], ["type": "json_object"])
        let plain = try decode(#"{"model":"m","input":"x","service_tier":"auto","temperature":null}"#)
        XCTAssertEqual(plain.serviceTier, "default")
        XCTAssertEqual(plain.temperature, 1)
        XCTAssertEqual(plain.text, ["format": ["type": "text"], "verbosity": "medium"])
        XCTAssertEqual(plain.reasoning, ["effort": nil, "summary": nil])
    }

    func testRefusalsNameTheParameterWithOpenAIsCodes() {
        let cases: [(String, String?, String)] = [
            (#"{"input":"x"}"#, "model", "missing_required_parameter"),
            (#"{"model":"m"}"#, "input", "missing_required_parameter"),
            (#"{"model":7,"input":"x"}"#, "model", "invalid_type"),
            (#"{"model":"m","input":"x","messages":[]}"#, "messages", "unknown_parameter"),
            (#"{"model":"m","input":{"role":"user"}}"#, "input", "invalid_type"),
            (#"{"model":"m","input":"x","stream":"yes"}"#, "stream", "invalid_type"),
            (#"{"model":"m","input":"x","stream_options":{}}"#, "stream_options", "invalid_value"),
            (#"{"model":"m","input":"x","max_output_tokens":15}"#, "max_output_tokens", "integer_below_min_value"),
            (#"{"model":"m","input":"x","max_output_tokens":1.5}"#, "max_output_tokens", "invalid_type"),
            (#"{"model":"m","input":"x","temperature":2.5}"#, "temperature", "decimal_above_max_value"),
            (#"{"model":"m","input":"x","top_p":-1}"#, "top_p", "decimal_below_min_value"),
            (#"{"model":"m","input":"x","metadata":{"k":1}}"#, "metadata.k", "invalid_type"),
            (#"{"model":"m","input":"x","include":["everything"]}"#, "include[0]", "invalid_value"),
            (#"{"model":"m","input":"x","reasoning":{"effort":"huge"}}"#, "reasoning.effort", "invalid_value"),
            (#"{"model":"m","input":"x","text":{"format":{"type":"yaml"}}}"#, "text.format.type", "invalid_value"),
            (#"{"model":"m","input":"x","text":{"format":{"type":"json_schema","schema":{}}}}"#, "text.format.name",
             "missing_required_parameter"),
            (#"{"model":"m","input":"x","text":{"format":{"type":"json_object"}}}"#, "input", "invalid_value"),
            (#"{"model":"m","input":"x","tools":[{"type":"function","function":{"name":"f"}}]}"#, "tools[0].function",
             "unknown_parameter"),
            (#"{"model":"m","input":"x","tools":[{"type":"web_search"}]}"#, "tools[0].type", "invalid_value"),
            (#"{"model":"m","input":"x","tools":[{"type":"function","name":"a b"}]}"#, "tools[0].name", "invalid_value"),
            (#"{"model":"m","input":"x","tool_choice":"any"}"#, "tool_choice", "invalid_value"),
            (#"{"model":"m","input":"x","tool_choice":{"type":"function","name":"f"}}"#, "tool_choice", "invalid_value"),
            (#"{"model":"m","input":[{"role":"tool","content":"x"}]}"#, "input[0].role", "invalid_value"),
            (#"{"model":"m","input":[{"role":"user"}]}"#, "input[0].content", "missing_required_parameter"),
            (#"{"model":"m","input":[{"role":"assistant","content":[{"type":"input_text","text":"x"}]}]}"#,
             "input[0].content[0]", "invalid_value"),
            (#"{"model":"m","input":[{"type":"function_call","name":"f","arguments":"{}"}]}"#, "input[0].call_id",
             "missing_required_parameter"),
            (#"{"model":"m","input":[{"type":"function_call_output","call_id":"c"}]}"#, "input[0].output",
             "missing_required_parameter"),
            (#"{"model":"m","input":[{"type":"computer_call"}]}"#, "input[0].type", "invalid_value"),
            (#"{"model":"m","input":"x","previous_response_id":"resp_1"}"#, "previous_response_id",
             "previous_response_not_found"),
            (#"{"model":"m","input":"x","background":true}"#, "background", "unsupported_parameter"),
        ]
        for (text, param, code) in cases {
            let error = refusal(text)
            XCTAssertEqual(error?.status, 400, text)
            XCTAssertEqual(error?.param, param, text)
            XCTAssertEqual(error.flatMap(OpenAIDialect.errorCode), code, text)
        }
        XCTAssertEqual(refusal("{not json")?.code, .malformedJSON)
        XCTAssertEqual(refusal("[1]")?.code, .malformedJSON)
        XCTAssertEqual(refusal(#"{"model":"m","input":"x","temperature":"hot"}"#)?.message,
                       "Invalid type for 'temperature': expected a decimal, but got a string instead.")
        XCTAssertEqual(refusal(#"{"model":"m","input":"x","max_output_tokens":10}"#)?.message,
                       "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 10 instead.")
        XCTAssertEqual(refusal(#"{"model":"m","input":"x","bogus":1}"#)?.message, "Unknown parameter: 'bogus'.")
    }
}
