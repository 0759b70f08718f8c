import XCTest
@testable import Loop

final class LoopLoadTests: XCTestCase {
    /// A job that holds the loop counts as busy time and as the longest turn; sleeping in the
    /// poll wait does not count.
    func testBusyTimeCountsWorkOnTheLoopAndNotThePollWait() async {
        let (busyWork, longest, busyIdle, nextLongest, turns) = await EventLoop.shared.spawn {
            () async -> (UInt64, UInt64, UInt64, UInt64, UInt64) in
            let loop = EventLoop.shared
            await loop.sleep(milliseconds: 2)
            _ = loop.takeLongestTurnNanos()
            let turns0 = loop.turns
            let busy0 = loop.busyNanos
            let start = EventLoop.hrtime()
            while EventLoop.hrtime() - start < 30_000_000 {}  // hold the loop for 30 ms
            await loop.sleep(milliseconds: 2)
            let busy1 = loop.busyNanos
            let longest = loop.takeLongestTurnNanos()
            await loop.sleep(milliseconds: 60)  // the loop waits in poll
            let busy2 = loop.busyNanos
            return (busy1 - busy0, longest, busy2 - busy1, loop.takeLongestTurnNanos(), loop.turns - turns0)
        }.value
        XCTAssertGreaterThanOrEqual(busyWork, 30_000_000)
        XCTAssertGreaterThanOrEqual(longest, 30_000_000)
        XCTAssertLessThan(busyIdle, 20_000_000, "a 60 ms sleep is mostly poll wait")
        XCTAssertLessThan(nextLongest, 20_000_000, "taking the longest turn starts a new window")
        XCTAssertGreaterThanOrEqual(turns, 2)
    }
}
