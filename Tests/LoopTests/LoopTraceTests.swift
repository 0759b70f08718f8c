import Foundation
import XCTest
@testable import Loop

final class LoopTraceTests: XCTestCase {
    func testOneLinePerIterationWithTheDrainCountersThenReset() throws {
        let path = NSTemporaryDirectory() + "loop-trace-\(getpid()).txt"
        defer { unlink(path) }
        let trace = try XCTUnwrap(LoopTrace(path: path))
        trace.drainNanos = 700
        trace.urgentJobs = 3
        trace.bulkJobs = 12
        trace.bulkQueued = 40
        trace.turnEnded(now: 1_000_000_000, busy: 2_500)
        trace.turnEnded(now: 1_000_200_000, busy: 0)
        trace.flush()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text, "1000000000 2500 700 3 12 40\n1000200000 0 0 0 0 40\n")
    }

    func testFullBufferIsWrittenOutWithoutLosingLines() throws {
        let path = NSTemporaryDirectory() + "loop-trace-big-\(getpid()).txt"
        defer { unlink(path) }
        let trace = try XCTUnwrap(LoopTrace(path: path))
        // Within 100 ms of each other, so only a full buffer writes: 5,000 lines of ~40 bytes.
        for k in 0 ..< 5_000 { trace.turnEnded(now: 10_000_000_000 + UInt64(k) * 10, busy: UInt64(k)) }
        trace.flush()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 5_000)
        XCTAssertEqual(lines.last, "10000049990 4999 0 0 0 0")
    }
}
