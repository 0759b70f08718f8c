/// Limits and pacing for retries: attempt counts, a time budget, exponential backoff with full
/// jitter, and how much of a provider's `retry-after` is worth waiting.
///
/// Retries only ever happen before the first byte reaches the client: once it has, a second
/// answer could only be duplicated or spliced into the first (`mayRetry(clientHasBytes:)`).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts per request across all candidates, the first included.
    public var maxAttempts: Int
    /// Attempts on one candidate before moving on.
    public var maxAttemptsPerCandidate: Int
    /// No attempt starts later than this after the request began (its own deadlines still apply;
    /// `Attempt.remainingMs` lets the caller shorten them).
    public var budgetMs: UInt64
    /// The backoff ceiling of the first retry; it doubles per retry on the same candidate.
    public var baseDelayMs: UInt64
    public var maxDelayMs: UInt64
    /// A `retry-after` longer than this is not waited for: that candidate is given up instead.
    public var maxRetryAfterMs: UInt64

    public init(maxAttempts: Int = 4, maxAttemptsPerCandidate: Int = 2, budgetMs: UInt64 = 60_000,
                baseDelayMs: UInt64 = 50, maxDelayMs: UInt64 = 2_000, maxRetryAfterMs: UInt64 = 10_000) {
        self.maxAttempts = maxAttempts
        self.maxAttemptsPerCandidate = maxAttemptsPerCandidate
        self.budgetMs = budgetMs
        self.baseDelayMs = baseDelayMs
        self.maxDelayMs = maxDelayMs
        self.maxRetryAfterMs = maxRetryAfterMs
    }

    /// One attempt and no retry.
    public static let none = RetryPolicy(maxAttempts: 1, maxAttemptsPerCandidate: 1)

    public func validate() throws(ReliabilityError) {
        guard maxAttempts >= 1 else { throw ReliabilityError(.invalidPolicy, "max_attempts must be at least 1") }
        guard maxAttemptsPerCandidate >= 1 else {
            throw ReliabilityError(.invalidPolicy, "max_attempts_per_candidate must be at least 1")
        }
        guard budgetMs > 0 else { throw ReliabilityError(.invalidPolicy, "the retry budget must be positive") }
        guard baseDelayMs <= maxDelayMs else {
            throw ReliabilityError(.invalidPolicy, "the base backoff must not exceed the maximum backoff")
        }
    }

    /// Whether anything may be retried: never once bytes of an answer reached the client.
    public static func mayRetry(clientHasBytes: Bool) -> Bool { !clientHasBytes }

    /// The backoff ceiling before retry number `retry` (1 for the first retry):
    /// `min(maxDelayMs, baseDelayMs * 2^(retry-1))`.
    public func backoffCeiling(retry: Int) -> UInt64 {
        guard retry >= 1, baseDelayMs > 0 else { return 0 }
        let shift = min(retry - 1, 40)
        let (value, overflow) = baseDelayMs.multipliedReportingOverflow(by: 1 << UInt64(shift))
        return overflow ? maxDelayMs : min(maxDelayMs, value)
    }

    /// Full jitter: uniform in `0...backoffCeiling(retry:)`, so retries of many requests that
    /// failed together spread out instead of arriving together.
    public func backoff(retry: Int, using random: inout some RandomNumberGenerator) -> UInt64 {
        let ceiling = backoffCeiling(retry: retry)
        guard ceiling > 0 else { return 0 }
        return random.next() % (ceiling + 1)
    }

    /// The wait before retry number `retry` on the same candidate: the jittered backoff, or the
    /// provider's `retry-after` when that is longer. Nil when `retry-after` exceeds
    /// `maxRetryAfterMs`: waiting that long is worse than giving the candidate up.
    public func retryDelay(retry: Int, retryAfterMs: UInt64?,
                           using random: inout some RandomNumberGenerator) -> UInt64? {
        let jittered = backoff(retry: retry, using: &random)
        guard let retryAfterMs else { return jittered }
        guard retryAfterMs <= maxRetryAfterMs else { return nil }
        return max(jittered, retryAfterMs)
    }
}
