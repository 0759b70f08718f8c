import XCTest
@testable import Limits

final class BudgetLedgerTests: XCTestCase {
    private let key = Scope.key("key-1")
    private let team = Scope.team("research")

    private func budget(_ dollars: Double, _ period: BudgetPeriod, _ scope: Scope? = nil) -> [ScopeBudget] {
        [ScopeBudget(scope ?? key, Budget(limit: usd(dollars), period: period))]
    }

    func testAdmitsUpToTheLimitExactly() {
        var ledger = BudgetLedger()
        let daily = budget(10, .day)
        let now = utc(2025, 6, 3, 9)
        ledger.record(usd(9.5), at: now, for: daily[0], now: now)
        XCTAssertNil(ledger.admit(daily, cost: usd(0.5), now: now))
        let denial = ledger.admit(daily, cost: usd(0.000001), now: now)!
        XCTAssertEqual(denial.code, .budgetExceeded)
        XCTAssertEqual(denial.kind, .spend)
        XCTAssertEqual(denial.remaining, 0)
        XCTAssertEqual(denial.limit, 10_000_000)
        XCTAssertEqual(denial.resetAt, utc(2025, 6, 4))
        // Only the reservation blocks: waiting for the period is not what would help.
        XCTAssertNil(denial.retryAfterMs)
        ledger.settle(daily, estimate: usd(0.5), actual: usd(0.2), now: now)
        XCTAssertEqual(ledger.status(of: key, now: now)?.spent, usd(9.7))
        XCTAssertEqual(ledger.status(of: key, now: now)?.remaining, usd(0.3))
    }

    func testSpentBudgetRefusesEvenFreeRequestsUntilReset() {
        var ledger = BudgetLedger()
        let daily = budget(1, .day)
        let now = utc(2025, 6, 3, 23, 30)
        ledger.record(usd(1), at: now, for: daily[0], now: now)
        let denial = ledger.admit(daily, cost: .zero, now: now)!
        XCTAssertEqual(denial.retryAfterMs, 30 * 60_000)
        XCTAssertEqual(denial.resetAt, utc(2025, 6, 4))
        XCTAssertNotNil(ledger.admit(daily, cost: .zero, now: utc(2025, 6, 3, 23, 59, 59_999)))
        XCTAssertNil(ledger.admit(daily, cost: usd(0.9), now: utc(2025, 6, 4)))
    }

    func testCostAboveTheLimitCanNeverPass() {
        var ledger = BudgetLedger()
        let denial = ledger.admit(budget(1, .month), cost: usd(1.5), now: utc(2025, 6, 3))!
        XCTAssertNil(denial.retryAfterMs)
        XCTAssertEqual(denial.requested, 1_500_000)
    }

    /// Spend fills a budget just before each kind of boundary and is forgotten just after it.
    func testCalendarResets() {
        let cases: [(BudgetPeriod, last: Int64, next: Int64)] = [
            (.day, utc(2024, 12, 31, 23, 59, 59_999), utc(2025, 1, 1)),
            (.week, utc(2025, 1, 5, 23, 59, 59_999), utc(2025, 1, 6)),  // Sunday -> Monday
            (.week, utc(2026, 1, 4, 12), utc(2026, 1, 5)),  // ISO week 1 of 2026 starts in 2025
            (.month, utc(2024, 2, 29, 23, 59, 59_999), utc(2024, 3, 1)),  // leap February
            (.month, utc(2023, 2, 28, 23, 59, 59_999), utc(2023, 3, 1)),
            (.month, utc(2023, 12, 31, 23, 59, 59_999), utc(2024, 1, 1)),  // year end
            (.month, utc(2100, 2, 28, 12), utc(2100, 3, 1)),  // 2100 is not a leap year
        ]
        for (period, last, next) in cases {
            var ledger = BudgetLedger()
            let item = budget(5, period)
            ledger.record(usd(5), at: last, for: item[0], now: last)
            let denial = ledger.admit(item, cost: usd(1), now: last)
            XCTAssertEqual(denial?.resetAt, next, "\(period)")
            XCTAssertEqual(denial?.retryAfterMs, next - last, "\(period)")
            XCTAssertNil(ledger.admit(item, cost: usd(1), now: next), "\(period)")
            XCTAssertEqual(ledger.status(of: key, now: next)?.spent, .zero)
            XCTAssertEqual(ledger.status(of: key, now: next)?.reserved, usd(1))
        }
    }

