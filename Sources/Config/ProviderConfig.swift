/// One upstream provider account: its API family, endpoint, keys and timeouts.
///
/// Invariants after loading: `name` is unique and non-empty, `baseURL` is an http(s) URL without
/// a trailing slash, no key is empty, and `timeouts` already has the global defaults merged in.
/// Descriptions redact keys and header values (see `ProviderConfig+Description.swift`).
public struct ProviderConfig: Sendable, Hashable {
    /// The name models refer to with `provider:`.
    public var name: String
    public var type: ProviderType
    /// The endpoint prefix, e.g. `https://api.openai.com/v1`.
    public var baseURL: String
    /// Keys to rotate through; may be empty for local providers that need none.
    public var apiKeys: [APIKey]
    /// Extra headers sent on every upstream request. Values may be credentials.
    public var headers: [String: String]
    /// Effective upstream timeouts: the global ones with this provider's overrides applied.
    public var timeouts: UpstreamTimeouts
    /// The provider account's own quota, enforced here so that services stop competing for it;
    /// 0 means none.
    public var rpm: Int = 0
    public var tpm: Int = 0
    /// Query parameters added to every upstream URL (Azure OpenAI's `api-version`, say).
    public var query: [String: String] = [:]
    /// How requests without conversation affinity pick among `apiKeys`.
    public var keySelection: KeySelection = .weightedRoundRobin

    public init(
        name: String,
        type: ProviderType,
        baseURL: String,
        apiKeys: [APIKey] = [],
        headers: [String: String] = [:],
        timeouts: UpstreamTimeouts = .default
    ) {
        self.name = name
        self.type = type
        self.baseURL = baseURL
        self.apiKeys = apiKeys
        self.headers = headers
        self.timeouts = timeouts
    }
}

/// How a provider's keys are chosen for requests without conversation affinity.
public enum KeySelection: String, Sendable, Hashable, CaseIterable {
    /// Shares follow the key weights, evenly interleaved (the default).
    case weightedRoundRobin = "weighted_round_robin"
    /// The key with the fewest calls in flight relative to its weight.
    case leastUsed = "least_used"
}
