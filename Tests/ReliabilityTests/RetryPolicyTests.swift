import XCTest
@testable import Reliability

final class RetryPolicyTests: XCTestCase {
    func testCeilingDoublesAndCaps() {
        let policy = RetryPolicy(baseDelayMs: 100, maxDelayMs: 1_000)
        XCTAssertEqual((0...6).map { policy.backoffCeiling(retry: $0) }, [0, 100, 200, 400, 800, 1_000, 1_000])
        XCTAssertEqual(policy.backoffCeiling(retry: 10_000), 1_000)
    }

    func testFullJitterStaysInBoundsAndSpreads() {
        let policy = RetryPolicy(baseDelayMs: 100, maxDelayMs: 5_000)
        var random = SplitMix64(seed: 7)
        for retry in 1...6 {
            let ceiling = policy.backoffCeiling(retry: retry)
            let draws = (0..<2_000).map { _ in policy.backoff(retry: retry, using: &random) }
            XCTAssertTrue(draws.allSatisfy { $0 <= ceiling }, "retry \(retry)")
            let mean = Double(draws.reduce(0, +)) / Double(draws.count)
            XCTAssertEqual(mean, Double(ceiling) / 2, accuracy: Double(ceiling) * 0.06, "full jitter is uniform")
            XCTAssertLessThan(draws.min()!, ceiling / 10)
            XCTAssertGreaterThan(draws.max()!, ceiling * 9 / 10)
        }
    }

    func testJitterRepeatsForASeed() {
        let policy = RetryPolicy()
        func run(_ seed: UInt64) -> [UInt64] {
            var random = SplitMix64(seed: seed)
            return (1...20).map { policy.backoff(retry: $0 % 5 + 1, using: &random) }
        }
        XCTAssertEqual(run(3), run(3))
        XCTAssertNotEqual(run(3), run(4))
    }

    func testRetryAfterIsHonouredAndCapped() {
        let policy = RetryPolicy(baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000)
        var random = SplitMix64(seed: 1)
        for _ in 0..<100 {
            XCTAssertEqual(policy.retryDelay(retry: 1, retryAfterMs: 3_000, using: &random), 3_000)
        }
        // A short retry-after never shortens the backoff.
        let short = (0..<100).compactMap { _ in policy.retryDelay(retry: 4, retryAfterMs: 1, using: &random) }
        XCTAssertTrue(short.allSatisfy { $0 >= 1 && $0 <= 800 })
        XCTAssertEqual(policy.retryDelay(retry: 1, retryAfterMs: 10_000, using: &random), 10_000)
        XCTAssertNil(policy.retryDelay(retry: 1, retryAfterMs: 10_001, using: &random))
    }

    func testNothingIsRetriedOnceTheClientHasBytes() {
        XCTAssertTrue(RetryPolicy.mayRetry(clientHasBytes: false))
        XCTAssertFalse(RetryPolicy.mayRetry(clientHasBytes: true))
    }

    func testValidation() {
        XCTAssertNoThrow(try RetryPolicy().validate())
        XCTAssertNoThrow(try RetryPolicy.none.validate())
        for bad in [RetryPolicy(maxAttempts: 0), RetryPolicy(maxAttemptsPerCandidate: 0), RetryPolicy(budgetMs: 0),
                    RetryPolicy(baseDelayMs: 10, maxDelayMs: 5)] {
            XCTAssertThrowsError(try bad.validate()) { error in
                XCTAssertEqual((error as? ReliabilityError)?.code, .invalidPolicy)
            }
        }
    }
}
