import XCTest
import Wire

final class ResponsesRequestDecoderTests: XCTestCase {
    private func decode(_ json: String) throws -> ChatRequest {
        try ResponsesRequestDecoder.decode(Array(json.utf8))
    }

    private func decodeError(_ json: String) -> OpenAIDecodeError? {
        do {
            _ = try decode(json)
            XCTFail("decoded \(json)")
            return nil
        } catch let error as OpenAIDecodeError {
            return error
        } catch {
            XCTFail("unexpected \(error)")
            return nil
        }
    }

    private func minimal(_ extra: String) -> String {
        #"{"model":"gpt-4.1","input":"Hi"\#(extra)}"#
    }

    private func withInput(_ items: String) -> String {
        #"{"model":"gpt-4.1","input":\#(items)}"#
    }

    private func user(_ parts: ContentPart...) -> ChatMessage { ChatMessage(role: .user, parts: parts) }
    private func assistant(_ parts: ContentPart...) -> ChatMessage { ChatMessage(role: .assistant, parts: parts) }

    // MARK: - Input forms

    func testStringInputIsOneUserMessage() throws {
        XCTAssertEqual(try decode(minimal("")),
                       ChatRequest(model: "gpt-4.1", messages: [user(.text("Hi"))]))
    }

    func testMessagesWithAndWithoutTypeAndBothContentForms() throws {
        let request = try decode(withInput(#"""
            [{"role":"user","content":"one"},
             {"type":"message","role":"user","content":[{"type":"input_text","text":"two"},{"type":"input_text","text":"three"}]},
             {"role":"assistant","content":"four"},
             {"type":"message","id":"msg_1","status":"completed","role":"assistant",
              "content":[{"type":"output_text","text":"five","annotations":[]},{"type":"refusal","refusal":"no"}]},
             {"role":"user","content":"six"}]
            """#))
        XCTAssertEqual(request.messages, [
            user(.text("one")), user(.text("two"), .text("three")),
            assistant(.text("four"), .text("five"), .text("no")), user(.text("six")),
        ])
    }

    func testInstructionsComeBeforeSystemAndDeveloperMessages() throws {
        let request = try decode(#"""
            {"model":"m","instructions":"Be brief.","input":[{"role":"developer","content":"Use French."},
             {"role":"user","content":"Hi"},{"role":"system","content":[{"type":"input_text","text":"Late."}]}]}
            """#)
        XCTAssertEqual(request.system, ["Be brief.", "Use French.", "Late."])
        XCTAssertEqual(request.messages, [user(.text("Hi"))])
    }

    func testImagesByURLAndDataURL() throws {
        let request = try decode(withInput(#"""
            [{"role":"user","content":[{"type":"input_text","text":"What is this?"},
             {"type":"input_image","image_url":"https://example.com/a.png","detail":"auto"},
             {"type":"input_image","image_url":"data:image/png;base64,iVBORw0KGgo="}]}]
            """#))
        XCTAssertEqual(request.messages, [user(.text("What is this?"), .image(.url("https://example.com/a.png")),
                                               .image(.base64(mediaType: "image/png", data: "iVBORw0KGgo=")))])
    }

    func testFunctionCallsAndOutputsGroupIntoTurns() throws {
        let request = try decode(withInput(#"""
            [{"role":"user","content":"Weather in Paris and Rome?"},
             {"type":"reasoning","id":"rs_1","summary":[]},
             {"type":"function_call","id":"fc_1","call_id":"call_a","name":"weather","arguments":"{\"city\":\"Paris\"}"},
             {"type":"function_call","call_id":"call_b","name":"weather","arguments":"{\"city\":\"Rome\"}","status":"completed"},
             {"type":"function_call_output","call_id":"call_a","output":"18C"},
             {"type":"function_call_output","call_id":"call_b","output":[{"type":"input_text","text":"21C"},{"type":"input_text","text":"sunny"}]},
             {"role":"assistant","content":"Paris 18C, Rome 21C."}]
            """#))
        XCTAssertEqual(request.messages, [
            user(.text("Weather in Paris and Rome?")),
            assistant(.toolCall(id: "call_a", name: "weather", arguments: #"{"city":"Paris"}"#),
                      .toolCall(id: "call_b", name: "weather", arguments: #"{"city":"Rome"}"#)),
            user(.toolResult(id: "call_a", name: "weather", content: "18C", isError: false),
                 .toolResult(id: "call_b", name: "weather", content: "21C\nsunny", isError: false)),
            assistant(.text("Paris 18C, Rome 21C.")),
        ])
    }

    func testReasoningWithEncryptedContentIsSignedThinking() throws {
        let request = try decode(withInput(#"""
            [{"role":"user","content":"Hi"},
             {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Think."}],"encrypted_content":"sig"},
             {"type":"reasoning","id":"rs_2","summary":[{"type":"summary_text","text":"Unsigned."}]},
             {"type":"function_call","call_id":"c","name":"f","arguments":"{}"}]
            """#))
        XCTAssertEqual(request.messages.last,
                       assistant(.thinking(text: "Think.", signature: "sig"), .toolCall(id: "c", name: "f", arguments: "{}")))
    }

    func testEmptyAssistantTextOpensNoTurn() throws {
        let request = try decode(withInput(#"[{"role":"user","content":"Hi"},{"role":"assistant","content":""}]"#))
        XCTAssertEqual(request.messages, [user(.text("Hi"))])
    }

    // MARK: - Parameters

    func testMappedParameters() throws {
        let request = try decode(#"""
            {"model":"gpt-4.1","input":"Hi","instructions":"Be brief.","max_output_tokens":300,"temperature":0.2,
             "top_p":0.8,"stream":true,"user":"u-1",
             "tools":[{"type":"function","name":"f","description":"does f","parameters":{"type":"object"},"strict":true},
                      {"type":"function","name":"g"}],
             "tool_choice":{"type":"function","name":"f"},
             "text":{"format":{"type":"json_schema","name":"out","schema":{"type":"object"},"strict":true},"verbosity":"low"},
             "reasoning":{"effort":"high","summary":"auto"}}
            """#)
        XCTAssertEqual(request, ChatRequest(
            model: "gpt-4.1", system: ["Be brief."], messages: [user(.text("Hi"))],
            tools: [ToolDefinition(name: "f", description: "does f", parameters: #"{"type":"object"}"#),
                    ToolDefinition(name: "g")],
            toolChoice: .tool("f"), responseFormat: .jsonSchema(name: "out", schema: #"{"type":"object"}"#, strict: true),
            maxTokens: 300, temperature: 0.2, topP: 0.8, stream: true, includeUsage: true, user: "u-1",
            thinkingBudget: 16384))
    }

    func testToolChoiceAndTextFormatForms() throws {
        XCTAssertEqual(try decode(minimal(#","tool_choice":"auto""#)).toolChoice, .auto)
        XCTAssertEqual(try decode(minimal(#","tool_choice":"none""#)).toolChoice, ToolChoice.none)
        XCTAssertEqual(try decode(minimal(#","tool_choice":"required""#)).toolChoice, .required)
        XCTAssertEqual(try decode(minimal(#","text":{"format":{"type":"text"}}"#)).responseFormat, .text)
        XCTAssertEqual(try decode(minimal(#","text":{"format":{"type":"json_object"}}"#)).responseFormat, .jsonObject)
        XCTAssertNil(try decode(minimal(#","text":{"verbosity":"high"}"#)).responseFormat)
    }

    func testReasoningEffortMapsLikeChat() throws {
        for effort in OpenAIReasoningEffort.allCases {
            XCTAssertEqual(try decode(minimal(#","reasoning":{"effort":"\#(effort.rawValue)"}"#)).thinkingBudget,
                           effort.thinkingBudget, effort.rawValue)
        }
        XCTAssertNil(try decode(minimal(#","reasoning":{"summary":"detailed"}"#)).thinkingBudget)
    }

    func testSafetyIdentifierIsTheUserWhenNoUserIsGiven() throws {
        XCTAssertEqual(try decode(minimal(#","safety_identifier":"s-1""#)).user, "s-1")
        XCTAssertEqual(try decode(minimal(#","safety_identifier":"s-1","user":"u-1""#)).user, "u-1")
    }

    func testHarmlessMembersAreIgnored() throws {
        let request = try decode(minimal(#"""
            ,"store":false,"metadata":{"a":"b"},"parallel_tool_calls":false,"truncation":"disabled",
            "include":["reasoning.encrypted_content"],"service_tier":"auto","stream_options":{"include_obfuscation":false},
            "prompt_cache_key":"k","background":false,"top_logprobs":0,"previous_response_id":null
            """#))
        XCTAssertEqual(request, ChatRequest(model: "gpt-4.1", messages: [user(.text("Hi"))]))
    }

    // MARK: - Refusals

    func testRefusalsNameTheMember() {
        let cases: [(String, String)] = [
            (minimal(#","previous_response_id":"resp_1""#), "previous_response_id"),
            (minimal(#","conversation":"conv_1""#), "conversation"),
            (minimal(#","background":true"#), "background"),
            (minimal(#","prompt":{"id":"pmpt_1"}"#), "prompt"),
            (minimal(#","truncation":"auto""#), "truncation"),
            (minimal(#","top_logprobs":3"#), "top_logprobs"),
            (minimal(#","max_tool_calls":3"#), "max_tool_calls"),
            (minimal(#","tools":[{"type":"function","name":"f"},{"type":"web_search"}]"#), "tools[1].type"),
            (minimal(#","tools":[{"type":"custom","name":"f"}]"#), "tools[0].type"),
            (minimal(#","tool_choice":{"type":"file_search"}"#), "tool_choice.type"),
            (minimal(#","tool_choice":{"type":"allowed_tools","mode":"auto","tools":[]}"#), "tool_choice.type"),
            (withInput(#"[{"type":"item_reference","id":"msg_1"}]"#), "input[0].type"),
            (withInput(#"[{"role":"user","content":"a"},{"type":"computer_call_output","call_id":"c","output":{}}]"#),
             "input[1].type"),
            (withInput(#"[{"role":"user","content":[{"type":"input_image","file_id":"file_1"}]}]"#),
             "input[0].content[0].file_id"),
            (withInput(#"[{"role":"user","content":[{"type":"input_file","file_id":"file_1"}]}]"#),
             "input[0].content[0].type"),
        ]
        for (json, param) in cases {
            let error = decodeError(json)
            XCTAssertEqual(error?.param, param, json)
            XCTAssertEqual(error?.code, .invalidValue, json)
        }
        XCTAssertEqual(decodeError(minimal(#","tools":[{"type":"code_interpreter"}]"#))?.message,
                       "'code_interpreter' tools are not supported: the gateway translates only function tools.")
        XCTAssertTrue(decodeError(minimal(#","previous_response_id":"resp_1""#))?.message
            .contains("Send the whole conversation in 'input'") == true)
    }

    // MARK: - Shape errors

    func testShapeErrorsNameTheMemberPath() {
        let cases: [(String, OpenAIDecodeError.Code, String?)] = [
            ("[1]", .malformedJSON, nil),
            ("{", .malformedJSON, nil),
            (#"{"input":"Hi"}"#, .missingField, "model"),
            (#"{"model":"m"}"#, .missingField, "input"),
            (#"{"model":"m","input":3}"#, .invalidType, "input"),
            (#"{"model":"m","input":[]}"#, .invalidValue, "input"),
            (withInput("[3]"), .invalidType, "input[0]"),
            (withInput(#"[{"content":"x"}]"#), .missingField, "input[0].role"),
            (withInput(#"[{"role":"tool","content":"x"}]"#), .invalidValue, "input[0].role"),
            (withInput(#"[{"role":"user"}]"#), .missingField, "input[0].content"),
            (withInput(#"[{"role":"user","content":[{"type":"input_text"}]}]"#), .missingField, "input[0].content[0].text"),
            (withInput(#"[{"role":"system","content":[{"type":"input_image","image_url":"u"}]}]"#), .invalidValue,
             "input[0].content[0].type"),
            (withInput(#"[{"type":"function_call","name":"f","arguments":"{}"}]"#), .missingField, "input[0].call_id"),
            (withInput(#"[{"type":"function_call","call_id":"c","name":"f","arguments":{}}]"#), .invalidType,
             "input[0].arguments"),
            (withInput(#"[{"type":"function_call_output","call_id":"c"}]"#), .missingField, "input[0].output"),
            (withInput(#"[{"type":"function_call_output","call_id":"c","output":[{"type":"input_image"}]}]"#),
             .invalidValue, "input[0].output[0].type"),
            (minimal(#","temperature":"hot""#), .invalidType, "temperature"),
            (minimal(#","max_output_tokens":-1"#), .invalidValue, "max_output_tokens"),
            (minimal(#","tools":{}"#), .invalidType, "tools"),
            (minimal(#","tools":[{"type":"function"}]"#), .missingField, "tools[0].name"),
            (minimal(#","tools":[{"type":"function","name":"f","parameters":"{}"}]"#), .invalidType, "tools[0].parameters"),
            (minimal(#","tool_choice":"sometimes""#), .invalidValue, "tool_choice"),
            (minimal(#","tool_choice":{"type":"function"}"#), .missingField, "tool_choice.name"),
            (minimal(#","text":{"format":{"type":"json_schema","schema":{}}}"#), .missingField, "text.format.name"),
            (minimal(#","text":{"format":{"type":"yaml"}}"#), .invalidValue, "text.format.type"),
            (minimal(#","reasoning":{"effort":"max"}"#), .invalidValue, "reasoning.effort"),
            (minimal(#","stream":"yes""#), .invalidType, "stream"),
        ]
        for (json, code, param) in cases {
            let error = decodeError(json)
            XCTAssertEqual(error?.code, code, json)
            XCTAssertEqual(error?.param, param, json)
        }
    }
}
