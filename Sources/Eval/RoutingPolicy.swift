import Routing

/// How a replayed router turns predicted qualities and costs into a choice, given one knob.
///
/// - `threshold` (the gateway's `max_quality_drop`): the cheapest model whose predicted quality is
///   within `knob` of the best prediction; a negative knob sends everything to the strongest
///   model. On two models: strong exactly when q̂_strong − q̂_weak > knob.
/// - `utility`: the model maximising q̂ − knob · ĉ / c̄ (c̄: the training table's mean predicted
///   cost of the strongest model, so knob is quality points per "strongest call" of money; the
///   gateway's `policy: utility` with `reference_cost_usd` = c̄); a negative
///   knob also means "always the strongest". Costs stay absolute, so an expensive prompt type
///   is switched before a cheap one at the same quality gap.
/// Both only ever get cheaper as the knob grows.
public enum RoutingPolicy: String, Sendable, CaseIterable {
    case threshold
    case utility

    /// The model index chosen for record `r`; `knobByCategory` (utility only) replaces the knob
    /// for records of those categories, as the gateway's `knob_by_category` does.
    public func choose(
        _ table: ReplayTable, record r: Int, knob: Double, strongest: Int, costScale: Double = 1,
        knobByCategory: [TaskCategory: Double] = [:]
    ) -> Int {
        guard knob >= 0 else { return strongest }
        switch self {
        case .threshold:
            let q = table.predicted[r], c = table.predictedCosts[r]
            let floor = (q.max() ?? 0) - knob
            var best = -1
            for m in q.indices where q[m] >= floor {
                if best < 0 || c[m] < c[best] || (c[m] == c[best] && q[m] > q[best]) { best = m }
            }
            return best < 0 ? strongest : best
        case .utility:
            return Self.utilityChoice(table, record: r, rule: Self.utilityRule(knob, costScale, knobByCategory))
        }
    }

    /// The gateway's own rule and tie order (`UtilityRule`), so `scoring:savings` replays exactly
    /// these choices. The strongest model pays its own predicted cost: charging it a flat c̄ would
    /// favour it exactly on the prompt types where leaving it saves the most.
    static func utilityChoice(_ table: ReplayTable, record r: Int, rule: UtilityRule) -> Int {
        let q = table.predicted[r], c = table.predictedCosts[r], category = table.categories[r]
        var best = 0
        var bestValue = rule.value(quality: q[0], costUSD: c[0], category: category)
        for m in q.indices.dropFirst() {
            let value = rule.value(quality: q[m], costUSD: c[m], category: category)
            if UtilityRule.ranksBefore(value: value, cost: c[m], quality: q[m], value: bestValue, cost: c[best], quality: q[best]) {
                (best, bestValue) = (m, value)
            }
        }
        return best
    }

    /// Choices for every record. `costScale` is the utility rule's c̄; nil uses the table's own
    /// mean predicted cost of `strongest` (what calibration does on the training table).
    public func choices(
        _ table: ReplayTable, knob: Double, strongest: Int, costScale: Double? = nil,
        knobByCategory: [TaskCategory: Double] = [:]
    ) -> [Int] {
        let scale = costScale ?? table.meanPredictedCost(of: strongest)
        guard self == .utility, knob >= 0 else {
            return (0 ..< table.count).map { choose(table, record: $0, knob: knob, strongest: strongest, costScale: scale) }
        }
        let rule = Self.utilityRule(knob, scale, knobByCategory)
        return (0 ..< table.count).map { Self.utilityChoice(table, record: $0, rule: rule) }
    }

    /// The gateway's rule for a replay knob; a cost scale of 0 (no priced calls) counts as 1.
    private static func utilityRule(_ knob: Double, _ costScale: Double, _ knobByCategory: [TaskCategory: Double]) -> UtilityRule {
        UtilityRule(knob: knob, referenceCostUSD: costScale > 0 ? costScale : 1, knobByCategory: knobByCategory)
    }

    /// Knob values that trace the whole curve on `table`, ascending: from "always strongest" to
    /// "always cheapest", spaced by quantiles of the decision boundaries so each step moves calls.
    public func knobGrid(_ table: ReplayTable, steps: Int = 200, costScale: Double? = nil) -> [Double] {
        let strongest = table.strongest
        let scale = max(costScale ?? table.meanPredictedCost(of: strongest), 1e-12)
        var boundaries: [Double] = []
        for (q, c) in zip(table.predicted, table.predictedCosts) {
            let top = q.max() ?? 0
            for m in q.indices {
                switch self {
                case .threshold: boundaries.append(Self.above(top - q[m]))
                case .utility:
                    let strong = q.indices.max { c[$0] < c[$1] } ?? m
                    let dc = c[strong] - c[m]
                    if dc > 0 { boundaries.append(Self.above(max(0, (q[strong] - q[m]) * (scale / dc)))) }
                }
            }
        }
        boundaries.sort()
        // Knobs sit just past each boundary so rounding cannot leave the switch undone.
        var grid: [Double] = [-1, 0]
        if !boundaries.isEmpty {
            for k in 0 ... steps {
                let value = boundaries[min(boundaries.count - 1, k * (boundaries.count - 1) / steps)]
                if value > grid.last! { grid.append(value) }
            }
            grid.append(boundaries.last! + 1)
        }
        return grid
    }

    @inline(__always)
    private static func above(_ value: Double) -> Double {
        value + 1e-12 + abs(value) * 1e-9
    }
}
