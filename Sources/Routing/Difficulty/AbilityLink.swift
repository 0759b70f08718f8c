/// Puts a catalog ability (a benchmark-derived quality in 0...1) on the learned θ scale.
///
/// IRT equating: learned abilities of the models that are both in the training data and in the
/// catalog are regressed on the logit of their catalog ability, per category. A model known only
/// from the catalog is then placed where models with its benchmark results landed.
public struct AbilityLink: Sendable, Equatable {
    public var slope: Double
    public var intercept: Double

    /// θ = logit(ability): what the link is before any data (the catalog taken at face value).
    public static let identity = AbilityLink(slope: 1, intercept: 0)

    public init(slope: Double, intercept: Double) {
        self.slope = slope
        self.intercept = intercept
    }

    @inline(__always)
    public func theta(fromCatalog ability: Double) -> Double {
        slope * Logistic.logit(ability, epsilon: 0.01) + intercept
    }

    /// Least squares of `theta` on logit(`catalog`). With fewer than `minimumPairs` pairs, or no
    /// spread in the catalog values, keeps slope `fallbackSlope` and fits only the intercept
    /// (nil when there are no pairs at all). The slope is kept within 0.25...4 so one odd
    /// benchmark value cannot flip or explode the scale.
    public static func fit(
        catalog: [Double], theta: [Double], fallbackSlope: Double = 1, minimumPairs: Int = 3
    ) -> AbilityLink? {
        precondition(catalog.count == theta.count)
        guard !catalog.isEmpty else { return nil }
        let x = catalog.map { Logistic.logit($0, epsilon: 0.01) }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = theta.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for (xi, yi) in zip(x, theta) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
        }
        var slope = fallbackSlope
        if x.count >= minimumPairs && sxx > 1e-6 {
            slope = min(max(sxy / sxx, 0.25), 4)
        }
        return AbilityLink(slope: slope, intercept: meanY - slope * meanX)
    }
}
