import XCTest
import HTTP
import Loop
@testable import Sim
import Wire

/// `POST /v1/responses` over real HTTP on the loop: answers, errors, stats, and the faults the
/// shared stream driver injects.
final class ResponsesRouteTests: XCTestCase {
    private static let streamBody = #"{"model":"m","stream":true,"input":"echo:one two three four"}"#
    private static let wholeBody = #"{"model":"m","input":"echo:one two three four"}"#

    /// What a client got: status and headers (nil when the head never came), the body read, the
    /// error that ended the transfer, and when the head and the first body bytes came.
    struct Seen: Sendable {
        var status: Int?
        var contentType: String?
        var requestID: String?
        var retryAfter: String?
        var bytes: [UInt8] = []
        var firstRead: [UInt8] = []
        var error: UpstreamError.Kind?
        var headMs: UInt64 = 0
        var elapsedMs: UInt64 = 0
        var text: String { String(decoding: bytes, as: UTF8.self) }
        var json: JSONValue? { try? JSONValue.parse(bytes) }
    }

    @LoopActor
    private static func call(_ sim: SimServer, _ base: String, path: String = "/v1/responses", method: String = "POST",
                      body: String = wholeBody, headers: [(name: String, value: String)] = [],
                      timeouts: UpstreamTimeouts = UpstreamTimeouts()) async -> Seen {
        let started = EventLoop.shared.now
        let transfer = UpstreamClient().send(UpstreamRequest(
            method: method, url: base + path, headers: [("Content-Type", "application/json")] + headers,
            body: Array(body.utf8), timeouts: timeouts))
        var seen = Seen()
        do throws(UpstreamError) {
            let head = try await transfer.head()
            seen.headMs = EventLoop.shared.now - started
            seen.status = head.status
            seen.contentType = head.header("content-type")
            seen.requestID = head.header("x-request-id")
            seen.retryAfter = head.header("retry-after")
            while let piece = try await transfer.next() {
                if seen.bytes.isEmpty { seen.firstRead = piece }
                seen.bytes += piece
            }
        } catch {
            seen.error = error.kind
        }
        seen.elapsedMs = EventLoop.shared.now - started
        return seen
    }

    /// Runs `body` against a fresh simulator on the loop; returns its results and the stats after.
    private func withSim<T: Sendable>(
        _ options: SimOptions = SimOptions(), _ body: @escaping @Sendable @LoopActor (SimServer, String) async -> T
    ) async throws -> (T, SimStats) {
        try await EventLoop.shared.spawn { () async throws -> (T, SimStats) in
            let sim = SimServer(options: options)
            let base = "http://127.0.0.1:\(try sim.start(host: "127.0.0.1", port: 0))"
            defer { sim.close() }
            return (await body(sim, base), sim.stats)
        }.value
    }

