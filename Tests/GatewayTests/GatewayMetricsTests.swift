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

    func testSeriesFoundOnceCountWithLookupsByName() throws {
        var registry = MetricsRegistry()
        registry.declare("c_total", "counter", help: "C.", labels: ["model"])
        registry.declare("g", "gauge", help: "G.", labels: ["target"])
        registry.declare("h_seconds", "histogram", help: "H.", labels: [], buckets: [1])
        let counter = try XCTUnwrap(registry.series("c_total", ["a"]))
        registry.add(counter, 2)
        registry.add("c_total", ["a"])
        registry.add("c_total", ["b"], 5)
        XCTAssertEqual(registry.value("c_total", ["a"]), 3)
        XCTAssertNil(registry.series("nope", []))
        registry.set("g", ["x"], 1)
        registry.clear("g")
        registry.set("g", ["y"], 2)
        let histogram = try XCTUnwrap(registry.series("h_seconds", []))
        registry.observe(histogram, 0.5)
        registry.observe("h_seconds", [], 3)
        XCTAssertEqual(String(decoding: registry.render(), as: UTF8.self), """
            # HELP c_total C.
            # TYPE c_total counter
            c_total{model="a"} 3
            c_total{model="b"} 5
            # HELP g G.
            # TYPE g gauge
            g{target="y"} 2
            # HELP h_seconds H.
            # TYPE h_seconds histogram
            h_seconds_bucket{le="1"} 1
            h_seconds_bucket{le="+Inf"} 2
            h_seconds_sum 3.5
            h_seconds_count 2

            """)
    }

    func testRequestSeriesAreKeptPerLabelSet() {
        var metrics = GatewayMetrics()
        let first = metrics.requestSeries(model: "m", provider: "p", team: "")
        metrics.update(.success, first)
        let other = metrics.requestSeries(model: "m", provider: "q", team: "")
        metrics.update(.success, other)
        XCTAssertEqual(metrics.requestSeries(model: "m", provider: "p", team: ""), first)
        metrics.update(.success, first)
        metrics.update(.serverError, first)
        XCTAssertNotEqual(first, other)
        XCTAssertEqual(metrics.registry.value("switchyard_requests_total", ["m", "p", "", "2xx"]), 2)
        XCTAssertEqual(metrics.registry.value("switchyard_requests_total", ["m", "q", "", "2xx"]), 1)
        XCTAssertEqual(metrics.registry.value("switchyard_requests_total", ["m", "p", "", "5xx"]), 1)
        XCTAssertNil(metrics.registry.value("switchyard_tokens_total", ["m", "p", "", "input"]), "no series before its first update")
    }

    func testLabelValuesAreEscaped() {
        XCTAssertEqual(MetricsRegistry.escape(#"a"b\c"# + "\n"), #"a\"b\\c\n"#)
    }
}
