import XCTest
import HTTP
import Loop
@testable import Sim
import Wire

/// `POST /v1/messages` over real HTTP on the loop.
final class AnthropicRouteTests: XCTestCase {
    private static let anthropicHeaders: [(name: String, value: String)] = [
        ("x-api-key", "sk-ant-test"), ("anthropic-version", "2023-06-01"), ("Content-Type", "application/json"),
    ]

    func testAnswersWholeStreamedAndFailures() async throws {
        let (results, stats) = try await EventLoop.shared.spawn { () async throws -> ([Reply], SimStats) in
            let sim = SimServer(options: SimOptions())
            let url = "http://127.0.0.1:\(try sim.start(host: "127.0.0.1", port: 0))/v1/messages"
            defer { sim.close() }
            let client = UpstreamClient()
            let whole = #"{"model":"claude-haiku-4-5","max_tokens":64,"messages":[{"role":"user","content":"echo:hi there"}]}"#
            let streamed = #"{"model":"m","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"echo:a b"}]}"#
            return ([
                try await Self.call(client, url, body: whole),
                try await Self.call(client, url, body: streamed),
                try await Self.call(client, url, body: whole, headers: [("x-sim-fail-status", "529")]),
                try await Self.call(client, url, body: #"{"model":"m","messages":[]}"#),
                try await Self.call(client, url, method: "GET"),
            ], sim.stats)
        }.value
        XCTAssertEqual(results.map(\.status), [200, 200, 529, 400, 405])
        XCTAssertTrue(results.allSatisfy { $0.requestID?.hasPrefix("req_011") ?? false })
        XCTAssertEqual(results[0].json?["content"], [["type": "text", "text": "hi there"]])
        XCTAssertEqual(results[0].json?["stop_reason"], "end_turn")
        XCTAssertEqual(results[1].contentType, "text/event-stream; charset=utf-8")
        XCTAssertEqual(results[2].json?["error"], ["type": "overloaded_error", "message": "Overloaded"])
        XCTAssertEqual(results[3].json?["error"]?["type"], "invalid_request_error")
        XCTAssertEqual(results[4].json?["error"]?["type"], "invalid_request_error")
        XCTAssertEqual(stats.requests, 4, "a wrong method is not a chat request")
        XCTAssertEqual(stats.failuresInjected, 1)
        XCTAssertEqual(stats.streamsCompleted, 1)
    }

    struct Reply: Sendable {
        var status: Int
        var contentType: String?
        var requestID: String?
        var json: JSONValue?
    }

    @LoopActor
    private static func call(_ client: UpstreamClient, _ url: String, method: String = "POST", body: String = "",
                             headers: [(name: String, value: String)] = []) async throws -> Reply {
        let transfer = client.send(UpstreamRequest(method: method, url: url, headers: anthropicHeaders + headers,
                                                   body: Array(body.utf8)))
        let head = try await transfer.head()
        let bytes = try await transfer.collect()
        return Reply(status: head.status, contentType: head.header("content-type"), requestID: head.header("request-id"),
                     json: try? JSONValue.parse(bytes))
    }
}
