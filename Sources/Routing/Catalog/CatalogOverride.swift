/// A configuration change to one catalog entry: set fields replace the entry's, nil fields keep it.
///
/// An override whose id is not in the catalog adds a new entry and must then set every field
/// `complete()` names as required.
public struct CatalogOverride: Sendable, Equatable {
    public var id: String
    public var family: String?
    public var host: String?
    public var aliases: [String]?
    public var inputPerMTok: Double?
    public var outputPerMTok: Double?
    public var cachedInputPerMTok: Double?
    public var cacheWritePerMTok: Double?
    public var pricesReadOn: String?
    public var contextWindow: Int?
    public var maxOutputTokens: Int?
    public var capabilities: Capabilities?
    /// Per-category quality; categories not given keep the entry's value (or the mean of the given ones
    /// for a new entry).
    public var quality: [TaskCategory: Double]?
    public var ttftMs: Double?
    public var tokensPerSecond: Double?
    public var activeParamsB: Double?
    public var reasoningTokenFactor: Double?
    public var carbonGramsPer1kTokens: Double?
    public var legacy: Bool?

    public init(id: String) { self.id = id }

    /// The entry with this override's set fields applied.
    public func applied(to model: CatalogModel) -> CatalogModel {
        var m = model
        if let family { m.family = family }
        if let host { m.host = host }
        if let aliases { m.aliases = aliases }
        if let inputPerMTok { m.pricing.inputPerMTok = inputPerMTok }
        if let outputPerMTok { m.pricing.outputPerMTok = outputPerMTok }
        if let cachedInputPerMTok { m.pricing.cachedInputPerMTok = cachedInputPerMTok }
        if let cacheWritePerMTok { m.pricing.cacheWritePerMTok = cacheWritePerMTok }
        if let pricesReadOn { m.pricing.readOn = pricesReadOn }
        if let contextWindow { m.contextWindow = contextWindow }
        if let maxOutputTokens { m.maxOutputTokens = maxOutputTokens }
        if let capabilities { m.capabilities = capabilities }
        if let quality {
            var values = m.abilities.byCategory
            for (category, value) in quality { values[category.index] = value }
            m.abilities = ModelAbilities(byCategory: values)
            m.qualityBasis = "configured"
        }
        if let ttftMs { m.seedLatency.ttftMs = ttftMs }
        if let tokensPerSecond { m.seedLatency.tokensPerSecond = tokensPerSecond }
        if let reasoningTokenFactor { m.reasoningTokenFactor = reasoningTokenFactor }
        if let activeParamsB {
            m.activeParamsB = activeParamsB
            if carbonGramsPer1kTokens == nil { m.carbonGramsPer1kTokens = Catalog.carbonGramsPer1k(activeParamsB: activeParamsB) }
        }
        if let carbonGramsPer1kTokens { m.carbonGramsPer1kTokens = carbonGramsPer1kTokens }
        if let legacy { m.legacy = legacy }
        return m
    }

    /// A new entry built from this override alone.
    public func complete() throws(CatalogError) -> CatalogModel {
        func need<T>(_ value: T?, _ field: String) throws(CatalogError) -> T {
            guard let value else {
                throw CatalogError(.incompleteEntry, model: id, "a new model needs '\(field)'")
            }
            return value
        }
        let quality = try need(quality, "quality")
        guard !quality.isEmpty else { throw CatalogError(.incompleteEntry, model: id, "'quality' is empty") }
        let mean = quality.values.reduce(0, +) / Double(quality.count)
        return CatalogModel(
            id: id,
            family: family ?? "custom",
            host: host ?? family ?? "custom",
            aliases: aliases ?? [],
            pricing: Pricing(
                inputPerMTok: try need(inputPerMTok, "input price"),
                outputPerMTok: try need(outputPerMTok, "output price"),
                cachedInputPerMTok: cachedInputPerMTok,
                cacheWritePerMTok: cacheWritePerMTok,
                readOn: pricesReadOn ?? "configured"
            ),
            contextWindow: try need(contextWindow, "context window"),
            maxOutputTokens: try need(maxOutputTokens, "max output tokens"),
            capabilities: capabilities ?? [],
            abilities: ModelAbilities(quality, default: mean),
            qualityBasis: "configured",
            seedLatency: LatencySeed(ttftMs: ttftMs ?? 800, tokensPerSecond: tokensPerSecond ?? 60),
            activeParamsB: activeParamsB ?? 70,
            reasoningTokenFactor: reasoningTokenFactor ?? 1,
            carbonGramsPer1kTokens: carbonGramsPer1kTokens,
            legacy: legacy ?? false
        )
    }
}
