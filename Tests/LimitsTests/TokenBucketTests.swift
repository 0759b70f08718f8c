import XCTest
@testable import Limits

final class TokenBucketTests: XCTestCase {
    func testBurstOfRPMThenExactWait() {
        var bucket = TokenBucket(RateLimit(perMinute: 60), now: 0)
        for i in 0 ..< 60 { XCTAssertTrue(bucket.tryTake(1, now: 0).isAllowed, "request \(i)") }
        let denied = bucket.tryTake(1, now: 0)
        XCTAssertEqual(denied, TokenBucket.Decision(code: .limited, waitMs: 1_000))
        XCTAssertEqual(bucket.remaining, 0)
    }

    func testRefillIsContinuousAndExact() {
        var bucket = TokenBucket(RateLimit(perMinute: 60), now: 0)
        XCTAssertTrue(bucket.tryTake(60, now: 0).isAllowed)
        XCTAssertEqual(bucket.tryTake(1, now: 999).waitMs, 1)
        XCTAssertTrue(bucket.tryTake(1, now: 1_000).isAllowed)
        // Half a minute refills half the rate.
        XCTAssertEqual(bucket.tryTake(31, now: 31_000), TokenBucket.Decision(code: .limited, waitMs: 1_000))
        XCTAssertTrue(bucket.tryTake(30, now: 31_000).isAllowed)
    }

    func testOddRatesRefillWithoutDrift() {
        // 7 per minute is not a whole number of milliseconds per token; fixed point keeps it exact.
        var stepped = TokenBucket(RateLimit(perMinute: 7), now: 0)
        var jumped = stepped
        stepped.take(7)
        jumped.take(7)
        for t in stride(from: Int64(1), through: 60_000, by: 1) { stepped.refill(now: t) }
        jumped.refill(now: 60_000)
        XCTAssertEqual(stepped, jumped)
        XCTAssertEqual(stepped.remaining, 7)
        XCTAssertTrue(stepped.isFull(at: 60_000))
    }

    func testRetryAfterForTokens() {
        var bucket = TokenBucket(RateLimit(perMinute: 1_000), now: 0)
        XCTAssertTrue(bucket.tryTake(1_000, now: 0).isAllowed)
        // 300 tokens at 1000/min take 18 s.
        XCTAssertEqual(bucket.tryTake(300, now: 0).waitMs, 18_000)
        XCTAssertEqual(bucket.tryTake(300, now: 17_999).waitMs, 1)
        XCTAssertTrue(bucket.tryTake(300, now: 18_000).isAllowed)
    }

    func testLongIdleRefillsToCapacityWithoutOverflow() {
        var bucket = TokenBucket(RateLimit(perMinute: RateLimit.maxValue), now: 0)
        bucket.take(RateLimit.maxValue)
        bucket.refill(now: Int64.max / 2)
        XCTAssertEqual(bucket.remaining, RateLimit.maxValue)
        bucket.settle(reserved: 0, actual: Int64.max, now: Int64.max / 2)
        bucket.settle(reserved: 0, actual: Int64.max, now: Int64.max / 2)
        XCTAssertEqual(bucket.remaining, 0)
        XCTAssertGreaterThan(bucket.msUntilFull, 0)
    }

    func testSettleRefundsUpToCapacity() {
        var bucket = TokenBucket(RateLimit(perMinute: 1_000), now: 0)
        XCTAssertTrue(bucket.tryTake(800, now: 0).isAllowed)
        XCTAssertEqual(bucket.remaining, 200)
        bucket.settle(reserved: 800, actual: 300, now: 0)
        XCTAssertEqual(bucket.remaining, 700)
        // A refund after the bucket refilled cannot lift it above its burst.
        bucket.settle(reserved: 500, actual: 0, now: 60_000)
        XCTAssertEqual(bucket.remaining, 1_000)
    }

    func testSettleAboveReservationGoesIntoDebt() {
        var bucket = TokenBucket(RateLimit(perMinute: 1_000), now: 0)
        XCTAssertTrue(bucket.tryTake(800, now: 0).isAllowed)
        bucket.settle(reserved: 800, actual: 1_200, now: 0)
        XCTAssertEqual(bucket.level, -200 * TokenBucket.unitsPerToken)
        XCTAssertEqual(bucket.remaining, 0)
        // Even a zero-token request waits out the debt; one token waits 201 tokens' worth.
        XCTAssertEqual(bucket.tryTake(0, now: 0).waitMs, 12_000)
        XCTAssertEqual(bucket.tryTake(1, now: 0).waitMs, 12_060)
        XCTAssertEqual(bucket.msUntilFull, 72_000)
        XCTAssertTrue(bucket.tryTake(1, now: 12_060).isAllowed)
    }

    func testTooLargeAndZeroRate() {
        var bucket = TokenBucket(RateLimit(perMinute: 100), now: 0)
        XCTAssertEqual(bucket.tryTake(101, now: 0), .tooLarge)
        XCTAssertEqual(bucket.remaining, 100)
        var closed = TokenBucket(RateLimit(perMinute: 0, burst: 50), now: 0)
        XCTAssertEqual(closed.limit.burst, 0)
        XCTAssertEqual(closed.tryTake(1, now: 0), .tooLarge)
        XCTAssertTrue(closed.tryTake(0, now: 0).isAllowed)
        closed.settle(reserved: 0, actual: 5, now: 1)
        XCTAssertEqual(closed.tryTake(0, now: 2), .tooLarge)
    }

    func testBurstSmallerThanRate() {
        var bucket = TokenBucket(RateLimit(perMinute: 600, burst: 10), now: 0)
        XCTAssertTrue(bucket.tryTake(10, now: 0).isAllowed)
        XCTAssertEqual(bucket.tryTake(1, now: 0).waitMs, 100)
        XCTAssertEqual(bucket.tryTake(11, now: 10_000), .tooLarge)
        XCTAssertTrue(bucket.tryTake(10, now: 10_000).isAllowed)
    }

    func testClockGoingBackwardsRebases() {
        var bucket = TokenBucket(RateLimit(perMinute: 60), now: 10_000)
        XCTAssertTrue(bucket.tryTake(60, now: 10_000).isAllowed)
        XCTAssertFalse(bucket.tryTake(1, now: 5_000).isAllowed)
        XCTAssertEqual(bucket.updatedAt, 5_000)
        // Refill resumes from the new reading rather than waiting for the old one.
        XCTAssertTrue(bucket.tryTake(1, now: 6_000).isAllowed)
    }

    func testUpdateKeepsLevelClampedToNewCapacity() {
        var bucket = TokenBucket(RateLimit(perMinute: 100), now: 0)
        XCTAssertTrue(bucket.tryTake(40, now: 0).isAllowed)
        bucket.update(RateLimit(perMinute: 1_000), now: 0)
        XCTAssertEqual(bucket.remaining, 60)
        bucket.update(RateLimit(perMinute: 10), now: 0)
        XCTAssertEqual(bucket.remaining, 10)
    }

    func testStatusForHeaders() {
        var bucket = TokenBucket(RateLimit(perMinute: 120), now: 1_000)
        XCTAssertTrue(bucket.tryTake(3, now: 1_000).isAllowed)
        XCTAssertEqual(bucket.status, LimitStatus(limit: 120, remaining: 117, resetAt: 2_500))
        XCTAssertFalse(bucket.isFull(at: 2_499))
        XCTAssertTrue(bucket.isFull(at: 2_500))
    }
}
