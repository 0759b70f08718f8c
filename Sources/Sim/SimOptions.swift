/// How the simulator behaves: latency, throughput, injected failures and the advertised models.
public struct SimOptions: Sendable, Equatable {
    /// Delay before the first token (before the response head, so a gateway's first-byte
    /// timeout sees it), in milliseconds.
    public var ttftMs: UInt64
    /// Generation speed after the first token; 0 sends everything at once.
    public var tokensPerSecond: Double
    /// Fraction of chat requests (0...1) answered with `failStatus` instead of a completion.
    public var failRate: Double
    /// The status of injected failures (429, 500, 503, …).
    public var failStatus: Int
    /// `retry-after` seconds on injected failures; 429s send 1 when this is nil.
    public var retryAfter: Int?
    /// Seeds fault selection, so a run's sequence of failures repeats.
    public var seed: UInt64
    /// Ids listed by `GET /v1/models`. Chat requests may name any model.
    public var models: [String]

    public static let defaultModels = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini"]

    public init(
        ttftMs: UInt64 = 0, tokensPerSecond: Double = 0, failRate: Double = 0, failStatus: Int = 500,
        retryAfter: Int? = nil, seed: UInt64 = 0, models: [String] = SimOptions.defaultModels
    ) {
        self.ttftMs = ttftMs
        self.tokensPerSecond = tokensPerSecond.isFinite ? max(0, tokensPerSecond) : 0
        self.failRate = failRate.isFinite ? min(1, max(0, failRate)) : 0
        self.failStatus = failStatus
        self.retryAfter = retryAfter
        self.seed = seed
        self.models = models
    }

    /// Latency of a typical hosted model: 300 ms to first token, then 60 tokens per second.
    public static let realistic = SimOptions(ttftMs: 300, tokensPerSecond: 60)
}
