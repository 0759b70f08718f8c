/// RouteLLM's strong/weak metrics (Ong et al. 2024, `routellm/evals/evaluate.py`).
///
/// The router gives each prompt a score (here q̂_strong − q̂_weak). Thresholds are the `bins + 1`
/// edges of equal-count quantile bins of the scores (linear interpolation, as pandas `qcut`); at
/// each edge a prompt goes to the strong model when its score is ≥ the edge (> for the last
/// edge, so the last point has 0% strong calls). Each threshold gives a point (% strong calls,
/// mean quality). With PGR(q) = (q − q_weak) / (q_strong − q_weak):
/// - APGR = (AUC − AUC_weak) / (AUC_strong − AUC_weak), trapezoidal areas over the points sorted
///   by % strong calls (AUC_weak, AUC_strong: the two models' flat lines over the same span);
/// - CPT(x) = the smallest % strong calls at which the curve reaches PGR x, interpolating
///   linearly between points (the same as evaluate.py's `np.interp` whenever quality rises with
///   % strong calls; where it does not, the first crossing counts). nil when never reached.
public struct TwoModelMetrics: Sendable, Equatable {
    /// (fraction of calls to the strong model, mean quality), ascending by fraction.
    public var points: [QualityCost]
    public var strongQuality: Double
    public var weakQuality: Double
    public var apgr: Double
    /// CPT(20%), CPT(50%), CPT(80%) as fractions of calls.
    public var cpt20: Double?
    public var cpt50: Double?
    public var cpt80: Double?

    public init(routerScores: [Double], strong: [Double], weak: [Double], bins: Int = 10) {
        precondition(routerScores.count == strong.count && strong.count == weak.count && !strong.isEmpty)
        let n = Double(strong.count)
        strongQuality = strong.reduce(0, +) / n
        weakQuality = weak.reduce(0, +) / n
        let sorted = routerScores.sorted()
        var points: [QualityCost] = []
        for i in 0 ... bins {
            let edge = Self.quantile(sorted, Double(i) / Double(bins))
            var quality = 0.0, calls = 0
            for (r, score) in routerScores.enumerated() {
                let toStrong = i < bins ? score >= edge : score > edge
                quality += toStrong ? strong[r] : weak[r]
                if toStrong { calls += 1 }
            }
            points.append(QualityCost(quality: quality / n, cost: 0, share: Double(calls) / n))
        }
        points.sort { ($0.share!, $0.quality) < ($1.share!, $1.quality) }
        self.points = points
        apgr = Self.apgr(points, strong: strongQuality, weak: weakQuality)
        cpt20 = Self.cpt(0.2, points, strong: strongQuality, weak: weakQuality)
        cpt50 = Self.cpt(0.5, points, strong: strongQuality, weak: weakQuality)
        cpt80 = Self.cpt(0.8, points, strong: strongQuality, weak: weakQuality)
    }

    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }

    static func apgr(_ points: [QualityCost], strong: Double, weak: Double) -> Double {
        var area = 0.0
        for (a, b) in zip(points, points.dropFirst()) {
            area += (b.share! - a.share!) * (a.quality + b.quality) / 2
        }
        let span = points.last!.share! - points.first!.share!
        guard span > 0, strong != weak else { return .nan }
        return (area - weak * span) / ((strong - weak) * span)
    }

    static func cpt(_ pgr: Double, _ points: [QualityCost], strong: Double, weak: Double) -> Double? {
        let target = weak + pgr * (strong - weak)
        guard let first = points.first else { return nil }
        if first.quality >= target { return first.share }
        for (a, b) in zip(points, points.dropFirst()) where b.quality >= target {
            guard b.quality > a.quality else { return b.share }
            return a.share! + (target - a.quality) / (b.quality - a.quality) * (b.share! - a.share!)
        }
        return nil
    }
}
