import XCTest
import HTTP
import Loop
@testable import Sim
import Wire

/// Each injected fault as a client sees it, over real sockets with the project's upstream client.
final class SimFaultTests: XCTestCase {
    private static let streamBody = #"{"model":"m","stream":true,"messages":[{"role":"user","content":"echo:one two three four"}]}"#
    private static let wholeBody = #"{"model":"m","messages":[{"role":"user","content":"echo:one two three four"}]}"#

    /// What a client got: the status (nil when the head never came), the body bytes read, the
    /// error that ended the transfer, and how long it took.
    struct Seen {
        var status: Int?
        var bytes: [UInt8] = []
        var reads = 0
        var error: UpstreamError.Kind?
        var elapsedMs: UInt64 = 0
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    private func call(options: SimOptions = SimOptions(), path: String = "/v1/chat/completions",
                      body: String = streamBody, headers: [(name: String, value: String)] = [],
                      timeouts: UpstreamTimeouts = UpstreamTimeouts(), then: (@LoopActor (SimServer) -> Void)? = nil)
        async throws -> Seen {
        try await EventLoop.shared.spawn { () async throws -> Seen in
            let sim = SimServer(options: options)
            let base = "http://127.0.0.1:\(try sim.start(host: "127.0.0.1", port: 0))"
            defer { sim.close() }
            let started = EventLoop.shared.now
            let transfer = UpstreamClient().send(UpstreamRequest(
                url: base + path, headers: [("Content-Type", "application/json")] + headers,
                body: Array(body.utf8), timeouts: timeouts))
            var seen = Seen()
            do throws(UpstreamError) {
                seen.status = try await transfer.head().status
                while let piece = try await transfer.next() {
                    seen.bytes += piece
                    seen.reads += 1
                }
            } catch {
                seen.error = error.kind
            }
            seen.elapsedMs = EventLoop.shared.now - started
            then?(sim)
            return seen
        }.value
    }

    func testResetBeforeTheResponse() async throws {
        for body in [Self.streamBody, Self.wholeBody] {
            let seen = try await call(body: body, headers: [("x-sim-reset", "before")]) { sim in
                XCTAssertEqual(sim.stats.resetsInjected, 1)
            }
            XCTAssertNil(seen.status)
            XCTAssertEqual(seen.error, .reset)
        }
    }

