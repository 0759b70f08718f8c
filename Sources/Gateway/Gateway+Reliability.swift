import Config
import HTTP
import Ledger
import Loop
import Reliability
import Wire

extension Gateway {
    /// Puts a configuration's reliability settings in force: retry and breaker policies, key
    /// pools (rebuilt, so keys taken out after a 401/403 return), and forgets the health of
    /// deployments and keys the configuration no longer has. Call after `models` is set.
    func applyReliability(_ config: GatewayConfig) {
        policies = ReliabilityPolicies(config)
        health.configure(deploymentPolicy: policies.deploymentBreaker, keyPolicy: policies.keyBreaker,
                         overrides: policies.breakerOverrides)
        keyPools = keyPools(config)
        var targets = Set<HealthTarget>()
        for name in models.names {
            for deployment in models.candidates(for: name) { targets.insert(.deployment(deployment.id)) }
        }
        for pool in keyPools.values {
            for key in pool.keys { targets.insert(.key(key.id)) }
        }
        health.retain(targets)
    }

    /// One key pool per provider, each key known by `keyID(provider:key:)`; a key rejected with
    /// 401/403 is reported once when its pool takes it out.
    func keyPools(_ config: GatewayConfig) -> [String: KeyPool] {
        var pools: [String: KeyPool] = [:]
        for provider in config.providers where !provider.apiKeys.isEmpty {
            let keys = provider.apiKeys.map { KeyPool.Key(id: Self.keyID(provider: provider.name, key: $0), weight: $0.weight) }
            let selection: KeyPool.Selection = provider.keySelection == .leastUsed ? .leastUsed : .weightedRoundRobin
            guard let pool = try? KeyPool(keys: keys, selection: selection, health: health) else {
                // The configuration rejects repeated keys and weights below 1, so this is a bug, not an input.
                logger.error("provider key pool refused", metadata: ["provider": .string(provider.name)])
                continue
            }
            let name = provider.name
            pool.onRevoke = { [unowned self] key in self.reportDisabledKey(provider: name, key: key) }
            pools[provider.name] = pool
        }
        return pools
    }

    /// A provider key's id in health, metrics, logs and the ledger: `provider#` and the first 8
    /// hex digits of the key's SHA-256. Stable across reloads and reorderings, and it reveals
    /// nothing of the key (a 32-bit digest of a high-entropy secret).
    nonisolated static func keyID(provider: String, key: APIKey) -> String {
        provider + "#" + KeyHash(secret: key.secret).hex.prefix(8)
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
