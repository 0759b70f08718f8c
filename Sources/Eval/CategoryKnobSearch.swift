import Routing

/// Utility-rule knobs per task category, calibrated on out-of-fold predictions: the cheapest
/// combination of per-category knobs whose pooled quality reaches a target.
///
/// One knob is one exchange rate between predicted quality and money everywhere; where the
/// predictions are better or worse calibrated in one category than another (RouterBench: MBPP,
/// ARC and Winogrande), a rate per category reaches the same pooled quality for less. Each
/// category's records trace their own (quality, cost) curve over the knob grid; only its Pareto
/// points matter, and the pooled optimum is a sum of one point per category, found exactly by
/// merging the frontiers category by category and dropping dominated sums. (A single Lagrange
/// multiplier over the curves would miss combinations across big steps, such as all of MBPP
/// leaving the strongest model at once: measured worse in bench/ROUTING.md.)
enum CategoryKnobSearch {
    /// Fewest calibration records a category needs; a suite with a smaller one keeps one knob.
    /// Per-category knobs picked on a few dozen prompts fit their noise (MT-Bench: 58 training
    /// prompts in 8 categories reached 99% out of fold and 87% on test).
    static let minimumRecords = 200

    struct Point {
        var quality: Double
        var cost: Double
        var knobs: [TaskCategory: Double]
    }

    /// Target key -> category -> knob, for the targets some combination reaches (knobs ≥ 0, so
    /// every one is a valid gateway `knob_by_category`); also the pooled point reached, for the summary.
    static func calibrate(
        table: ReplayTable, strongest: Int, costScale: Double
    ) -> [String: (knobs: [TaskCategory: Double], point: SuiteCalibration.OutOfFoldPoint)] {
        let categories = TaskCategory.allCases.filter { table.categories.contains($0) }
        guard table.count > 0, !categories.isEmpty,
              categories.allSatisfy({ c in table.categories.lazy.filter { $0 == c }.count >= minimumRecords })
        else { return [:] }
        var curves: [TaskCategory: [Point]] = [:]
        for knob in RoutingPolicy.utility.knobGrid(table, costScale: costScale) where knob >= 0 {
            let choice = RoutingPolicy.utility.choices(table, knob: knob, strongest: strongest, costScale: costScale)
            var sums: [TaskCategory: (Double, Double)] = [:]
            for (r, m) in choice.enumerated() {
                let (q, c) = sums[table.categories[r], default: (0, 0)]
                sums[table.categories[r]] = (q + table.scores[r][m], c + table.costs[r][m])
            }
            for (category, (q, c)) in sums {
                curves[category, default: []].append(Point(quality: q, cost: c, knobs: [category: knob]))
            }
        }
        var pooled = [Point(quality: 0, cost: 0, knobs: [:])]
        for category in categories {
            let frontier = paretoFront(curves[category] ?? [])
            var sums: [Point] = []
            for a in pooled {
                for b in frontier {
                    sums.append(Point(quality: a.quality + b.quality, cost: a.cost + b.cost, knobs: a.knobs.merging(b.knobs) { x, _ in x }))
                }
            }
            pooled = paretoFront(sums)
        }
        let reference = table.scores.reduce(0) { $0 + $1[strongest] }
        let referenceCost = table.costs.reduce(0) { $0 + $1[strongest] }
        var out: [String: (knobs: [TaskCategory: Double], point: SuiteCalibration.OutOfFoldPoint)] = [:]
        for target in SuiteCalibration.targets {
            let reaching = pooled.filter { $0.quality >= target.fraction * reference - 1e-9 }
            guard let best = reaching.min(by: { $0.cost < $1.cost }) else { continue }
            out[target.key] = (best.knobs, .init(quality: best.quality / reference, saved: 1 - best.cost / referenceCost))
        }
        return out
    }

    /// The points no other point beats on both quality (higher) and cost (lower), by falling quality.
    static func paretoFront(_ points: [Point]) -> [Point] {
        let sorted = points.sorted { $0.quality != $1.quality ? $0.quality > $1.quality : $0.cost < $1.cost }
        var front: [Point] = []
        for point in sorted where point.cost < (front.last?.cost ?? .infinity) - 1e-15 {
            front.append(point)
        }
        return front
    }
}
