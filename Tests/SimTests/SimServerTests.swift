import XCTest
import HTTP
import Loop
@testable import Sim
import Wire

/// The simulator over real HTTP on the loop, driven by the project's upstream client.
final class SimServerTests: XCTestCase {
    func testAnswersCompletionsModelsHealthAndErrors() async throws {
        let results = try await EventLoop.shared.spawn { () async throws -> [Int] in
            let sim = SimServer(options: SimOptions())
            let base = "http://127.0.0.1:\(try sim.start(host: "127.0.0.1", port: 0))"
            defer { sim.close() }
            let client = UpstreamClient()
            let request = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"echo:hi there"}]}"#
            let (status, head, bytes) = try await Self.call(client, base + "/v1/chat/completions", body: request)
            XCTAssertEqual(head.header("content-type"), "application/json")
            XCTAssertTrue(head.header("x-request-id")?.hasPrefix("req_") ?? false)
            let object = try JSONValue.parse(bytes)
            XCTAssertEqual(object["choices"]?[0]?["message"]?["content"], "hi there")
            XCTAssertEqual(object["usage"]?["completion_tokens"], 2)

            var statuses = [status]
            statuses.append(try await Self.call(client, base + "/chat/completions", body: request).0)
            statuses.append(try await Self.call(client, base + "/v1/models", method: "GET").0)
            statuses.append(try await Self.call(client, base + "/v1/models/gpt-4o", method: "GET").0)
            statuses.append(try await Self.call(client, base + "/v1/models/nope", method: "GET").0)
            statuses.append(try await Self.call(client, base + "/health", method: "GET").0)
            statuses.append(try await Self.call(client, base + "/v1/nope", method: "GET").0)
            statuses.append(try await Self.call(client, base + "/v1/chat/completions", method: "GET").0)
            statuses.append(try await Self.call(client, base + "/v1/chat/completions", body: "{oops").0)
            XCTAssertEqual(sim.stats.requests, 3)
            return statuses
        }.value
        XCTAssertEqual(results, [200, 200, 200, 200, 404, 200, 404, 405, 400])
    }

    func testStreamsChunksThenDoneAndCountsACompletedStream() async throws {
        let (text, stats) = try await EventLoop.shared.spawn { () async throws -> (String, SimStats) in
            let sim = SimServer(options: SimOptions(tokensPerSecond: 1000))
            let base = "http://127.0.0.1:\(try sim.start(host: "127.0.0.1", port: 0))"
            defer { sim.close() }
            let request = #"{"model":"m","stream":true,"stream_options":{"include_usage":true},"#
                + #""messages":[{"role":"user","content":"echo:a b c"}]}"#
            let (status, head, bytes) = try await Self.call(UpstreamClient(), base + "/v1/chat/completions",
                                                           body: request)
            XCTAssertEqual(status, 200)
            XCTAssertEqual(head.header("content-type"), "text/event-stream; charset=utf-8")
            return (String(decoding: bytes, as: UTF8.self), sim.stats)
        }.value
        let payloads = eventPayloads(Array(text.utf8))
        XCTAssertEqual(payloads.count, 1 + 3 + 1 + 1 + 1)
        XCTAssertEqual(payloads.last, "[DONE]")
        XCTAssertEqual(stats.streamsStarted, 1)
        XCTAssertEqual(stats.streamsCompleted, 1)
        XCTAssertEqual(stats.activeStreams, 0)
    }

    func testClientLeavingMidStreamStopsTheStreamAndCountsIt() async throws {
        let stats = try await EventLoop.shared.spawn { () async throws -> SimStats in
            let sim = SimServer(options: SimOptions(tokensPerSecond: 20))
            let base = "http://127.0.0.1:\(try sim.start(host: "127.0.0.1", port: 0))"
            defer { sim.close() }
            let body = #"{"model":"m","stream":true,"messages":[{"role":"user","content":"long answer please"}]}"#
            let transfer = UpstreamClient().send(UpstreamRequest(url: base + "/v1/chat/completions", body: Array(body.utf8)))
            _ = try await transfer.head()
            _ = try await transfer.next()
            XCTAssertEqual(sim.stats.activeStreams, 1)
            transfer.cancel()
            for _ in 0..<200 where sim.stats.streamsCancelled == 0 { await EventLoop.shared.sleep(milliseconds: 5) }
            return sim.stats
        }.value
        XCTAssertEqual(stats.streamsStarted, 1)
        XCTAssertEqual(stats.streamsCancelled, 1)
        XCTAssertEqual(stats.streamsCompleted, 0)
        XCTAssertEqual(stats.activeStreams, 0)
    }

    func testHeadersForceFailuresAndDelayTheFirstByte() async throws {
        let (status, retryAfter, firstByteMs, stats) = try await EventLoop.shared.spawn {
            () async throws -> (Int, String?, UInt64, SimStats) in
            let sim = SimServer(options: SimOptions())
            let base = "http://127.0.0.1:\(try sim.start(host: "127.0.0.1", port: 0))"
            defer { sim.close() }
            let client = UpstreamClient()
            let body = #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#
            let failed = try await Self.call(client, base + "/v1/chat/completions", body: body,
                                             headers: [("x-sim-fail-status", "429")])
            let transfer = client.send(UpstreamRequest(url: base + "/v1/chat/completions",
                                                       headers: [("x-sim-ttft-ms", "120")], body: Array(body.utf8)))
            _ = try await transfer.collect()
            return (failed.0, failed.1.header("retry-after"), (transfer.firstByteNanos ?? 0) / 1_000_000, sim.stats)
        }.value
        XCTAssertEqual(status, 429)
        XCTAssertEqual(retryAfter, "1")
        XCTAssertGreaterThanOrEqual(firstByteMs, 110)
        XCTAssertEqual(stats.failuresInjected, 1)
        XCTAssertEqual(stats.requests, 2)
    }

    @LoopActor
    private static func call(_ client: UpstreamClient, _ url: String, method: String = "POST", body: String = "",
                             headers: [(name: String, value: String)] = []) async throws
        -> (Int, UpstreamResponseHead, [UInt8]) {
        var allHeaders = headers
        if method == "POST" { allHeaders.append(("Content-Type", "application/json")) }
        let transfer = client.send(UpstreamRequest(method: method, url: url, headers: allHeaders, body: Array(body.utf8)))
        let head = try await transfer.head()
        return (head.status, head, try await transfer.collect())
    }
}
