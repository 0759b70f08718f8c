import Limits
import Loop
import XCTest
@testable import Gateway

/// A 429's headers: when the official SDKs' own retries could pass, and when they cannot.
final class RefusalTests: XCTestCase {
    private func denial(_ code: Denial.Code, kind: Denial.Kind = .requests, retryAfterMs: Int64?) -> Denial {
        Denial(code: code, scope: .key("k1"), kind: kind, limit: 10, remaining: 0, requested: 1,
               resetAt: 61_000, retryAfterMs: retryAfterMs)
    }

    func testOnlyARateLimitDueWithinAMinuteLeavesTheSDKsRetryOn() async {
        let cases: [(Denial, String?)] = [
            (denial(.rateLimited, retryAfterMs: 2_000), nil),
            (denial(.rateLimited, retryAfterMs: nil), nil),
            (denial(.rateLimited, retryAfterMs: 3_600_000), "false"),
            (denial(.budgetExceeded, kind: .spend, retryAfterMs: 1_000), "false"),
            (denial(.requestTooLarge, kind: .tokens, retryAfterMs: nil), "false"),
        ]
        for (denial, expected) in cases {
            let error = await EventLoop.shared.spawn { Accounting.refusal(denial, now: 1_000) }.value
            XCTAssertEqual(error.status, .tooManyRequests)
            XCTAssertEqual(error.headers["x-should-retry"], expected, "\(denial)")
        }
    }
}
