import XCTest
@testable import Limits

final class KeyedLimiterEvictionTests: XCTestCase {
    private func one(_ scope: Scope, rpm: Int64? = 10, tpm: Int64? = nil, tokens: Int64 = 0) -> Admission {
        Admission(limits: [ScopeLimits(scope, rpm: rpm, tpm: tpm)], tokens: tokens)
    }

    func testIdleScopesAreEvictedAndMemoryShrinks() {
        var limiter = KeyedLimiter(configuration: .init(idleMs: 1_000))
        var peak = 0
        // 50,000 distinct keys, one request each, one per millisecond. A key's bucket is full
        // again 6 s after its request (1 token at 10/min), so about 7,000 keys are live at once.
        for i in 0 ..< 50_000 {
            XCTAssertTrue(limiter.admit(one(.key("k\(i)")), now: Int64(i)).isAdmitted)
            peak = max(peak, limiter.scopeCount)
        }
        XCTAssertLessThan(peak, 12_000)
        XCTAssertGreaterThanOrEqual(peak, 6_000)
        // Later, one hot key: the sweep passes over everything and the table compacts.
        let hot = one(.key("hot"), rpm: 1_000_000)
        for i in 0 ..< 30_000 { _ = limiter.admit(hot, now: 100_000 + Int64(i)) }
        XCTAssertEqual(limiter.scopeCount, 1)
        // Back to the size configured for the expected 1,024 scopes.
        XCTAssertLessThanOrEqual(limiter.table.slabSize, 1_024)
        XCTAssertEqual(limiter.table.index.count, 2_048)
        XCTAssertEqual(limiter.evictionCount, 50_000)
        XCTAssertEqual(limiter.forcedEvictionCount, 0)
    }

    func testBusyScopesAreNotEvicted() {
        var limiter = KeyedLimiter(configuration: .init(idleMs: 0, sweepPerAdmission: 64))
        let busy = one(.key("busy"), rpm: 10)
        for i in 0 ..< 10 { XCTAssertTrue(limiter.admit(busy, now: Int64(i)).isAdmitted) }
        for i in 0 ..< 1_000 { _ = limiter.admit(one(.key("other-\(i % 7)")), now: 100 + Int64(i)) }
        // Still empty: the drained bucket was kept although idle time was zero.
        XCTAssertFalse(limiter.admit(busy, now: 1_100).isAdmitted)
    }

    /// Forgetting only full, idle buckets must not change a single answer.
    func testEvictionNeverChangesAnswers() {
        var rng = SeededGenerator(seed: 7)
        var evicting = KeyedLimiter(configuration: .init(idleMs: 0, sweepPerAdmission: 16))
        var keeping = KeyedLimiter(configuration: .init(idleMs: .max))
        var tickets: [(AdmissionTicket, AdmissionTicket)] = []
        var now: Int64 = 0
        let team = ScopeLimits(.team("t"), rpm: 400, tpm: 40_000)
        for _ in 0 ..< 30_000 {
            now += Int64.random(in: 0 ... 40, using: &rng)
            if !tickets.isEmpty, Int.random(in: 0 ..< 3, using: &rng) == 0 {
                let (a, b) = tickets.remove(at: Int.random(in: 0 ..< tickets.count, using: &rng))
                let actual = Int64.random(in: 0 ... 3_000, using: &rng)
                evicting.settle(a, actualTokens: actual, now: now)
                keeping.settle(b, actualTokens: actual, now: now)
                continue
            }
            let key = Int.random(in: 0 ..< 300, using: &rng)
            let limits = ScopeLimits(.key("k\(key)"), rpm: Int64(key % 7 + 1), tpm: Int64(key % 5 + 1) * 1_000)
            let request = Admission(limits: [limits, team], tokens: Int64.random(in: 1 ... 1_500, using: &rng))
            let a = evicting.admit(request, now: now)
            let b = keeping.admit(request, now: now)
            XCTAssertEqual(a.denial, b.denial)
            XCTAssertEqual(a.ticket?.requests, b.ticket?.requests)
            XCTAssertEqual(a.ticket?.tokens, b.ticket?.tokens)
            if let ta = a.ticket, let tb = b.ticket { tickets.append((ta, tb)) }
        }
        XCTAssertGreaterThan(evicting.evictionCount, 1_000)
        XCTAssertEqual(keeping.evictionCount, 0)
    }

    func testSettleAfterEvictionRecordsTheDebt() {
        var limiter = KeyedLimiter(configuration: .init(idleMs: 0, sweepPerAdmission: 8))
        let key = Scope.key("k")
        let ticket = limiter.admit(one(key, rpm: nil, tpm: 1_000, tokens: 100), now: 0).ticket!
        for i in 0 ..< 100 { _ = limiter.admit(one(.key("o\(i % 3)")), now: 60_000 + Int64(i)) }
        XCTAssertNil(limiter.buckets(for: key), "full and idle, so forgotten")
        limiter.settle(ticket, actualTokens: 1_500, now: 70_000)
        XCTAssertEqual(limiter.buckets(for: key)?.tokens?.level, -400 * TokenBucket.unitsPerToken)
        XCTAssertEqual(limiter.admit(one(key, rpm: nil, tpm: 1_000, tokens: 100), now: 70_000).denial?.retryAfterMs, 30_000)
    }

    func testHardCapForgetsLeastRecentlyUsed() {
        var limiter = KeyedLimiter(configuration: .init(idleMs: .max, maxScopes: 1_000))
        for i in 0 ..< 5_000 { _ = limiter.admit(one(.key("k\(i)")), now: Int64(i)) }
        XCTAssertLessThanOrEqual(limiter.scopeCount, 1_000)
        XCTAssertEqual(limiter.forcedEvictionCount, 4_000)
        XCTAssertNotNil(limiter.buckets(for: .key("k4999")))
    }
}
