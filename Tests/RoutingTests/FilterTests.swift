import XCTest
@testable import Routing

final class FilterTests: XCTestCase {
    let router = Fixtures.router(weights: Weights(cost: 1))

    func testContextWindowCountsPromptPlusMaxTokens() {
        let plan = Fixtures.decide(router, RequestFeatures(promptTokens: 30_000, maxOutputTokens: 3_000))
        XCTAssertEqual(plan.status(of: "small"), .filtered(.contextWindow))
        XCTAssertEqual(plan.status(of: "tiny"), .filtered(.contextWindow))
        XCTAssertEqual(plan.chosen?.model, "mid")
    }

    func testMaxTokensAboveModelMaximumIsFiltered() {
        let plan = Fixtures.decide(router, RequestFeatures(promptTokens: 100, maxOutputTokens: 20_000))
        XCTAssertEqual(plan.status(of: "mid"), .filtered(.maxOutput))
        XCTAssertEqual(plan.chosen?.model, "big")
    }

    func testToolsVisionAndJSONSchema() {
        let tools = Fixtures.decide(router, RequestFeatures(promptTokens: 100, usesTools: true))
        XCTAssertEqual(tools.status(of: "tiny"), .filtered(.tools))
        XCTAssertEqual(tools.chosen?.model, "small")

        let vision = Fixtures.decide(router, RequestFeatures(promptTokens: 100, hasImages: true))
        XCTAssertEqual(vision.status(of: "mid"), .filtered(.vision))
        XCTAssertEqual(vision.chosen?.model, "big")

        let schema = Fixtures.decide(router, RequestFeatures(promptTokens: 100, wantsJSON: true, wantsJSONSchema: true))
        XCTAssertEqual(schema.status(of: "small"), .filtered(.jsonSchema))
        XCTAssertEqual(schema.chosen?.model, "mid")

        let jsonObject = Fixtures.decide(router, RequestFeatures(promptTokens: 100, wantsJSON: true))
        XCTAssertEqual(jsonObject.chosen?.model, "tiny", "json_object mode needs no schema support")
    }

    func testAllowlistAndHealth() {
        let allowed = Fixtures.decide(router, allowed: DeploymentSet([0, 1]))
        XCTAssertEqual(allowed.status(of: "small"), .filtered(.notAllowed))
        XCTAssertEqual(allowed.status(of: "tiny"), .filtered(.notAllowed))
        XCTAssertEqual(allowed.chosen?.model, "mid")

        let health = Fixtures.decide(router, healthy: [0, 2])
        XCTAssertEqual(health.status(of: "tiny"), .filtered(.unhealthy))
        XCTAssertEqual(health.status(of: "mid"), .filtered(.unhealthy))
        XCTAssertEqual(health.chosen?.model, "small")
    }

    func testRouterRules() {
        let needsTools = Fixtures.router(weights: Weights(cost: 1), rules: HardRules(requires: [.tools]))
        XCTAssertEqual(Fixtures.decide(needsTools).status(of: "tiny"), .filtered(.routerRule))
        let betaOnly = Fixtures.router(weights: Weights(cost: 1), rules: HardRules(families: ["beta"]))
        let plan = Fixtures.decide(betaOnly)
        XCTAssertEqual(plan.status(of: "big"), .filtered(.routerRule))
        XCTAssertEqual(plan.chosen?.model, "small")
        let priceCap = Fixtures.router(weights: Weights(quality: 1), rules: HardRules(maxOutputPricePerMTok: 10))
        XCTAssertEqual(Fixtures.decide(priceCap).chosen?.model, "mid")
    }

    func testFirstFailingFilterIsTheOneRecorded() {
        // tiny lacks tools and is not allowed: the capability check comes first.
        let plan = Fixtures.decide(router, RequestFeatures(promptTokens: 100, usesTools: true), allowed: DeploymentSet([0]))
        XCTAssertEqual(plan.status(of: "tiny"), .filtered(.tools))
        XCTAssertEqual(plan.status(of: "mid"), .filtered(.notAllowed))
    }

    func testNothingPassesTheFilters() {
        let plan = Fixtures.decide(router, healthy: [])
        XCTAssertEqual(plan.reason, .noCandidate)
        XCTAssertNil(plan.chosen)
        XCTAssertTrue(plan.order.isEmpty)
        XCTAssertEqual(plan.candidates.count, 4)
    }
}
