/// The attempts of one request, produced lazily: the model's deployments then its fallbacks (or
/// the router's plan), with retries, key rotation, health and the request's limits applied.
///
/// Per request: `next(after: nil, now:)` gives the first attempt; send it after its
/// `delayMs`; `record(_:_:now:)` its outcome, which returns the verdict; pass that verdict to
/// `next(after:now:)` until it returns nil. Call `commit()` the moment the first byte goes to
/// the client: from then on nothing is retried. Every attempt handed out must be recorded
/// exactly once (`.failed(.canceled)` when the client left), or its key and probe stay claimed.
///
/// Not `Sendable`: it shares the loop's `HealthRegistry` and key pools, and lives in one task.
public struct AttemptPlan {
    /// Why the plan handed out its last attempt.
    public enum End: String, Sendable, Hashable {
        case succeeded
        /// The last failure cannot be fixed by another attempt (a 400, a content-policy refusal).
        case notRetryable = "not_retryable"
        /// Bytes had reached the client when the attempt failed.
        case committed
        case attemptsExhausted = "attempts_exhausted"
        case budgetExhausted = "budget_exhausted"
        /// Every candidate was tried, unhealthy, or too small for the request.
        case candidatesExhausted = "candidates_exhausted"
        /// Not even a first attempt was possible (no candidate, or every key revoked).
        case noCandidate = "no_candidate"
    }

    public let candidates: [Candidate]
    public let policy: RetryPolicy
    let health: HealthRegistry?
    let affinity: AffinityKey?
    /// When the request began; the budget runs from here.
    public let startedAt: UInt64
    var random: SplitMix64
    /// Every recorded attempt, in order.
    public internal(set) var records: [AttemptRecord] = []
    public internal(set) var end: End?
    public internal(set) var isCommitted = false
    var attemptsOn: [Int]
    /// Keys that failed this request through their own fault (401/403/429), per candidate.
    var failedKeys: [Set<Int>]
    /// Candidates must have a context window of at least this many tokens (after a
    /// context-length failure).
    var requiredContext = 0
    var issued = 0
    /// A retry was given up because its wait would have overrun the budget.
    var budgetRefused = false
    var pending: Attempt?
    var last: Attempt?

    /// - Parameters:
    ///   - health: breakers to consult and feed; nil ignores health (tests, tools).
    ///   - affinity: the conversation's key, so its requests keep their key while it is healthy.
    ///   - seed: seeds the backoff jitter (a request id hash, say), so a run can be replayed.
    public init(candidates: [Candidate], policy: RetryPolicy = RetryPolicy(), health: HealthRegistry? = nil,
                affinity: AffinityKey? = nil, seed: UInt64 = 0, now: UInt64) {
        var candidates = candidates
        for index in candidates.indices where candidates[index].label.isEmpty {
            candidates[index].label = "d\(index + 1)"
        }
        self.candidates = candidates
        self.policy = policy
        self.health = health
        self.affinity = affinity
        startedAt = now
        random = SplitMix64(seed: seed)
        attemptsOn = Array(repeating: 0, count: candidates.count)
        failedKeys = Array(repeating: [], count: candidates.count)
    }

    /// The attempts as the ledger shows them: `d1:429@p#1a2b3c4d,d1:503@p#1a2b3c4d,d2:200`.
    public var summary: String { AttemptRecord.summary(of: records) }

    /// Milliseconds of the retry budget left at `now`.
    public func remainingMs(now: UInt64) -> UInt64 {
        let elapsed = now &- startedAt
        return elapsed >= policy.budgetMs ? 0 : policy.budgetMs - elapsed
    }

    /// The first byte of an answer is on its way to the client: no retry from here on.
    public mutating func commit() { isCommitted = true }

    /// The next attempt, or nil when the request is over (see `end`). Pass nil for the first
    /// attempt, then the verdict `record` returned for the previous one.
    public mutating func next(after failure: FailureClass?, now: UInt64) -> Attempt? {
        if let pending { abandon(pending, now: now) }
        guard end == nil else { return nil }
        guard let last else { return first(now: now) }
        guard let failure else { return finish(.succeeded) }
        if isCommitted { return finish(.committed) }
        if failure.action == .stop { return finish(.notRetryable) }
        if issued >= policy.maxAttempts { return finish(.attemptsExhausted) }
        if remainingMs(now: now) == 0 { return finish(.budgetExhausted) }
        let current = last.candidate
        let attempt: Attempt?
        switch failure.action {
        case .retrySame where failure.blame == .key:
            // Another key first (no wait: the key was the problem), then another candidate, and
            // only then the same key again once its `retry-after` has passed.
            attempt = retryOtherKey(current, now: now) ?? moveOn(from: current + 1, now: now)
                ?? waitForKey(current, failure, now: now)
        case .retrySame:
            attempt = retrySame(current, failure, now: now) ?? moveOn(from: current + 1, now: now)
        case .fallback:
            attempt = moveOn(from: current + 1, now: now) ?? retrySame(current, failure, now: now)
        case .fallbackLargerContext:
            // An unknown window is taken as zero: any candidate whose window is known counts as larger.
            requiredContext = max(requiredContext, (candidates[current].contextWindow ?? 0) + 1)
            attempt = moveOn(from: current + 1, now: now)
        case .stop:
            attempt = nil
        }
        guard let attempt else {
            return finish(budgetRefused || remainingMs(now: now) == 0 ? .budgetExhausted : .candidatesExhausted)
        }
        return attempt
    }

    mutating func finish(_ reason: End) -> Attempt? {
        end = reason
        return nil
    }
}
