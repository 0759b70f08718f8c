import Routing

/// Router operating points for one dataset suite, calibrated on the training split's out-of-fold
/// predictions and stored with the weights, so evaluation never tunes on test data.
public struct SuiteCalibration: Sendable, Equatable {
    /// The quality targets, as fractions of the strongest model's quality, and their JSON keys.
    public static let targets: [(key: String, fraction: Double)] = [("1.00", 1.0), ("0.99", 0.99), ("0.95", 0.95)]

    /// Quality as a fraction of the strongest model's, and cost saved against it.
    public struct OutOfFoldPoint: Sendable, Equatable {
        public var quality: Double
        public var saved: Double
    }

    public var suite: String
    public var models: [String]
    /// The model with the best mean score on the calibration records: the "always strongest" baseline.
    public var strongest: String
    public var costs: CostTable
    /// policy (raw value) -> target key -> knob.
    public var knobs: [String: [String: Double]]
    /// The utility rule's unit of money (USD): the strongest model's mean predicted cost per call
    /// on the calibration records; a gateway router's `reference_cost_usd`. Nil in weights files
    /// written before it was stored (evaluation then uses the test table's own mean).
    public var utilityCostScale: Double?
    /// Target key -> category (raw value) -> utility knob, from `CategoryKnobSearch`; a gateway
    /// router's `knob_by_category`. Targets no combination reaches are absent.
    public var categoryKnobs: [String: [String: Double]] = [:]
    /// APGR of the out-of-fold predictions on the calibration records (two-model suites; not stored).
    public var outOfFoldAPGR: Double?
    /// policy -> target key -> (quality fraction, cost saved) at the chosen knob on the
    /// calibration records themselves (an optimistic view: the knob was picked there; not stored).
    public var outOfFold: [String: [String: OutOfFoldPoint]] = [:]

    /// The `outOfFold` key of the utility rule with a knob per category.
    public static let byCategory = "utility-by-category"

    /// The calibrated knobs per category for `target`, typed (empty when none were calibrated).
    public func knobByCategory(target: String) -> [TaskCategory: Double] {
        var out: [TaskCategory: Double] = [:]
        for (name, knob) in categoryKnobs[target] ?? [:] {
            if let category = TaskCategory(rawValue: name) { out[category] = knob }
        }
        return out
    }

    public init(suite: String, models: [String], strongest: String, costs: CostTable, knobs: [String: [String: Double]],
                utilityCostScale: Double? = nil) {
        self.suite = suite
        self.models = models
        self.strongest = strongest
        self.costs = costs
        self.knobs = knobs
        self.utilityCostScale = utilityCostScale
    }

    /// Calibrates every policy on `table` (out-of-fold predictions of the suite's training records).
    public static func calibrate(suite: String, table: ReplayTable, costs: CostTable) -> SuiteCalibration {
        let strongest = table.strongest
        let reference = table.single(strongest).quality
        let referenceCost = table.single(strongest).cost
        var knobs: [String: [String: Double]] = [:]
        var seen: [String: [String: OutOfFoldPoint]] = [:]
        for policy in RoutingPolicy.allCases {
            let curve = policy.knobGrid(table).map { knob in
                (knob, table.replay(policy.choices(table, knob: knob, strongest: strongest)))
            }
            var perTarget: [String: Double] = [:]
            for target in targets {
                // The cheapest point that reaches the target; "always strongest" (knob −1) always does.
                let reaching = curve.filter { $0.1.quality >= target.fraction * reference - 1e-12 }
                let point = reaching.min { $0.1.cost != $1.1.cost ? $0.1.cost < $1.1.cost : $0.0 < $1.0 }
                perTarget[target.key] = point?.0 ?? -1
                if let point {
                    seen[policy.rawValue, default: [:]][target.key] = OutOfFoldPoint(quality: point.1.quality / reference, saved: 1 - point.1.cost / referenceCost)
                }
            }
            knobs[policy.rawValue] = perTarget
        }
        let costScale = table.meanPredictedCost(of: strongest)
        var calibration = SuiteCalibration(suite: suite, models: table.models, strongest: table.models[strongest], costs: costs,
                                           knobs: knobs, utilityCostScale: costScale)
        for (key, found) in CategoryKnobSearch.calibrate(table: table, strongest: strongest, costScale: costScale) {
            calibration.categoryKnobs[key] = Dictionary(uniqueKeysWithValues: found.knobs.map { ($0.key.rawValue, $0.value) })
            seen[Self.byCategory, default: [:]][key] = found.point
        }
        calibration.outOfFold = seen
        return calibration
    }
}
