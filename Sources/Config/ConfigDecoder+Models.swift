import Yams

extension ConfigDecoder {
    static let modelKeys = ["name", "provider", "upstream_model", "aliases", "deployments", "fallbacks", "timeouts", "retry", "breaker", "api"]

    /// Who already holds a client-facing name, so a clash can say where the first holder is.
    private struct NameOwner {
        var model: String
        var isAlias: Bool
        var position: SourcePosition

        var text: String {
            isAlias ? "an alias of model '\(model)' (line \(position.line))" : "the name of model '\(model)' (line \(position.line))"
        }
    }

    func decodeModels(_ top: MappingReader, providers: [ProviderConfig], timeouts: UpstreamTimeouts,
                      reliability: ReliabilitySettings = .default) throws(ConfigError) -> [ModelConfig] {
        let example = "models: [{name: gpt-4o-mini, provider: openai}]"
        guard let nodes = try top.sequence("models", example: example) else { return [] }
        let providerNames = providers.map(\.name)
        var models: [ModelConfig] = []
        var owners: [String: NameOwner] = [:]
        var fallbackLists: [[Located<String>]] = []
        var breakers: [String: (model: String, settings: BreakerSettings, position: SourcePosition)] = [:]
        for (index, node) in nodes.enumerated() {
            var model = try decodeModel(node, number: index + 1, providerNames: providerNames, owners: &owners)
            let reader = try MappingReader(node, subject: "model '\(model.name)'", place: "in model '\(model.name)'",
                                           example: "- {name: m, provider: p}", context: context)
            model.deployments = try decodeDeployments(reader, model: model.name, providerNames: providerNames)
            model.api = try decodeAPI(reader, model: model, providers: providers)
            model.timeouts = try reader.mapping("timeouts", place: "in the timeouts of model '\(model.name)'",
                                                example: "timeouts: {first_byte_ms: 20000}")
                .map { (r) throws(ConfigError) in try decodeTimeouts(r, defaults: timeouts) }
            model.retry = try decodeRetry(reader, owner: "model '\(model.name)'", defaults: reliability.retry)
            model.breaker = try decodeBreaker(reader, owner: "model '\(model.name)'", defaults: reliability.breaker)
            if let breaker = model.breaker, let entry = reader.entry("breaker") {
                try checkSharedBreaker(model, breaker, at: entry.position, claimed: &breakers)
            }
            models.append(model)
            fallbackLists.append(try reader.stringList("fallbacks", example: "fallbacks: [m-backup]") ?? [])
        }
        for (index, list) in fallbackLists.enumerated() {
            for fallback in list {
                guard owners[fallback.value] != nil, fallback.value != models[index].name else {
                    let known = models.map(\.name).filter { $0 != models[index].name }.joined(separator: ", ")
                    throw context.error(.unknownProvider, at: fallback.position,
                                        "model '\(models[index].name)' falls back to '\(fallback.value)', which is not another configured model",
                                        fix: known.isEmpty ? "define the fallback model under models:" : "use one of: \(known)")
                }
                models[index].fallbacks.append(fallback.value)
            }
        }
        return models
    }

    /// Breakers belong to deployments (`provider/upstream-model`), which models may share: two
    /// models may not give one deployment different breakers.
    private func checkSharedBreaker(
        _ model: ModelConfig, _ breaker: BreakerSettings, at position: SourcePosition,
        claimed: inout [String: (model: String, settings: BreakerSettings, position: SourcePosition)]
    ) throws(ConfigError) {
        for id in model.deploymentIDs {
            if let other = claimed[id], other.model != model.name, other.settings != breaker {
                throw context.error(.conflictingKeys, at: position,
                                    "model '\(model.name)' gives deployment '\(id)' a breaker different from the one model '\(other.model)' gives it at line \(other.position.line)",
                                    fix: "a deployment has one breaker: give both models the same breaker settings, or set them on one only")
            }
            claimed[id] = (model.name, breaker, position)
        }
    }

    /// `api: chat | responses`; the Responses API exists only where the provider speaks OpenAI's
    /// dialect, so every deployment of the model must be on such a provider.
    private func decodeAPI(_ reader: MappingReader, model: ModelConfig, providers: [ProviderConfig]) throws(ConfigError) -> ModelAPI {
        guard let text = try reader.string("api", example: "api: responses") else { return .chat }
        guard let api = ModelAPI(rawValue: text.value) else {
            throw context.error(.invalidValue, at: text.position, "\(reader.label("api")) is '\(text.value)'",
                                fix: "use chat (the default) or responses")
        }
        if api == .responses {
            for name in [model.provider] + model.deployments.map(\.provider) {
                guard let provider = providers.first(where: { $0.name == name }),
                      provider.type == .openAI || provider.type == .openAICompatible else {
                    throw context.error(.invalidValue, at: text.position,
                                        "model '\(model.name)' uses the Responses API, which provider '\(name)' does not speak",
                                        fix: "serve it from openai or openai-compatible providers only, or remove api: responses")
                }
            }
        }
        return api
    }

