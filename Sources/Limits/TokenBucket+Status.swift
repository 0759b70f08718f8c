extension TokenBucket {
    /// Whole tokens available as of `updatedAt`, never negative: `x-ratelimit-remaining-*`.
    public var remaining: Int64 { level > 0 ? level / Self.unitsPerToken : 0 }

    /// Milliseconds from `updatedAt` until the bucket is full again: `x-ratelimit-reset-*`.
    public var msUntilFull: Int64 {
        let deficit = capacity &- level
        let rate = limit.perMinute
        // A zero rate has a zero capacity; a debt there is never repaid, so report it as full.
        guard deficit > 0, rate > 0 else { return 0 }
        return (deficit &+ rate &- 1) / rate
    }

    /// Whether the bucket would be full at `now`, without changing it. A full bucket is the state
    /// a new bucket starts in, so forgetting it loses nothing (see `KeyedLimiter` eviction).
    public func isFull(at now: Int64) -> Bool {
        level >= capacity || now &- updatedAt >= msUntilFull
    }

    /// The bucket's figures as of `updatedAt`, for headers and denials.
    public var status: LimitStatus {
        LimitStatus(limit: limit.perMinute, remaining: remaining, resetAt: updatedAt &+ msUntilFull)
    }
}
