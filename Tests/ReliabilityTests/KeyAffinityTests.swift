import XCTest
@testable import Reliability

/// Conversation affinity: weighted rendezvous hashing over the healthy keys, and reporting of
/// keys taken out after a 401/403.
final class KeyAffinityTests: XCTestCase {
    private func pool(_ weights: [Int], health: HealthRegistry? = nil) throws -> KeyPool {
        try KeyPool(keys: weights.enumerated().map { KeyPool.Key(id: "openai#\($0.offset)", weight: $0.element) },
                    health: health, defaultCooldownMs: 2_000)
    }

    private func conversations(_ count: Int) -> [AffinityKey] {
        (0..<count).map { AffinityKey(messages: [Array("You are terse.".utf8), Array("conversation \($0)".utf8)]) }
    }

    /// The key each conversation gets at `now`, each lease returned at once.
    private func assign(_ pool: KeyPool, _ conversations: [AffinityKey], now: UInt64 = 0) -> [Int] {
        conversations.map { affinity in
            let lease = pool.pick(now: now, affinity: affinity)!
            pool.finish(lease, nil, now: now)
            return lease.index
        }
    }

    func testSharesAcrossConversationsFollowTheWeights() throws {
        let keys = try pool([1, 2, 3, 4])
        let chosen = assign(keys, conversations(20_000))
        for index in 0..<4 {
            let share = Double(chosen.filter { $0 == index }.count) / 20_000
            XCTAssertEqual(share, Double(index + 1) / 10, accuracy: 0.015, "key \(index) share")
        }
        XCTAssertEqual(chosen, assign(try pool([1, 2, 3, 4]), conversations(20_000)), "deterministic across pools and runs")
    }

    func testSharesAmongTheHealthyKeysFollowTheirWeightsWhenOneIsOut() throws {
        let keys = try pool([1, 2, 3, 4])
        keys.revoke(3)
        let chosen = assign(keys, conversations(20_000))
        XCTAssertFalse(chosen.contains(3))
        for index in 0..<3 {
            XCTAssertEqual(Double(chosen.filter { $0 == index }.count) / 20_000, Double(index + 1) / 6, accuracy: 0.015)
        }
    }

    func testAConversationSticksToItsKeyWhileHealthyAndReturnsAfterACooldown() throws {
        let keys = try pool([1, 3])
        let all = conversations(1_000)
        let before = assign(keys, all)
        for turn in 1...5 { XCTAssertEqual(assign(keys, all, now: UInt64(turn)), before, "turn \(turn) keeps its key") }
        // A 429 rests key 1: only its conversations move, and they come back when it is over.
        let lease = keys.pick(now: 10, affinity: all[before.firstIndex(of: 1)!])!
        keys.finish(lease, FailureClass.classify(status: 429), now: 10)
        let during = assign(keys, all, now: 100)
        for (old, new) in zip(before, during) { XCTAssertEqual(new, old == 1 ? 0 : old) }
        XCTAssertEqual(assign(keys, all, now: 2_010), before, "after the cooldown each conversation is back on its key")
    }

    func testAnOpenKeyBreakerMovesOnlyItsConversations() throws {
        // Minimum volume out of reach: one failure opens the breaker whatever the traffic before it.
        let health = HealthRegistry(keyPolicy: BreakerPolicy(failureThreshold: 1, minimumVolume: 1_000_000, cooldownMs: 1_000))
        let keys = try pool([2, 1, 1], health: health)
        let all = conversations(1_000)
        let before = assign(keys, all)
        health.record(.key("openai#0"), .failure, permit: .normal, now: 0)
        let during = assign(keys, all, now: 1)
        for (old, new) in zip(before, during) {
            if old == 0 { XCTAssertNotEqual(new, 0) } else { XCTAssertEqual(new, old) }
        }
    }

    func testARevokedKeyIsReportedOnceWithItsID() throws {
        let keys = try pool([1, 1])
        var reported: [String] = []
        keys.onRevoke = { reported.append($0.id) }
        let first = keys.pick(now: 0)!
        keys.finish(first, FailureClass.classify(status: 429), now: 0)
        XCTAssertEqual(reported, [], "a rate limit is a rest, not a removal")
        let again = keys.pickAnyway(now: 0)!
        keys.finish(again, FailureClass.classify(status: 401), now: 0)
        XCTAssertEqual(reported, ["openai#\(again.index)"])
        keys.revoke(again.index)  // another request's 401 on the same key
        XCTAssertEqual(reported.count, 1, "never twice for one key")
        let other = keys.pick(now: 5_000)!
        XCTAssertNotEqual(other.index, again.index)
        keys.finish(other, FailureClass.classify(status: 403), now: 5_000)
        XCTAssertEqual(reported, ["openai#\(again.index)", "openai#\(other.index)"])
    }
}
