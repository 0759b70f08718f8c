import XCTest
@testable import Limits

final class KeyedLimiterTests: XCTestCase {
    private let key = Scope.key("key-1")
    private let team = Scope.team("research")
    private let tag = Scope.tag("agent", "triage")

    private func admission(_ limits: ScopeLimits..., tokens: Int64 = 0) -> Admission {
        Admission(limits: limits, tokens: tokens)
    }

    func testBurstAboveRPMGetsExactlyTheExcessDenied() {
        var limiter = KeyedLimiter()
        let request = admission(ScopeLimits(key, rpm: 10, tpm: nil))
        let results = (0 ..< 25).map { _ in limiter.admit(request, now: 1_000) }
        XCTAssertEqual(results.filter(\.isAdmitted).count, 10)
        XCTAssertEqual(results.prefix(10).filter(\.isAdmitted).count, 10, "the first ten pass")
        let denial = results[10].denial!
        XCTAssertEqual(denial.code, .rateLimited)
        XCTAssertEqual(denial.scope, key)
        XCTAssertEqual(denial.kind, .requests)
        XCTAssertEqual(denial.limit, 10)
        XCTAssertEqual(denial.remaining, 0)
        XCTAssertEqual(denial.retryAfterMs, 6_000)
        XCTAssertEqual(denial.retryAfterSeconds, 6)
        XCTAssertEqual(denial.resetAt, 61_000)
        XCTAssertEqual(limiter.rejections, [RejectionCount(scope: .key, kind: .requests, count: 15)])
    }

    func testSteadyTrafficAboveTheRateIsCutToTheRate() {
        // 10 requests per second for two minutes against 60 RPM: a burst of 60, then 1 per second.
        var limiter = KeyedLimiter()
        let request = admission(ScopeLimits(key, rpm: 60, tpm: nil))
        var admittedAt: [Int64] = []
        for t in stride(from: Int64(0), to: 120_000, by: 100) where limiter.admit(request, now: t).isAdmitted {
            admittedAt.append(t)
        }
        // The burst refills while it is spent: after k requests at k * 100 ms the bucket holds
        // 60 + k/10 - k, so 66 pass in a row, leaving half a token at 6.5 s.
        XCTAssertEqual(Array(admittedAt.prefix(66)), (0 ..< 66).map { Int64($0) * 100 })
        XCTAssertEqual(admittedAt[66], 7_000)
        XCTAssertEqual(Set(zip(admittedAt.dropFirst(67), admittedAt.dropFirst(66)).map { $0 - $1 }), [1_000])
        // Over the two minutes: the burst plus 119.9 tokens of refill, in whole requests.
        XCTAssertEqual(admittedAt.count, 179)
    }

    func testTokenReservationSettlesDownAndUp() {
        var limiter = KeyedLimiter()
        let limits = ScopeLimits(key, rpm: nil, tpm: 1_000)
        let ticket = limiter.admit(admission(limits, tokens: 800), now: 0).ticket!
        XCTAssertEqual(ticket.tokens, LimitStatus(limit: 1_000, remaining: 200, resetAt: 48_000))
        XCTAssertNil(ticket.requests)
        XCTAssertEqual(limiter.admit(admission(limits, tokens: 300), now: 0).denial?.retryAfterMs, 6_000)
        limiter.settle(ticket, actualTokens: 300, now: 0)
        XCTAssertEqual(limiter.buckets(for: key)?.tokens?.remaining, 700)

        let second = limiter.admit(admission(limits, tokens: 700), now: 0).ticket!
        limiter.settle(second, actualTokens: 1_000, now: 0)
        XCTAssertEqual(limiter.buckets(for: key)?.tokens?.level, -300 * TokenBucket.unitsPerToken)
        let denial = limiter.admit(admission(limits, tokens: 100), now: 0).denial!
        XCTAssertEqual(denial.kind, .tokens)
        XCTAssertEqual(denial.retryAfterMs, 24_000)
        XCTAssertEqual(denial.remaining, 0)
    }

    func testDenialLeavesEveryOtherBucketUntouched() {
        var limiter = KeyedLimiter()
        let request = admission(
            ScopeLimits(key, rpm: 100, tpm: 10_000),
            ScopeLimits(team, rpm: 100, tpm: 10_000),
            ScopeLimits(tag, rpm: 1, tpm: nil),
            tokens: 500
        )
        XCTAssertTrue(limiter.admit(request, now: 0).isAdmitted)
        let before = limiter.buckets(for: key)!
        let teamBefore = limiter.buckets(for: team)!
        let denial = limiter.admit(request, now: 0).denial!
        XCTAssertEqual(denial.scope, tag)
        XCTAssertEqual(limiter.buckets(for: key)!.requests, before.requests)
        XCTAssertEqual(limiter.buckets(for: key)!.tokens, before.tokens)
        XCTAssertEqual(limiter.buckets(for: team)!.tokens, teamBefore.tokens)
        XCTAssertEqual(before.requests?.remaining, 99)
        XCTAssertEqual(before.tokens?.remaining, 9_500)
    }

