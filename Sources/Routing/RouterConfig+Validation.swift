/// Configuration checks the gateway's config loader calls before building routers.
extension RouterConfig {
    /// Every problem in `routers` against the gateway's models, aliases and the catalog; empty when usable.
    ///
    /// A configured router may reuse a preset's id to replace that preset; two configured routers may
    /// not share an id, and no router id (preset ids included) may equal a model name or an alias,
    /// since a request's `model` must resolve to exactly one thing.
    public static func validate(
        _ routers: [RouterConfig],
        deployables: [Deployable],
        aliases: [String] = [],
        catalog: Catalog
    ) -> [RoutingConfigError] {
        var problems: [RoutingConfigError] = []
        var seen: Set<String> = []
        for router in routers {
            if !seen.insert(router.id).inserted {
                problems.append(RoutingConfigError(.duplicateRouter, router: router.id, "defined more than once"))
            }
        }
        let modelNames = Set(deployables.map(\.name))
        let aliasNames = Set(aliases)
        let effective = routers + Presets.all.filter { !seen.contains($0.id) }
        for router in effective {
            if modelNames.contains(router.id) {
                problems.append(RoutingConfigError(.nameClash, router: router.id, name: router.id,
                                                   "a configured model has the same name"))
            } else if aliasNames.contains(router.id) {
                problems.append(RoutingConfigError(.nameClash, router: router.id, name: router.id,
                                                   "an alias has the same name"))
            }
        }
        for router in routers {
            problems += router.problems(deployables: deployables, catalog: catalog)
        }
        return problems
    }

    /// Problems of this router alone (weights, bounds, candidate list).
    public func problems(deployables: [Deployable], catalog: Catalog) -> [RoutingConfigError] {
        var problems: [RoutingConfigError] = []
        if id.isEmpty { problems.append(RoutingConfigError(.emptyID, router: id, "router id is empty")) }
        if case .utility(let utility) = rule, let problem = utility.problem {
            problems.append(RoutingConfigError(.invalidUtility, router: id, problem))
        }
        // The utility rule does not read the weights, so a utility router may leave them all zero.
        switch rule == .scoring ? weights.problem : weights.problem.flatMap({ $0 == .zeroWeights ? nil : $0 }) {
        case .zeroWeights?:
            problems.append(RoutingConfigError(.zeroWeights, router: id, "weights are all zero; give at least one a positive value"))
        case .some:
            problems.append(RoutingConfigError(.invalidWeight, router: id, "each weight must be a number in 0...1"))
        case nil:
            break
        }
        for (label, value) in [("min_quality", minQuality), ("max_quality_drop", maxQualityDrop), ("cached_input_share", cachedInputShare)]
        where !(value >= 0 && value <= 1) {
            problems.append(RoutingConfigError(.invalidQualityBound, router: id, name: label, "\(label) must be in 0...1"))
        }
        let byName = Dictionary(deployables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        if let models {
            if models.isEmpty { problems.append(RoutingConfigError(.noCandidates, router: id, "the model list is empty")) }
            for name in models {
                guard let deployable = byName[name] else {
                    problems.append(RoutingConfigError(.unknownModel, router: id, name: name, "'\(name)' is not a configured model"))
                    continue
                }
                if !catalog.contains(deployable.catalogID) {
                    problems.append(RoutingConfigError(.uncataloguedModel, router: id, name: name,
                        "'\(name)' maps to '\(deployable.catalogID)', which the catalog does not know; add it under catalog overrides"))
                }
            }
        }
        return problems
    }
}
