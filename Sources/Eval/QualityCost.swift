/// Mean quality and mean cost per call of a routing policy, with an optional share of calls.
public struct QualityCost: Sendable, Equatable {
    public var quality: Double
    public var cost: Double
    /// Fraction of calls that went to the model of interest (the strong one on two-model data).
    public var share: Double?

    public init(quality: Double, cost: Double, share: Double? = nil) {
        self.quality = quality
        self.cost = cost
        self.share = share
    }
}
