import XCTest
import Wire

final class AnthropicErrorMappingTests: XCTestCase {
    func testErrorBodyTable() {
        let table: [(Int, String, ProviderError.Kind)] = [
            (400, "invalid_request_error", .invalidRequest), (401, "authentication_error", .authentication),
            (402, "billing_error", .permission), (403, "permission_error", .permission),
            (404, "not_found_error", .notFound), (413, "request_too_large", .invalidRequest),
            (429, "rate_limit_error", .rateLimited), (500, "api_error", .server),
            (504, "timeout_error", .timeout), (529, "overloaded_error", .overloaded),
        ]
        for (status, type, kind) in table {
            let body = Array(#"{"type":"error","error":{"type":"\#(type)","message":"Something \#(type)"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"#.utf8)
            let error = AnthropicErrorMapping.providerError(status: status, body: body, retryAfter: "7")
            XCTAssertEqual(error, ProviderError(kind: kind, status: status, message: "Something \(type)", retryAfter: 7), type)
        }
    }

    func testKindTableBack() throws {
        let table: [(ProviderError.Kind, String, Int)] = [
            (.invalidRequest, "invalid_request_error", 400), (.contextLengthExceeded, "invalid_request_error", 400),
            (.contentPolicy, "invalid_request_error", 400), (.authentication, "authentication_error", 401),
            (.permission, "permission_error", 403), (.notFound, "not_found_error", 404),
            (.rateLimited, "rate_limit_error", 429), (.overloaded, "overloaded_error", 529),
            (.server, "api_error", 500), (.timeout, "timeout_error", 504),
        ]
        for (kind, type, status) in table {
            XCTAssertEqual(AnthropicErrorMapping.errorType(for: kind), type)
            XCTAssertEqual(AnthropicErrorMapping.status(for: kind), status)
            let body = AnthropicErrorMapping.encode(ProviderError(kind: kind, status: 0, message: "m"), requestID: "req_1")
            XCTAssertEqual(try JSONValue.parse(body), ["type": "error", "error": ["type": .string(type), "message": "m"],
                                                       "request_id": "req_1"])
        }
    }

    func testContextLengthMessagesAreRecognised() {
        let messages = ["prompt is too long: 215430 tokens > 200000 maximum",
                        "input length and `max_tokens` exceed context limit: 197000 + 8192 > 200000, decrease input length"]
        for message in messages {
            let body = AnthropicErrorMapping.encode(ProviderError(kind: .invalidRequest, status: 400, message: message))
            XCTAssertEqual(AnthropicErrorMapping.providerError(status: 400, body: body).kind, .contextLengthExceeded)
        }
        XCTAssertEqual(AnthropicErrorMapping.providerError(type: "invalid_request_error", message: "max_tokens: Field required",
                                                           status: 400).kind, .invalidRequest)
    }

    func testUnknownShapesFallBackToTheStatus() {
        let html = Array("<html>502 Bad Gateway</html>".utf8)
        XCTAssertEqual(AnthropicErrorMapping.providerError(status: 502, body: html),
                       ProviderError(kind: .server, status: 502, message: "<html>502 Bad Gateway</html>"))
        XCTAssertEqual(AnthropicErrorMapping.providerError(status: 529, body: []).kind, .overloaded)
        XCTAssertEqual(AnthropicErrorMapping.providerError(status: 429, body: Array(#"{"error":{"type":"new_kind","message":"x"}}"#.utf8)).kind,
                       .rateLimited)
        XCTAssertEqual(AnthropicErrorMapping.providerError(type: "overloaded_error", message: "Overloaded", status: nil).status, 529,
                       "a stream error has no HTTP status: the type's usual one is used")
    }

    func testRetryAfter() {
        XCTAssertEqual(AnthropicErrorMapping.retryAfterSeconds("30"), 30)
        XCTAssertEqual(AnthropicErrorMapping.retryAfterSeconds(" 1.2 "), 2)
        XCTAssertNil(AnthropicErrorMapping.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT"))
        XCTAssertNil(AnthropicErrorMapping.retryAfterSeconds("-1"))
        XCTAssertNil(AnthropicErrorMapping.retryAfterSeconds(nil))
    }
}
