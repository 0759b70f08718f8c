/// A model clients may ask for, the provider that serves it and the name that provider knows it by.
///
/// Invariant after loading: `name` and every alias are unique across all models' names and aliases,
/// and `provider` names a configured provider.
public struct ModelConfig: Sendable, Hashable {
    /// The name clients put in the request's `model` field.
    public var name: String
    /// The `name` of the provider that serves it.
    public var provider: String
    /// The model id sent upstream; the same as `name` unless configured.
    public var upstreamModel: String
    /// Further names clients may use for this model.
    public var aliases: [String]
    /// More places serving the same model (another provider or region), tried after the primary.
    public var deployments: [ModelDeployment]
    /// Models tried, in order, after this model's own deployments fail.
    public var fallbacks: [String]
    /// Upstream timeouts for this model, overriding its provider's.
    public var timeouts: UpstreamTimeouts?
    /// Retry settings for requests to this model (the global ones with its overrides applied).
    public var retry: RetrySettings?
    /// The breaker of this model's own deployments, when it overrides the global one.
    public var breaker: BreakerSettings?
    /// Which OpenAI API its deployments are called through (OpenAI-dialect providers only).
    public var api: ModelAPI = .chat

    public init(name: String, provider: String, upstreamModel: String? = nil, aliases: [String] = [],
                deployments: [ModelDeployment] = [], fallbacks: [String] = [], timeouts: UpstreamTimeouts? = nil) {
        self.name = name
        self.provider = provider
        self.upstreamModel = upstreamModel ?? name
        self.aliases = aliases
        self.deployments = deployments
        self.fallbacks = fallbacks
        self.timeouts = timeouts
    }
}

extension ModelConfig {
    /// The id health, breakers and the ledger know a deployment by: `provider/upstream-model`.
    public static func deploymentID(provider: String, upstreamModel: String) -> String {
        provider + "/" + upstreamModel
    }

    /// Ids of the model's own deployments, the primary first.
    public var deploymentIDs: [String] {
        [Self.deploymentID(provider: provider, upstreamModel: upstreamModel)]
            + deployments.map { Self.deploymentID(provider: $0.provider, upstreamModel: $0.upstreamModel) }
    }
}

/// The OpenAI API a model is called through: chat completions, or the Responses API, which
/// some OpenAI models are served by only (the o1-pro, o3-pro and codex families).
public enum ModelAPI: String, Sendable, Hashable, CaseIterable {
    case chat
    case responses
}

/// An additional deployment of a model: another provider serving it, under its own name there.
public struct ModelDeployment: Sendable, Hashable {
    public var provider: String
    public var upstreamModel: String

    public init(provider: String, upstreamModel: String) {
        self.provider = provider
        self.upstreamModel = upstreamModel
    }
}
