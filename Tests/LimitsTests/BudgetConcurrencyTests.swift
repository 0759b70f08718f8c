import XCTest
@testable import Limits

/// 200 requests in flight at once against a nearly spent budget, in many seeded interleavings of
/// admissions and settlements: the reservation rule must hold whatever the order.
final class BudgetConcurrencyTests: XCTestCase {
    private let key = ScopeBudget(.key("k"), Budget(limit: usd(100), period: .month))
    private let team = ScopeBudget(.team("t"), Budget(limit: usd(1_000), period: .month))
    private let start = utc(2025, 6, 30, 23)

    private struct Request {
        let estimate: MicroDollars
        let actual: MicroDollars
    }

    /// Runs 200 requests, each admitted at a random moment and settled at a later random moment,
    /// checking the ledger after every step. Returns the largest estimate and the overshoot.
    private func run(seed: UInt64, maxExcess: Double) -> (spent: MicroDollars, admitted: Int, excess: MicroDollars) {
        var rng = SeededGenerator(seed: seed)
        var ledger = BudgetLedger()
        let both = [key, team]
        ledger.record(usd(99.9), at: start, for: key, now: start)
        var waiting = (0 ..< 200).map { _ -> Request in
            let estimate = MicroDollars(micros: Int64.random(in: 1_000 ... 50_000, using: &rng))
            let factor = Double.random(in: 0 ... (1 + maxExcess), using: &rng)
            return Request(estimate: estimate, actual: MicroDollars(micros: Int64(Double(estimate.micros) * factor)))
        }
        var inFlight: [Request] = []
        var admitted = 0
        var excess = MicroDollars.zero
        var now = start
        while !waiting.isEmpty || !inFlight.isEmpty {
            now += Int64.random(in: 0 ... 3, using: &rng)
            let admitNext = !waiting.isEmpty && (inFlight.isEmpty || Int.random(in: 0 ..< 3, using: &rng) > 0)
            if admitNext {
                let request = waiting.removeLast()
                let before = ledger.status(of: key.scope, now: now)
                let denial = ledger.admit(both, cost: request.estimate, now: now)
                if let before, before.spent >= key.budget.limit { XCTAssertNotNil(denial, "a spent budget refuses") }
                if denial == nil {
                    inFlight.append(request)
                    admitted += 1
                }
            } else {
                let request = inFlight.remove(at: Int.random(in: 0 ..< inFlight.count, using: &rng))
                ledger.settle(both, estimate: request.estimate, actual: request.actual, now: now)
                excess += max(request.actual - request.estimate, .zero)
            }
            let status = ledger.status(of: key.scope, now: now)!
            // The invariant: committed money never exceeds the limit by more than the excess of
            // actual over estimated cost settled so far (zero when estimates are upper bounds).
            XCTAssertLessThanOrEqual(status.spent + status.reserved, key.budget.limit + excess, "seed \(seed)")
        }
        XCTAssertEqual(ledger.status(of: key.scope, now: now)?.reserved, .zero)
        XCTAssertEqual(ledger.status(of: team.scope, now: now)?.reserved, .zero)
        return (ledger.status(of: key.scope, now: now)!.spent, admitted, excess)
    }

    func testTwoHundredConcurrentRequestsNeverOvershootWithUpperBoundEstimates() {
        for seed in UInt64(1) ... 40 {
            let (spent, admitted, excess) = run(seed: seed, maxExcess: 0)
            XCTAssertEqual(excess, .zero)
            XCTAssertLessThanOrEqual(spent, key.budget.limit, "seed \(seed)")
            XCTAssertGreaterThan(admitted, 1)
            XCTAssertLessThan(admitted, 200)
        }
    }

    func testOvershootIsBoundedByExcessOverEstimates() {
        var worst = MicroDollars.zero
        for seed in UInt64(100) ... 140 {
            let (spent, _, excess) = run(seed: seed, maxExcess: 0.5)
            let overshoot = max(spent - key.budget.limit, .zero)
            XCTAssertLessThanOrEqual(overshoot, excess, "seed \(seed)")
            // Each estimate is at most $0.05 and each actual at most 1.5 times it.
            XCTAssertLessThanOrEqual(overshoot, usd(0.05 * 0.5 * 200))
            worst = max(worst, overshoot)
        }
        XCTAssertGreaterThan(worst, .zero, "the scenario does exercise overshoot")
    }

    func testSimultaneousBurstAdmitsExactlyWhatFits() {
        var ledger = BudgetLedger()
        ledger.record(usd(99.9), at: start, for: key, now: start)
        let results = (0 ..< 200).map { _ in ledger.admit([key], cost: usd(0.02), now: start) }
        // $0.10 left at $0.02 each: five pass, 195 are refused, and nothing is overshot.
        XCTAssertEqual(results.filter { $0 == nil }.count, 5)
        XCTAssertEqual(ledger.status(of: key.scope, now: start)?.remaining, .zero)
        for _ in 0 ..< 5 { ledger.settle([key], estimate: usd(0.02), actual: usd(0.02), now: start) }
        XCTAssertEqual(ledger.status(of: key.scope, now: start)?.spent, usd(100))
    }
}
