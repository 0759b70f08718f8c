/// List prices of one model in USD per million tokens, with the date they were read.
public struct Pricing: Sendable, Equatable {
    public var inputPerMTok: Double
    public var outputPerMTok: Double
    /// Price of input tokens served from the provider's prompt cache; nil when there is none.
    public var cachedInputPerMTok: Double?
    /// Price of writing input into the prompt cache (Anthropic style); nil when writes cost nothing extra.
    public var cacheWritePerMTok: Double?
    /// ISO date (YYYY-MM-DD) the prices were read from the source.
    public var readOn: String

    public init(
        inputPerMTok: Double,
        outputPerMTok: Double,
        cachedInputPerMTok: Double? = nil,
        cacheWritePerMTok: Double? = nil,
        readOn: String
    ) {
        self.inputPerMTok = inputPerMTok
        self.outputPerMTok = outputPerMTok
        self.cachedInputPerMTok = cachedInputPerMTok
        self.cacheWritePerMTok = cacheWritePerMTok
        self.readOn = readOn
    }

    /// USD for one call; `cachedShare` (0...1) of the input is billed at the cached price when there is one.
    @inlinable
    public func cost(inputTokens: Double, outputTokens: Double, cachedShare: Double = 0) -> Double {
        let cachedPrice = cachedInputPerMTok ?? inputPerMTok
        let input = inputTokens * ((1 - cachedShare) * inputPerMTok + cachedShare * cachedPrice)
        return (input + outputTokens * outputPerMTok) * 1e-6
    }
}
