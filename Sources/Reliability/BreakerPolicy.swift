/// When a circuit breaker opens and how long it stays open.
///
/// Opening rules, over a sliding window of `windowMs`:
/// - below `minimumVolume` calls in the window, `failureThreshold` failures open it;
/// - from `minimumVolume` calls on, an error rate of at least `errorRate` opens it.
/// The count rule stops at the minimum volume on purpose: on a busy deployment N failures may be
/// a fraction of a percent of its traffic, and only the rate says whether it is unhealthy.
public struct BreakerPolicy: Sendable, Hashable {
    public var failureThreshold: Int
    public var windowMs: UInt64
    /// Fraction of failed calls (0...1] that opens the breaker once the volume is reached.
    public var errorRate: Double
    public var minimumVolume: Int
    /// How long the first opening lasts before one probe is let through.
    public var cooldownMs: UInt64
    /// Each failed probe multiplies the cooldown by this, up to `maxCooldownMs`.
    public var cooldownGrowth: Double
    public var maxCooldownMs: UInt64
    /// A probe whose outcome never arrives frees its slot after this long.
    public var probeTimeoutMs: UInt64

    public init(failureThreshold: Int = 5, windowMs: UInt64 = 30_000, errorRate: Double = 0.5,
                minimumVolume: Int = 20, cooldownMs: UInt64 = 5_000, cooldownGrowth: Double = 2,
                maxCooldownMs: UInt64 = 300_000, probeTimeoutMs: UInt64 = 120_000) {
        self.failureThreshold = failureThreshold
        self.windowMs = windowMs
        self.errorRate = errorRate
        self.minimumVolume = minimumVolume
        self.cooldownMs = cooldownMs
        self.cooldownGrowth = cooldownGrowth
        self.maxCooldownMs = maxCooldownMs
        self.probeTimeoutMs = probeTimeoutMs
    }

    public func validate() throws(ReliabilityError) {
        guard failureThreshold >= 1, minimumVolume >= 1 else {
            throw ReliabilityError(.invalidPolicy, "breaker thresholds must be at least 1")
        }
        guard windowMs >= UInt64(BreakerWindow.bucketCount) else {
            throw ReliabilityError(.invalidPolicy, "the breaker window must be at least \(BreakerWindow.bucketCount) ms")
        }
        guard errorRate > 0, errorRate <= 1 else {
            throw ReliabilityError(.invalidPolicy, "the breaker error rate must be in (0, 1]")
        }
        guard cooldownMs > 0, cooldownMs <= maxCooldownMs, cooldownGrowth >= 1, cooldownGrowth.isFinite else {
            throw ReliabilityError(.invalidPolicy, "cooldowns must be positive, growing, and below their maximum")
        }
    }

    /// The cooldown after one more failed probe.
    func grown(_ cooldown: UInt64) -> UInt64 {
        let next = Double(cooldown) * cooldownGrowth
        return next >= Double(maxCooldownMs) ? maxCooldownMs : max(cooldown, UInt64(next))
    }
}
