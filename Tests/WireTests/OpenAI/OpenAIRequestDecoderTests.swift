import XCTest
import Wire

final class OpenAIRequestDecoderTests: XCTestCase {
    private func decode(_ json: String) throws -> ChatRequest {
        try OpenAIRequestDecoder.decode(Array(json.utf8))
    }

    private func decodeError(_ json: String) -> OpenAIDecodeError? {
        do {
            _ = try decode(json)
            return nil
        } catch let error as OpenAIDecodeError {
            return error
        } catch {
            XCTFail("unexpected \(error)")
            return nil
        }
    }

    private func minimal(_ extra: String) -> String {
        #"{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]\#(extra)}"#
    }

    func testDecodesEveryMappedMember() throws {
        let request = try decode(OpenAIFixtures.fullRequest)
        XCTAssertEqual(request, OpenAIFixtures.fullCanonical)
        XCTAssertEqual(request.unsupported, [])
    }

    func testMinimalRequestHasDefaults() throws {
        let request = try decode(minimal(""))
        XCTAssertEqual(request, ChatRequest(model: "gpt-4o", messages: [ChatMessage(role: .user, parts: [.text("Hi")])]))
    }

    func testNullMembersReadAsAbsent() throws {
        let request = try decode(minimal(#","temperature":null,"tools":null,"stop":null,"n":null,"logprobs":null"#))
        XCTAssertNil(request.temperature)
        XCTAssertEqual(request.unsupported, [])
    }

    func testMaxTokensAndTheNewerNameWins() throws {
        XCTAssertEqual(try decode(minimal(#","max_tokens":300"#)).maxTokens, 300)
        XCTAssertEqual(try decode(minimal(#","max_completion_tokens":500"#)).maxTokens, 500)
        XCTAssertEqual(try decode(minimal(#","max_completion_tokens":500,"max_tokens":300"#)).maxTokens, 500)
    }

    func testStopAsStringOrArray() throws {
        XCTAssertEqual(try decode(minimal(#","stop":"END""#)).stop, ["END"])
        XCTAssertEqual(try decode(minimal(#","stop":["a","b"]"#)).stop, ["a", "b"])
    }

    func testReasoningEffortMapsToDocumentedBudgets() throws {
        let table: [(String, Int?)] = [("low", 1024), ("medium", 4096), ("high", 16384), ("minimal", 1024),
                                       ("xhigh", 32768), ("none", nil)]
        for (effort, budget) in table {
            XCTAssertEqual(try decode(minimal(#","reasoning_effort":"\#(effort)""#)).thinkingBudget, budget, effort)
        }
        XCTAssertEqual(decodeError(minimal(#","reasoning_effort":"max""#))?.param, "reasoning_effort")
    }

    func testToolChoiceForms() throws {
        XCTAssertEqual(try decode(minimal(#","tool_choice":"auto""#)).toolChoice, .auto)
        XCTAssertEqual(try decode(minimal(#","tool_choice":"none""#)).toolChoice, ToolChoice.none)
        XCTAssertEqual(try decode(minimal(#","tool_choice":"required""#)).toolChoice, .required)
        XCTAssertEqual(try decode(minimal(#","tool_choice":{"type":"function","function":{"name":"f"}}"#)).toolChoice,
                       .tool("f"))
        let allowed = try decode(minimal(#","tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[]}}"#))
        XCTAssertNil(allowed.toolChoice)
        XCTAssertEqual(allowed.unsupported, ["tool_choice"])
        XCTAssertEqual(decodeError(minimal(#","tool_choice":"sometimes""#))?.code, .invalidValue)
    }

    func testResponseFormats() throws {
        XCTAssertEqual(try decode(minimal(#","response_format":{"type":"text"}"#)).responseFormat, .text)
        XCTAssertEqual(try decode(minimal(#","response_format":{"type":"json_object"}"#)).responseFormat, .jsonObject)
        let schema = try decode(minimal(#","response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object"}}}"#))
        XCTAssertEqual(schema.responseFormat, .jsonSchema(name: "r", schema: #"{"type":"object"}"#, strict: false))
        XCTAssertEqual(decodeError(minimal(#","response_format":{"type":"json_schema","json_schema":{}}"#))?.param,
                       "response_format.json_schema.name")
    }

    func testToolsWithoutParametersGetAnEmptyObjectSchema() throws {
        let request = try decode(minimal(#","tools":[{"type":"function","function":{"name":"ping"}}]"#))
        XCTAssertEqual(request.tools, [ToolDefinition(name: "ping")])
    }

    func testConsecutiveToolResultsMergeIntoOneUserTurn() throws {
        let request = try decode(#"""
        {"model":"m","messages":[
          {"role":"user","content":"go"},
          {"role":"assistant","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":"{}"}},
                                            {"id":"b","type":"function","function":{"name":"g","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"a","content":"1"},
          {"role":"tool","tool_call_id":"b","content":"2"},
          {"role":"user","content":"and?"},
          {"role":"tool","tool_call_id":"zz","content":"3"}
        ]}
        """#)
        XCTAssertEqual(request.messages.map(\.role), [.user, .assistant, .user, .user, .user])
        XCTAssertEqual(request.messages[2].parts, [
            .toolResult(id: "a", name: "f", content: "1", isError: false),
            .toolResult(id: "b", name: "g", content: "2", isError: false),
        ])
        // An unknown call id keeps its result, without a name.
        XCTAssertEqual(request.messages[4].parts, [.toolResult(id: "zz", name: nil, content: "3", isError: false)])
    }

    func testAssistantContentForms() throws {
        let request = try decode(#"""
        {"model":"m","messages":[
          {"role":"assistant","content":[{"type":"text","text":"a"},{"type":"refusal","refusal":"no"}]},
          {"role":"assistant","content":null,"refusal":"I can't help with that."},
          {"role":"assistant","content":"","tool_calls":[{"id":"e","type":"function","function":{"name":"f","arguments":"{}"}}]},
          {"role":"assistant","content":"x","name":"bot","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":{"k":1}}}]}
        ]}
        """#)
        XCTAssertEqual(request.messages.map(\.parts), [
            [.text("a"), .text("no")],
            [.text("I can't help with that.")],
            [.toolCall(id: "e", name: "f", arguments: "{}")],
            [.text("x"), .toolCall(id: "c", name: "f", arguments: #"{"k":1}"#)],
        ])
    }

    func testUnsupportedMembersAreListedByPath() throws {
        let request = try decode(#"""
        {"model":"gpt-4o","n":2,"logprobs":true,"top_logprobs":3,"frequency_penalty":0.5,"logit_bias":{"50256":-100},
         "functions":[{"name":"f"}],"function_call":"auto","audio":{"voice":"alloy","format":"wav"},
         "modalities":["text","audio"],"prediction":{"type":"content","content":"x"},"parallel_tool_calls":false,
         "web_search_options":{},
         "tools":[{"type":"custom","custom":{"name":"grammar"}}],
         "messages":[
           {"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAA=","format":"wav"}},
                                     {"type":"file","file":{"file_id":"file-1"}},
                                     {"type":"text","text":"hi"}]},
           {"role":"assistant","content":null,"function_call":{"name":"f","arguments":"{}"},"audio":{"id":"audio_1"}},
           {"role":"function","name":"f","content":"1"}
         ]}
        """#)
        XCTAssertEqual(request.unsupported.sorted(), [
            "n", "logprobs", "top_logprobs", "frequency_penalty", "logit_bias", "functions", "function_call", "audio",
            "modalities", "prediction", "parallel_tool_calls", "web_search_options", "tools[0]",
            "messages[0].content[0].input_audio", "messages[0].content[1].file",
            "messages[1].function_call", "messages[1].audio", "messages[2].role",
        ].sorted())
        XCTAssertEqual(request.messages.first?.parts, [.text("hi")])
    }

    func testNeutralValuesAreNotUnsupported() throws {
        let request = try decode(minimal(#","n":1,"logprobs":false,"top_logprobs":0,"frequency_penalty":0,"presence_penalty":0.0,"logit_bias":{},"parallel_tool_calls":true,"modalities":["text"],"service_tier":"auto","prompt_cache_key":"k","safety_identifier":"s""#))
        XCTAssertEqual(request.unsupported, [])
    }

    func testShapeErrorsNameTheParameter() {
        let cases: [(String, OpenAIDecodeError.Code, String?)] = [
            ("not json", .malformedJSON, nil),
            ("[1]", .malformedJSON, nil),
            (#"{"messages":[{"role":"user","content":"x"}]}"#, .missingField, "model"),
            (#"{"model":"m"}"#, .missingField, "messages"),
            (#"{"model":"m","messages":{"role":"user"}}"#, .invalidType, "messages"),
            (#"{"model":"m","messages":[]}"#, .invalidValue, "messages"),
            (#"{"model":"m","messages":["hi"]}"#, .invalidType, "messages[0]"),
            (#"{"model":"m","messages":[{"content":"x"}]}"#, .missingField, "messages[0].role"),
            (#"{"model":"m","messages":[{"role":"robot","content":"x"}]}"#, .invalidValue, "messages[0].role"),
            (#"{"model":"m","messages":[{"role":7,"content":"x"}]}"#, .invalidType, "messages[0].role"),
            (#"{"model":"m","messages":[{"role":"user"}]}"#, .missingField, "messages[0].content"),
            (#"{"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]}"#, .missingField, "messages[0].content[0].text"),
            (#"{"model":"m","messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}"#,
             .invalidValue, "messages[0].content[0].type"),
            (#"{"model":"m","messages":[{"role":"tool","content":"x"}]}"#, .missingField, "messages[0].tool_call_id"),
            (#"{"model":"m","messages":[{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f"}}]}]}"#,
             .missingField, "messages[0].tool_calls[0].id"),
            (minimal(#","temperature":"hot""#), .invalidType, "temperature"),
            (minimal(#","max_tokens":1.5"#), .invalidType, "max_tokens"),
            (minimal(#","max_tokens":-1"#), .invalidValue, "max_tokens"),
            (minimal(#","stream":"yes""#), .invalidType, "stream"),
            (minimal(#","stream_options":{"include_usage":1}"#), .invalidType, "stream_options.include_usage"),
            (minimal(#","stop":[1]"#), .invalidType, "stop[0]"),
            (minimal(#","tools":[{"type":"function","function":{}}]"#), .missingField, "tools[0].function.name"),
        ]
        for (body, code, param) in cases {
            let error = decodeError(body)
            XCTAssertEqual(error?.code, code, body)
            XCTAssertEqual(error?.param, param, body)
        }
    }

    func testDecodeErrorBecomesOpenAIErrorObject() {
        let error = decodeError(#"{"model":"m","messages":[{"role":"robot","content":"x"}]}"#)
        XCTAssertEqual(error?.openAI.param, "messages[0].role")
        XCTAssertEqual(error?.openAI.type, .invalidRequest)
        XCTAssertEqual(error?.openAI.code, "invalid_value")
    }

    func testDataURLWithoutBase64StaysAURL() throws {
        let request = try decode(#"{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:text/plain,hi"}},{"type":"image_url","image_url":"http://x/y.png"}]}]}"#)
        XCTAssertEqual(request.messages[0].parts, [.image(.url("data:text/plain,hi")), .image(.url("http://x/y.png"))])
    }
}
