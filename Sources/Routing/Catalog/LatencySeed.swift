/// Typical latency of a model before any live measurement: the starting point of `LiveStats`.
public struct LatencySeed: Sendable, Equatable {
    /// Time to first token in milliseconds, including hidden reasoning at the default effort.
    public var ttftMs: Double
    /// Output tokens per second once streaming.
    public var tokensPerSecond: Double

    public init(ttftMs: Double, tokensPerSecond: Double) {
        self.ttftMs = ttftMs
        self.tokensPerSecond = tokensPerSecond
    }

    /// Milliseconds until `outputTokens` have been streamed.
    @inlinable
    public func latencyMs(outputTokens: Double) -> Double {
        ttftMs + outputTokens * 1000 / tokensPerSecond
    }
}
