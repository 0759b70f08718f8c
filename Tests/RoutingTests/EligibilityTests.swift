import XCTest
@testable import Routing

final class EligibilityTests: XCTestCase {
    func testFloorRemovesWeakCandidates() {
        let router = Fixtures.router(weights: Weights(cost: 1), minQuality: 0.75)
        let plan = Fixtures.decide(router)
        XCTAssertEqual(plan.status(of: "tiny"), .ineligible(.belowFloor))
        XCTAssertEqual(plan.status(of: "small"), .ineligible(.belowFloor))
        XCTAssertEqual(plan.chosen?.model, "mid")
        XCTAssertEqual(plan.reason, .scored)
    }

    func testMaxDropIsMeasuredFromTheBestCandidatePassingFilters() {
        let router = Fixtures.router(weights: Weights(cost: 1), maxQualityDrop: 0.05)
        let plan = Fixtures.decide(router)
        XCTAssertEqual(plan.status(of: "small"), .ineligible(.beyondMaxDrop))
        XCTAssertEqual(plan.chosen?.model, "mid", "0.85 is exactly 0.05 below 0.90: still eligible")

        // With big unhealthy, the best is mid (0.85) and small (0.70) is still too far below it.
        let unhealthyBig = Fixtures.decide(router, healthy: [1, 2, 3])
        XCTAssertEqual(unhealthyBig.chosen?.model, "mid")
        XCTAssertEqual(unhealthyBig.orderNames, ["mid"])
    }

    func testNothingEligibleFallsBackToTheStrongestPassingCandidate() {
        let router = Fixtures.router(weights: Weights(cost: 1), minQuality: 0.95)
        let plan = Fixtures.decide(router, healthy: [1, 2, 3])
        XCTAssertEqual(plan.reason, .belowFloorFallback)
        XCTAssertEqual(plan.chosen?.model, "mid")
        XCTAssertEqual(plan.orderNames, ["mid", "small", "tiny"])
        XCTAssertEqual(plan.status(of: "big"), .filtered(.unhealthy))
        XCTAssertEqual(plan.status(of: "small"), .fallback(rank: 1))
        XCTAssertTrue(plan.candidates.allSatisfy { $0.score == nil })
    }

    func testPredictorDrivesEligibility() throws {
        let config = RouterConfig(id: "p", weights: Weights(cost: 1), minQuality: 0.6)
        let predictor = FixedPredictor(values: ["big": 0.9, "mid": 0.5, "small": 0.65, "tiny": 0.2])
        let router = try Router(config, catalog: Fixtures.catalog, deployables: Fixtures.deployables, predictor: predictor)
        let plan = Fixtures.decide(router)
        XCTAssertEqual(plan.status(of: "mid"), .ineligible(.belowFloor))
        XCTAssertEqual(plan.chosen?.model, "small")
    }

    func testCategoryPicksTheCatalogAbility() {
        let abilities = ModelAbilities([.code: 0.9, .math: 0.2], default: 0.5)
        let p = CatalogQualityPredictor()
        XCTAssertEqual(p.quality(of: "m", abilities: abilities, features: RequestFeatures(category: .code)), 0.9)
        XCTAssertEqual(p.quality(of: "m", abilities: abilities, features: RequestFeatures(category: .math)), 0.2)
        XCTAssertEqual(p.quality(of: "m", abilities: abilities, features: RequestFeatures()), abilities.mean, accuracy: 1e-12)
    }
}
