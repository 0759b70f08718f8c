import XCTest
@testable import Limits

final class ValueTypeTests: XCTestCase {
    func testMicroDollarsAreExactAndSaturate() {
        var total = MicroDollars.zero
        for _ in 0 ..< 1_000_000 { total += MicroDollars(micros: 123) }
        XCTAssertEqual(total, MicroDollars(dollars: 123))
        XCTAssertEqual(MicroDollars(micros: 12_345_678).description, "$12.345678")
        XCTAssertEqual(MicroDollars(micros: -5).description, "-$0.000005")
        XCTAssertEqual((MicroDollars(micros: .max) + MicroDollars(micros: 1)).micros, .max)
        XCTAssertEqual((MicroDollars(micros: .min) - MicroDollars(micros: 1)).micros, .min)
        XCTAssertEqual(MicroDollars(dollars: .max).micros, .max)
    }

    func testRateLimitClamps() {
        XCTAssertEqual(RateLimit(perMinute: -5).perMinute, 0)
        XCTAssertEqual(RateLimit(perMinute: .max).burst, RateLimit.maxValue)
        XCTAssertEqual(RateLimit(perMinute: 60, burst: 10).description, "60/min burst 10")
        XCTAssertEqual(RateLimit(perMinute: 60).description, "60/min")
    }

    func testAdmissionDropsRepeatedScopesAndNegativeEstimates() {
        let key = Scope.key("k")
        let admission = Admission(
            limits: [ScopeLimits(key, rpm: 1, tpm: nil), ScopeLimits(.team("t"), rpm: 2, tpm: nil), ScopeLimits(key, rpm: 3, tpm: nil)],
            budgets: [ScopeBudget(key, Budget(limit: usd(1), period: .day)), ScopeBudget(key, Budget(limit: usd(2), period: .day))],
            tokens: -4,
            cost: MicroDollars(micros: -1)
        )
        XCTAssertEqual(admission.limits.map(\.requests?.perMinute), [1, 2])
        XCTAssertEqual(admission.budgets.count, 1)
        XCTAssertEqual(admission.tokens, 0)
        XCTAssertEqual(admission.cost, .zero)
    }

    func testDenialTextAndRetrySeconds() {
        let denial = Denial(
            code: .rateLimited, scope: .tag("agent", "triage"), kind: .tokens, limit: 1_000, remaining: 0,
            requested: 300, resetAt: 60_000, retryAfterMs: 18_001
        )
        XCTAssertEqual(denial.retryAfterSeconds, 19)
        XCTAssertEqual(
            denial.description,
            "rate_limit_exceeded: tag:agent=triage tokens limit 1000, remaining 0, requested 300, retry after 18001 ms"
        )
        XCTAssertEqual(Denial.Code.budgetExceeded.rawValue, "budget_exceeded")
    }
}
