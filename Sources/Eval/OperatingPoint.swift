/// The router at one calibrated knob, measured on test.
public struct OperatingPoint: Sendable, Equatable {
    /// Target key: `"1.00"`, `"0.99"`, `"0.95"`.
    public var target: String
    public var knob: Double
    public var result: QualityCost
    /// Test quality as a fraction of the strongest model's test quality.
    public var qualityFraction: Double
    /// 1 − router cost / strongest model's cost, on test.
    public var costSaved: Double

    public init(target: String, knob: Double, result: QualityCost, qualityFraction: Double, costSaved: Double) {
        self.target = target
        self.knob = knob
        self.result = result
        self.qualityFraction = qualityFraction
        self.costSaved = costSaved
    }
}
