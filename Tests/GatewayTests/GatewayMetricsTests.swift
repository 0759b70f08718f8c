import XCTest
@testable import Gateway
import HTTP
import Loop

final class GatewayMetricsTests: XCTestCase {
    func testMetricsCountRequestsTokensErrorsAndLatency() async throws {
        let (head, text) = try await EventLoop.shared.spawn { () async throws -> (UpstreamResponseHead, String) in
            let harness = try GatewayHarness.start()
            defer { harness.stop() }
            _ = try await harness.post(#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"echo:one two three"}]}"#)
            _ = try await harness.post(#"{"model":"nope","messages":[]}"#)
            return try await harness.get("/metrics")
        }.value
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("content-type"), "text/plain; version=0.0.4")
        XCTAssertTrue(text.contains(#"switchyard_requests_total{model="gpt-4o-mini",provider="sim",team="",status="2xx"} 1"#), text)
        XCTAssertTrue(text.contains(#"switchyard_errors_total{model="nope",provider="",team="",error="model_not_found"} 1"#), text)
        XCTAssertTrue(text.contains(#"switchyard_tokens_total{model="gpt-4o-mini",provider="sim",team="",kind="output"} 3"#), text)
        XCTAssertTrue(text.contains(#"switchyard_request_duration_seconds_count{model="gpt-4o-mini",provider="sim"} 1"#), text)
        XCTAssertTrue(text.contains("# TYPE switchyard_gateway_overhead_seconds histogram"))
        XCTAssertTrue(text.contains(#"switchyard_gateway_overhead_seconds_bucket{le="+Inf"} 1"#), text)
    }

    func testLabelValuesAreEscaped() {
        XCTAssertEqual(MetricsRegistry.escape(#"a"b\c"# + "\n"), #"a\"b\\c\n"#)
    }
}
