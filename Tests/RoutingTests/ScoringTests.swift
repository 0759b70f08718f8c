import XCTest
import Wire
@testable import Routing

final class ScoringTests: XCTestCase {
    func testAllWeightOnCostPicksTheCheapestEligible() {
        XCTAssertEqual(Fixtures.decide(Fixtures.router(weights: Weights(cost: 1))).chosen?.model, "tiny")
        XCTAssertEqual(Fixtures.decide(Fixtures.router(weights: Weights(cost: 1), minQuality: 0.6)).chosen?.model, "small")
    }

    func testAllWeightOnQualityPicksTheBest() {
        XCTAssertEqual(Fixtures.decide(Fixtures.router(weights: Weights(quality: 1))).chosen?.model, "big")
    }

    func testAllWeightOnLatencyPicksTheFastestByLiveStatistics() {
        let router = Fixtures.router(weights: Weights(latency: 1), minQuality: 0.6)
        XCTAssertEqual(Fixtures.decide(router).chosen?.model, "small", "seeds: small streams 400 tokens soonest")
        var stats = Fixtures.stats
        for second in 0..<30 { stats.record(deployment: 1, ttftMs: 100, tokensPerSecond: 1000, now: Double(second)) }
        XCTAssertEqual(Fixtures.decide(router, stats: stats, now: 30).chosen?.model, "mid")
    }

    func testAllWeightOnCarbonPicksTheSmallestModel() {
        XCTAssertEqual(Fixtures.decide(Fixtures.router(weights: Weights(carbon: 1))).chosen?.model, "tiny")
    }

    func testOrderFollowsScoreAndFallbacksAreRanked() {
        let router = Fixtures.router(weights: Weights(cost: 0.5, quality: 0.5))
        let plan = Fixtures.decide(router)
        let scores = plan.order.map { plan.candidates[$0].score! }
        XCTAssertEqual(scores, scores.sorted(by: >))
        XCTAssertEqual(plan.order.count, 4)
        XCTAssertEqual(plan.candidates[plan.order[0]].status, .chosen)
        for (rank, index) in plan.order.enumerated().dropFirst() {
            XCTAssertEqual(plan.candidates[index].status, .fallback(rank: rank))
        }
        XCTAssertEqual(plan.fallbacks.map(\.model), Array(plan.orderNames.dropFirst()))
        for c in plan.candidates { XCTAssert((0...1).contains(c.score!), "\(c.model) \(c.score!)") }
    }

    func testScoreIsTheWeightedSumOfNormalisedGoodness() throws {
        // Only big and mid eligible: each is best on one objective, so each scores its own weight.
        let router = Fixtures.router(weights: Weights(cost: 0.3, quality: 0.7), minQuality: 0.8)
        let plan = Fixtures.decide(router)
        let big = try XCTUnwrap(plan.candidates.first { $0.model == "big" })
        let mid = try XCTUnwrap(plan.candidates.first { $0.model == "mid" })
        XCTAssertEqual(big.score!, 0.7, accuracy: 1e-12)
        XCTAssertEqual(mid.score!, 0.3, accuracy: 1e-12)
        XCTAssertEqual(plan.orderNames, ["big", "mid"])
    }

    func testTiesScoreOneAndFallBackToCandidateOrder() throws {
        let twin = { (id: String) in
            Fixtures.model(id, input: 1, output: 1, quality: 0.8, context: 1000, maxOutput: 100, caps: [], ttft: 100, tps: 100, activeB: 10)
        }
        let catalog = try Catalog(models: [twin("a"), twin("b")])
        let deployables = [Deployable(name: "a", deployment: 0), Deployable(name: "b", deployment: 1)]
        let stats = LiveStats(deployables: deployables, catalog: catalog)
        for order in [["a", "b"], ["b", "a"]] {
            let config = RouterConfig(id: "t", weights: Weights(cost: 0.25, quality: 0.25, latency: 0.25, carbon: 0.25), models: order)
            let router = try Router(config, catalog: catalog, deployables: deployables)
            let plan = router.decide(RequestFeatures(promptTokens: 10), stats: stats, now: 0)
            XCTAssertEqual(plan.orderNames, order)
            XCTAssertEqual(plan.candidates.map { $0.score! }, [1, 1])
        }
    }

