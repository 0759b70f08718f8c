import XCTest
@testable import Routing

final class ConfigTests: XCTestCase {
    func testPresetsExistWithThePublishedWeights() {
        XCTAssertEqual(Presets.all.map(\.id), ["auto", "economy", "quality", "fast", "savings"])
        XCTAssertEqual(Presets.economy.weights, Weights(cost: 0.70, quality: 0.20, latency: 0.10))
        XCTAssertEqual(Presets.quality.weights, Weights(cost: 0.10, quality: 0.70, latency: 0.20))
        XCTAssertEqual(Presets.fast.weights, Weights(cost: 0.15, quality: 0.20, latency: 0.65))
        XCTAssertEqual(Presets.auto.weights, Weights(cost: 0.45, quality: 0.35, latency: 0.15, carbon: 0.05))
        for preset in Presets.all {
            XCTAssertEqual(preset.weights.sum, 1, accuracy: 1e-12, preset.id)
            XCTAssertNil(preset.weights.problem, preset.id)
        }
    }

    func testPresetsRouteOverTheDeployableCatalogModels() throws {
        let deployables = ["gpt-5.4-mini", "claude-haiku-4-5", "gemini-2.5-flash", "gpt-4o", "my-house-model"]
            .enumerated().map { Deployable(name: $1, deployment: $0) }
        let set = try RouterSet(configured: [], catalog: .builtIn, deployables: deployables)
        XCTAssertEqual(set.ids, ["auto", "economy", "quality", "fast", "savings"])
        let auto = try XCTUnwrap(set.router(named: "auto"))
        XCTAssertEqual(auto.candidateNames, ["gpt-5.4-mini", "claude-haiku-4-5", "gemini-2.5-flash", "gpt-4o"])
        let stats = LiveStats(deployables: deployables, catalog: .builtIn)
        let plan = auto.decide(RequestFeatures(promptTokens: 800, category: .chat), stats: stats, now: 0)
        XCTAssertEqual(plan.reason, .scored)
        XCTAssertNotNil(plan.chosen)
    }

    func testWeightsAreNormalised() throws {
        let config = RouterConfig(id: "r", weights: Weights(cost: 0.5, quality: 0.5, latency: 0.5, carbon: 0.5))
        let router = try Router(config, catalog: Fixtures.catalog, deployables: Fixtures.deployables)
        XCTAssertEqual(router.config.weights, Weights(cost: 0.25, quality: 0.25, latency: 0.25, carbon: 0.25))
    }

    func testZeroAndInvalidWeightsAreErrors() {
        let zero = RouterConfig(id: "z", weights: Weights())
        XCTAssertThrowsError(try Router(zero, catalog: Fixtures.catalog, deployables: Fixtures.deployables)) {
            XCTAssertEqual(($0 as? RoutingConfigError)?.code, .zeroWeights)
        }
        let negative = RouterConfig(id: "n", weights: Weights(cost: -0.1, quality: 1))
        XCTAssertEqual(codes([negative]), [.invalidWeight])
        let bounds = RouterConfig(id: "b", weights: Weights(cost: 1), minQuality: 1.5, maxQualityDrop: -1)
        XCTAssertEqual(codes([bounds]), [.invalidQualityBound, .invalidQualityBound])
    }

    func testUnknownAndUncataloguedModels() {
        let deployables = Fixtures.deployables + [Deployable(name: "mystery", catalogID: "not-in-catalog", deployment: 4)]
        let config = RouterConfig(id: "r", weights: Weights(cost: 1), models: ["big", "nope", "mystery"])
        let problems = RouterConfig.validate([config], deployables: deployables, catalog: Fixtures.catalog)
        XCTAssertEqual(problems.map(\.code), [.unknownModel, .uncataloguedModel])
        XCTAssertEqual(problems.map(\.name), ["nope", "mystery"])
        XCTAssertEqual(codes([RouterConfig(id: "e", weights: Weights(cost: 1), models: [])]), [.noCandidates])
    }

    func testNameClashesBetweenRoutersModelsAndAliases() {
        let clash = RouterConfig(id: "mid", weights: Weights(cost: 1))
        XCTAssertEqual(codes([clash]), [.nameClash])
        let aliasClash = RouterConfig(id: "cheap", weights: Weights(cost: 1))
        let problems = RouterConfig.validate([aliasClash], deployables: Fixtures.deployables, aliases: ["cheap"], catalog: Fixtures.catalog)
        XCTAssertEqual(problems.map(\.code), [.nameClash])
        // A model named like a preset clashes with the preset.
        let presetClash = RouterConfig.validate([], deployables: [Deployable(name: "fast", catalogID: "mid", deployment: 0)], catalog: Fixtures.catalog)
        XCTAssertEqual(presetClash.map(\.code), [.nameClash])
        XCTAssertEqual(presetClash.first?.router, "fast")
        let twice = RouterConfig(id: "r", weights: Weights(cost: 1))
        XCTAssertEqual(codes([twice, twice]), [.duplicateRouter])
    }

    func testConfiguredRouterReplacesAPresetOfTheSameID() throws {
        let mine = RouterConfig(id: "auto", weights: Weights(quality: 1), models: ["mid", "small"])
        let set = try RouterSet(configured: [mine], catalog: Fixtures.catalog, deployables: Fixtures.deployables)
        XCTAssertEqual(set.router(named: "auto")?.candidateNames, ["mid", "small"])
        XCTAssertEqual(set.routers.count, 5)
        XCTAssertThrowsError(try RouterSet(configured: [RouterConfig(id: "big", weights: Weights(cost: 1))],
                                           catalog: Fixtures.catalog, deployables: Fixtures.deployables)) {
            XCTAssertEqual(($0 as? RoutingConfigError)?.code, .nameClash)
        }
    }

    private func codes(_ routers: [RouterConfig]) -> [RoutingConfigError.Code] {
        RouterConfig.validate(routers, deployables: Fixtures.deployables, catalog: Fixtures.catalog).map(\.code)
    }
}
