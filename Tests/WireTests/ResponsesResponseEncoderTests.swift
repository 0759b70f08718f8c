import XCTest
import Wire

final class ResponsesResponseEncoderTests: XCTestCase {
    private let usage = Usage(promptTokens: 20, completionTokens: 12, cachedTokens: 5, reasoningTokens: 4,
                              cacheCreationTokens: 2)

    private func encode(_ parts: [ContentPart], _ reason: StopReason = .endTurn,
                        request: ChatRequest = ResponsesFixtures.request, dump name: String? = nil) throws -> JSONValue {
        let response = ChatResponse(id: "chatcmpl-42", model: "gpt-4.1-2025", parts: parts, stopReason: reason,
                                    usage: usage)
        let bytes = ResponsesResponseEncoder.encode(response, request: request, created: ResponsesFixtures.created)
        if let name { ResponsesFixtures.dump("response-\(name).json", bytes) }
        return try JSONValue.parse(bytes)
    }

    func testTextAnswerHasEveryRequiredMember() throws {
        let object = try encode([.text("Sunny, "), .text("18C.")], dump: "text")
        XCTAssertEqual(object.object?.keys, [
            "id", "object", "created_at", "status", "background", "error", "incomplete_details", "instructions",
            "max_output_tokens", "model", "output", "parallel_tool_calls", "previous_response_id", "reasoning",
            "temperature", "text", "tool_choice", "tools", "top_p", "truncation", "usage", "user", "metadata",
        ])
        XCTAssertEqual(object["id"], "resp_chatcmpl-42")
        XCTAssertEqual(object["object"], "response")
        XCTAssertEqual(object["created_at"]?.int, ResponsesFixtures.created)
        XCTAssertEqual(object["status"], "completed")
        XCTAssertEqual(object["error"], .null)
        XCTAssertEqual(object["incomplete_details"], .null)
        XCTAssertEqual(object["model"], "gpt-4.1-2025")
        XCTAssertEqual(object["parallel_tool_calls"], true)
        XCTAssertEqual(object["output"]?.jsonText, #"""
            [{"id":"msg_chatcmpl-42_0","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Sunny, 18C."}],"role":"assistant"}]
            """#)
        XCTAssertEqual(object["usage"]?.jsonText, #"""
            {"input_tokens":20,"input_tokens_details":{"cached_tokens":5,"cache_write_tokens":2},"output_tokens":12,"output_tokens_details":{"reasoning_tokens":4},"total_tokens":32}
            """#)
    }

    func testEchoesTheRequestParameters() throws {
        let object = try encode([.text("ok")])
        XCTAssertEqual(object["instructions"], "Be brief.")
        XCTAssertEqual(object["max_output_tokens"]?.int, 256)
        XCTAssertEqual(object["temperature"]?.double, 0.5)
        XCTAssertEqual(object["top_p"]?.double, 0.9)
        XCTAssertEqual(object["tool_choice"], "auto")
        XCTAssertEqual(object["tools"]?.jsonText, #"""
            [{"type":"function","name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]
            """#)
        XCTAssertEqual(object["text"]?.jsonText, #"{"format":{"type":"text"}}"#)
        XCTAssertEqual(object["reasoning"], .null)
        XCTAssertEqual(object["metadata"]?.jsonText, "{}")
    }

    func testEchoDefaultsAndStructuredFormats() throws {
        let bare = try encode([.text("ok")], request: ChatRequest(model: "m"))
        XCTAssertEqual(bare["instructions"], .null)
        XCTAssertEqual(bare["max_output_tokens"], .null)
        XCTAssertEqual(bare["temperature"], .null)
        XCTAssertEqual(bare["tools"]?.jsonText, "[]")
        XCTAssertEqual(bare["tool_choice"], "auto")
        var request = ChatRequest(model: "m", toolChoice: .tool("f"),
                                  responseFormat: .jsonSchema(name: "out", schema: #"{"type":"object"}"#, strict: true),
                                  thinkingBudget: 4096)
        let structured = try encode([.text("{}")], request: request, dump: "structured")
        XCTAssertEqual(structured["tool_choice"]?.jsonText, #"{"type":"function","name":"f"}"#)
        XCTAssertEqual(structured["text"]?.jsonText,
                       #"{"format":{"type":"json_schema","name":"out","schema":{"type":"object"},"strict":true}}"#)
        XCTAssertEqual(structured["reasoning"]?.jsonText, #"{"effort":"medium","summary":null}"#)
        request.toolChoice = .required
        request.responseFormat = .jsonObject
        let json = try encode([.text("{}")], request: request)
        XCTAssertEqual(json["tool_choice"], "required")
        XCTAssertEqual(json["text"]?.jsonText, #"{"format":{"type":"json_object"}}"#)
    }

    func testToolCallsAndReasoningBecomeItemsInOrder() throws {
        let object = try encode([
            .thinking(text: "Need the weather.", signature: "sig-1"),
            .text("Checking."),
            .toolCall(id: "call_a", name: "get_weather", arguments: #"{"city":"Paris"}"#),
            .toolCall(id: "call_b", name: "get_weather", arguments: #"{"city":"Rome"}"#, signature: "sig-2"),
        ], .toolUse, dump: "tools")
        XCTAssertEqual(object["status"], "completed")
        XCTAssertEqual(object["output"]?.jsonText, #"""
            [{"id":"rs_chatcmpl-42_0","type":"reasoning","summary":[{"type":"summary_text","text":"Need the weather."}],"encrypted_content":"sig-1"},\#
            {"id":"msg_chatcmpl-42_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Checking."}],"role":"assistant"},\#
            {"id":"fc_chatcmpl-42_2","type":"function_call","status":"completed","arguments":"{\"city\":\"Paris\"}","call_id":"call_a","name":"get_weather"},\#
            {"id":"rs_chatcmpl-42_3","type":"reasoning","summary":[],"encrypted_content":"sig-2"},\#
            {"id":"fc_chatcmpl-42_4","type":"function_call","status":"completed","arguments":"{\"city\":\"Rome\"}","call_id":"call_b","name":"get_weather"}]
            """#)
    }

    func testStatusMapping() throws {
        let table: [(StopReason, String, String?)] = [
            (.endTurn, "completed", nil), (.stopSequence, "completed", nil), (.toolUse, "completed", nil),
            (.other, "completed", nil), (.maxTokens, "incomplete", "max_output_tokens"),
            (.contentFilter, "incomplete", "content_filter"),
        ]
        for (reason, status, detail) in table {
            let object = try encode([.text("Partial")], reason, dump: "status-\(reason.rawValue)")
            XCTAssertEqual(object["status"]?.string, status, reason.rawValue)
            XCTAssertEqual(object["incomplete_details"]?["reason"]?.string, detail, reason.rawValue)
            XCTAssertEqual(object["output"]?[0]?["status"]?.string, detail == nil ? "completed" : "incomplete")
        }
    }

    func testOnlyTheLastItemOfATruncatedAnswerIsIncomplete() throws {
        let object = try encode([.toolCall(id: "c", name: "f", arguments: "{}"), .text("Cut")], .maxTokens)
        XCTAssertEqual(object["output"]?[0]?["status"], "completed")
        XCTAssertEqual(object["output"]?[1]?["status"], "incomplete")
    }

    func testEmptyAnswerAndIDsAlreadyInResponseForm() throws {
        let response = ChatResponse(id: "resp_abc", model: "", parts: [.text(""), .image(.url("u"))],
                                    stopReason: .endTurn, usage: Usage())
        let object = try JSONValue.parse(ResponsesResponseEncoder.encode(response, request: ChatRequest(model: "asked"),
                                                                          created: 1))
        XCTAssertEqual(object["id"], "resp_abc")
        XCTAssertEqual(object["model"], "asked")
        XCTAssertEqual(object["output"]?.jsonText, "[]")
    }
}
