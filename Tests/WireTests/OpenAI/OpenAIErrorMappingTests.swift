import XCTest
import Wire

final class OpenAIErrorMappingTests: XCTestCase {
    private func body(_ message: String, type: String?, code: String?) -> [UInt8] {
        OpenAIError(message: message, type: .init(rawValue: type ?? "null"), code: code).encoded()
    }

    func testUpstreamErrorTable() {
        let cases: [(Int, String, String?, ProviderError.Kind)] = [
            (429, "requests", "rate_limit_exceeded", .rateLimited),
            (429, "insufficient_quota", "insufficient_quota", .rateLimited),
            (401, "invalid_request_error", "invalid_api_key", .authentication),
            (401, "authentication_error", nil, .authentication),
            (403, "request_forbidden", "unsupported_country_region_territory", .permission),
            (404, "invalid_request_error", "model_not_found", .notFound),
            (404, "invalid_request_error", nil, .notFound),
            (400, "invalid_request_error", "context_length_exceeded", .contextLengthExceeded),
            (400, "invalid_request_error", "content_policy_violation", .contentPolicy),
            (400, "invalid_request_error", "content_filter", .contentPolicy),
            (400, "invalid_request_error", "invalid_value", .invalidRequest),
            (422, "invalid_request_error", nil, .invalidRequest),
            (500, "server_error", nil, .server),
            (502, "server_error", nil, .server),
            (503, "server_error", nil, .server),
            (529, "overloaded_error", nil, .overloaded),
            (500, "overloaded_error", "overloaded", .overloaded),
            (504, "server_error", nil, .timeout),
            (408, "invalid_request_error", nil, .timeout),
        ]
        for (status, type, code, kind) in cases {
            let error = OpenAIErrorMapping.providerError(status: status, body: body("m", type: type, code: code))
            XCTAssertEqual(error.kind, kind, "\(status) \(type) \(code ?? "nil")")
            XCTAssertEqual(error.status, status)
            XCTAssertEqual(error.message, "m")
        }
    }

    func testServerQuirks() {
        // vLLM: context overflow in prose on a 400 without a code; a numeric code; a bare string error.
        let vllm = OpenAIErrorMapping.providerError(status: 400, body: Array(#"{"object":"error","message":"This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.","type":"BadRequestError","param":null,"code":400}"#.utf8))
        XCTAssertEqual(vllm.kind, .contextLengthExceeded)
        let bare = OpenAIErrorMapping.providerError(status: 503, body: Array(#"{"error":"That model is currently overloaded with other requests."}"#.utf8))
        XCTAssertEqual(bare.kind, .overloaded)
        XCTAssertEqual(bare.message, "That model is currently overloaded with other requests.")
        let html = OpenAIErrorMapping.providerError(status: 502, body: Array("<html>Bad Gateway</html>".utf8))
        XCTAssertEqual(html, ProviderError(kind: .server, status: 502, message: "The upstream provider answered with status 502."))
    }

    func testRetryAfter() {
        let limited = body("Rate limit reached for gpt-4o on tokens per min (TPM). Please try again in 1.5s.",
                           type: "tokens", code: "rate_limit_exceeded")
        XCTAssertEqual(OpenAIErrorMapping.providerError(status: 429, body: limited, retryAfter: "20").retryAfter, 20)
        XCTAssertEqual(OpenAIErrorMapping.providerError(status: 429, body: limited, retryAfter: " 0.2 ").retryAfter, 1)
        XCTAssertEqual(OpenAIErrorMapping.providerError(status: 429, body: limited, retryAfter: "9",
                                                        retryAfterMs: "2500").retryAfter, 3)
        XCTAssertEqual(OpenAIErrorMapping.providerError(status: 429, body: limited,
                                                        retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT").retryAfter, 2)
        let hints: [(String, Int?)] = [("try again in 6ms.", 1), ("try again in 20s.", 20), ("try again in 2m30s.", 150),
                                       ("try again in 1h.", 3600), ("try again later.", nil), ("", nil)]
        for (hint, seconds) in hints {
            let error = OpenAIErrorMapping.providerError(status: 429, body: body("Limit. Please \(hint)", type: "requests", code: nil))
            XCTAssertEqual(error.retryAfter, seconds, hint)
        }
        // Hints count only for rate limits and overload.
        XCTAssertNil(OpenAIErrorMapping.providerError(status: 400, body: body("try again in 5s", type: "x", code: nil)).retryAfter)
    }

    func testStreamErrorChunkHasNoStatus() {
        let chunk = Array(#"{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"#.utf8)
        XCTAssertEqual(OpenAIErrorMapping.providerError(streamChunk: chunk[...]),
                       ProviderError(kind: .server, status: 500, message: "The server had an error while processing your request."))
        let invalid = Array(#"{"error":{"message":"bad","type":"invalid_request_error"}}"#.utf8)
        XCTAssertEqual(OpenAIErrorMapping.providerError(streamChunk: invalid[...]).status, 400)
    }

    func testCallerErrorTable() throws {
        let cases: [(ProviderError.Kind, Int, Int, String, String?, String?)] = [
            (.invalidRequest, 400, 400, "invalid_request_error", nil, nil),
            (.authentication, 401, 401, "invalid_request_error", "invalid_api_key", nil),
            (.permission, 403, 403, "permission_error", nil, nil),
            (.notFound, 404, 404, "invalid_request_error", "model_not_found", nil),
            (.rateLimited, 429, 429, "rate_limit_error", "rate_limit_exceeded", nil),
            (.overloaded, 529, 503, "api_error", "overloaded", nil),
            (.contextLengthExceeded, 413, 400, "invalid_request_error", "context_length_exceeded", "messages"),
            (.contentPolicy, 400, 400, "invalid_request_error", "content_policy_violation", nil),
            (.server, 502, 502, "server_error", nil, nil),
            (.server, 418, 500, "server_error", nil, nil),
            (.timeout, 504, 504, "timeout_error", nil, nil),
        ]
        for (kind, upstream, status, type, code, param) in cases {
            let error = ProviderError(kind: kind, status: upstream, message: "msg \(kind)")
            let (answer, body) = OpenAIErrorMapping.encode(error)
            XCTAssertEqual(answer, status, "\(kind)")
            let value = try JSONValue.parse(body)
            XCTAssertEqual(value["error"]?["type"]?.string, type, "\(kind)")
            XCTAssertEqual(value["error"]?["code"]?.string, code, "\(kind)")
            XCTAssertEqual(value["error"]?["param"]?.string, param, "\(kind)")
            XCTAssertEqual(value["error"]?["message"]?.string, "msg \(kind)")
        }
    }

    func testCanonicalErrorsSurviveAnOpenAIRoundTrip() {
        for kind in [ProviderError.Kind.invalidRequest, .authentication, .permission, .notFound, .rateLimited,
                     .overloaded, .contextLengthExceeded, .contentPolicy, .server, .timeout] {
            let (status, body) = OpenAIErrorMapping.encode(ProviderError(kind: kind, status: 500, message: "x"))
            XCTAssertEqual(OpenAIErrorMapping.providerError(status: status, body: body).kind, kind, "\(kind)")
        }
    }
}
