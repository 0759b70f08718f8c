import XCTest
@testable import Reliability
import Wire

final class AttemptPlanTests: XCTestCase {
    private func candidates(_ count: Int, windows: [Int?] = []) -> [Candidate] {
        (0..<count).map { Candidate(id: "m\($0)@p\($0)", contextWindow: $0 < windows.count ? windows[$0] : nil) }
    }

    /// Runs a plan to its end, answering attempt n with `outcomes[n]` (a success once they run out);
    /// returns the candidates tried.
    private func run(_ plan: inout AttemptPlan, _ outcomes: [AttemptOutcome], start: UInt64 = 0,
                     stepMs: UInt64 = 10) -> [Int] {
        var now = start
        var verdict: FailureClass?
        var tried: [Int] = []
        while let attempt = plan.next(after: verdict, now: now) {
            tried.append(attempt.candidate)
            now = attempt.sendAt + stepMs
            verdict = plan.record(attempt, tried.count <= outcomes.count ? outcomes[tried.count - 1] : .answered(status: 200),
                                  now: now)
        }
        return tried
    }

    func testRetriesTheSameDeploymentThenFallsBackInOrder() {
        var plan = AttemptPlan(candidates: candidates(3), now: 0)
        let tried = run(&plan, [.answered(status: 500), .answered(status: 503)])
        XCTAssertEqual(tried, [0, 0, 1])
        XCTAssertEqual(plan.summary, "d1:500,d1:503,d2:200")
        XCTAssertEqual(plan.end, .succeeded)
        XCTAssertEqual(plan.records.map(\.action), [.retrySame, .retrySame, nil])
        XCTAssertEqual(plan.records.map(\.latencyMs), [10, 10, 10])
    }

    func testBackoffBeforeARetryAndNoneBeforeAFallback() {
        let policy = RetryPolicy(baseDelayMs: 100, maxDelayMs: 1_000)
        var plan = AttemptPlan(candidates: candidates(2), policy: policy, seed: 9, now: 0)
        let first = plan.next(after: nil, now: 0)!
        XCTAssertEqual(first.delayMs, 0)
        let retry = plan.next(after: plan.record(first, .answered(status: 502), now: 5), now: 5)!
        XCTAssertEqual(retry.candidate, 0)
        XCTAssertLessThanOrEqual(retry.delayMs, 100)
        XCTAssertEqual(retry.sendAt, 5 + retry.delayMs)
        let fallback = plan.next(after: plan.record(retry, .answered(status: 502), now: retry.sendAt + 5), now: retry.sendAt + 5)!
        XCTAssertEqual(fallback.candidate, 1)
        XCTAssertEqual(fallback.delayMs, 0)

        // The jitter repeats for a seed.
        var again = AttemptPlan(candidates: candidates(2), policy: policy, seed: 9, now: 0)
        let firstAgain = again.next(after: nil, now: 0)!
        XCTAssertEqual(again.next(after: again.record(firstAgain, .answered(status: 502), now: 5), now: 5)?.delayMs,
                       retry.delayMs)
    }

    func testTimeoutsFallBackAtOnceAndRetryOnlyWithoutAnotherCandidate() {
        var plan = AttemptPlan(candidates: candidates(2), now: 0)
        XCTAssertEqual(run(&plan, [.failed(.firstByteTimeout), .failed(.connect)]), [0, 1, 1])
        XCTAssertEqual(plan.summary, "d1:first_byte_timeout,d2:connect,d2:200")
    }

    func testStopsOnErrorsNoRetryCanFix() {
        for outcome: AttemptOutcome in [.answered(status: 400), .answered(status: 400, kind: .contentPolicy),
                                        .answered(status: 404), .answered(status: 422), .failed(.canceled)] {
            var plan = AttemptPlan(candidates: candidates(3), now: 0)
            XCTAssertEqual(run(&plan, [outcome]), [0], outcome.code)
            XCTAssertEqual(plan.end, .notRetryable)
        }
    }

