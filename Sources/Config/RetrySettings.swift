/// How requests are retried, as the configuration says: attempt count, backoff and a time limit.
///
/// Invariants after loading: `maxAttempts`, `maxBackoffMs` and `timeLimitMs` are greater than
/// zero and `baseBackoffMs <= maxBackoffMs`. The gateway turns it into a `RetryPolicy`.
public struct RetrySettings: Sendable, Hashable {
    /// Attempts per request across all deployments, the first included.
    public var maxAttempts: Int
    /// The backoff ceiling of the first retry on a deployment; it doubles per retry.
    public var baseBackoffMs: Int
    public var maxBackoffMs: Int
    /// No attempt starts later than this after the request arrived.
    public var timeLimitMs: Int

    /// 4 attempts, 50 ms doubling up to 2 s, 60 s in all (the built-in `RetryPolicy`).
    public static let `default` = RetrySettings(maxAttempts: 4, baseBackoffMs: 50, maxBackoffMs: 2_000, timeLimitMs: 60_000)

    public init(maxAttempts: Int, baseBackoffMs: Int, maxBackoffMs: Int, timeLimitMs: Int) {
        self.maxAttempts = maxAttempts
        self.baseBackoffMs = baseBackoffMs
        self.maxBackoffMs = maxBackoffMs
        self.timeLimitMs = timeLimitMs
    }
}

/// The `reliability:` section: retries and circuit breakers for the whole gateway; models and
/// routers may override parts of it.
public struct ReliabilitySettings: Sendable, Hashable {
    public var retry: RetrySettings
    /// The breaker of each deployment (`provider/upstream-model`).
    public var breaker: BreakerSettings
    /// The breaker of each provider key.
    public var keyBreaker: BreakerSettings

    public static let `default` = ReliabilitySettings(retry: .default, breaker: .deployment, keyBreaker: .key)

    public init(retry: RetrySettings, breaker: BreakerSettings, keyBreaker: BreakerSettings) {
        self.retry = retry
        self.breaker = breaker
        self.keyBreaker = keyBreaker
    }
}
