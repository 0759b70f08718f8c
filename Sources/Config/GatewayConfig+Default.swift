import Foundation

extension GatewayConfig {
    /// Name of the provider that stands in for real ones when no key is available.
    public static let simulatorProviderName = "sim"

    /// Base URL of the `sim` provider until the simulator's port is known. The `.invalid` top-level
    /// domain never resolves, so a placeholder that was not replaced fails at once instead of
    /// reaching some real host.
    public static let simulatorPlaceholderURL = "http://simulator.invalid/v1"

    /// The environment variables that enable each hosted provider, with the models it then serves.
    static let embeddedProviders: [(variable: String, type: ProviderType, models: [String])] = [
        ("OPENAI_API_KEY", .openAI, ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"]),
        ("ANTHROPIC_API_KEY", .anthropic, ["claude-sonnet-4-5", "claude-haiku-4-5"]),
        ("GEMINI_API_KEY", .gemini, ["gemini-2.5-flash", "gemini-2.5-pro"]),
    ]

    /// Models the simulator serves when no provider key is set, spanning all three vendors' names.
    static let simulatedModels = ["gpt-4o-mini", "gpt-4o", "claude-haiku-4-5", "gemini-2.5-flash"]

    /// The configuration used without a file: 127.0.0.1:8080, `./switchyard-data`, and one
    /// provider per key found in `environment` (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`,
    /// `GEMINI_API_KEY`; blank values count as unset). With no key at all, a simulated setup.
    public static func embeddedDefault(environment: [String: String]) -> EmbeddedDefault {
        var providers: [ProviderConfig] = []
        var models: [ModelConfig] = []
        for entry in embeddedProviders {
            let key = environment[entry.variable]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !key.isEmpty, let baseURL = entry.type.defaultBaseURL else { continue }
            providers.append(ProviderConfig(name: entry.type.rawValue, type: entry.type, baseURL: baseURL, apiKeys: [APIKey(key)]))
            models += entry.models.map { ModelConfig(name: $0, provider: entry.type.rawValue) }
        }
        guard providers.isEmpty else {
            return EmbeddedDefault(config: GatewayConfig(providers: providers, models: models), simulated: false)
        }
        let simulator = ProviderConfig(name: simulatorProviderName, type: .openAICompatible, baseURL: simulatorPlaceholderURL)
        let simulated = simulatedModels.map { ModelConfig(name: $0, provider: simulatorProviderName) }
        return EmbeddedDefault(config: GatewayConfig(providers: [simulator], models: simulated), simulated: true)
    }

    /// A copy in which every provider still pointing at `simulatorPlaceholderURL` points at `baseURL`
    /// instead (pass the simulator's OpenAI-style prefix, e.g. `http://127.0.0.1:54321/v1`).
    public func withSimulator(baseURL: String) -> GatewayConfig {
        var trimmed = Substring(baseURL)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return mappingProviders { provider in
            guard provider.baseURL == Self.simulatorPlaceholderURL else { return provider }
            var replaced = provider
            replaced.baseURL = String(trimmed)
            return replaced
        }
    }
}
