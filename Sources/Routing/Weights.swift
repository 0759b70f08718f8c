/// How much a router cares about each objective; each in 0...1, normalised to sum 1 when compiled.
public struct Weights: Sendable, Equatable {
    public var cost: Double
    public var quality: Double
    public var latency: Double
    public var carbon: Double

    public init(cost: Double = 0, quality: Double = 0, latency: Double = 0, carbon: Double = 0) {
        self.cost = cost
        self.quality = quality
        self.latency = latency
        self.carbon = carbon
    }

    public var sum: Double { cost + quality + latency + carbon }

    /// Why these weights cannot be used, or nil when they can.
    public var problem: RoutingConfigError.Code? {
        let all = [cost, quality, latency, carbon]
        if all.contains(where: { !$0.isFinite || $0 < 0 || $0 > 1 }) { return .invalidWeight }
        if sum <= 0 { return .zeroWeights }
        return nil
    }

    /// The same proportions summing to 1; callers check `problem` first (all-zero stays all-zero).
    public var normalized: Weights {
        let total = sum
        guard total > 0 else { return self }
        return Weights(cost: cost / total, quality: quality / total, latency: latency / total, carbon: carbon / total)
    }
}
