/// The buckets of one scope in a `KeyedLimiter`.
struct LimiterEntry: Sendable {
    /// Requests-per-minute bucket; nil when the scope does not limit requests.
    var requests: TokenBucket?
    /// Tokens-per-minute bucket; nil when the scope does not limit tokens.
    var tokens: TokenBucket?
    /// Last admission or settlement that touched this scope.
    var lastUsed: Int64

    /// Full buckets for the given limits.
    init(requests: RateLimit?, tokens: RateLimit?, now: Int64) {
        self.requests = requests.map { TokenBucket($0, now: now) }
        self.tokens = tokens.map { TokenBucket($0, now: now) }
        lastUsed = now
    }

    /// Adopts the admission's limits (a reloaded configuration) and brings buckets up to `now`.
    mutating func refresh(requests newRequests: RateLimit?, tokens newTokens: RateLimit?, now: Int64) {
        lastUsed = now
        Self.refresh(&requests, newRequests, now: now)
        Self.refresh(&tokens, newTokens, now: now)
    }

    private static func refresh(_ bucket: inout TokenBucket?, _ limit: RateLimit?, now: Int64) {
        guard let limit else {
            bucket = nil
            return
        }
        if bucket == nil {
            bucket = TokenBucket(limit, now: now)
        } else if bucket!.limit != limit {
            bucket!.update(limit, now: now)
        } else {
            bucket!.refill(now: now)
        }
    }

    /// Why this scope refuses one request of `tokens` tokens, or nil; buckets are refilled.
    /// Of the two buckets, the one the client would have to wait for longer is reported.
    func refusal(scope: Int, tokens: Int64) -> Refusal? {
        var refusal: Refusal?
        if let bucket = requests {
            let decision = bucket.check(1)
            if !decision.isAllowed {
                refusal = Refusal(scope: scope, kind: .requests, bucket: bucket, decision: decision, requested: 1)
            }
        }
        if let bucket = self.tokens {
            let decision = bucket.check(tokens)
            if !decision.isAllowed {
                let byTokens = Refusal(
                    scope: scope, kind: .tokens, bucket: bucket, decision: decision, requested: tokens
                )
                if byTokens.outranks(refusal) { refusal = byTokens }
            }
        }
        return refusal
    }

    /// Takes one request and `tokens` tokens, and keeps whichever buckets are left lowest.
    mutating func take(tokens amount: Int64, tightestRequests: inout TokenBucket?, tightestTokens: inout TokenBucket?) {
        if requests != nil {
            requests!.take(1)
            if tightestRequests == nil || requests!.level < tightestRequests!.level { tightestRequests = requests }
        }
        if tokens != nil {
            tokens!.take(amount)
            if tightestTokens == nil || tokens!.level < tightestTokens!.level { tightestTokens = tokens }
        }
    }

    /// Whether forgetting this entry at `now` changes no future answer: every bucket is full
    /// (a re-created bucket starts full) and the scope has been quiet for `idleMs`.
    func isEvictable(at now: Int64, idleMs: Int64) -> Bool {
        now &- lastUsed >= idleMs
            && (requests?.isFull(at: now) ?? true)
            && (tokens?.isFull(at: now) ?? true)
    }
}
