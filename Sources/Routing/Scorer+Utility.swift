/// The utility rule's score and order over the eligible set (`RoutingRule.utility`).
extension Scorer {
    /// Sets `score` on every eligible candidate to its utility.
    static func score(_ candidates: inout [CandidateOutcome], utility rule: UtilityRule, category: TaskCategory) {
        for i in candidates.indices where candidates[i].eligible {
            candidates[i].score = rule.value(quality: candidates[i].quality, costUSD: candidates[i].costUSD, category: category)
        }
    }

    /// Utility order: higher utility, then lower cost, then higher quality, then candidate order
    /// (the offline replay, `RoutingPolicy.utility`, breaks ties the same way).
    @inline(__always)
    static func utilityBefore(_ a: Int, _ b: Int, in candidates: [CandidateOutcome]) -> Bool {
        let x = candidates[a], y = candidates[b]
        let vx = x.score ?? -.infinity, vy = y.score ?? -.infinity
        if vx == vy && x.costUSD == y.costUSD && x.quality == y.quality { return a < b }
        return UtilityRule.ranksBefore(value: vx, cost: x.costUSD, quality: x.quality,
                                       value: vy, cost: y.costUSD, quality: y.quality)
    }
}
