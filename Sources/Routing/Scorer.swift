/// The weighted score over the eligible set.
///
/// Each objective is min-max normalised over the eligible candidates to a "goodness" in 0...1
/// (1 = best): quality and latency linearly; cost and carbon on a log scale, because they span
/// orders of magnitude and a linear scale would make every cheap model look equally free. When all
/// eligible candidates tie on an objective (spread below `tieTolerance`), every one gets goodness 1:
/// the objective then neither separates nor penalises anyone. Score = Σ weight × goodness.
enum Scorer {
    static let tieTolerance = 1e-9

    struct Range {
        var low = Double.infinity
        var high = -Double.infinity

        @inline(__always) mutating func add(_ x: Double) {
            if x < low { low = x }
            if x > high { high = x }
        }

        @inline(__always) func goodness(_ x: Double, higherIsBetter: Bool) -> Double {
            let span = high - low
            guard span > Scorer.tieTolerance else { return 1 }
            return higherIsBetter ? (x - low) / span : (high - x) / span
        }
    }

    /// Sets `score` on every eligible candidate.
    static func score(_ candidates: inout [CandidateOutcome], weights: Weights) {
        var cost = Range(), latency = Range(), quality = Range(), carbon = Range()
        for candidate in candidates where candidate.eligible {
            cost.add(candidate.logCost)
            latency.add(candidate.latencyMs)
            quality.add(candidate.quality)
            carbon.add(candidate.logCarbon)
        }
        for i in candidates.indices where candidates[i].eligible {
            let c = candidates[i]
            candidates[i].score = weights.cost * cost.goodness(c.logCost, higherIsBetter: false)
                + weights.latency * latency.goodness(c.latencyMs, higherIsBetter: false)
                + weights.quality * quality.goodness(c.quality, higherIsBetter: true)
                + weights.carbon * carbon.goodness(c.logCarbon, higherIsBetter: false)
        }
    }

    /// Score order: higher score, then higher quality, then lower cost, then candidate order.
    @inline(__always)
    static func scoredBefore(_ a: Int, _ b: Int, in candidates: [CandidateOutcome]) -> Bool {
        let x = candidates[a], y = candidates[b]
        let sx = x.score ?? -1, sy = y.score ?? -1
        if sx != sy { return sx > sy }
        if x.quality != y.quality { return x.quality > y.quality }
        if x.costUSD != y.costUSD { return x.costUSD < y.costUSD }
        return a < b
    }

    /// Strength order for the below-floor fallback: higher quality, then lower cost, then candidate order.
    @inline(__always)
    static func strongerBefore(_ a: Int, _ b: Int, in candidates: [CandidateOutcome]) -> Bool {
        let x = candidates[a], y = candidates[b]
        if x.quality != y.quality { return x.quality > y.quality }
        if x.costUSD != y.costUSD { return x.costUSD < y.costUSD }
        return a < b
    }
}
