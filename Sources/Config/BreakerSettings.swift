/// When a circuit breaker opens and how long it rests, as the configuration says.
///
/// Below `minimumRequests` calls in the window, `failures` failures open it; from there on an
/// error rate of at least `errorRate` does. Invariants after loading: every count and duration
/// is greater than zero, `windowMs >= 10` (the window has ten buckets) and `errorRate` is in (0, 1].
public struct BreakerSettings: Sendable, Hashable {
    public var failures: Int
    public var windowMs: Int
    public var errorRate: Double
    public var minimumRequests: Int
    /// How long the first opening lasts before one probe is let through (it grows on failed probes).
    public var cooldownMs: Int

    /// Deployments: 5 failures or a 50% error rate from 20 calls, in 30 s; 5 s cooldown.
    public static let deployment = BreakerSettings(failures: 5, windowMs: 30_000, errorRate: 0.5, minimumRequests: 20,
                                                   cooldownMs: 5_000)
    /// Provider keys: 3 failures, 10 s cooldown, the rest as for deployments.
    public static let key = BreakerSettings(failures: 3, windowMs: 30_000, errorRate: 0.5, minimumRequests: 20,
                                            cooldownMs: 10_000)

    /// The smallest window: the breaker counts in ten buckets.
    public static let minimumWindowMs = 10

    public init(failures: Int, windowMs: Int, errorRate: Double, minimumRequests: Int, cooldownMs: Int) {
        self.failures = failures
        self.windowMs = windowMs
        self.errorRate = errorRate
        self.minimumRequests = minimumRequests
        self.cooldownMs = cooldownMs
    }
}
