import Wire
import XCTest
@testable import Gateway

/// Whole answers from one dialect to another, and what the caller gets when that cannot be done.
final class WholeRelayTests: XCTestCase {
    private func openAIAnswer(arguments: String) -> [UInt8] {
        var quoted: [UInt8] = []
        JSONWriter.appendQuoted(arguments, to: &quoted)
        let escaped = String(decoding: quoted, as: UTF8.self)
        return Array("""
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,
         "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
         "function":{"name":"get_weather","arguments":\(escaped)}}]},"finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":16,"completion_tokens":9,"total_tokens":25}}
        """.utf8)
    }

    func testToolCallTranslatesToAnthropicToolUse() throws {
        let outcome = WholeRelay.relay(status: 200, body: openAIAnswer(arguments: #"{"city":"Paris"}"#), retryAfter: nil,
                                       inbound: .anthropic, upstream: .openAI, requestedModel: "m", created: 1)
        XCTAssertEqual(outcome.status, 200)
        let message = try JSONValue.parse(outcome.body)
        XCTAssertEqual(message["content"]?[0]?["type"]?.string, "tool_use")
        XCTAssertEqual(message["content"]?[0]?["input"]?["city"]?.string, "Paris")
        XCTAssertEqual(outcome.usage?.completionTokens, 9)
    }

    func testArgumentsThatAreNoObjectAre502InTheCallersShapeWithUsageKept() throws {
        // Found by the upstream fuzz test: the caller got 200 with an empty body.
        for arguments in ["é🚂\u{0}", "[1,2]", "{\"city\":"] {
            let outcome = WholeRelay.relay(status: 200, body: openAIAnswer(arguments: arguments), retryAfter: nil,
                                           inbound: .anthropic, upstream: .openAI, requestedModel: "m", created: 1)
            XCTAssertEqual(outcome.status, 502, arguments)
            let error = try JSONValue.parse(outcome.body)
            XCTAssertEqual(error["type"]?.string, "error")
            XCTAssertEqual(error["error"]?["type"]?.string, "api_error")
            XCTAssertTrue(error["error"]?["message"]?.string?.contains("could not be translated") ?? false)
            XCTAssertEqual(outcome.usage?.promptTokens, 16, "the upstream answered: its tokens are still counted")
        }
    }
}
