import XCTest
@testable import Wire

/// Gemini error bodies and statuses as canonical provider errors.
final class GeminiErrorMappingTests: XCTestCase {
    func mapped(_ status: Int, _ body: String, retryAfter: String? = nil) -> ProviderError {
        GeminiErrorMapping.providerError(status: status, body: Array(body.utf8), retryAfter: retryAfter)
    }

    func body(_ code: Int, _ status: String, _ message: String) -> String {
        #"{"error":{"code":\#(code),"message":"\#(message)","status":"\#(status)"}}"#
    }

    func testStatusNamesMapToKinds() {
        let cases: [(Int, String, ProviderError.Kind)] = [
            (400, "INVALID_ARGUMENT", .invalidRequest), (400, "FAILED_PRECONDITION", .permission),
            (401, "UNAUTHENTICATED", .authentication), (403, "PERMISSION_DENIED", .permission),
            (404, "NOT_FOUND", .notFound), (429, "RESOURCE_EXHAUSTED", .rateLimited), (500, "INTERNAL", .server),
            (503, "UNAVAILABLE", .overloaded), (504, "DEADLINE_EXCEEDED", .timeout), (499, "CANCELLED", .server),
        ]
        for (code, name, kind) in cases {
            let error = mapped(code, body(code, name, "m"))
            XCTAssertEqual(error, ProviderError(kind: kind, status: code, message: "m"), name)
        }
    }

    func testContextLengthAndInvalidKeyQuirks() {
        let long = mapped(400, body(400, "INVALID_ARGUMENT",
                                    "The input token count (1200293) exceeds the maximum number of tokens allowed (1048576)."))
        XCTAssertEqual(long.kind, .contextLengthExceeded)
        XCTAssertEqual(long.status, 400)

        let key = mapped(400, """
            {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
             "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}
            """)
        XCTAssertEqual(key, ProviderError(kind: .authentication, status: 401, message: "API key not valid. Please pass a valid API key."))
    }

    func testRetryDelayComesFromTheHeaderOrRetryInfo() {
        let quota = """
            {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",
             "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
                        {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"31.2s"}]}}
            """
        XCTAssertEqual(mapped(429, quota).retryAfter, 32)
        XCTAssertEqual(mapped(429, quota, retryAfter: "5").retryAfter, 5)
        XCTAssertNil(mapped(429, body(429, "RESOURCE_EXHAUSTED", "x")).retryAfter)
    }

    func testRetryDelaysNoIntegerHoldsAreIgnored() {
        // Converting these to whole seconds used to trap on Gemini's bytes.
        for delay in ["1e300s", "9223372036854775807.5s"] {
            let body = #"{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"\#(delay)"}]}}"#
            XCTAssertNil(mapped(429, body).retryAfter, delay)
        }
    }

    func testArrayBodiesStreamErrorsAndNonJSONBodies() {
        XCTAssertEqual(mapped(503, "[" + body(503, "UNAVAILABLE", "busy") + "]"),
                       ProviderError(kind: .overloaded, status: 503, message: "busy"))
        XCTAssertEqual(mapped(200, body(500, "INTERNAL", "boom")), ProviderError(kind: .server, status: 500, message: "boom"))
        XCTAssertEqual(mapped(502, "<html>Bad Gateway</html>"),
                       ProviderError(kind: .server, status: 502, message: "<html>Bad Gateway</html>"))
        XCTAssertEqual(mapped(404, ""), ProviderError(kind: .notFound, status: 404, message: "Gemini answered with status 404"))
        XCTAssertEqual(mapped(413, #"{"error":{"code":413,"message":"too big"}}"#).kind, .invalidRequest)
    }
}
