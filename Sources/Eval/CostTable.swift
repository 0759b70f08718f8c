import Routing

/// Predicted cost per call of each model: the mean training cost per model and task category.
///
/// Routers compare models by cost before the call, so evaluation must not peek at a test prompt's
/// actual cost; this table is what a deployment knows from its own history (or from prices).
public struct CostTable: Sendable, Equatable {
    /// model -> category raw value (or `"*"` for all) -> mean USD per call.
    public var means: [String: [String: Double]]

    public init(means: [String: [String: Double]] = [:]) {
        self.means = means
    }

    public init(records: [OutcomeRecord]) {
        var sums: [String: [String: (Double, Int)]] = [:]
        for record in records {
            let category = GroupCategory.category(of: record.group)?.rawValue
            for (model, cost) in record.costs {
                for key in [category, "*"].compactMap({ $0 }) {
                    let (s, n) = sums[model, default: [:]][key, default: (0, 0)]
                    sums[model, default: [:]][key] = (s + cost, n + 1)
                }
            }
        }
        means = sums.mapValues { $0.mapValues { $0.0 / Double($0.1) } }
    }

    /// The predicted cost of `model` for a request of `category`; nil for an unknown model.
    public func cost(of model: String, category: TaskCategory?) -> Double? {
        guard let table = means[model] else { return nil }
        if let category, let cost = table[category.rawValue] { return cost }
        return table["*"]
    }
}
