import Config
import HTTP
import Loop
import Reliability
import Wire

extension Gateway {
    /// One key pool per provider, its key ids `provider#index` (never the key itself).
    static func keyPools(_ config: GatewayConfig, health: HealthRegistry) -> [String: KeyPool] {
        var pools: [String: KeyPool] = [:]
        for provider in config.providers where !provider.apiKeys.isEmpty {
            let keys = provider.apiKeys.enumerated().map { KeyPool.Key(id: "\(provider.name)#\($0.offset)", weight: $0.element.weight) }
            pools[provider.name] = try? KeyPool(keys: keys, health: health)
        }
        return pools
    }

    /// The attempt plan's candidates for a list of deployments.
    func attemptCandidates(_ deployments: [Deployment]) -> [Candidate] {
        deployments.map { Candidate(id: $0.id, label: $0.id, contextWindow: $0.contextWindow, keys: keyPools[$0.provider]) }
    }

    /// A conversation's affinity: a hash of the start of its messages, so its calls keep their
    /// key and deployment (and the provider's prompt cache) while healthy.
    static func affinity(of call: InboundCall) -> AffinityKey? {
        guard let range = call.fields.messagesField?.range else { return nil }
        return AffinityKey(bytes: call.body[range.lowerBound ..< min(range.upperBound, range.lowerBound + 1_024)])
    }

    /// The provider's error kind from a failed answer's body, for classification.
    static func providerErrorKind(status: Int, body: [UInt8], retryAfter: String?, dialect: Dialect) -> ProviderError {
        switch dialect {
        case .openAI: OpenAIErrorMapping.providerError(status: status, body: body, retryAfter: retryAfter)
        case .anthropic: AnthropicErrorMapping.providerError(status: status, body: body, retryAfter: retryAfter)
        case .gemini: GeminiErrorMapping.providerError(status: status, body: body, retryAfter: retryAfter)
        }
    }

    /// `GET /admin/health` body and the `/metrics` health gauges.
    func healthSnapshot() -> [HealthEntry] {
        health.snapshot(now: EventLoop.shared.now)
    }
}
