import XCTest
@testable import Reliability

final class CircuitBreakerTests: XCTestCase {
    let policy = BreakerPolicy(failureThreshold: 3, windowMs: 10_000, errorRate: 0.5, minimumVolume: 10,
                               cooldownMs: 1_000, cooldownGrowth: 2, maxCooldownMs: 3_000, probeTimeoutMs: 5_000)

    private func fail(_ breaker: inout CircuitBreaker, times: Int, at now: UInt64) {
        for _ in 0..<times {
            guard let permit = breaker.acquire(now: now) else { return XCTFail("refused at \(now)") }
            breaker.record(.failure, permit: permit, now: now)
        }
    }

    func testOpensAfterNFailuresThenProbesOnceAndCloses() {
        var breaker = CircuitBreaker(policy: policy)
        fail(&breaker, times: 2, at: 100)
        XCTAssertEqual(breaker.state(now: 100), .closed)
        fail(&breaker, times: 1, at: 200)
        XCTAssertEqual(breaker.state(now: 200), .open)
        XCTAssertFalse(breaker.allows(now: 1_199))
        XCTAssertNil(breaker.acquire(now: 1_199))

        XCTAssertEqual(breaker.state(now: 1_200), .halfOpen)
        XCTAssertTrue(breaker.allows(now: 1_200))
        let probe = breaker.acquire(now: 1_200)
        XCTAssertEqual(probe, .probe)
        XCTAssertNil(breaker.acquire(now: 1_201), "exactly one probe")
        XCTAssertFalse(breaker.allows(now: 1_300))
        breaker.record(.success, permit: .probe, now: 1_400)
        XCTAssertEqual(breaker.state(now: 1_400), .closed)
        XCTAssertEqual(breaker.acquire(now: 1_401), .normal)
        XCTAssertEqual(breaker.openings, 1)
    }

    func testFailedProbeReopensWithGrowingCappedCooldown() {
        var breaker = CircuitBreaker(policy: policy)
        fail(&breaker, times: 3, at: 0)
        var now: UInt64 = 0
        var cooldowns: [UInt64] = []
        for _ in 0..<4 {
            cooldowns.append(breaker.openUntil - now)
            now = breaker.openUntil
            XCTAssertEqual(breaker.acquire(now: now), .probe)
            breaker.record(.failure, permit: .probe, now: now)
            XCTAssertEqual(breaker.state(now: now), .open)
        }
        XCTAssertEqual(cooldowns, [1_000, 2_000, 3_000, 3_000])
        now = breaker.openUntil
        breaker.record(.success, permit: breaker.acquire(now: now)!, now: now)
        XCTAssertEqual(breaker.state(now: now), .closed)
        XCTAssertEqual(breaker.cooldownMs, 1_000, "closing resets the cooldown")
    }

    func testLateOutcomesDoNotDecideTheProbe() {
        var breaker = CircuitBreaker(policy: policy)
        let early = breaker.acquire(now: 0)!
        fail(&breaker, times: 3, at: 0)
        XCTAssertEqual(breaker.acquire(now: 1_000), .probe)
        breaker.record(.success, permit: early, now: 1_001)
        XCTAssertEqual(breaker.state(now: 1_001), .halfOpen, "a call from before the opening is not the probe")
        breaker.record(.failure, permit: .probe, now: 1_002)
        XCTAssertEqual(breaker.state(now: 1_002), .open)
    }

    func testNeutralProbeFreesTheSlotAndALostProbeTimesOut() {
        var breaker = CircuitBreaker(policy: policy)
        fail(&breaker, times: 3, at: 0)
        XCTAssertEqual(breaker.acquire(now: 1_000), .probe)
        breaker.record(.neutral, permit: .probe, now: 1_010)
        XCTAssertEqual(breaker.acquire(now: 1_020), .probe, "a canceled probe lets the next call probe")
        XCTAssertNil(breaker.acquire(now: 6_019))
        XCTAssertEqual(breaker.acquire(now: 6_020), .probe, "a probe that never reports expires")
    }

    func testForcedCallProbesAnOpenBreaker() {
        var breaker = CircuitBreaker(policy: policy)
        fail(&breaker, times: 3, at: 0)
        XCTAssertNil(breaker.acquire(now: 10))
        XCTAssertEqual(breaker.acquire(now: 10, force: true), .probe)
        breaker.record(.success, permit: .probe, now: 20)
        XCTAssertEqual(breaker.state(now: 20), .closed)
    }

    func testErrorRateNeedsTheMinimumVolume() {
        // The count rule out of the way: only the rate can open it.
        var breaker = CircuitBreaker(policy: BreakerPolicy(failureThreshold: 1_000, windowMs: 10_000, errorRate: 0.5,
                                                           minimumVolume: 10, cooldownMs: 1_000))
        var now: UInt64 = 0
        for _ in 0..<8 {
            breaker.record(.failure, permit: .normal, now: now)
            now += 10
        }
        XCTAssertEqual(breaker.state(now: now), .closed, "8 of 8 failed, but below the minimum volume")
        breaker.record(.success, permit: .normal, now: now)
        breaker.record(.failure, permit: .normal, now: now)
        XCTAssertEqual(breaker.state(now: now), .open, "9 of 10 failed at the minimum volume")
    }

    func testBusyDeploymentWithALowErrorRateStaysClosed() {
        var breaker = CircuitBreaker(policy: policy)
        for index in 0..<1_000 {
            breaker.record(index % 5 == 0 ? .failure : .success, permit: .normal, now: UInt64(index))
        }
        XCTAssertEqual(breaker.state(now: 1_000), .closed, "200 failures, but 20% is under the rate")
        for index in 0..<1_000 {
            breaker.record(index % 5 == 0 ? .success : .failure, permit: .normal, now: UInt64(1_000 + index))
        }
        XCTAssertEqual(breaker.state(now: 2_000), .open)
    }

    func testOldFailuresLeaveTheWindow() {
        var breaker = CircuitBreaker(policy: policy)
        fail(&breaker, times: 2, at: 0)
        XCTAssertEqual(breaker.windowCounts(now: 9_000).failures, 2)
        XCTAssertEqual(breaker.windowCounts(now: 10_000).failures, 0)
        fail(&breaker, times: 1, at: 10_000)
        XCTAssertEqual(breaker.state(now: 10_000), .closed)
    }

    func testPolicyValidation() {
        XCTAssertNoThrow(try BreakerPolicy().validate())
        XCTAssertThrowsError(try BreakerPolicy(errorRate: 0).validate())
        XCTAssertThrowsError(try BreakerPolicy(cooldownMs: 10, maxCooldownMs: 5).validate())
        XCTAssertThrowsError(try BreakerPolicy(windowMs: 3).validate())
    }
}