    func testKeyAllowedTeamDeniedKeepsKeyBucket() {
        var limiter = KeyedLimiter()
        let other = Scope.key("key-2")
        XCTAssertTrue(limiter.admit(admission(ScopeLimits(other, rpm: 5, tpm: nil), ScopeLimits(team, rpm: 1, tpm: nil)), now: 0).isAdmitted)
        let denial = limiter.admit(admission(ScopeLimits(key, rpm: 5, tpm: nil), ScopeLimits(team, rpm: 1, tpm: nil)), now: 0).denial
        XCTAssertEqual(denial?.scope, team)
        XCTAssertEqual(limiter.buckets(for: key)?.requests?.remaining, 5)
    }

    func testSlowestLimitIsReportedAndTooLargeOutranksWaiting() {
        var limiter = KeyedLimiter()
        let request = admission(ScopeLimits(key, rpm: 60, tpm: nil), ScopeLimits(team, rpm: 6, tpm: nil))
        for _ in 0 ..< 6 { XCTAssertTrue(limiter.admit(request, now: 0).isAdmitted) }
        let narrowKey = admission(ScopeLimits(key, rpm: 6, tpm: nil), ScopeLimits(team, rpm: 6, tpm: nil))
        XCTAssertEqual(limiter.admit(narrowKey, now: 0).denial?.retryAfterMs, 10_000)
        let huge = admission(ScopeLimits(key, rpm: 6, tpm: nil), ScopeLimits(team, rpm: 6, tpm: 100), tokens: 101)
        let denial = limiter.admit(huge, now: 0).denial!
        XCTAssertEqual(denial.code, .requestTooLarge)
        XCTAssertEqual(denial.kind, .tokens)
        XCTAssertEqual(denial.requested, 101)
        XCTAssertNil(denial.retryAfterMs)
    }

    func testTightestStatusForHeaders() {
        var limiter = KeyedLimiter()
        let request = admission(
            ScopeLimits(key, rpm: 100, tpm: 50_000), ScopeLimits(team, rpm: 20, tpm: 100_000), tokens: 1_000
        )
        let ticket = limiter.admit(request, now: 0).ticket!
        XCTAssertEqual(ticket.requests, LimitStatus(limit: 20, remaining: 19, resetAt: 3_000))
        XCTAssertEqual(ticket.tokens, LimitStatus(limit: 50_000, remaining: 49_000, resetAt: 1_200))
    }

    func testReloadedLimitsApplyToExistingBuckets() {
        var limiter = KeyedLimiter()
        for _ in 0 ..< 5 { _ = limiter.admit(admission(ScopeLimits(key, rpm: 10, tpm: nil)), now: 0) }
        // Five left of ten; the new limit of three caps what is left, without a fresh burst.
        let lowered = admission(ScopeLimits(key, rpm: 3, tpm: nil))
        for _ in 0 ..< 3 { XCTAssertTrue(limiter.admit(lowered, now: 0).isAdmitted) }
        XCTAssertEqual(limiter.admit(lowered, now: 0).denial?.retryAfterMs, 20_000)
        // Limit removed: the bucket goes, and nothing limits the key any more.
        XCTAssertTrue(limiter.admit(admission(ScopeLimits(key, rpm: nil, tpm: nil)), now: 0).isAdmitted)
        XCTAssertNil(limiter.buckets(for: key)?.requests)
    }

    func testRepeatedScopeIsChargedOnce() {
        var limiter = KeyedLimiter()
        let limits = ScopeLimits(tag, rpm: 2, tpm: nil)
        XCTAssertEqual(Admission(limits: [limits, limits], tokens: 0).limits.count, 1)
        XCTAssertTrue(limiter.admit(admission(limits, limits), now: 0).isAdmitted)
        XCTAssertEqual(limiter.buckets(for: tag)?.requests?.remaining, 1)
    }

    func testTenThousandKeysAreIndependent() {
        var limiter = KeyedLimiter()
        let team = ScopeLimits(team, rpm: 1_000_000, tpm: nil)
        let requests = (0 ..< 10_000).map { admission(ScopeLimits(.key("key-\($0)"), rpm: 3, tpm: 3_000), team, tokens: 10) }
        for round in 0 ..< 4 {
            let admitted = requests.filter { limiter.admit($0, now: 0).isAdmitted }.count
            XCTAssertEqual(admitted, round < 3 ? 10_000 : 0)
        }
        XCTAssertEqual(limiter.scopeCount, 10_001)
        XCTAssertEqual(limiter.admittedCount, 30_000)
        XCTAssertEqual(limiter.buckets(for: .key("key-9999"))?.tokens?.remaining, 2_970)
    }
}