    func testCostUsesPromptExpectedOutputCachingAndReasoningTokens() throws {
        let router = Fixtures.router(weights: Weights(cost: 1))
        let plan = Fixtures.decide(router)
        let big = try XCTUnwrap(plan.candidates.first { $0.model == "big" })
        XCTAssertEqual(big.costUSD, 500 * 5e-6 + 400 * 25e-6, accuracy: 1e-15)
        let capped = Fixtures.decide(router, RequestFeatures(promptTokens: 500, maxOutputTokens: 100))
        XCTAssertEqual(capped.outputTokens, 100)
        XCTAssertEqual(capped.candidates[0].costUSD, 500 * 5e-6 + 100 * 25e-6, accuracy: 1e-15)

        var thinking = Fixtures.catalog.models[0]
        thinking.id = "thinker"
        thinking.reasoningTokenFactor = 2
        thinking.pricing.cachedInputPerMTok = 0.5
        let catalog = try Catalog(models: [thinking])
        let deployables = [Deployable(name: "thinker", deployment: 0)]
        let config = RouterConfig(id: "c", weights: Weights(cost: 1), cachedInputShare: 0.5)
        let r = try Router(config, catalog: catalog, deployables: deployables)
        let p = r.decide(RequestFeatures(promptTokens: 1000), stats: LiveStats(seeds: []), now: 0)
        XCTAssertEqual(p.candidates[0].costUSD, 500 * 5e-6 + 500 * 0.5e-6 + 800 * 25e-6, accuracy: 1e-15)
    }

    func testDecisionsAreDeterministicAndPlansAreReusable() {
        let router = Fixtures.router(weights: Weights(cost: 0.4, quality: 0.3, latency: 0.2, carbon: 0.1))
        let first = Fixtures.decide(router)
        XCTAssertEqual(first, Fixtures.decide(router))
        var reused = Fixtures.decide(router, RequestFeatures(promptTokens: 100, hasImages: true))
        router.decide(RequestFeatures(promptTokens: 500), stats: Fixtures.stats, now: 0, isHealthy: { _ in true }, into: &reused)
        XCTAssertEqual(reused, first)
    }

    func testRenderedFormsNameTheChoiceAndEveryCandidate() throws {
        let router = Fixtures.router(weights: Weights(cost: 1), minQuality: 0.6)
        let plan = Fixtures.decide(router, RequestFeatures(promptTokens: 100, usesTools: true), healthy: [0, 1, 2])
        let table = plan.renderTable()
        XCTAssertTrue(table.hasPrefix("router test: small (scored)"))
        for name in ["big", "mid", "small", "tiny", "chosen", "fallback 1", "filtered: tools"] {
            XCTAssertTrue(table.contains(name), name)
        }
        XCTAssertEqual(table.split(separator: "\n").count, 6)
        let line = plan.summary()
        XCTAssertTrue(line.hasPrefix("test→small scored q=0.700 $"), line)
        XCTAssertTrue(line.contains("| fb mid,big"), line)
        XCTAssertTrue(line.contains("tiny(tools)"), line)
        XCTAssertFalse(line.contains("\n"))
        let json = plan.json()
        XCTAssertTrue(json.hasPrefix(#"{"router":"test","reason":"scored","chosen":"small""#), json)
        XCTAssertTrue(json.contains(#""status":"filtered","why":"tools""#), json)
        XCTAssertTrue(json.contains(#""status":"fallback","rank":1"#), json)
        let parsed = try JSONValue.parse(json)
        XCTAssertEqual(parsed["candidates"]?.array?.count, 4)
        XCTAssertEqual(parsed["order"]?.array?.compactMap(\.string), plan.orderNames)
        XCTAssertEqual(formatFixed(0.0001234, 6), "0.000123")
        XCTAssertEqual(formatFixed(-2.5, 0), "-3")
        XCTAssertEqual(formatFixed(1890.4, 0), "1890")
    }
}
