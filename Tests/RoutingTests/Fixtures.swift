@testable import Routing

/// A small hand-made catalog whose numbers make expected decisions easy to read off.
enum Fixtures {
    static func model(
        _ id: String, input: Double, output: Double, quality: Double,
        context: Int, maxOutput: Int, caps: Capabilities,
        ttft: Double, tps: Double, activeB: Double, family: String = "test"
    ) -> CatalogModel {
        CatalogModel(
            id: id, family: family, host: family,
            pricing: Pricing(inputPerMTok: input, outputPerMTok: output, readOn: "2026-11-29"),
            contextWindow: context, maxOutputTokens: maxOutput, capabilities: caps,
            abilities: ModelAbilities(byCategory: Array(repeating: quality, count: TaskCategory.allCases.count)),
            seedLatency: LatencySeed(ttftMs: ttft, tokensPerSecond: tps), activeParamsB: activeB
        )
    }

    /// big: strongest, dearest, slow. mid: close second. small: cheap, fast. tiny: cheapest, weak, text only.
    static let catalog: Catalog = try! Catalog(models: [
        model("big", input: 5, output: 25, quality: 0.90, context: 200_000, maxOutput: 64_000,
              caps: [.tools, .vision, .jsonSchema, .reasoning], ttft: 2000, tps: 50, activeB: 250, family: "alpha"),
        model("mid", input: 1, output: 5, quality: 0.85, context: 128_000, maxOutput: 16_000,
              caps: [.tools, .jsonSchema], ttft: 800, tps: 100, activeB: 40, family: "beta"),
        model("small", input: 0.1, output: 0.4, quality: 0.70, context: 32_000, maxOutput: 8_000,
              caps: [.tools], ttft: 300, tps: 200, activeB: 8, family: "beta"),
        model("tiny", input: 0.05, output: 0.1, quality: 0.40, context: 8_000, maxOutput: 4_000,
              caps: [], ttft: 200, tps: 300, activeB: 3, family: "gamma"),
    ])

    static let deployables: [Deployable] = [
        Deployable(name: "big", deployment: 0),
        Deployable(name: "mid", deployment: 1),
        Deployable(name: "small", deployment: 2),
        Deployable(name: "tiny", deployment: 3),
    ]

    static var stats: LiveStats { LiveStats(deployables: deployables, catalog: catalog) }

    static func router(
        weights: Weights, minQuality: Double = 0, maxQualityDrop: Double = 1,
        models: [String]? = nil, rules: HardRules = HardRules(), rule: RoutingRule = .scoring,
        predictor: any QualityPredictor = CatalogQualityPredictor(), costPredictor: (any CostPredictor)? = nil
    ) -> Router {
        let config = RouterConfig(id: "test", weights: weights, minQuality: minQuality,
                                  maxQualityDrop: maxQualityDrop, models: models, rules: rules, rule: rule)
        return try! Router(config, catalog: catalog, deployables: deployables, predictor: predictor, costPredictor: costPredictor)
    }

    static func decide(
        _ router: Router, _ features: RequestFeatures = RequestFeatures(promptTokens: 500),
        allowed: DeploymentSet? = nil, healthy: Set<Int> = [0, 1, 2, 3], stats: LiveStats? = nil, now: Double = 0
    ) -> Plan {
        router.decide(features, stats: stats ?? Self.stats, now: now, allowed: allowed, isHealthy: { healthy.contains($0) })
    }
}

extension Plan {
    func status(of model: String) -> CandidateStatus? { candidates.first { $0.model == model }?.status }
    var orderNames: [String] { order.map { candidates[$0].model } }
}

/// A predictor that returns fixed per-model qualities, to test eligibility independently of the catalog.
struct FixedPredictor: QualityPredictor {
    let values: [String: Double]
    func quality(of model: String, abilities: ModelAbilities, features: RequestFeatures) -> Double {
        values[model] ?? 0
    }
}