    func testAnswersWholeAndStreamedAndRefusesAsOpenAIDoes() async throws {
        let (seen, stats) = try await withSim { sim, base in [
            await Self.call(sim, base),
            await Self.call(sim, base, body: Self.streamBody),
            await Self.call(sim, base, path: "/responses"),
            await Self.call(sim, base, headers: [("x-sim-fail-status", "503")]),
            await Self.call(sim, base, body: Self.streamBody, headers: [("x-sim-fail-status", "429")]),
            await Self.call(sim, base, body: #"{"model":"m"}"#),
            await Self.call(sim, base, method: "GET", body: ""),
            await Self.call(sim, base, path: "/v1/responses/resp_abc", method: "GET", body: ""),
            await Self.call(sim, base, path: "/v1/responses/resp_abc/cancel", body: ""),
        ] }
        XCTAssertEqual(seen.map(\.status), [200, 200, 200, 503, 429, 400, 405, 404, 404])
        XCTAssertEqual(seen[0].contentType, "application/json")
        XCTAssertTrue(seen[0].requestID?.hasPrefix("req_") ?? false)
        XCTAssertEqual(seen[0].json?["object"], "response")
        XCTAssertEqual(seen[0].json?["output"]?[0]?["content"]?[0]?["text"], "one two three four")
        XCTAssertEqual(seen[0].json?["usage"]?["output_tokens"], 4)
        XCTAssertEqual(seen[1].contentType, "text/event-stream; charset=utf-8")
        XCTAssertTrue(seen[1].requestID?.hasPrefix("req_") ?? false)
        XCTAssertTrue(seen[1].text.hasPrefix("event: response.created\ndata: {"), seen[1].text)
        XCTAssertTrue(seen[1].text.contains("event: response.completed\n"))
        XCTAssertFalse(seen[1].text.contains("[DONE]"))
        XCTAssertEqual(seen[2].json?["output"]?[0]?["content"]?[0]?["text"], "one two three four")
        XCTAssertEqual(seen[3].json?["error"]?["type"], "api_error")
        XCTAssertEqual(seen[4].json?["error"]?["code"], "rate_limit_exceeded")
        XCTAssertEqual(seen[4].retryAfter, "1")
        XCTAssertEqual(seen[5].json?["error"]?["param"], "input")
        XCTAssertEqual(seen[6].json?["error"]?["type"], "invalid_request_error")
        XCTAssertEqual(seen[7].json?["error"]?["message"], "Response with id 'resp_abc' not found.")
        XCTAssertEqual(stats.requests, 6, "a wrong method or a stored-response path is no request")
        XCTAssertEqual(stats.failuresInjected, 2)
        XCTAssertEqual(stats.streamsStarted, 1)
        XCTAssertEqual(stats.streamsCompleted, 1)
    }

    func testResetAndMalformedChunkComeThroughTheSharedDriver() async throws {
        let (seen, stats) = try await withSim { sim, base in [
            await Self.call(sim, base, body: Self.streamBody, headers: [("x-sim-reset", "2")]),
            await Self.call(sim, base, body: Self.streamBody, headers: [("x-sim-malformed", "1")]),
            await Self.call(sim, base, headers: [("x-sim-reset", "before")]),
        ] }
        XCTAssertEqual(seen[0].status, 200)
        XCTAssertEqual(seen[0].error, .reset)
        XCTAssertTrue(seen[0].text.contains(#""delta":" two""#), seen[0].text)
        XCTAssertFalse(seen[0].text.contains("three"), "nothing after the reset point")
        XCTAssertFalse(seen[0].text.contains("response.completed"))

        XCTAssertNil(seen[1].error)
        let blocks = seen[1].text.split(separator: "\n\n").map(String.init)
        let malformed = try XCTUnwrap(blocks.firstIndex { $0.hasPrefix(#"data: {"malformed""#) })
        XCTAssertTrue(blocks[malformed - 1].contains(#""delta":"one""#), "after the first piece")
        XCTAssertTrue(blocks.last?.hasPrefix("event: response.completed") ?? false)

        XCTAssertNil(seen[2].status)
        XCTAssertEqual(seen[2].error, .reset)
        XCTAssertEqual(stats.streamsReset, 1)
        XCTAssertEqual(stats.resetsInjected, 2)
        XCTAssertEqual(stats.malformedInjected, 1)
    }

    func testAStallBeforeTheFirstByteTripsTheFirstByteTimeout() async throws {
        let (seen, stats) = try await withSim { sim, base in
            await Self.call(sim, base, body: Self.streamBody, headers: [("x-sim-stall-ms", "1000")],
                            timeouts: UpstreamTimeouts(firstByteMs: 150))
        }
        XCTAssertNil(seen.status)
        XCTAssertEqual(seen.error, .firstByteTimeout)
        XCTAssertEqual(stats.stallsInjected, 1)
    }

    func testAThinkingModelSendsTheHeadAndResponseCreatedAtOnceThenNothing() async throws {
        let (seen, _) = try await withSim { sim, base in
            await Self.call(sim, base, body: Self.streamBody, headers: [("x-sim-think-ms", "400")])
        }
        XCTAssertEqual(seen.status, 200)
        XCTAssertLessThan(seen.headMs, 300, "the head does not wait for the thinking")
        let first = String(decoding: seen.firstRead, as: UTF8.self)
        XCTAssertTrue(first.hasPrefix("event: response.created\n"), first)
        XCTAssertFalse(first.contains("response.output_text.delta"), "no token before the thinking is over")
        XCTAssertGreaterThanOrEqual(seen.elapsedMs, 390)
        XCTAssertTrue(seen.text.contains("event: response.completed\n"))
    }
}
