import Config
import Routing

/// Client-facing model names (and aliases) resolved once per configuration: each to its own
/// deployments, in order, followed by the deployments of its configured fallbacks.
public struct ModelTable: Sendable {
    private var candidatesByName: [String: [Deployment]] = [:]
    public private(set) var names: [String] = []

    public init(config: GatewayConfig, catalog: Catalog = .builtIn) {
        var own: [String: [Deployment]] = [:]
        for model in config.models {
            guard let provider = config.provider(for: model) else { continue }
            var list = [Deployment(model: model, provider: provider,
                                   contextWindow: catalog.model(named: model.upstreamModel)?.contextWindow)]
            for extra in model.deployments {
                guard let other = config.provider(named: extra.provider) else { continue }
                list.append(Deployment(model: model, provider: other, upstreamModel: extra.upstreamModel,
                                       contextWindow: catalog.model(named: extra.upstreamModel)?.contextWindow))
            }
            own[model.name] = list
            names.append(model.name)
        }
        for model in config.models {
            var list = own[model.name] ?? []
            for fallback in model.fallbacks {
                let target = config.model(named: fallback)?.name ?? fallback
                for deployment in own[target] ?? [] where !list.contains(where: { $0.id == deployment.id }) {
                    list.append(deployment)
                }
            }
            candidatesByName[model.name] = list
            for alias in model.aliases { candidatesByName[alias] = list }
        }
    }

    /// The primary deployment of a model name or alias.
    public func deployment(for name: String) -> Deployment? { candidatesByName[name]?.first }

    /// Every deployment to try for a model name, in order: its own, then its fallbacks'.
    public func candidates(for name: String) -> [Deployment] { candidatesByName[name] ?? [] }
}
