extension GatewayConfig {
    /// A one-line start-up summary: listen address, providers with type and key count, model names.
    /// Keys appear only as counts.
    ///
    /// `listening on 127.0.0.1:8080; providers: openai (openai, 2 keys); models: gpt-4o-mini (alias mini), gpt-4o`
    public var startupSummary: String {
        let providerText = providers.isEmpty
            ? "none"
            : providers.map { "\($0.name) (\($0.type.rawValue), \(Self.keyCount($0.apiKeys.count)))" }
                .joined(separator: ", ")
        let modelText = models.isEmpty ? "none" : models.map(Self.summaryText(of:)).joined(separator: ", ")
        return "listening on \(listen); providers: \(providerText); models: \(modelText)"
    }

    static func summaryText(of model: ModelConfig) -> String {
        guard !model.aliases.isEmpty else { return model.name }
        let label = model.aliases.count == 1 ? "alias" : "aliases"
        return "\(model.name) (\(label) \(model.aliases.joined(separator: ", ")))"
    }

    private static func keyCount(_ count: Int) -> String {
        switch count {
        case 0: "no keys"
        case 1: "1 key"
        default: "\(count) keys"
        }
    }
}
