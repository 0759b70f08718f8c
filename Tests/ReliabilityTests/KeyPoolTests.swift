import XCTest
@testable import Reliability

final class KeyPoolTests: XCTestCase {
    private func pool(_ weights: [Int], selection: KeyPool.Selection = .weightedRoundRobin,
                      health: HealthRegistry? = nil) throws -> KeyPool {
        try KeyPool(keys: weights.enumerated().map { KeyPool.Key(id: "p#\($0.offset)", weight: $0.element) },
                    selection: selection, health: health, defaultCooldownMs: 2_000)
    }

    /// Picks and immediately returns `count` keys, as a stream of successful calls would.
    private func picks(_ pool: KeyPool, _ count: Int, now: UInt64 = 0) -> [Int] {
        (0..<count).map { _ in
            let lease = pool.pick(now: now)!
            pool.finish(lease, nil, now: now)
            return lease.index
        }
    }

    func testWeightedRoundRobinFollowsWeightsOver10000Picks() throws {
        let chosen = picks(try pool([5, 3, 1, 1]), 10_000)
        let counts = (0..<4).map { index in chosen.filter { $0 == index }.count }
        for (count, share) in zip(counts, [0.5, 0.3, 0.1, 0.1]) {
            XCTAssertEqual(Double(count) / 10_000, share, accuracy: 0.01)
        }
    }

    func testSmoothRoundRobinInterleaves() throws {
        // nginx's example: weights 5, 1, 1 give a a b a c a a, never five a's in a row.
        XCTAssertEqual(picks(try pool([5, 1, 1]), 7), [0, 0, 1, 0, 2, 0, 0])
    }

    func testLeastUsedPrefersTheLeastLoadedRelativeToWeight() throws {
        let keys = try pool([2, 1], selection: .leastUsed)
        let first = keys.pick(now: 0)!
        let second = keys.pick(now: 0)!
        let third = keys.pick(now: 0)!
        XCTAssertEqual([first.index, second.index, third.index], [0, 1, 0])
        keys.finish(first, nil, now: 0)
        keys.finish(third, nil, now: 0)
        let fourth = keys.pick(now: 0)!
        XCTAssertEqual(fourth.index, 0, "key 0 idle, key 1 busy")
        keys.finish(second, nil, now: 0)
        keys.finish(fourth, nil, now: 0)
        let counts = (0..<3_000).reduce(into: [0, 0]) { counts, _ in
            let lease = keys.pick(now: 0)!
            counts[lease.index] += 1
            keys.finish(lease, nil, now: 0)
        }
        XCTAssertEqual(Double(counts[0]) / 3_000, 2.0 / 3, accuracy: 0.02, "idle keys share by weight")
    }

    func testUnauthorizedKeyIsRevokedAndReported() throws {
        let keys = try pool([1, 1])
        let lease = keys.pick(now: 0)!
        keys.finish(lease, FailureClass.classify(status: 401), now: 0)
        XCTAssertEqual(keys.revokedIDs, ["p#\(lease.index)"])
        XCTAssertTrue(picks(keys, 50, now: 1_000_000).allSatisfy { $0 != lease.index })
        XCTAssertEqual(keys.snapshot(now: 0)[lease.index].state, .revoked)
        keys.finish(keys.pick(now: 0)!, FailureClass.classify(status: 403), now: 0)
        XCTAssertFalse(keys.hasUsableKey)
        XCTAssertNil(keys.pick(now: 0))
        XCTAssertNil(keys.pickAnyway(now: 0), "revoked keys are never forced")
    }

    func testRateLimitedKeyCoolsDownForItsRetryAfterThenReturns() throws {
        let keys = try pool([1, 1])
        keys.finish(keys.pick(now: 0, excluding: [1])!, FailureClass.classify(status: 429, retryAfterSeconds: 3), now: 100)
        XCTAssertEqual(keys.snapshot(now: 100)[0].state, .coolingDown)
        XCTAssertEqual(keys.snapshot(now: 100)[0].coolingForMs, 3_000)
        XCTAssertTrue(picks(keys, 20, now: 3_099).allSatisfy { $0 == 1 })
        XCTAssertTrue(picks(keys, 20, now: 3_100).contains(0), "back after its retry-after")

        keys.finish(keys.pick(now: 5_000, excluding: [1])!, FailureClass.classify(status: 429), now: 5_000)
        XCTAssertFalse(keys.isAvailable(0, now: 6_999), "no retry-after: the pool's default")
        XCTAssertTrue(keys.isAvailable(0, now: 7_000))
    }

