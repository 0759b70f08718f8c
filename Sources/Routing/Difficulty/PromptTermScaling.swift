#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How far to trust the per-prompt terms of the logit in each category, fitted out of fold.
///
/// The logit θ[m, c] − d(x) + r_m(x) becomes θ[m, c] − β[c] − text[c] · (d(x) − β[c]) +
/// residual[c] · r_m(x). Where the prompt text barely predicts outcomes (a scale near 0) the
/// prediction falls back to the model's category mean, so the router stops switching models on
/// noise; where the text predicts well but was fitted timidly (L1), a scale above 1 restores it.
/// The scales are picked on out-of-fold predictions, never on the prompts they were learned from.
public struct PromptTermScaling: Sendable, Equatable {
    /// Multiplier of d(x) − β[c], by `TaskCategory.index`.
    public var text: [Double]
    /// Multiplier of r_m(x), by `TaskCategory.index`.
    public var residual: [Double]

    /// Every term as trained (the model without scaling).
    public static let identity = PromptTermScaling(
        text: Array(repeating: 1, count: TaskCategory.allCases.count),
        residual: Array(repeating: 1, count: TaskCategory.allCases.count)
    )

    /// The grid searched per category: 0, 0.1, ..., 1.5.
    public static let grid: [Double] = (0 ... 15).map { Double($0) / 10 }

    public init(text: [Double], residual: [Double]) {
        precondition(text.count == TaskCategory.allCases.count && residual.count == TaskCategory.allCases.count)
        self.text = text
        self.residual = residual
    }

    /// One out-of-fold prediction split into its terms, with the observed score.
    public struct Parts: Sendable, Equatable {
        public var category: Int
        /// θ[m, c] − β[c].
        public var ability: Double
        /// d(x) − β[c].
        public var text: Double
        /// r_m(x).
        public var residual: Double
        public var target: Double

        public init(category: Int, ability: Double, text: Double, residual: Double, target: Double) {
            self.category = category
            self.ability = ability
            self.text = text
            self.residual = residual
            self.target = target
        }
    }

    @inline(__always)
    public func logit(_ p: Parts) -> Double {
        p.ability - text[p.category] * p.text + residual[p.category] * p.residual
    }

    /// Per category, the grid pair with the lowest cross-entropy under `platt`. Ties keep the
    /// pair closest to (1, 1), so a category without evidence either way is left as trained, and
    /// so is one with fewer than `minimumCount` predictions (a handful of prompts would pick noise).
    public static func fit(_ parts: [Parts], platt: PlattScaling, minimumCount: Int = 500) -> PromptTermScaling {
        var result = identity
        var byCategory = Array(repeating: [Parts](), count: TaskCategory.allCases.count)
        for p in parts { byCategory[p.category].append(p) }
        let pairs = grid.flatMap { t in grid.map { r in (t, r) } }
            .sorted { a, b in
                let da = abs(a.0 - 1) + abs(a.1 - 1), db = abs(b.0 - 1) + abs(b.1 - 1)
                return da != db ? da < db : (a.0, a.1) < (b.0, b.1)
            }
        for (c, rows) in byCategory.enumerated() where rows.count >= max(minimumCount, 1) {
            var best = (text: 1.0, residual: 1.0, loss: Double.infinity)
            for (t, r) in pairs {
                var loss = 0.0
                for p in rows {
                    let q = min(max(platt.probability(p.ability - t * p.text + r * p.residual), 1e-9), 1 - 1e-9)
                    loss -= p.target * log(q) + (1 - p.target) * log(1 - q)
                }
                // Strictly better by a hair: rounding noise must not move a scale off 1.
                if loss < best.loss - 1e-9 * Double(rows.count) { best = (t, r, loss) }
            }
            result.text[c] = best.text
            result.residual[c] = best.residual
        }
        return result
    }
}
