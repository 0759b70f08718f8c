import XCTest
@testable import Limits

final class RollingSpendTests: XCTestCase {
    private let minute: Int64 = 60_000

    func testSpendCountsForTheWholeWindowAndAtMostOneSlotMore() {
        // One hour in 60 one-minute slots.
        var ring = RollingSpend(slotMs: minute, now: 0)
        let spentAt: Int64 = 90 * 1_000  // 1 min 30 s
        ring.add(500, at: spentAt, now: spentAt)
        ring.advance(to: spentAt + 3_600_000 - 1)
        XCTAssertEqual(ring.total, 500, "still inside the hour")
        ring.advance(to: spentAt + 3_600_000 + 29_999)
        XCTAssertEqual(ring.total, 500, "held up to the end of its slot plus an hour")
        ring.advance(to: spentAt + 3_600_000 + 30_000)
        XCTAssertEqual(ring.total, 0)
    }

    func testExpiryTimesAndLongGaps() {
        var ring = RollingSpend(slotMs: minute, now: 0)
        ring.add(100, at: 0, now: 0)
        ring.add(200, at: 10 * minute, now: 10 * minute)
        ring.add(300, at: 20 * minute, now: 20 * minute)
        XCTAssertEqual(ring.total, 600)
        XCTAssertEqual(ring.expiry(freeing: 50), 61 * minute)
        XCTAssertEqual(ring.expiry(freeing: 250), 71 * minute)
        XCTAssertEqual(ring.expiry(freeing: 600), 81 * minute)
        XCTAssertNil(ring.expiry(freeing: 601))
        XCTAssertEqual(ring.allExpireAt, 81 * minute)
        // A gap longer than the ring clears it in one step.
        ring.advance(to: 10_000 * minute)
        XCTAssertEqual(ring.total, 0)
        ring.add(7, at: 10_000 * minute, now: 10_000 * minute)
        XCTAssertEqual(ring.total, 7)
    }

    func testSpendBackdatedBeyondTheRingIsIgnored() {
        var ring = RollingSpend(slotMs: minute, now: 100 * minute)
        ring.add(5, at: 30 * minute, now: 100 * minute)
        XCTAssertEqual(ring.total, 0)
        ring.add(5, at: 45 * minute, now: 100 * minute)
        XCTAssertEqual(ring.total, 5)
        ring.advance(to: 105 * minute)
        XCTAssertEqual(ring.total, 5)
        ring.advance(to: 106 * minute)
        XCTAssertEqual(ring.total, 0)
    }

    func testClockGoingBackwardsKeepsSpend() {
        var ring = RollingSpend(slotMs: minute, now: 50 * minute)
        ring.add(9, at: 50 * minute, now: 50 * minute)
        ring.advance(to: 10 * minute)
        XCTAssertEqual(ring.total, 9)
    }
}