    func testContextLengthMovesToALargerWindowOnly() {
        var plan = AttemptPlan(candidates: candidates(4, windows: [8_000, 8_000, nil, 128_000]), now: 0)
        let tried = run(&plan, [.answered(status: 400, kind: .contextLengthExceeded), .answered(status: 500),
                                .answered(status: 500)])
        XCTAssertEqual(tried, [0, 3, 3], "neither the same-sized nor the unknown window is tried")
        XCTAssertEqual(plan.end, .candidatesExhausted)

        var unknown = AttemptPlan(candidates: candidates(3, windows: [nil, nil, 8_000]), now: 0)
        XCTAssertEqual(run(&unknown, [.answered(status: 400, kind: .contextLengthExceeded)]), [0, 2],
                       "after an unknown window, the next known one")

        var none = AttemptPlan(candidates: candidates(2, windows: [128_000, 8_000]), now: 0)
        XCTAssertEqual(run(&none, [.answered(status: 400, kind: .contextLengthExceeded)]), [0])
        XCTAssertEqual(none.end, .candidatesExhausted)
    }

    func testOpenCircuitsAreSkippedUnlessNothingElseIsLeft() {
        let health = HealthRegistry(deploymentPolicy: BreakerPolicy(failureThreshold: 1, cooldownMs: 1_000))
        health.record(.deployment("m0@p0"), .failure, permit: .normal, now: 0)
        var plan = AttemptPlan(candidates: candidates(2), health: health, now: 10)
        XCTAssertEqual(run(&plan, [], start: 10), [1])

        // Only candidate, circuit open: tried anyway, once, as the breaker's probe.
        var only = AttemptPlan(candidates: candidates(1), health: health, now: 20)
        let forced = only.next(after: nil, now: 20)!
        XCTAssertTrue(forced.forced)
        XCTAssertNil(only.next(after: only.record(forced, .answered(status: 500), now: 30), now: 30),
                     "no retry into a circuit that just failed again")
        XCTAssertEqual(health.state(.deployment("m0@p0"), now: 30), .open)

        // Every candidate open: the one whose cooldown ends first.
        health.record(.deployment("m1@p1"), .failure, permit: .normal, now: 25)
        var all = AttemptPlan(candidates: candidates(2), health: health, now: 40)
        let best = all.next(after: nil, now: 40)!
        XCTAssertEqual(best.candidate, 1)
        XCTAssertTrue(best.forced)
        all.record(best, .answered(status: 200), now: 50)
        XCTAssertEqual(health.state(.deployment("m1@p1"), now: 50), .closed, "its success closes the circuit")
    }

    func testFailuresOpenTheBreakerForLaterRequests() {
        let health = HealthRegistry(deploymentPolicy: BreakerPolicy(failureThreshold: 3, cooldownMs: 5_000))
        var now: UInt64 = 0
        for _ in 0..<2 {
            var plan = AttemptPlan(candidates: candidates(2), health: health, now: now)
            _ = run(&plan, [.answered(status: 503), .answered(status: 503)], start: now)
            now += 100
        }
        XCTAssertEqual(health.state(.deployment("m0@p0"), now: now), .open)
        var plan = AttemptPlan(candidates: candidates(2), health: health, now: now)
        XCTAssertEqual(run(&plan, [], start: now), [1])
        var later = AttemptPlan(candidates: candidates(2), health: health, now: now + 5_000)
        XCTAssertEqual(run(&later, [], start: now + 5_000), [0], "the half-open probe")
        XCTAssertEqual(health.state(.deployment("m0@p0"), now: now + 5_100), .closed)
    }

    func testMaxAttempts() {
        var plan = AttemptPlan(candidates: candidates(5), policy: RetryPolicy(maxAttempts: 3, maxAttemptsPerCandidate: 1),
                               now: 0)
        XCTAssertEqual(run(&plan, Array(repeating: .answered(status: 500), count: 5)), [0, 1, 2])
        XCTAssertEqual(plan.end, .attemptsExhausted)
    }