    func testResetInTheMiddleOfAStream() async throws {
        let seen = try await call(headers: [("x-sim-reset", "2")]) { sim in
            XCTAssertEqual(sim.stats.streamsReset, 1)
            XCTAssertEqual(sim.stats.activeStreams, 0)
        }
        XCTAssertEqual(seen.status, 200)
        XCTAssertEqual(seen.error, .reset)
        XCTAssertTrue(seen.text.contains(#""content":"one""#), seen.text)
        XCTAssertTrue(seen.text.contains(#""content":" two""#), seen.text)
        XCTAssertFalse(seen.text.contains("three"), "nothing after the reset point")
        XCTAssertFalse(seen.text.contains("[DONE]"))
    }

    func testResetRateFromTheOptions() async throws {
        let options = SimOptions(faults: SimFaults(resetRate: 1, resetAfterChunks: 1))
        let seen = try await call(options: options)
        XCTAssertEqual(seen.status, 200)
        XCTAssertEqual(seen.error, .reset)
        XCTAssertFalse(seen.text.contains("two"))
    }

    func testStallBeforeTheFirstTokenTripsTheFirstByteTimeout() async throws {
        let seen = try await call(headers: [("x-sim-stall-ms", "1000")],
                                  timeouts: UpstreamTimeouts(firstByteMs: 150)) { sim in
            XCTAssertEqual(sim.stats.stallsInjected, 1)
        }
        XCTAssertNil(seen.status)
        XCTAssertEqual(seen.error, .firstByteTimeout)
        XCTAssertGreaterThanOrEqual(seen.elapsedMs, 140)
        XCTAssertLessThan(seen.elapsedMs, 900)
    }

    func testStallBetweenChunksTripsTheIdleTimeout() async throws {
        let seen = try await call(headers: [("x-sim-stall-ms", "1000"), ("x-sim-stall-after-chunks", "2")],
                                  timeouts: UpstreamTimeouts(firstByteMs: 500, idleMs: 150))
        XCTAssertEqual(seen.status, 200)
        XCTAssertEqual(seen.error, .idleTimeout)
        XCTAssertTrue(seen.text.contains(" two"))
        XCTAssertFalse(seen.text.contains("three"))
    }

    func testStalledWholeAnswerTripsTheTotalTimeout() async throws {
        let seen = try await call(body: Self.wholeBody, headers: [("x-sim-stall-ms", "1000")],
                                  timeouts: UpstreamTimeouts(firstByteMs: 150))
        XCTAssertEqual(seen.error, .firstByteTimeout)
    }

    func testMalformedChunkArrivesAndTheStreamGoesOn() async throws {
        let seen = try await call(headers: [("x-sim-malformed", "1")]) { sim in
            XCTAssertEqual(sim.stats.malformedInjected, 1)
            XCTAssertEqual(sim.stats.streamsCompleted, 1)
        }
        XCTAssertEqual(seen.status, 200)
        XCTAssertNil(seen.error)
        let events = seen.text.split(separator: "\n\n").map(String.init)
        let malformed = try XCTUnwrap(events.firstIndex { $0.hasPrefix(#"data: {"malformed""#) })
        XCTAssertThrowsError(try JSONValue.parse(String(events[malformed].dropFirst("data: ".count))))
        XCTAssertTrue(events[malformed - 1].contains(#""content":"one""#), "after the first piece")
        XCTAssertEqual(events.last, "data: [DONE]")
    }

    func testMalformedWholeAnswerIsCutShort() async throws {
        let seen = try await call(body: Self.wholeBody, headers: [("x-sim-malformed", "0")])
        XCTAssertEqual(seen.status, 200)
        XCTAssertFalse(seen.bytes.isEmpty)
        XCTAssertThrowsError(try JSONValue.parse(seen.bytes))
    }

    func testSlowDripSendsOnePieceAtATime() async throws {
        let seen = try await call(headers: [("x-sim-drip-ms", "40")])
        XCTAssertNil(seen.error)
        XCTAssertTrue(seen.text.hasSuffix("data: [DONE]\n\n"))
        XCTAssertGreaterThanOrEqual(seen.elapsedMs, 110, "pieces 1...3 each 40 ms after the last")
        XCTAssertGreaterThanOrEqual(seen.reads, 4)
    }

    func testFaultsApplyPerModel() async throws {
        var options = SimOptions()
        options.modelFaults = ["primary-*": SimFaults(failRate: 1, failStatus: 503)]
        let failing = try await call(options: options, body: Self.wholeBody.replacingOccurrences(of: #""m""#, with: #""primary-1""#))
        XCTAssertEqual(failing.status, 503)
        let healthy = try await call(options: options, body: Self.wholeBody.replacingOccurrences(of: #""m""#, with: #""backup""#))
        XCTAssertEqual(healthy.status, 200)
    }

    func testAnthropicAndGeminiRoutesInjectToo() async throws {
        let anthropic = #"{"model":"claude","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"echo:one two three"}]}"#
        let reset = try await call(path: "/v1/messages", body: anthropic, headers: [("x-sim-reset", "1")])
        XCTAssertEqual(reset.status, 200)
        XCTAssertEqual(reset.error, .reset)

        let gemini = #"{"contents":[{"role":"user","parts":[{"text":"echo:one two"}]}]}"#
        let stalled = try await call(path: "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", body: gemini,
                                     headers: [("x-goog-api-key", "k"), ("x-sim-stall-ms", "1000")],
                                     timeouts: UpstreamTimeouts(firstByteMs: 150))
        XCTAssertEqual(stalled.error, .firstByteTimeout)
    }
}
