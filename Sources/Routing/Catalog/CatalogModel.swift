/// One model the router can pick: prices, limits, capabilities, abilities, seed latency and carbon.
public struct CatalogModel: Sendable, Equatable {
    /// Catalog id, e.g. `gpt-5.4-mini`; unique within a catalog.
    public var id: String
    /// Provider family (`openai`, `anthropic`, `google`, `meta`, `qwen`, `deepseek`, `mistral`, ...).
    public var family: String
    /// Where the listed prices apply (the provider itself, or the OpenAI-compatible host that was priced).
    public var host: String
    /// Other spellings of the id (dataset column names, dated snapshots); unique within a catalog.
    public var aliases: [String]
    public var pricing: Pricing
    public var contextWindow: Int
    public var maxOutputTokens: Int
    public var capabilities: Capabilities
    public var abilities: ModelAbilities
    /// The benchmark inputs `abilities` were derived from, when they were.
    public var benchmarks: Benchmarks?
    /// How the abilities were obtained: `reported`, `mixed` or `estimated` (see `_about`).
    public var qualityBasis: String
    public var seedLatency: LatencySeed
    /// Active parameters per token in billions (published, or the estimate the carbon method uses).
    public var activeParamsB: Double
    /// Generated tokens per visible output token (hidden reasoning at the default effort); 1 without reasoning.
    public var reasoningTokenFactor: Double
    /// gCO2e per 1,000 generated tokens (see `Catalog.carbonGramsPer1k`).
    public var carbonGramsPer1kTokens: Double
    /// Kept for evaluation on older routing datasets; no longer offered by its provider.
    public var legacy: Bool

    public init(
        id: String,
        family: String,
        host: String,
        aliases: [String] = [],
        pricing: Pricing,
        contextWindow: Int,
        maxOutputTokens: Int,
        capabilities: Capabilities,
        abilities: ModelAbilities,
        benchmarks: Benchmarks? = nil,
        qualityBasis: String = "configured",
        seedLatency: LatencySeed,
        activeParamsB: Double,
        reasoningTokenFactor: Double = 1,
        carbonGramsPer1kTokens: Double? = nil,
        legacy: Bool = false
    ) {
        self.id = id
        self.family = family
        self.host = host
        self.aliases = aliases
        self.pricing = pricing
        self.contextWindow = contextWindow
        self.maxOutputTokens = maxOutputTokens
        self.capabilities = capabilities
        self.abilities = abilities
        self.benchmarks = benchmarks
        self.qualityBasis = qualityBasis
        self.seedLatency = seedLatency
        self.activeParamsB = activeParamsB
        self.reasoningTokenFactor = reasoningTokenFactor
        self.carbonGramsPer1kTokens = carbonGramsPer1kTokens ?? Catalog.carbonGramsPer1k(activeParamsB: activeParamsB)
        self.legacy = legacy
    }
}