    func testBudgetExhaustion() {
        let policy = RetryPolicy(budgetMs: 1_000, maxRetryAfterMs: 10_000)
        var plan = AttemptPlan(candidates: candidates(1), policy: policy, now: 0)
        XCTAssertEqual(run(&plan, [.answered(status: 503, retryAfterSeconds: 2)]), [0])
        XCTAssertEqual(plan.end, .budgetExhausted, "a 2 s retry-after does not fit a 1 s budget")

        var slow = AttemptPlan(candidates: candidates(3), policy: policy, now: 0)
        XCTAssertEqual(run(&slow, [.failed(.firstByteTimeout)], stepMs: 1_000), [0])
        XCTAssertEqual(slow.end, .budgetExhausted)

        var plenty = AttemptPlan(candidates: candidates(2), policy: policy, now: 0)
        let first = plenty.next(after: nil, now: 0)!
        XCTAssertEqual(first.remainingMs, 1_000)
        let second = plenty.next(after: plenty.record(first, .failed(.reset), now: 300), now: 300)!
        XCTAssertEqual(second.remainingMs, 700 - second.delayMs)
    }

    func testRetryAfterIsWaitedOnTheSameDeployment() {
        var plan = AttemptPlan(candidates: candidates(1), now: 0)
        let first = plan.next(after: nil, now: 0)!
        let retry = plan.next(after: plan.record(first, .answered(status: 503, retryAfterSeconds: 2), now: 10), now: 10)!
        XCTAssertEqual(retry.delayMs, 2_000)
    }

    func testNothingIsRetriedAfterTheClientGotBytes() {
        var plan = AttemptPlan(candidates: candidates(2), now: 0)
        let attempt = plan.next(after: nil, now: 0)!
        plan.commit()
        let verdict = plan.record(attempt, .failed(.reset), now: 50)
        XCTAssertEqual(verdict?.action, .retrySame)
        XCTAssertNil(plan.next(after: verdict, now: 50))
        XCTAssertEqual(plan.end, .committed)
        XCTAssertEqual(plan.summary, "d1:reset")
    }

    func testRejectedKeyIsReplacedAtOnceAndRecordedById() throws {
        let pool = try KeyPool(keys: [KeyPool.Key(id: "p#0"), KeyPool.Key(id: "p#1")])
        var plan = AttemptPlan(candidates: [Candidate(id: "m@p", keys: pool), Candidate(id: "m@q")], now: 0)
        let first = plan.next(after: nil, now: 0)!
        let second = plan.next(after: plan.record(first, .answered(status: 401), now: 10), now: 10)!
        XCTAssertEqual(second.candidate, 0)
        XCTAssertNotEqual(second.key, first.key)
        XCTAssertEqual(second.delayMs, 0)
        let third = plan.next(after: plan.record(second, .answered(status: 403), now: 20), now: 20)!
        XCTAssertEqual(third.candidate, 1, "no key left: the next deployment")
        XCTAssertNil(third.key)
        plan.record(third, .answered(status: 200), now: 30)
        XCTAssertEqual(Set(pool.revokedIDs), ["p#0", "p#1"])
        XCTAssertEqual(plan.records.map(\.keyID), ["p#\(first.key!)", "p#\(second.key!)", nil])

        var next = AttemptPlan(candidates: [Candidate(id: "m@p", keys: pool), Candidate(id: "m@q")], now: 40)
        XCTAssertEqual(next.next(after: nil, now: 40)?.candidate, 1, "revoked keys stay out")
    }

