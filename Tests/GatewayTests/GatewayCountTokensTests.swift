import Wire
import XCTest
@testable import Gateway

/// The token estimate `/v1/messages/count_tokens` answers for deployments that cannot count.
final class GatewayCountTokensTests: XCTestCase {
    func testEstimateCountsEverythingTheModelReads() throws {
        let body = Array("""
        {"model":"m","system":"Be terse.","tools":[{"name":"get_time","description":"Local time","input_schema":{"type":"object"}}],
         "messages":[{"role":"user","content":"What time is it in Paris?"},
                     {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"get_time","input":{"city":"Paris"}}]},
                     {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"14:00"},
                                               {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]}]}
        """.utf8)
        let request = try AnthropicRequestDecoder.decode(body, requiresMaxTokens: false)
        XCTAssertNil(request.maxTokens)
        // Text the model reads: system 9, tool 8 + 10 + 17, user 26, call 8 + 16, result 5 bytes.
        let textBytes = 9 + (8 + 10 + 17) + 26 + (8 + 16) + 5
        let expected = (textBytes + 3) / 4 + 4 * 3 + 3 + Gateway.estimatedImageTokens
        XCTAssertEqual(Gateway.estimatedInputTokens(request), expected)
    }

    func testEstimateGrowsWithTheText() throws {
        func estimate(_ text: String) throws -> Int {
            let body = Array(#"{"model":"m","messages":[{"role":"user","content":"\#(text)"}]}"#.utf8)
            return Gateway.estimatedInputTokens(try AnthropicRequestDecoder.decode(body, requiresMaxTokens: false))
        }
        XCTAssertEqual(try estimate(String(repeating: "a", count: 4_000)) - (try estimate("")), 1_000)
    }

    func testMessagesStillRequireMaxTokens() {
        let body = Array(#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#.utf8)
        XCTAssertThrowsError(try AnthropicRequestDecoder.decode(body)) { error in
            XCTAssertEqual((error as? AnthropicCodecError)?.message, "max_tokens: Field required")
        }
    }
}