    func testRollingWindowReleasesSpendGradually() {
        var ledger = BudgetLedger()
        let item = budget(10, .rolling(hours: 1))
        let start = utc(2025, 6, 3, 10)
        let minute: Int64 = 60_000
        for i in 0 ..< 10 {
            let t = start + Int64(i) * 5 * minute
            XCTAssertNil(ledger.admit(item, cost: usd(1), now: t))
            ledger.settle(item, estimate: usd(1), actual: usd(1), now: t)
        }
        let late = start + 50 * minute
        let denial = ledger.admit(item, cost: usd(2), now: late)!
        // The two oldest dollars (spent at 10:00 and 10:05) must expire: at 11:06, one slot past the hour.
        XCTAssertEqual(denial.retryAfterMs, start + 66 * minute - late)
        XCTAssertNotNil(ledger.admit(item, cost: usd(2), now: start + 66 * minute - 1))
        XCTAssertNil(ledger.admit(item, cost: usd(2), now: start + 66 * minute))
        XCTAssertEqual(ledger.status(of: key, now: start + 66 * minute)?.spent, usd(8))
    }

    func testKeyAndTeamReserveTogetherOrNotAtAll() {
        var ledger = BudgetLedger()
        let both = budget(100, .month) + budget(1, .month, team)
        let now = utc(2025, 6, 3)
        XCTAssertNil(ledger.admit(both, cost: usd(0.6), now: now))
        let denial = ledger.admit(both, cost: usd(0.6), now: now)!
        XCTAssertEqual(denial.scope, team)
        XCTAssertEqual(ledger.status(of: key, now: now)?.reserved, usd(0.6), "the key reserved only once")
        XCTAssertEqual(ledger.rejections, [RejectionCount(scope: .team, kind: .spend, count: 1)])
    }

    func testReservationOutlivesThePeriodAndIsChargedWhenSettled() {
        var ledger = BudgetLedger()
        let daily = budget(10, .day)
        XCTAssertNil(ledger.admit(daily, cost: usd(4), now: utc(2025, 6, 3, 23, 59)))
        let after = utc(2025, 6, 4, 0, 1)
        XCTAssertEqual(ledger.status(of: key, now: after)?.reserved, usd(4))
        XCTAssertNil(ledger.admit(daily, cost: usd(6), now: after))
        XCTAssertNotNil(ledger.admit(daily, cost: usd(0.01), now: after))
        ledger.settle(daily, estimate: usd(4), actual: usd(3), now: after)
        XCTAssertEqual(ledger.status(of: key, now: after)?.spent, usd(3))
        XCTAssertEqual(ledger.status(of: key, now: after)?.reserved, usd(6))
    }

    func testReloadedBudgets() {
        var ledger = BudgetLedger()
        let now = utc(2025, 6, 3)
        let monthly = budget(10, .month)
        ledger.record(usd(8), at: now, for: monthly[0], now: now)
        XCTAssertNotNil(ledger.admit(budget(5, .month), cost: usd(1), now: now), "a lower limit applies at once")
        XCTAssertNil(ledger.admit(budget(20, .month), cost: usd(1), now: now))
        XCTAssertNil(ledger.admit(budget(2, .day), cost: usd(1), now: now), "a new period starts from zero")
        XCTAssertEqual(ledger.status(of: key, now: now)?.spent, .zero)
    }

    func testIdleEmptyAccountsAreEvictedAndSpendIsKept() {
        var ledger = BudgetLedger(idleMs: 1_000)
        let start = utc(2025, 6, 3)
        for i in 0 ..< 500 {
            let item = budget(1, .day, .key("k\(i)"))
            XCTAssertNil(ledger.admit(item, cost: usd(0.1), now: start))
            ledger.settle(item, estimate: usd(0.1), actual: i < 10 ? usd(0.1) : .zero, now: start)
        }
        let hot = budget(1, .day, .key("hot"))
        for i in 0 ..< 600 {
            let t = start + 2_000 + Int64(i)
            _ = ledger.admit(hot, cost: .zero, now: t)
            ledger.settle(hot, estimate: .zero, actual: .zero, now: t)
        }
        XCTAssertEqual(ledger.accountCount, 11, "ten keys with spend today, and the hot one")
        XCTAssertEqual(ledger.status(of: .key("k3"), now: start)?.spent, usd(0.1))
        XCTAssertNil(ledger.status(of: .key("k300"), now: start))
        // The next day their spend no longer counts, so they go too.
        for i in 0 ..< 600 { _ = ledger.admit(hot, cost: .zero, now: utc(2025, 6, 4) + Int64(i)) }
        XCTAssertEqual(ledger.accountCount, 1)
    }
}