    func testKeyFailuresDoNotUseUpTheDeploymentsRetries() throws {
        let pool = try KeyPool(keys: (0..<3).map { KeyPool.Key(id: "p#\($0)") })
        var plan = AttemptPlan(candidates: [Candidate(id: "m@p", keys: pool), Candidate(id: "m@q")],
                               policy: RetryPolicy(maxAttempts: 5), now: 0)
        XCTAssertEqual(run(&plan, [.answered(status: 401), .answered(status: 401), .answered(status: 500)]),
                       [0, 0, 0, 0])
        XCTAssertEqual(plan.summary, "d1:401@p#0,d1:401@p#1,d1:500@p#2,d1:200@p#2", "each attempt names its key id")
    }

    func testRateLimitedKeyPrefersAnotherDeploymentOverWaiting() throws {
        let pool = try KeyPool(keys: [KeyPool.Key(id: "p#0")])
        var plan = AttemptPlan(candidates: [Candidate(id: "m@p", keys: pool), Candidate(id: "m@q")], now: 0)
        let first = plan.next(after: nil, now: 0)!
        let second = plan.next(after: plan.record(first, .answered(status: 429, retryAfterSeconds: 3), now: 10), now: 10)!
        XCTAssertEqual(second.candidate, 1)
        XCTAssertEqual(second.delayMs, 0)

        let single = try KeyPool(keys: [KeyPool.Key(id: "s#0")])
        var alone = AttemptPlan(candidates: [Candidate(id: "m@s", keys: single)], now: 0)
        let only = alone.next(after: nil, now: 0)!
        let wait = alone.next(after: alone.record(only, .answered(status: 429, retryAfterSeconds: 3), now: 10), now: 10)!
        XCTAssertEqual(wait.key, 0)
        XCTAssertEqual(wait.delayMs, 3_000, "nothing else to try: wait out the key's retry-after")
    }

    func testAffinityKeepsAConversationOnOneKey() throws {
        let pool = try KeyPool(keys: (0..<4).map { KeyPool.Key(id: "p#\($0)") })
        let conversation = AffinityKey(bytes: Array(#"[{"role":"user","content":"hello"}]"#.utf8))
        var keys: Set<Int?> = []
        for request in 0..<20 {
            var plan = AttemptPlan(candidates: [Candidate(id: "m@p", keys: pool)], affinity: conversation,
                                   now: UInt64(request))
            let attempt = plan.next(after: nil, now: UInt64(request))!
            keys.insert(attempt.key)
            plan.record(attempt, .answered(status: 200), now: UInt64(request))
        }
        XCTAssertEqual(keys.count, 1)
    }

    func testNoCandidateAtAll() throws {
        var empty = AttemptPlan(candidates: [], now: 0)
        XCTAssertNil(empty.next(after: nil, now: 0))
        XCTAssertEqual(empty.end, .noCandidate)

        let pool = try KeyPool(keys: [KeyPool.Key(id: "p#0")])
        pool.revoke(0)
        var revoked = AttemptPlan(candidates: [Candidate(id: "m@p", keys: pool)], now: 0)
        XCTAssertNil(revoked.next(after: nil, now: 0))
        XCTAssertEqual(revoked.end, .noCandidate)
    }

    func testAbandonedAttemptReleasesItsKeyAndProbe() throws {
        let health = HealthRegistry(deploymentPolicy: BreakerPolicy(failureThreshold: 1, cooldownMs: 100))
        health.record(.deployment("m@p"), .failure, permit: .normal, now: 0)
        let pool = try KeyPool(keys: [KeyPool.Key(id: "p#0")], selection: .leastUsed)
        var plan = AttemptPlan(candidates: [Candidate(id: "m@p", keys: pool)], health: health, now: 100)
        let probe = plan.next(after: nil, now: 100)!
        XCTAssertFalse(health.allows(.deployment("m@p"), now: 101), "the probe is out")
        plan.abandon(probe, now: 102)
        XCTAssertTrue(health.allows(.deployment("m@p"), now: 103))
        XCTAssertEqual(pool.snapshot(now: 103)[0].inFlight, 0)
        XCTAssertTrue(plan.records.isEmpty)
    }
}
