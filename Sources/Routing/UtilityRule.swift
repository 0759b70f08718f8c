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

    public init(knob: Double, referenceCostUSD: Double) {
        self.knob = knob
        self.referenceCostUSD = referenceCostUSD
    }

    /// Why this rule cannot be used, or nil when it can.
    public var problem: String? {
        if !(knob.isFinite && knob >= 0) { return "knob must be a finite number ≥ 0" }
        if !(referenceCostUSD.isFinite && referenceCostUSD > 0) { return "reference_cost_usd must be a finite number > 0" }
        return nil
    }

    /// The utility of a candidate with predicted quality `quality` and estimated cost `costUSD`.
    @inline(__always)
    public func value(quality: Double, costUSD: Double) -> Double {
        quality - knob * costUSD / referenceCostUSD
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
