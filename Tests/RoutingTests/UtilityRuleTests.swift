import XCTest
@testable import Routing

/// The utility rule (`policy: utility`). With 500 prompt and 400 output tokens the fixture's
/// estimated costs are big $0.0125, mid $0.0025, small $0.00021, tiny $0.000065.
final class UtilityRuleTests: XCTestCase {
    let qualities = FixedPredictor(values: ["big": 0.90, "mid": 0.85, "small": 0.70, "tiny": 0.40])

    func router(knob: Double, reference: Double = 0.01, minQuality: Double = 0,
                costs: (any CostPredictor)? = nil) -> Router {
        Fixtures.router(weights: Weights(), minQuality: minQuality,
                        rule: .utility(UtilityRule(knob: knob, referenceCostUSD: reference)),
                        predictor: qualities, costPredictor: costs)
    }

    func testKnobZeroPicksTheBestPredictedQuality() {
        XCTAssertEqual(Fixtures.decide(router(knob: 0)).chosen?.model, "big")
    }

    func testAllWeightOnCostPicksTheCheapestEligible() {
        XCTAssertEqual(Fixtures.decide(router(knob: 1e6)).chosen?.model, "tiny")
        XCTAssertEqual(Fixtures.decide(router(knob: 1e6, minQuality: 0.6)).chosen?.model, "small")
    }

    func testTheKnobPricesQualityInReferenceCalls() {
        // big − mid: 0.05 quality against $0.01 = one reference call, so the switch is at knob 0.05.
        XCTAssertEqual(Fixtures.decide(router(knob: 0.049)).chosen?.model, "big")
        XCTAssertEqual(Fixtures.decide(router(knob: 0.051)).chosen?.model, "mid")
        // Halving the reference cost doubles the price of money: the same switch at knob 0.025.
        XCTAssertEqual(Fixtures.decide(router(knob: 0.026, reference: 0.005)).chosen?.model, "mid")
    }

    func testScoreIsTheUtilityAndOrderFollowsIt() throws {
        let plan = Fixtures.decide(router(knob: 0.2))
        XCTAssertEqual(plan.reason, .scored)
        for c in plan.candidates {
            XCTAssertEqual(try XCTUnwrap(c.score), c.quality - 0.2 * c.costUSD / 0.01, accuracy: 1e-12, c.model)
        }
        let scores = plan.order.map { plan.candidates[$0].score! }
        XCTAssertEqual(scores, scores.sorted(by: >))
        XCTAssertEqual(plan.orderNames, ["mid", "small", "big", "tiny"])
        for (rank, index) in plan.order.enumerated().dropFirst() {
            XCTAssertEqual(plan.candidates[index].status, .fallback(rank: rank))
        }
    }

    func testEqualUtilityGoesToTheCheaperThenToCandidateOrder() {
        let even = FixedPredictor(values: ["big": 0.8, "mid": 0.8, "small": 0.8, "tiny": 0.8])
        let rule = RoutingRule.utility(UtilityRule(knob: 0, referenceCostUSD: 1))
        let plan = Fixtures.decide(Fixtures.router(weights: Weights(), rule: rule, predictor: even))
        XCTAssertEqual(plan.orderNames, ["tiny", "small", "mid", "big"])
        let flat = Fixtures.decide(Fixtures.router(weights: Weights(), rule: rule, predictor: even, costPredictor: FlatCost()))
        XCTAssertEqual(flat.orderNames, ["big", "mid", "small", "tiny"])
    }

    func testAKnobPerCategoryReplacesTheKnobForThatCategory() {
        let rule = UtilityRule(knob: 0.04, referenceCostUSD: 0.01, knobByCategory: [.code: 0.06])
        let r = Fixtures.router(weights: Weights(), rule: .utility(rule), predictor: qualities)
        XCTAssertEqual(Fixtures.decide(r, RequestFeatures(promptTokens: 500, category: .code)).chosen?.model, "mid")
        XCTAssertEqual(Fixtures.decide(r, RequestFeatures(promptTokens: 500, category: .chat)).chosen?.model, "big")
        XCTAssertEqual(rule.knob(for: .code), 0.06)
        XCTAssertEqual(rule.knob(for: .math), 0.04)
        let negative = RouterConfig(id: "u", weights: Weights(), rule: .utility(UtilityRule(knob: 0.1, referenceCostUSD: 0.01, knobByCategory: [.math: -1])))
        XCTAssertEqual(negative.problems(deployables: Fixtures.deployables, catalog: Fixtures.catalog).map(\.code), [.invalidUtility])
    }

    func testEligibilityStillApplies() {
        let drop = Fixtures.router(weights: Weights(), maxQualityDrop: 0.1,
                                   rule: .utility(UtilityRule(knob: 1e6, referenceCostUSD: 0.01)), predictor: qualities)
        let plan = Fixtures.decide(drop)
        XCTAssertEqual(plan.orderNames, ["mid", "big"])
        XCTAssertEqual(plan.status(of: "small"), .ineligible(.beyondMaxDrop))
    }

    func testACostPredictorReplacesThePriceEstimate() {
        let plan = Fixtures.decide(router(knob: 1e6, costs: FlatCost(free: "big")))
        XCTAssertEqual(plan.chosen?.model, "big")
        XCTAssertEqual(plan.chosen?.costUSD, 0)
    }

    func testTheDecisionIsDeterministicAndIgnoresTheClock() {
        let r = router(knob: 0.2)
        XCTAssertEqual(Fixtures.decide(r, now: 0), Fixtures.decide(r, now: 0))
        XCTAssertEqual(Fixtures.decide(r, now: 0).orderNames, Fixtures.decide(r, now: 1e6).orderNames)
    }

    func testInvalidKnobsAreErrorsAndWeightsMayBeZero() {
        for (knob, reference) in [(-0.1, 0.01), (Double.nan, 0.01), (0.1, 0), (0.1, -1), (0.1, .infinity)] {
            let config = RouterConfig(id: "u", weights: Weights(), rule: .utility(UtilityRule(knob: knob, referenceCostUSD: reference)))
            XCTAssertThrowsError(try Router(config, catalog: Fixtures.catalog, deployables: Fixtures.deployables)) {
                XCTAssertEqual(($0 as? RoutingConfigError)?.code, .invalidUtility, "\(knob) \(reference)")
            }
        }
        let fine = RouterConfig(id: "u", weights: Weights(), rule: .utility(UtilityRule(knob: 0.1, referenceCostUSD: 0.01)))
        XCTAssertNoThrow(try Router(fine, catalog: Fixtures.catalog, deployables: Fixtures.deployables))
        let invalid = RouterConfig(id: "u", weights: Weights(cost: 2), rule: fine.rule)
        XCTAssertEqual(invalid.problems(deployables: Fixtures.deployables, catalog: Fixtures.catalog).map(\.code), [.invalidWeight])
    }

    func testTheSavingsPresetUsesTheUtilityRule() {
        XCTAssertEqual(Presets.savings.rule, .utility(UtilityRule(knob: 0.05, referenceCostUSD: 0.01)))
        XCTAssertEqual(Presets.named("savings")?.rule.name, "utility")
        XCTAssertEqual(Presets.auto.rule, .scoring)
    }
}

/// Every model costs $1, except `free`, which costs nothing.
private struct FlatCost: CostPredictor {
    var free: String = ""
    func cost(of model: String, features: RequestFeatures, estimate: Double) -> Double { model == free ? 0 : 1 }
}
