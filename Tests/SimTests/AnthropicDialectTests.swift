import XCTest
@testable import Sim
import HTTP1
import Wire

final class AnthropicDialectTests: XCTestCase {
    func testDecodesIntoTheSharedRequestForm() throws {
        let request = try AnthropicDialect.decode(body(#"""
        {"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"system":[{"type":"text","text":"Be terse."}],
         "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
         "tool_choice":{"type":"any"},"top_k":5,
         "messages":[{"role":"user","content":"call get_weather for Paris"},
                     {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                     {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"15C"},{"type":"text","text":"thanks"}]}]}
        """#))
        XCTAssertEqual(request.system, "Be terse.")
        XCTAssertEqual(request.chat.model, "claude-sonnet-4-5")
        XCTAssertEqual(request.chat.maxTokens, 64)
        XCTAssertTrue(request.chat.stream)
        XCTAssertEqual(request.chat.messages, [.init(role: "system", text: "Be terse."),
                                               .init(role: "user", text: "call get_weather for Paris"),
                                               .init(role: "assistant", text: ""),
                                               .init(role: "tool", text: "15C\nthanks")])
        XCTAssertEqual(request.chat.tools.map(\.name), ["get_weather"])
        XCTAssertEqual(request.chat.tools[0].schema["required"], ["city"])
        XCTAssertEqual(request.chat.toolChoice, .required)
    }

    func testRejectsWhatAnthropicRejects() {
        let cases: [(String, String)] = [
            (#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#, "max_tokens: Field required"),
            (#"{"model":"m","max_tokens":5,"messages":[]}"#, "messages: at least one message is required"),
            (#"{"model":"m","max_tokens":5,"messages":[{"role":"system","content":"x"}]}"#,
             "messages.0.role: Input should be 'user' or 'assistant'"),
        ]
        for (json, message) in cases {
            XCTAssertThrowsError(try AnthropicDialect.decode(body(json))) { error in
                let failure = error as? SimError
                XCTAssertEqual(failure?.status, 400)
                XCTAssertEqual(failure?.message, message)
            }
        }
        XCTAssertThrowsError(try AnthropicDialect.decode(body("{oops"))) { error in
            XCTAssertEqual((error as? SimError)?.code, .malformedJSON)
        }
    }

    func testErrorShapePerStatus() throws {
        let table: [(Int, String, String)] = [
            (400, "invalid_request_error", "Simulated invalid request."), (401, "authentication_error", "invalid x-api-key"),
            (403, "permission_error", "Your API key does not have permission to use the specified resource."),
            (404, "not_found_error", "The requested resource could not be found."),
            (429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit (simulated)."),
            (500, "api_error", "Internal server error"), (503, "overloaded_error", "Simulated failure with status 503."),
            (529, "overloaded_error", "Overloaded"),
        ]
        for (status, type, message) in table {
            let response = AnthropicDialect.errorResponse(.injected(status: status, retryAfter: status == 429 ? 1 : nil),
                                                          requestID: "req_011TEST")
            XCTAssertEqual(response.status.code, status)
            XCTAssertEqual(response.headers["request-id"], "req_011TEST")
            XCTAssertEqual(response.headers["content-type"], "application/json")
            XCTAssertEqual(response.headers["retry-after"], status == 429 ? "1" : nil)
            let object = try json(String(decoding: response.body, as: UTF8.self))
            XCTAssertEqual(object.object?.keys, ["type", "error", "request_id"])
            XCTAssertEqual(object, ["type": "error", "error": ["type": .string(type), "message": .string(message)],
                                    "request_id": "req_011TEST"])
        }
        let invalid = AnthropicDialect.errorResponse(SimError(.missingParameter, message: "max_tokens: Field required",
                                                              param: "max_tokens"), requestID: "r")
        XCTAssertEqual(try json(String(decoding: invalid.body, as: UTF8.self))["error"],
                       ["type": "invalid_request_error", "message": "max_tokens: Field required"])
    }

    func testPromptCacheRule() {
        let completion = SimCompletion(pieces: ["a", "b"], finishReason: .stop, promptTokens: 3000)
        XCTAssertEqual(AnthropicDialect.usage(completion, system: "short"),
                       Usage(promptTokens: 3000, completionTokens: 2))
        let system = String(repeating: "x", count: 4 * 2500) // 2,500 estimated tokens.
        let usage = AnthropicDialect.usage(completion, system: system)
        XCTAssertEqual(usage.cachedTokens, 2048, "whole 1,024-token blocks are read from the cache")
        XCTAssertEqual(usage.cacheCreationTokens, 452, "the rest of the system prompt is written")
        XCTAssertEqual(usage.anthropicInputTokens, 500)
    }
}
