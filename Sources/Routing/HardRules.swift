/// Request-independent constraints a router adds to the per-request hard filters.
public struct HardRules: Sendable, Equatable {
    /// Capabilities every candidate must have, whatever the request needs (e.g. `.tools` for an agent router).
    public var requires: Capabilities
    /// Provider families allowed; nil allows all.
    public var families: [String]?
    /// Upper bound on a candidate's output price, USD per 1M tokens.
    public var maxOutputPricePerMTok: Double?

    public init(requires: Capabilities = [], families: [String]? = nil, maxOutputPricePerMTok: Double? = nil) {
        self.requires = requires
        self.families = families
        self.maxOutputPricePerMTok = maxOutputPricePerMTok
    }
}