    private func decodeDeployments(_ reader: MappingReader, model: String, providerNames: [String]) throws(ConfigError) -> [ModelDeployment] {
        let example = "deployments: [{provider: azure-east, upstream_model: gpt-4o-mini}]"
        guard let nodes = try reader.sequence("deployments", example: example) else { return [] }
        var out: [ModelDeployment] = []
        for node in nodes {
            let entry = try MappingReader(node, subject: "a deployment of model '\(model)'",
                                          place: "in a deployment of model '\(model)'", example: example, context: context)
            try entry.rejectUnknownKeys(allowed: ["provider", "upstream_model"])
            let provider = try entry.requiredString("provider", subject: "a deployment of model '\(model)'", example: "provider: <a provider's name>")
            guard providerNames.contains(provider.value) else {
                throw context.error(.unknownProvider, at: provider.position,
                                    "a deployment of model '\(model)' names provider '\(provider.value)', which is not defined",
                                    fix: "define it under providers:, or use one of: \(providerNames.joined(separator: ", "))")
            }
            let upstream = try entry.string("upstream_model", example: "upstream_model: <the provider's model id>")
            out.append(ModelDeployment(provider: provider.value, upstreamModel: upstream?.value ?? model))
        }
        return out
    }

    private func decodeModel(
        _ node: Node, number: Int, providerNames: [String], owners: inout [String: NameOwner]
    ) throws(ConfigError) -> ModelConfig {
        let entryExample = "- {name: gpt-4o-mini, provider: openai}"
        let label = Self.entryLabel("model", number: number, node: node)
        let reader = try MappingReader(node, subject: label, place: "in \(label)", example: entryExample, context: context)
        try reader.rejectUnknownKeys(allowed: Self.modelKeys)

        let name = try reader.requiredString("name", subject: "model #\(number)", example: "name: <the name clients ask for>")
        try checkName(name, kind: "model")
        if RouterEntry.presetNames.contains(name.value) {
            throw context.error(.duplicateName, at: name.position, "model name '\(name.value)' is the name of a built-in router",
                                fix: "rename the model (clients send '\(name.value)' to reach the router), e.g. '\(name.value)-model'")
        }
        if let owner = owners[name.value] {
            let code: ConfigError.Code = owner.isAlias ? .aliasClash : .duplicateName
            throw context.error(code, at: name.position, "model name '\(name.value)' is already \(owner.text)",
                                fix: owner.isAlias ? "rename this model or remove that alias" : "give each model a unique name")
        }
        owners[name.value] = NameOwner(model: name.value, isAlias: false, position: name.position)
        let subject = "model '\(name.value)'"

        let known = providerNames.isEmpty ? "" : ", or use one of: \(providerNames.joined(separator: ", "))"
        let provider = try reader.requiredString("provider", subject: subject, example: "provider: <a provider's name>\(known)")
        guard providerNames.contains(provider.value) else {
            throw context.error(.unknownProvider, at: provider.position,
                                "\(subject) names provider '\(provider.value)', which is not defined",
                                fix: "define it under providers:\(known)")
        }
        let upstream = try reader.string("upstream_model", example: "upstream_model: <the provider's model id>")
        if let upstream, upstream.value.isEmpty {
            throw context.error(.invalidValue, at: upstream.position, "\(reader.label("upstream_model")) is empty",
                                fix: "write the provider's model id, or remove the key to send '\(name.value)'")
        }

        var aliases: [String] = []
        for alias in try reader.stringList("aliases", example: "aliases: [mini]") ?? [] {
            try checkName(alias, kind: "alias")
            if RouterEntry.presetNames.contains(alias.value) {
                throw context.error(.aliasClash, at: alias.position, "alias '\(alias.value)' is the name of a built-in router",
                                    fix: "rename or remove the alias; auto, fast, economy, quality and savings reach the routers")
            }
            if let owner = owners[alias.value] {
                throw context.error(.aliasClash, at: alias.position,
                                    "alias '\(alias.value)' of \(subject) is already \(owner.text)",
                                    fix: "rename or remove the alias; every model name and alias must be unique")
            }
            owners[alias.value] = NameOwner(model: name.value, isAlias: true, position: alias.position)
            aliases.append(alias.value)
        }
        return ModelConfig(name: name.value, provider: provider.value, upstreamModel: upstream?.value, aliases: aliases)
    }
}
