/// One group of a spend report: request count, tokens, cost, errors and latency percentiles.
public struct SpendRow: Sendable, Equatable {
    public var group: String
    public var requests: Int
    public var inputTokens: Int
    public var outputTokens: Int
    public var costMicros: Int64
    public var errors: Int
    /// Latency percentiles (nearest rank) over the group's successful requests; nil if none.
    public var p50Ms: Double?
    public var p95Ms: Double?

    public init(
        group: String, requests: Int, inputTokens: Int, outputTokens: Int, costMicros: Int64,
        errors: Int, p50Ms: Double?, p95Ms: Double?
    ) {
        self.group = group
        self.requests = requests
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costMicros = costMicros
        self.errors = errors
        self.p50Ms = p50Ms
        self.p95Ms = p95Ms
    }

    public var costUSD: Double { Double(costMicros) / 1_000_000 }
}
