import XCTest
@testable import Sim
import HTTP1

final class SimTimingTests: XCTestCase {
    func testHeadersOverrideOptions() throws {
        let options = SimOptions(ttftMs: 100, tokensPerSecond: 10, retryAfter: 2)
        let plain = try SimTiming(options: options, headers: Headers())
        XCTAssertEqual(plain, SimTiming(ttftMs: 100, tokensPerSecond: 10, retryAfter: 2))
        let overridden = try SimTiming(options: options, headers: [
            "X-Sim-TTFT-Ms": "5", "x-sim-tokens-per-second": "2.5", "x-sim-fail-status": "429", "x-sim-retry-after": "9",
        ])
        XCTAssertEqual(overridden, SimTiming(ttftMs: 5, tokensPerSecond: 2.5, forcedFailure: 429, retryAfter: 9))
    }

    func testUnusableHeaderValueIsA400NamingTheHeader() {
        for (name, value) in [("x-sim-ttft-ms", "-1"), ("x-sim-tokens-per-second", "fast"),
                              ("x-sim-fail-status", "200"), ("x-sim-retry-after", "soon")] {
            XCTAssertThrowsError(try SimTiming(options: SimOptions(), headers: [name: value])) { error in
                XCTAssertEqual((error as? SimError)?.status, 400)
                XCTAssertEqual((error as? SimError)?.param, name)
            }
        }
    }

    func testThinkingDelaysTheFirstTokenAndTheWholeAnswer() throws {
        var timing = try SimTiming(options: SimOptions(ttftMs: 100, tokensPerSecond: 10), headers: ["x-sim-think-ms": "900"])
        XCTAssertEqual(timing.thinkMs, 900)
        XCTAssertEqual(timing.dueMs(piece: 0), 1_000)
        XCTAssertEqual(timing.dueMs(piece: 2), 1_200)
        XCTAssertEqual(timing.totalMs(pieces: 2), 1_200)
        timing.thinkMs = 0
        XCTAssertEqual(timing.dueMs(piece: 0), 100)
        XCTAssertThrowsError(try SimTiming(options: SimOptions(), headers: ["x-sim-think-ms": "long"])) { error in
            XCTAssertEqual((error as? SimError)?.param, "x-sim-think-ms")
        }
    }

    func testPieceScheduleAndWholeAnswerDelay() {
        let paced = SimTiming(ttftMs: 200, tokensPerSecond: 20)
        XCTAssertEqual(paced.dueMs(piece: 0), 200)
        XCTAssertEqual(paced.dueMs(piece: 1), 250)
        XCTAssertEqual(paced.dueMs(piece: 10), 700)
        XCTAssertEqual(paced.totalMs(pieces: 10), 700)
        let unpaced = SimTiming(ttftMs: 30, tokensPerSecond: 0)
        XCTAssertEqual(unpaced.dueMs(piece: 50), 30)
        XCTAssertEqual(unpaced.totalMs(pieces: 50), 30)
    }
}
