import XCTest
@testable import Routing

final class LiveStatsTests: XCTestCase {
    let seed = LatencySeed(ttftMs: 1000, tokensPerSecond: 50)

    func testStartsAtTheSeed() {
        let stats = LiveStats(seeds: [seed])
        XCTAssertEqual(stats.estimate(deployment: 0, now: 123), seed)
        XCTAssertEqual(stats.latencyMs(deployment: 0, outputTokens: 100, now: 0), 3000)
        XCTAssertNil(stats.latencyMs(deployment: 5, outputTokens: 100, now: 0))
    }

    func testRecordMovesTheAverageTowardsSamples() {
        var stats = LiveStats(seeds: [seed], alpha: 0.5)
        stats.record(deployment: 0, ttftMs: 200, tokensPerSecond: 150, now: 10)
        XCTAssertEqual(stats.estimate(deployment: 0, now: 10), LatencySeed(ttftMs: 600, tokensPerSecond: 100))
        stats.record(deployment: 0, ttftMs: 200, tokensPerSecond: nil, now: 10)
        XCTAssertEqual(stats.estimate(deployment: 0, now: 10), LatencySeed(ttftMs: 400, tokensPerSecond: 100))
        XCTAssertEqual(stats.samples(deployment: 0), 2)
        for _ in 0..<60 { stats.record(deployment: 0, ttftMs: 200, tokensPerSecond: 150, now: 10) }
        XCTAssertEqual(stats.estimate(deployment: 0, now: 10).ttftMs, 200, accuracy: 1e-6)
    }

    func testInvalidSamplesAndUnknownDeploymentsAreIgnored() {
        var stats = LiveStats(seeds: [seed])
        stats.record(deployment: 0, ttftMs: -5, tokensPerSecond: .nan, now: 1)
        XCTAssertEqual(stats.estimate(deployment: 0, now: 1), seed)
        stats.record(deployment: 7, ttftMs: 10, tokensPerSecond: 10, now: 1)
        XCTAssertEqual(stats.count, 1)
    }

    func testStaleAveragesDecayTowardsTheSeed() {
        var stats = LiveStats(seeds: [seed], alpha: 1, staleHalfLife: 100)
        stats.record(deployment: 0, ttftMs: 3000, tokensPerSecond: 10, now: 0)
        XCTAssertEqual(stats.estimate(deployment: 0, now: 0).ttftMs, 3000)
        XCTAssertEqual(stats.estimate(deployment: 0, now: 100).ttftMs, 2000, accuracy: 1e-9)
        XCTAssertEqual(stats.estimate(deployment: 0, now: 100).tokensPerSecond, 30, accuracy: 1e-9)
        XCTAssertEqual(stats.estimate(deployment: 0, now: 10_000).ttftMs, 1000, accuracy: 1e-6)
        // A new sample after a quiet spell blends with the decayed value, not the stale one.
        var blended = LiveStats(seeds: [seed], alpha: 0.5, staleHalfLife: 100)
        blended.record(deployment: 0, ttftMs: 3000, tokensPerSecond: nil, now: 0)
        blended.record(deployment: 0, ttftMs: 1000, tokensPerSecond: nil, now: 100)
        XCTAssertEqual(blended.estimate(deployment: 0, now: 100).ttftMs, (1500 + 1000) / 2, accuracy: 1e-9)
    }

    func testSeedsComeFromTheCatalog() {
        let stats = Fixtures.stats
        XCTAssertEqual(stats.count, 4)
        XCTAssertEqual(stats.estimate(deployment: 2, now: 0), LatencySeed(ttftMs: 300, tokensPerSecond: 200))
    }
}
