import XCTest
import Wire

final class ResponsesRequestEncoderTests: XCTestCase {
    private let signature = "gAAAAABoEncryptedReasoning=="

    private func encode(_ request: ChatRequest) throws -> JSONValue {
        try JSONValue.parse(ResponsesRequestEncoder.encode(request))
    }

    private func refusal(_ request: ChatRequest) -> ResponsesEncodeError? {
        do {
            _ = try ResponsesRequestEncoder.encode(request)
            return nil
        } catch {
            return error
        }
    }

    func testMinimalRequestIsStateless() throws {
        let body = try ResponsesRequestEncoder.encode(
            ChatRequest(model: "o3-pro", messages: [ChatMessage(role: .user, parts: [.text("Hi")])]))
        XCTAssertEqual(String(decoding: body, as: UTF8.self), #"""
            {"model":"o3-pro","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Hi"}]}],"store":false}
            """#)
    }

    func testEveryParameter() throws {
        let request = ChatRequest(
            model: "o3-pro", system: ["Be brief.", "Answer in French."],
            messages: [ChatMessage(role: .user, parts: [.text("Weather?")])],
            tools: [ToolDefinition(name: "get_weather", description: "Current weather",
                                   parameters: #"{"type":"object","properties":{"city":{"type":"string"}}}"#),
                    ToolDefinition(name: "now")],
            toolChoice: .tool("get_weather"),
            responseFormat: .jsonSchema(name: "w", schema: #"{"type":"object"}"#, strict: true),
            maxTokens: 512, temperature: 0.5, topP: 0.9, stream: true, includeUsage: true, user: "u-1",
            thinkingBudget: 4096)
        let body = try encode(request)
        XCTAssertEqual(body.object?.keys, ["model", "instructions", "input", "tools", "tool_choice", "text",
                                           "max_output_tokens", "temperature", "top_p", "reasoning", "include",
                                           "user", "store", "stream"])
        XCTAssertEqual(body["instructions"], "Be brief.\n\nAnswer in French.")
        XCTAssertEqual(body["tools"]?.jsonText, #"""
            [{"type":"function","name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":false},\#
            {"type":"function","name":"now","description":null,"parameters":{"type":"object","properties":{}},"strict":false}]
            """#)
        XCTAssertEqual(body["tool_choice"]?.jsonText, #"{"type":"function","name":"get_weather"}"#)
        XCTAssertEqual(body["text"]?.jsonText,
                       #"{"format":{"type":"json_schema","name":"w","schema":{"type":"object"},"strict":true}}"#)
        XCTAssertEqual(body["max_output_tokens"]?.int, 512)
        XCTAssertEqual(body["temperature"]?.double, 0.5)
        XCTAssertEqual(body["top_p"]?.double, 0.9)
        XCTAssertEqual(body["reasoning"]?.jsonText, #"{"effort":"medium"}"#)
        XCTAssertEqual(body["include"]?.jsonText, #"["reasoning.encrypted_content"]"#)
        XCTAssertEqual(body["user"], "u-1")
        XCTAssertEqual(body["store"], false)
        XCTAssertEqual(body["stream"], true)
    }

    func testToolChoicesAndFormats() throws {
        let tool = [ToolDefinition(name: "f")]
        let choices: [(ToolChoice, String)] = [(.auto, #""auto""#), (.none, #""none""#), (.required, #""required""#)]
        for (choice, json) in choices {
            XCTAssertEqual(try encode(ChatRequest(model: "m", tools: tool, toolChoice: choice))["tool_choice"]?.jsonText, json)
        }
        // OpenAI rejects a choice without tools; other dialects allow it.
        XCTAssertNil(try encode(ChatRequest(model: "m", toolChoice: .required))["tool_choice"])
        XCTAssertNil(try encode(ChatRequest(model: "m"))["tools"])
        let formats: [(ResponseFormat, String)] = [(.text, #"{"format":{"type":"text"}}"#),
                                                   (.jsonObject, #"{"format":{"type":"json_object"}}"#)]
        for (format, json) in formats {
            XCTAssertEqual(try encode(ChatRequest(model: "m", responseFormat: format))["text"]?.jsonText, json)
        }
    }

    func testReasoningEffortFromTheBudget() throws {
        let table: [(Int?, String?)] = [(nil, nil), (0, nil), (1024, "low"), (2000, "low"), (4096, "medium"),
                                        (16384, "high"), (100_000, "high")]
        for (budget, effort) in table {
            let body = try encode(ChatRequest(model: "m", thinkingBudget: budget))
            XCTAssertEqual(body["reasoning"]?["effort"]?.string, effort, "\(String(describing: budget))")
            XCTAssertEqual(body["include"] != nil, effort != nil)
        }
    }

    func testConversationItemsInCanonicalOrder() throws {
        let request = ChatRequest(model: "m", messages: [
            ChatMessage(role: .user, parts: [.text("Look:"), .image(.url("https://x/a.png")),
                                             .image(.base64(mediaType: "image/png", data: "iVBO"))]),
            ChatMessage(role: .assistant, parts: [
                .thinking(text: "Two calls.", signature: signature), .text("Checking."), .text(""),
                .toolCall(id: "call_1", name: "f", arguments: #"{"a":1}"#, signature: "gemini-sig"),
                .toolCall(id: "call_2", name: "g", arguments: "{}"),
            ]),
            ChatMessage(role: .user, parts: [
                .toolResult(id: "call_1", name: "f", content: "one", isError: false),
                .toolResult(id: "call_2", name: "g", content: "boom", isError: true),
                .text("Thanks."),
            ]),
            ChatMessage(role: .assistant, parts: [.text("Done."), .text(" Really.")]),
        ])
        XCTAssertEqual(try encode(request)["input"]?.jsonText, #"""
            [{"type":"message","role":"user","content":[{"type":"input_text","text":"Look:"},\#
            {"type":"input_image","image_url":"https://x/a.png","detail":"auto"},\#
            {"type":"input_image","image_url":"data:image/png;base64,iVBO","detail":"auto"}]},\#
            {"type":"reasoning","summary":[{"type":"summary_text","text":"Two calls."}],"encrypted_content":"gAAAAABoEncryptedReasoning=="},\#
            {"type":"message","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Checking."}]},\#
            {"type":"function_call","call_id":"call_1","name":"f","arguments":"{\"a\":1}"},\#
            {"type":"function_call","call_id":"call_2","name":"g","arguments":"{}"},\#
            {"type":"function_call_output","call_id":"call_1","output":"one"},\#
            {"type":"function_call_output","call_id":"call_2","output":"boom"},\#
            {"type":"message","role":"user","content":[{"type":"input_text","text":"Thanks."}]},\#
            {"type":"message","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Done."},\#
            {"type":"output_text","annotations":[],"logprobs":[],"text":" Really."}]}]
            """#)
    }

    /// Only OpenAI's own encrypted reasoning goes back; other providers' thinking, unsigned
    /// thinking, assistant images and empty turns have no place in Responses input.
    func testWhatIsDropped() throws {
        let request = ChatRequest(model: "m", messages: [
            ChatMessage(role: .user, parts: [.text("Q")]),
            ChatMessage(role: .assistant, parts: [
                .thinking(text: "Claude's", signature: "ErUBCkYIBRgCIkB..."),
                .thinking(text: "Unsigned", signature: nil),
                .thinking(text: "", signature: "gAAAAAonly"),
                .image(.url("https://x/chart.png")),
                .text("A"),
            ]),
            ChatMessage(role: .user, parts: []),
            ChatMessage(role: .assistant, parts: [.text("")]),
        ])
        XCTAssertEqual(try encode(request)["input"]?.jsonText, #"""
            [{"type":"message","role":"user","content":[{"type":"input_text","text":"Q"}]},\#
            {"type":"reasoning","summary":[],"encrypted_content":"gAAAAAonly"},\#
            {"type":"message","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"A"}]}]
            """#)
    }

    func testStopSequencesAreRefused() {
        let error = refusal(ChatRequest(model: "m", messages: [ChatMessage(role: .user, parts: [.text("Q")])],
                                        stop: ["\n\n"]))
        XCTAssertEqual(error?.code, .unsupported)
        XCTAssertEqual(error?.param, "stop")
        XCTAssertTrue(error?.message.contains("'stop'") == true, error?.message ?? "")
    }

    func testSchemasThatAreNotObjectsAreRefused() {
        let badTool = refusal(ChatRequest(model: "m", tools: [ToolDefinition(name: "ok"),
                                                              ToolDefinition(name: "bad", parameters: "[1]")]))
        XCTAssertEqual(badTool?.code, .invalidSchema)
        XCTAssertEqual(badTool?.param, "tools[1].parameters")
        let badSchema = refusal(ChatRequest(model: "m", responseFormat: .jsonSchema(name: "s", schema: "{", strict: false)))
        XCTAssertEqual(badSchema?.code, .invalidSchema)
        XCTAssertEqual(badSchema?.param, "text.format.schema")
    }

    /// Members listed in `unsupported` are refused by the gateway before encoding, not here.
    func testUnsupportedMembersAreTheCallersBusiness() throws {
        XCTAssertNoThrow(try ResponsesRequestEncoder.encode(ChatRequest(model: "m", unsupported: ["logprobs"])))
    }
}
