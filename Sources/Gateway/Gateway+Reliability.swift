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

    /// A conversation's affinity: the system prompt and its messages up to the first user
    /// message, element by element, so every later turn of the same conversation maps to the same key and deployment
    /// (and the provider's prompt cache stays warm). Parsed only when a provider has several keys.
    func affinity(of call: InboundCall, for deployments: [Deployment]) -> AffinityKey? {
        guard deployments.contains(where: { ($0.apiKeys.count) > 1 }),
              let range = call.fields.messagesField?.range,
              let messages = (try? JSONValue.parse(call.body[range]))?.array else { return nil }
        var parts: [[UInt8]] = []
        if let system = (try? JSONValue.parse(call.body))?["system"] { parts.append(system.encoded()) }
        // Up to the first user message: the same in every turn of the conversation (and the
        // prefix a provider's prompt cache keys on).
        for message in messages {
            parts.append(message.encoded())
            if message["role"]?.string == "user" { break }
        }
        return AffinityKey(messages: parts)
    }

    /// `GET /admin/health` body and the `/metrics` health gauges.
    func healthSnapshot() -> [HealthEntry] {
        health.snapshot(now: EventLoop.shared.now)
    }
}
