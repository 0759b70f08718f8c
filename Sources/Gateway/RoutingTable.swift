import Config
import Routing

/// The routers a configuration defines (presets plus configured), compiled against the models
/// it serves, with live latency statistics per model.
///
/// Deployment indexes are positions in `config.models`: the router's `Deployable.deployment`,
/// the index of `LiveStats`, and the key of the allowlist bit set.
struct RoutingTable: Sendable {
    let routers: RouterSet
    var stats: LiveStats
    /// Model names by deployment index.
    let names: [String]
    let indexByName: [String: Int]
    /// The deadlines of routers that set `timeouts:`, by router id: they replace those of the
    /// deployments the router picks, as a router's `retry:` replaces theirs.
    let timeoutsByRouter: [String: UpstreamTimeouts]

    /// A configuration whose routers cannot be compiled (unknown models, zero weights, …).
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    init(config: GatewayConfig, catalog: Catalog = .builtIn,
         predictor: any QualityPredictor = DifficultyModel.builtIn) throws(Problem) {
        var deployables: [Deployable] = []
        var names: [String] = []
        var indexByName: [String: Int] = [:]
        for (index, model) in config.models.enumerated() {
            let catalogID = catalog.model(named: model.upstreamModel) != nil ? model.upstreamModel : model.name
            deployables.append(Deployable(name: model.name, catalogID: catalogID, deployment: index))
            names.append(model.name)
            indexByName[model.name] = index
            for alias in model.aliases { indexByName[alias] = index }
        }
        let configured = config.routers.map { entry in
            RouterConfig(id: entry.name,
                         weights: Weights(cost: entry.cost, quality: entry.quality, latency: entry.latency, carbon: entry.carbon),
                         minQuality: entry.minQuality ?? 0, maxQualityDrop: entry.maxQualityDrop ?? 1,
                         models: entry.models.isEmpty ? nil : entry.models.map { config.model(named: $0)?.name ?? $0 },
                         rule: Self.rule(entry.policy))
        }
        do {
            routers = try RouterSet(configured: configured, catalog: catalog, deployables: deployables,
                                    aliases: config.models.flatMap(\.aliases), predictor: predictor)
        } catch {
            let line = config.routers.first { $0.name == error.router }?.line
            throw Problem(description: "router configuration\(line.map { " (line \($0))" } ?? ""): \(error)")
        }
        stats = LiveStats(deployables: deployables, catalog: catalog)
        self.names = names
        self.indexByName = indexByName
        var timeouts: [String: UpstreamTimeouts] = [:]
        for entry in config.routers { if let set = entry.timeouts { timeouts[entry.name] = set } }
        timeoutsByRouter = timeouts
    }

    func router(named id: String) -> Router? { routers.router(named: id) }

    static func rule(_ policy: RouterPolicy) -> RoutingRule {
        switch policy {
        case .scoring: .scoring
        case .utility(let knob, let reference, let byCategory):
            // Config checked the names against the same list; an unknown one cannot reach here.
            .utility(UtilityRule(knob: knob, referenceCostUSD: reference, knobByCategory: Dictionary(
                uniqueKeysWithValues: byCategory.compactMap { name, knob in TaskCategory(rawValue: name).map { ($0, knob) } })))
        }
    }
}
