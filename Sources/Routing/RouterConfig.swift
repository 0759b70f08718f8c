/// A router as configured: ranking rule and weights, quality floor and allowed drop, candidates and rules.
public struct RouterConfig: Sendable, Equatable {
    /// The name requests use in `model`; must not clash with a model name or alias.
    public var id: String
    public var weights: Weights
    /// Candidates whose predicted quality is below this are not eligible.
    public var minQuality: Double
    /// Candidates more than this below the best candidate's predicted quality are not eligible.
    public var maxQualityDrop: Double
    /// Configured model names to choose from; nil means every deployable model the catalog knows.
    public var models: [String]?
    public var rules: HardRules
    /// Output tokens assumed when estimating cost and latency; `max_tokens` lowers it, never raises it.
    public var expectedOutputTokens: Int
    /// Share of prompt tokens assumed to hit the provider's prompt cache (0 = price everything as fresh).
    public var cachedInputShare: Double
    /// How eligible candidates are ranked: the weighted score (default) or the utility rule.
    public var rule: RoutingRule

    public init(
        id: String,
        weights: Weights,
        minQuality: Double = 0,
        maxQualityDrop: Double = 1,
        models: [String]? = nil,
        rules: HardRules = HardRules(),
        expectedOutputTokens: Int = 400,
        cachedInputShare: Double = 0,
        rule: RoutingRule = .scoring
    ) {
        self.id = id
        self.weights = weights
        self.minQuality = minQuality
        self.maxQualityDrop = maxQualityDrop
        self.models = models
        self.rules = rules
        self.expectedOutputTokens = expectedOutputTokens
        self.cachedInputShare = cachedInputShare
        self.rule = rule
    }
}
