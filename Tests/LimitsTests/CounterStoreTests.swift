import XCTest
@testable import Limits

final class CounterStoreTests: XCTestCase {
    private let key = Scope.key("key-1")
    private let team = Scope.team("research")
    private let now = utc(2025, 6, 3, 12)

    private func admission(tokens: Int64 = 100, cost: Double = 0.01, teamBudget: Double = 100, teamRPM: Int64 = 1_000) -> Admission {
        Admission(
            limits: [ScopeLimits(key, rpm: 10, tpm: 10_000), ScopeLimits(team, rpm: teamRPM, tpm: nil)],
            budgets: [
                ScopeBudget(key, Budget(limit: usd(50), period: .month)),
                ScopeBudget(team, Budget(limit: usd(teamBudget), period: .day)),
            ],
            tokens: tokens,
            cost: usd(cost)
        )
    }

    func testBudgetRefusalLeavesRateLimitsUntouched() {
        let store = InMemoryCounterStore()
        XCTAssertNotNil(store.admitNow(admission(), now: now).ticket)
        let denial = store.admitNow(admission(cost: 1, teamBudget: 0.5), now: now).denial
        XCTAssertEqual(denial?.code, .budgetExceeded)
        XCTAssertEqual(denial?.scope, team)
        XCTAssertEqual(store.limiter.buckets(for: key)?.requests?.remaining, 9)
        XCTAssertEqual(store.limiter.buckets(for: key)?.tokens?.remaining, 9_900)
    }

    func testRateRefusalReservesNoBudget() {
        let store = InMemoryCounterStore()
        XCTAssertNotNil(store.admitNow(admission(teamRPM: 1), now: now).ticket)
        let denial = store.admitNow(admission(teamRPM: 1), now: now).denial
        XCTAssertEqual(denial?.code, .rateLimited)
        XCTAssertEqual(denial?.scope, team)
        XCTAssertEqual(store.budgets.status(of: key, now: now)?.reserved, usd(0.01))
        XCTAssertEqual(store.budgets.status(of: team, now: now)?.reserved, usd(0.01))
    }

    func testSettleCorrectsTokensAndSpend() {
        let store = InMemoryCounterStore()
        let ticket = store.admitNow(admission(tokens: 1_000, cost: 0.05), now: now).ticket!
        XCTAssertEqual(ticket.tokens?.remaining, 9_000)
        XCTAssertEqual(ticket.requests?.remaining, 9)
        store.settle(ticket, Settlement(tokens: 400, cost: usd(0.02)), now: now)
        XCTAssertEqual(store.limiter.buckets(for: key)?.tokens?.remaining, 9_600)
        let status = store.budgets.status(of: key, now: now)!
        XCTAssertEqual(status.spent, usd(0.02))
        XCTAssertEqual(status.reserved, .zero)
    }

    func testSnapshotForMetrics() {
        let store = InMemoryCounterStore()
        for _ in 0 ..< 12 {
            if let ticket = store.admitNow(admission(), now: now).ticket { store.settle(ticket, .none, now: now) }
        }
        _ = store.admitNow(admission(cost: 200), now: now)
        let snapshot = store.snapshotNow(now: now)
        XCTAssertEqual(snapshot.admitted, 10)
        XCTAssertEqual(snapshot.rejections(.key, .requests), 2)
        XCTAssertEqual(snapshot.rejections(.key, .spend), 1)
        XCTAssertEqual(snapshot.rejections.count, 2)
        XCTAssertEqual(snapshot.scopes, 2)
        XCTAssertEqual(snapshot.budgets.map(\.scope), [key, team])
        XCTAssertEqual(snapshot.budgets[1].resetAt, utc(2025, 6, 4))
        XCTAssertEqual(snapshot.budgets[0].remaining, usd(50))
    }

    func testPipelineEntryPointThroughTheProtocol() async throws {
        let store: any CounterStore = InMemoryCounterStore()
        let result = try await store.admit(admission(), now: now)
        let ticket = try XCTUnwrap(result.ticket)
        store.settle(ticket, Settlement(tokens: 50, cost: usd(0.001)), now: now)
        let snapshot = try await store.snapshot(now: now)
        XCTAssertEqual(snapshot.budgets.first?.spent, usd(0.001))
    }

    func testRemoteStoreIsAskedOnlyWhenTheLocalAnswerIsMissing() async throws {
        let remote = FakeRemoteStore()
        _ = try await remote.admit(admission(), now: now)
        XCTAssertEqual(remote.remoteCalls, 1)
        remote.deniedUntil = now + 1_000
        let denied = try await remote.admit(admission(), now: now)
        XCTAssertEqual(denied.denial?.retryAfterMs, 1_000)
        XCTAssertEqual(remote.remoteCalls, 1, "answered from the local deny cache")
        do {
            remote.deniedUntil = nil
            remote.failure = CounterStoreError(.unavailable, "connection refused")
            _ = try await remote.admit(admission(), now: now)
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.code, .unavailable)
        }
    }

    @TestLoopActor
    func testLoopBoundStoreConformsInIsolation() async throws {
        let store = LoopBoundStore()
        let result = try await store.admit(admission(), now: now)
        XCTAssertNotNil(result.ticket)
    }
}

/// A stand-in for a remote store: a local deny cache in front of a (here synchronous) server.
final class FakeRemoteStore: CounterStore {
    var remoteCalls = 0
    var deniedUntil: Int64?
    var failure: CounterStoreError?
    private let server = InMemoryCounterStore()

    func admitLocally(_ admission: Admission, now: Int64) -> AdmissionResult? {
        guard let until = deniedUntil, now < until else { return nil }
        return .denied(Denial(
            code: .rateLimited, scope: admission.limits[0].scope, kind: .requests, limit: 0, remaining: 0,
            requested: 1, resetAt: until, retryAfterMs: until - now
        ))
    }

    func admitRemotely(_ admission: Admission, now: Int64) async throws(CounterStoreError) -> AdmissionResult {
        if let failure { throw failure }
        remoteCalls += 1
        return server.admitNow(admission, now: now)
    }

    func settle(_ ticket: AdmissionTicket, _ usage: Settlement, now: Int64) { server.settle(ticket, usage, now: now) }

    func record(_ amount: MicroDollars, at time: Int64, for budget: ScopeBudget, now: Int64) {}

    func snapshot(now: Int64) async throws(CounterStoreError) -> LimitsSnapshot { server.snapshotNow(now: now) }
}

/// Stands in for the gateway's `@LoopActor`.
@globalActor
actor TestLoopActor {
    static let shared = TestLoopActor()
}

/// A store bound to one actor, as the Redis store will be to the loop: an isolated conformance.
@TestLoopActor
final class LoopBoundStore {
    private let inner = InMemoryCounterStore()
}

extension LoopBoundStore: @TestLoopActor CounterStore {
    func admitLocally(_ admission: Admission, now: Int64) -> AdmissionResult? { nil }

    @TestLoopActor
    func admitRemotely(_ admission: Admission, now: Int64) async throws(CounterStoreError) -> AdmissionResult {
        inner.admitNow(admission, now: now)
    }

    func settle(_ ticket: AdmissionTicket, _ usage: Settlement, now: Int64) { inner.settle(ticket, usage, now: now) }

    func record(_ amount: MicroDollars, at time: Int64, for budget: ScopeBudget, now: Int64) {}

    @TestLoopActor
    func snapshot(now: Int64) async throws(CounterStoreError) -> LimitsSnapshot { inner.snapshotNow(now: now) }
}
