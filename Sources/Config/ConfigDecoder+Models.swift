import Yams

extension ConfigDecoder {
    static let modelKeys = ["name", "provider", "upstream_model", "aliases"]

    /// Who already holds a client-facing name, so a clash can say where the first holder is.
    private struct NameOwner {
        var model: String
        var isAlias: Bool
        var position: SourcePosition

        var text: String {
            isAlias ? "an alias of model '\(model)' (line \(position.line))" : "the name of model '\(model)' (line \(position.line))"
        }
    }

    func decodeModels(_ top: MappingReader, providers: [ProviderConfig]) throws(ConfigError) -> [ModelConfig] {
        let example = "models: [{name: gpt-4o-mini, provider: openai}]"
        guard let nodes = try top.sequence("models", example: example) else { return [] }
        let providerNames = providers.map(\.name)
        var models: [ModelConfig] = []
        var owners: [String: NameOwner] = [:]
        for (index, node) in nodes.enumerated() {
            let model = try decodeModel(node, number: index + 1, providerNames: providerNames, owners: &owners)
            models.append(model)
        }
        return models
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