    func testCoolingKeyIsStillTheLastResort() throws {
        let keys = try pool([1, 1])
        keys.coolDown(0, forMs: 500, now: 0)
        keys.coolDown(1, forMs: 900, now: 0)
        XCTAssertNil(keys.pick(now: 10))
        XCTAssertEqual(keys.pickAnyway(now: 10)?.index, 0, "the cooldown that ends first")
    }

    func testOpenKeyBreakerIsSkipped() throws {
        let health = HealthRegistry(keyPolicy: BreakerPolicy(failureThreshold: 2, cooldownMs: 1_000))
        let keys = try pool([1, 1], health: health)
        for _ in 0..<2 {
            let lease = keys.pick(now: 0, excluding: [1])!
            keys.finish(lease, FailureClass.classify(status: 429, retryAfterSeconds: 0), now: 0)
        }
        XCTAssertEqual(health.state(.key("p#0"), now: 1), .open)
        XCTAssertEqual(keys.snapshot(now: 1)[0].state, .circuitOpen)
        XCTAssertTrue(picks(keys, 10, now: 1).allSatisfy { $0 == 1 })
        XCTAssertTrue(keys.isAvailable(0, now: 1_000), "half-open: one probe may go")
    }

    func testAffinityIsStableAndRemovingAKeyMovesOnlyItsShare() throws {
        let keys = try pool([1, 1, 1, 1, 1])
        let conversations = (0..<2_000).map { AffinityKey(bytes: Array("conversation \($0)".utf8)) }
        func assignment() -> [Int] {
            conversations.map { affinity in
                let lease = keys.pick(now: 0, affinity: affinity)!
                keys.finish(lease, nil, now: 0)
                return lease.index
            }
        }
        let before = assignment()
        XCTAssertEqual(before, assignment(), "the same conversation keeps its key")
        for index in 0..<5 {
            XCTAssertEqual(Double(before.filter { $0 == index }.count) / 2_000, 0.2, accuracy: 0.04)
        }
        keys.revoke(2)
        let after = assignment()
        for (old, new) in zip(before, after) {
            if old == 2 { XCTAssertNotEqual(new, 2) } else { XCTAssertEqual(new, old, "only key 2's share moves") }
        }
        // A pool rebuilt without the key maps the same way: scores depend on key ids, not positions.
        let rebuilt = try KeyPool(keys: [0, 1, 3, 4].map { KeyPool.Key(id: "p#\($0)") })
        for (conversation, expected) in zip(conversations, after) {
            let lease = rebuilt.pick(now: 0, affinity: conversation)!
            XCTAssertEqual(rebuilt.keys[lease.index].id, "p#\(expected)")
        }
    }

    func testAffinityFollowsWeights() throws {
        let keys = try pool([3, 1])
        let chosen = (0..<4_000).map { keys.pick(now: 0, affinity: AffinityKey(value: UInt64($0)))!.index }
        XCTAssertEqual(Double(chosen.filter { $0 == 0 }.count) / 4_000, 0.75, accuracy: 0.03)
    }

    func testAffinityHashIsFNV1a() {
        XCTAssertEqual(AffinityKey(bytes: []).value, 0xCBF2_9CE4_8422_2325)
        XCTAssertEqual(AffinityKey(bytes: Array("a".utf8)).value, 0xAF63_DC4C_8601_EC8C)
        XCTAssertEqual(AffinityKey(bytes: Array("foobar".utf8)).value, 0x8594_4171_F739_67E8)
        XCTAssertNotEqual(AffinityKey(messages: [Array("ab".utf8), Array("c".utf8)]),
                          AffinityKey(messages: [Array("a".utf8), Array("bc".utf8)]))
    }

    func testLogarithm() {
        let expected: [(Double, Double)] = [
            (1e-12, -27.631021115928547), (0.001, -6.907755278982137), (0.5, -0.6931471805599453), (1, 0),
            (2, 0.6931471805599453), (10, 2.302585092994046), (12345.678, 9.421061321291832),
            (0.999999, -1.000000500029089e-06),
        ]
        for (x, ln) in expected {
            XCTAssertEqual(Double.log(x), ln, accuracy: 1e-14 * max(1, abs(ln)), "ln \(x)")
        }
    }

    func testInvalidPools() {
        XCTAssertThrowsError(try KeyPool(keys: [KeyPool.Key(id: "a", weight: 0)])) {
            XCTAssertEqual(($0 as? ReliabilityError)?.code, .invalidWeight)
        }
        XCTAssertThrowsError(try KeyPool(keys: [KeyPool.Key(id: "a"), KeyPool.Key(id: "a")])) {
            XCTAssertEqual(($0 as? ReliabilityError)?.code, .duplicateKey)
        }
    }
}
