/// One request as the ledger keeps it: attribution, routing, outcome, usage, cost and timing.
///
/// Every request gets exactly one row, rejected and failed ones included. No prompt or
/// completion text unless the configuration turns it on (`bodies`).
public struct LedgerRow: Sendable, Equatable {
    /// When the request arrived, milliseconds since the Unix epoch (UTC).
    public var timeMs: Int64
    public var requestID: String
    /// The virtual key's id (never the secret); nil when the request had no valid key.
    public var keyID: String?
    public var team: String?
    /// The key's tags merged with the request's own (`x-switchyard-tags`, `metadata`, `user`).
    public var tags: [String: String]
    /// The dialect the client spoke: `openai` (chat completions, embeddings) or `anthropic`.
    public var dialect: String
    /// The `model` field as the client sent it: a model, an alias or a router id.
    public var requestedModel: String?
    /// The router that chose the model, when one did.
    public var router: String?
    public var servedModel: String?
    public var provider: String?
    public var deployment: String?
    /// The router's plan in short text form (candidates, scores, reasons).
    public var routerPlan: String?
    /// The HTTP status answered to the client (499 when the client went away).
    public var status: Int
    /// Why the request failed (`rate_limited`, `upstream_timeout`, …); nil when it did not.
    /// A stream that fails after its first byte has status 200 and an error class.
    public var errorClass: String?
    public var inputTokens: Int
    public var outputTokens: Int
    /// Input tokens read from the provider's prompt cache (a subset of `inputTokens`).
    public var cachedTokens: Int
    /// Input tokens written to the provider's prompt cache (a subset of `inputTokens`).
    public var cacheWriteTokens: Int
    /// Reasoning tokens (a subset of `outputTokens`).
    public var reasoningTokens: Int
    /// Cost in micro-USD; integer so sums are exact.
    public var costMicros: Int64
    /// True when usage was estimated from the text because the provider reported none.
    public var costEstimated: Bool
    /// Time to first token in milliseconds; nil when no token came.
    public var ttftMs: Double?
    public var latencyMs: Double
    /// Time the gateway itself spent (before the upstream call and around chunks), milliseconds.
    public var overheadMs: Double
    public var retries: Int
    public var fallbacks: Int
    /// One entry per upstream attempt, comma-separated: `deployment:outcome`, then `@key-id` when
    /// a provider key was used (`openai/gpt-4o:429@openai#3f9a2c1d`; a digest, never the key).
    public var attempts: String?
    public var streamed: Bool
    /// Prompt and completion bodies; nil unless the configuration turns storing them on.
    public var bodies: String?

    public init(
        timeMs: Int64, requestID: String, keyID: String? = nil, team: String? = nil,
        tags: [String: String] = [:], dialect: String, requestedModel: String? = nil,
        router: String? = nil, servedModel: String? = nil, provider: String? = nil,
        deployment: String? = nil, routerPlan: String? = nil, status: Int,
        errorClass: String? = nil, inputTokens: Int = 0, outputTokens: Int = 0,
        cachedTokens: Int = 0, cacheWriteTokens: Int = 0, reasoningTokens: Int = 0,
        costMicros: Int64 = 0, costEstimated: Bool = false, ttftMs: Double? = nil,
        latencyMs: Double, overheadMs: Double = 0, retries: Int = 0, fallbacks: Int = 0,
        attempts: String? = nil, streamed: Bool = false, bodies: String? = nil
    ) {
        self.timeMs = timeMs
        self.requestID = requestID
        self.keyID = keyID
        self.team = team
        self.tags = tags
        self.dialect = dialect
        self.requestedModel = requestedModel
        self.router = router
        self.servedModel = servedModel
        self.provider = provider
        self.deployment = deployment
        self.routerPlan = routerPlan
        self.status = status
        self.errorClass = errorClass
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cachedTokens = cachedTokens
        self.cacheWriteTokens = cacheWriteTokens
        self.reasoningTokens = reasoningTokens
        self.costMicros = costMicros
        self.costEstimated = costEstimated
        self.ttftMs = ttftMs
        self.latencyMs = latencyMs
        self.overheadMs = overheadMs
        self.retries = retries
        self.fallbacks = fallbacks
        self.attempts = attempts
        self.streamed = streamed
        self.bodies = bodies
    }

    /// Whether the row counts as an error in reports: a failure class or a 4xx/5xx answer.
    public var isError: Bool { errorClass != nil || status >= 400 }
}
