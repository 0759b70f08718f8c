import Config
import HTTP

/// Where a client-facing model name is served: provider, endpoint, key and upstream name.
public struct Deployment: Sendable {
    public let model: String
    public let provider: String
    public let providerType: ProviderType
    public let baseURL: String
    public let upstreamModel: String
    let apiKeys: [APIKey]
    let extraHeaders: [(name: String, value: String)]
    public let timeouts: HTTP.UpstreamTimeouts

    init(model: ModelConfig, provider: ProviderConfig) {
        self.model = model.name
        self.provider = provider.name
        self.providerType = provider.type
        self.baseURL = provider.baseURL
        self.upstreamModel = model.upstreamModel
        self.apiKeys = provider.apiKeys
        self.extraHeaders = provider.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let t = provider.timeouts
        self.timeouts = HTTP.UpstreamTimeouts(
            connectMs: UInt64(t.connectMs), firstByteMs: UInt64(t.firstByteMs),
            idleMs: UInt64(t.idleMs), totalMs: UInt64(t.totalMs))
    }

    /// Upstream headers for an OpenAI-dialect call. Key rotation comes with the reliability work;
    /// until then the first key serves.
    func openAIHeaders(streaming: Bool) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        if let key = apiKeys.first, !key.secret.isEmpty {
            headers.append(("Authorization", "Bearer \(key.secret)"))
        }
        if streaming { headers.append(("Accept", "text/event-stream")) }
        headers += extraHeaders
        return headers
    }
}

/// Client-facing model names (and aliases) resolved to deployments once per configuration.
public struct ModelTable: Sendable {
    private var byName: [String: Deployment] = [:]
    public private(set) var names: [String] = []

    public init(config: GatewayConfig) {
        for model in config.models {
            guard let provider = config.provider(for: model) else { continue }
            let deployment = Deployment(model: model, provider: provider)
            names.append(model.name)
            byName[model.name] = deployment
            for alias in model.aliases { byName[alias] = deployment }
        }
    }

    public func deployment(for name: String) -> Deployment? { byName[name] }
}
