/// A per-minute rate with a burst: `perMinute` units refill continuously, up to `burst` held.
///
/// `RateLimit(perMinute: N)` is the RPM / TPM reading of a limit: a burst of N at once, then
/// N spread over each minute. Values are clamped to `0 ... maxValue` so that the bucket's
/// fixed-point arithmetic (1/60,000 of a unit) cannot overflow. A rate of 0 blocks everything.
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    /// Largest rate or burst accepted (about 1.1e12); 2^40 × 60,000 stays far below `Int64.max`.
    public static let maxValue: Int64 = 1 << 40

    /// Units added per minute, continuously.
    public let perMinute: Int64
    /// Units the bucket holds when full; what an idle scope may spend at once.
    public let burst: Int64

    /// A rate of `perMinute`, with a burst equal to the rate unless given.
    public init(perMinute: Int64, burst: Int64? = nil) {
        let rate = min(max(perMinute, 0), Self.maxValue)
        self.perMinute = rate
        // Without refill a non-empty bucket would be a one-off quota, not a rate: treat it as closed.
        self.burst = rate == 0 ? 0 : min(max(burst ?? rate, 0), Self.maxValue)
    }

    public var description: String {
        burst == perMinute ? "\(perMinute)/min" : "\(perMinute)/min burst \(burst)"
    }
}
