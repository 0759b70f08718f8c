/// The utility rule: the eligible candidate with the highest q̂ − knob · ĉ / reference cost wins.
///
/// Costs stay absolute (not normalised over the candidates, unlike `Scorer`), so one knob trades
/// quality for money at the same rate on every request: an expensive request (long prompt, long
/// answer) leaves the strong model at a quality gap a cheap request would not. This is the rule
/// the offline evaluation calibrates (`switchyard eval --router utility`), which is why its knob
/// and reference cost can be copied from `router train` into a router's configuration.
public struct UtilityRule: Sendable, Equatable {
    /// Predicted quality (0...1) the router gives up to save `referenceCostUSD` on a call; 0 picks
    /// the best predicted quality, larger knobs pick cheaper models.
    public var knob: Double
    /// The unit of money the knob is priced in, USD per call (a typical call to the strongest model).
    public var referenceCostUSD: Double
    /// Knobs for some task categories (`knob_by_category`), replacing `knob` for requests of that
    /// category: where the predictions are more or less trustworthy than elsewhere, one exchange
    /// rate is not the cheapest way to a quality target (calibrated per category offline).
    public private(set) var knobByCategory: [TaskCategory: Double]
    /// `knobByCategory` with `knob` filled in, by `TaskCategory.index`: read on the request path.
    private var knobs: [Double]

    public init(knob: Double, referenceCostUSD: Double, knobByCategory: [TaskCategory: Double] = [:]) {
        self.knob = knob
        self.referenceCostUSD = referenceCostUSD
        self.knobByCategory = knobByCategory
        knobs = TaskCategory.allCases.map { knobByCategory[$0] ?? knob }
    }

    /// Why this rule cannot be used, or nil when it can.
    public var problem: String? {
        if !knobs.allSatisfy({ $0.isFinite && $0 >= 0 }) || !(knob.isFinite && knob >= 0) {
            return "knob (and every knob_by_category) must be a finite number ≥ 0"
        }
        if !(referenceCostUSD.isFinite && referenceCostUSD > 0) { return "reference_cost_usd must be a finite number > 0" }
        return nil
    }

    /// The knob for a request of `category`.
    @inline(__always)
    public func knob(for category: TaskCategory) -> Double { knobs[category.index] }

    /// The utility of a candidate with predicted quality `quality` and estimated cost `costUSD`
    /// on a request of `category`.
    @inline(__always)
    public func value(quality: Double, costUSD: Double, category: TaskCategory) -> Double {
        quality - knobs[category.index] * costUSD / referenceCostUSD
    }

    public static func == (a: UtilityRule, b: UtilityRule) -> Bool {
        a.knob == b.knob && a.referenceCostUSD == b.referenceCostUSD && a.knobByCategory == b.knobByCategory
    }

    /// Rank order: higher utility, then lower cost, then higher quality. Callers break the last
    /// tie by candidate order, so the gateway and the offline replay agree exactly.
    @inline(__always)
    public static func ranksBefore(
        value a: Double, cost costA: Double, quality qualityA: Double,
        value b: Double, cost costB: Double, quality qualityB: Double
    ) -> Bool {
        if a != b { return a > b }
        if costA != costB { return costA < costB }
        return qualityA > qualityB
    }
}
