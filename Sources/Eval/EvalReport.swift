/// Everything `switchyard eval` measures on one test suite.
public struct EvalReport: Sendable {
    public var suite: String
    /// Router name as asked for (`threshold`, `utility`).
    public var router: String
    public var records: Int
    /// Test records dropped for missing a model's score or cost.
    public var skipped: Int
    public var models: [String]
    /// Always using each model, by name.
    public var singles: [String: QualityCost]
    public var strongest: String
    public var oracle: QualityCost
    /// The router at each calibrated target, in `SuiteCalibration.targets` order.
    public var operatingPoints: [OperatingPoint]
    /// The router's whole cost-quality curve on the test records (traced, not tuned).
    public var curve: [QualityCost]
    /// RouteLLM's metrics, when the suite has exactly two models.
    public var twoModel: TwoModelMetrics?

    /// The router at its strictest calibrated target (100% of the strongest model's quality).
    public var routerPoint: QualityCost {
        operatingPoints.first?.result ?? singles[strongest]!
    }

    public init(
        suite: String, router: String, records: Int, skipped: Int, models: [String],
        singles: [String: QualityCost], strongest: String, oracle: QualityCost,
        operatingPoints: [OperatingPoint], curve: [QualityCost], twoModel: TwoModelMetrics?
    ) {
        self.suite = suite
        self.router = router
        self.records = records
        self.skipped = skipped
        self.models = models
        self.singles = singles
        self.strongest = strongest
        self.oracle = oracle
        self.operatingPoints = operatingPoints
        self.curve = curve
        self.twoModel = twoModel
    }
}
