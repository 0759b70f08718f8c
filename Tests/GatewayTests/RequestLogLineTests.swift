import Foundation
import XCTest
@testable import Gateway
import Loop
import Wire

final class RequestLogLineTests: XCTestCase {
    /// Clock marks taken out of order (a curl callback noted the first body byte inside the
    /// call that sent the request, before the send was marked) give 0, not a trap: the
    /// subtraction once stopped the gateway in its log line (found by test_fuzz_bodies, seed 606).
    func testSpansOfMarksOutOfOrderAreZero() {
        XCTAssertEqual(RequestRecord.span(1_000, 4_000), 3_000)
        XCTAssertEqual(RequestRecord.span(4_000, 1_000), 0)
        XCTAssertEqual(RequestRecord.span(0, .max), .max)
        XCTAssertEqual(RequestRecord.milliseconds(RequestRecord.span(5_000_000, 2_000_000)), 0)
    }

    /// The request lines written for a chat completion, a health check and an unknown model
    /// whose name needs escaping, parsed back.
    func testRequestLinesParseWithTheirFields() async throws {
        let path = NSTemporaryDirectory() + "sy-request-log-\(UInt64.random(in: 0 ... .max)).log"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd); unlink(path) }
        let sink = LogWriter(fd: fd)
        try await EventLoop.shared.spawn { () async throws in
            let harness = try GatewayHarness.start(requestLog: sink)
            defer { harness.stop() }
            _ = try await harness.post(#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"echo:one two"}]}"#)
            _ = try await harness.get("/health")
            _ = try await harness.post(#"{"model":"gpt\"4 \\ x","messages":[{"role":"user","content":"hi"}]}"#)
        }.value
        sink.flush()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        let objects = try lines.map { try XCTUnwrap(JSONValue.parse(Array($0.utf8)).object) }
        guard objects.count == 3 else { return }
        let common = ["ts", "level", "logger", "msg", "request_id", "method", "path", "status", "latency_ms", "bytes_in", "bytes_out"]

        let chat = objects[0]
        XCTAssertEqual(chat.keys, common + ["model", "served_model", "provider", "stream", "prompt_tokens", "completion_tokens",
                                            "overhead_ms", "upstream_ttfb_ms"])
        XCTAssertEqual(chat["level"]?.string, "info")
        XCTAssertEqual(chat["logger"]?.string, "switchyard")
        XCTAssertEqual(chat["msg"]?.string, "request")
        XCTAssertEqual(chat["method"]?.string, "POST")
        XCTAssertEqual(chat["path"]?.string, "/v1/chat/completions")
        XCTAssertEqual(chat["status"]?.int, 200)
        XCTAssertEqual(chat["model"]?.string, "gpt-4o-mini")
        XCTAssertEqual(chat["provider"]?.string, "sim")
        XCTAssertEqual(chat["stream"]?.bool, false)
        XCTAssertEqual(chat["completion_tokens"]?.int, 2)
        for key in ["latency_ms", "overhead_ms", "upstream_ttfb_ms"] {
            let value = try XCTUnwrap(chat[key]?.double, key)
            XCTAssertGreaterThanOrEqual(value, 0)
            XCTAssertEqual((value * 100).rounded() / 100, value, key)
        }
        let ts = try XCTUnwrap(chat["ts"]?.string)
        XCTAssertNotNil(ts.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/), ts)

        let health = objects[1]
        XCTAssertEqual(health.keys, common)
        XCTAssertEqual(health["method"]?.string, "GET")
        XCTAssertEqual(health["path"]?.string, "/health")
        XCTAssertEqual(health["bytes_in"]?.int, 0)

        let unknown = objects[2]
        XCTAssertEqual(unknown.keys, common + ["model", "stream", "error"])
        XCTAssertEqual(unknown["model"]?.string, #"gpt"4 \ x"#)
        XCTAssertEqual(unknown["status"]?.int, 404)
        XCTAssertEqual(unknown["error"]?.string, "model_not_found")
    }
}
