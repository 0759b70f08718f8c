/// One breaker's state at a moment, as `/metrics` and `GET /admin/health` show it.
public struct HealthEntry: Sendable, Hashable {
    public var target: HealthTarget
    public var state: CircuitBreaker.State
    /// Calls and failures in the breaker's current window.
    public var windowCalls: Int
    public var windowFailures: Int
    /// Times the breaker has opened since the process started.
    public var openings: Int
    /// Until the probe is allowed, while open; 0 otherwise.
    public var retryInMs: UInt64
    /// The cooldown the current (or next) opening lasts.
    public var cooldownMs: UInt64

    init(target: HealthTarget, breaker: CircuitBreaker, now: UInt64) {
        self.target = target
        state = breaker.state(now: now)
        let counts = breaker.windowCounts(now: now)
        windowCalls = counts.total
        windowFailures = counts.failures
        openings = breaker.openings
        retryInMs = state == .open ? breaker.openUntil &- now : 0
        cooldownMs = breaker.cooldownMs
    }
}
