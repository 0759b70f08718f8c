/// A router compiled against the catalog and the gateway's deployable models.
///
/// Everything that does not depend on the request (prices per token, limits, capabilities, rule
/// checks, seeds) is resolved here, once per configuration load, so `decide` touches no dictionary
/// and no string except to hand model ids to the quality predictor.
public struct Router: Sendable {
    /// The configuration with weights normalised to sum 1.
    public let config: RouterConfig
    let candidates: [Candidate]
    let predictor: any QualityPredictor
    /// Replaces the catalog-price cost estimate when set.
    let costPredictor: (any CostPredictor)?

    /// Request-independent facts about one candidate.
    struct Candidate: Sendable {
        let name: String
        let catalogID: String
        let deployment: Int
        let inputPerToken: Double
        let outputPerToken: Double
        let cachedInputPerToken: Double
        let contextWindow: Int
        let maxOutputTokens: Int
        let capabilities: Capabilities
        let abilities: ModelAbilities
        let seed: LatencySeed
        let reasoningTokenFactor: Double
        let carbonPerGeneratedToken: Double
        let passesRules: Bool
    }

    /// Compiles `config`; throws the first problem `RouterConfig.problems` finds.
    ///
    /// Candidates are `config.models` in the order given, or, when nil, every deployable whose catalog
    /// entry exists, in deployable order. Either way the order is the final tie-breaker.
    public init(
        _ config: RouterConfig,
        catalog: Catalog,
        deployables: [Deployable],
        predictor: any QualityPredictor = CatalogQualityPredictor(),
        costPredictor: (any CostPredictor)? = nil
    ) throws(RoutingConfigError) {
        if let problem = config.problems(deployables: deployables, catalog: catalog).first { throw problem }
        var normalized = config
        normalized.weights = config.weights.normalized
        let chosen: [Deployable]
        if let names = config.models {
            chosen = names.compactMap { name in deployables.first { $0.name == name } }
        } else {
            chosen = deployables.filter { catalog.contains($0.catalogID) }
        }
        var candidates: [Candidate] = []
        for deployable in chosen {
            guard let model = catalog.model(named: deployable.catalogID) else { continue }
            candidates.append(Candidate(deployable: deployable, model: model, rules: config.rules))
        }
        if candidates.isEmpty {
            throw RoutingConfigError(.noCandidates, router: config.id, "no deployable model has a catalog entry")
        }
        self.config = normalized
        self.candidates = candidates
        self.predictor = predictor
        self.costPredictor = costPredictor
    }

    public var id: String { config.id }

    /// Configured model names of the candidates, in candidate order.
    public var candidateNames: [String] { candidates.map(\.name) }

    /// The same router with another quality predictor (e.g. when the learned model is reloaded).
    public func with(predictor: any QualityPredictor) -> Router {
        Router(config: config, candidates: candidates, predictor: predictor, costPredictor: costPredictor)
    }

    /// The same router with another cost estimate (nil: catalog price × estimated tokens).
    public func with(costPredictor: (any CostPredictor)?) -> Router {
        Router(config: config, candidates: candidates, predictor: predictor, costPredictor: costPredictor)
    }

    private init(config: RouterConfig, candidates: [Candidate], predictor: any QualityPredictor,
                 costPredictor: (any CostPredictor)?) {
        self.config = config
        self.candidates = candidates
        self.predictor = predictor
        self.costPredictor = costPredictor
    }
}

extension Router.Candidate {
    init(deployable: Deployable, model: CatalogModel, rules: HardRules) {
        let pricing = model.pricing
        var passes = model.capabilities.isSuperset(of: rules.requires)
        if let families = rules.families, !families.contains(model.family) { passes = false }
        if let cap = rules.maxOutputPricePerMTok, pricing.outputPerMTok > cap { passes = false }
        self.init(
            name: deployable.name,
            catalogID: model.id,
            deployment: deployable.deployment,
            inputPerToken: pricing.inputPerMTok * 1e-6,
            outputPerToken: pricing.outputPerMTok * 1e-6,
            cachedInputPerToken: (pricing.cachedInputPerMTok ?? pricing.inputPerMTok) * 1e-6,
            contextWindow: model.contextWindow,
            maxOutputTokens: model.maxOutputTokens,
            capabilities: model.capabilities,
            abilities: model.abilities,
            seed: model.seedLatency,
            reasoningTokenFactor: model.reasoningTokenFactor,
            carbonPerGeneratedToken: model.carbonGramsPer1kTokens * 1e-3,
            passesRules: passes
        )
    }
}
