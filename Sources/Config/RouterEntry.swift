/// A user-defined router from the configuration: weights, quality floor and candidates.
///
/// The Routing module validates it further against the catalog (unknown models, weights).
public struct RouterEntry: Sendable, Hashable {
    public var name: String
    public var cost: Double
    public var quality: Double
    public var latency: Double
    public var carbon: Double
    /// Floor on predicted quality (0...1).
    public var minQuality: Double?
    /// Allowed drop from the best candidate's predicted quality.
    public var maxQualityDrop: Double?
    /// How eligible candidates are ranked; the weights only matter under `.scoring`.
    public var policy: RouterPolicy
    /// Candidate model names (configured models or aliases).
    public var models: [String]
    /// Upstream timeouts for calls this router makes, when set.
    public var timeouts: UpstreamTimeouts?
    /// Retry settings for requests to this router (the global ones with its overrides applied).
    public var retry: RetrySettings?
    /// Line of the entry, so later validation can point at it.
    public var line: Int

    public init(name: String, cost: Double, quality: Double, latency: Double, carbon: Double,
                minQuality: Double? = nil, maxQualityDrop: Double? = nil, models: [String],
                timeouts: UpstreamTimeouts? = nil, retry: RetrySettings? = nil, line: Int = 0,
                policy: RouterPolicy = .scoring) {
        self.name = name
        self.cost = cost
        self.quality = quality
        self.latency = latency
        self.carbon = carbon
        self.minQuality = minQuality
        self.maxQualityDrop = maxQualityDrop
        self.policy = policy
        self.models = models
        self.timeouts = timeouts
        self.retry = retry
        self.line = line
    }

    /// Router ids built into the gateway; a model or router of the same name is a clash.
    public static let presetNames = ["auto", "fast", "economy", "quality", "savings"]
}
