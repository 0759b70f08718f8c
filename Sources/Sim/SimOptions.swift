/// How the simulator behaves: latency, throughput, injected faults and the advertised models.
public struct SimOptions: Sendable, Equatable {
    /// Delay before the first token (before the response head, so a gateway's first-byte
    /// timeout sees it), in milliseconds.
    public var ttftMs: UInt64
    /// Generation speed after the first token; 0 sends everything at once.
    public var tokensPerSecond: Double
    /// Faults for every model that `modelFaults` does not name.
    public var faults: SimFaults
    /// Faults by model: a key is an exact model name, or a prefix when it ends in `*`
    /// (`"primary-*"`). The exact name wins, then the longest prefix; a match replaces
    /// `faults` entirely, so `SimFaults.none` exempts a model.
    public var modelFaults: [String: SimFaults]
    /// Seeds fault selection, so a run's sequence of failures repeats.
    public var seed: UInt64
    /// Ids listed by `GET /v1/models`. Chat requests may name any model.
    public var models: [String]

    public static let defaultModels = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini"]

    public init(
        ttftMs: UInt64 = 0, tokensPerSecond: Double = 0, failRate: Double = 0, failStatus: Int = 500,
        retryAfter: Int? = nil, seed: UInt64 = 0, models: [String] = SimOptions.defaultModels,
        faults: SimFaults? = nil, modelFaults: [String: SimFaults] = [:]
    ) {
        self.ttftMs = ttftMs
        self.tokensPerSecond = tokensPerSecond.isFinite ? max(0, tokensPerSecond) : 0
        self.faults = faults ?? SimFaults(failRate: failRate, failStatus: failStatus, retryAfter: retryAfter)
        self.modelFaults = modelFaults
        self.seed = seed
        self.models = models
    }

    /// Fraction of chat requests (0...1) answered with `failStatus`, for every model.
    public var failRate: Double {
        get { faults.failRate }
        set { faults.failRate = SimFaults.clamped(newValue) }
    }

    /// The status of injected failures (429, 500, 503, …).
    public var failStatus: Int {
        get { faults.failStatus }
        set { faults.failStatus = newValue }
    }

    /// `retry-after` seconds on injected failures; 429s send 1 when this is nil.
    public var retryAfter: Int? {
        get { faults.retryAfter }
        set { faults.retryAfter = newValue }
    }

    /// The faults that apply to `model`.
    public func faults(forModel model: String) -> SimFaults {
        guard !modelFaults.isEmpty else { return faults }
        if let exact = modelFaults[model] { return exact }
        var best: (length: Int, faults: SimFaults)?
        for (pattern, faults) in modelFaults where pattern.hasSuffix("*") {
            let prefix = pattern.dropLast()
            if model.hasPrefix(prefix), prefix.count > (best?.length ?? -1) { best = (prefix.count, faults) }
        }
        return best?.faults ?? faults
    }

    /// Latency of a typical hosted model: 300 ms to first token, then 60 tokens per second.
    public static let realistic = SimOptions(ttftMs: 300, tokensPerSecond: 60)
}
