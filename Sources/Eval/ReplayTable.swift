import Routing

/// A record set as matrices over a fixed model list: actual scores and costs, predicted quality
/// and predicted cost per (record, model). Routers are replayed on it.
public struct ReplayTable: Sendable {
    public var models: [String]
    public var scores: [[Double]]
    public var costs: [[Double]]
    public var predicted: [[Double]]
    public var predictedCosts: [[Double]]
    /// Each record's task category as the router infers it (the group's, when it has one).
    public var categories: [TaskCategory]
    /// Records dropped for lacking a score or cost of some model.
    public var skipped: Int

    public init(models: [String], scores: [[Double]], costs: [[Double]], predicted: [[Double]], predictedCosts: [[Double]],
                categories: [TaskCategory]? = nil, skipped: Int = 0) {
        self.models = models
        self.scores = scores
        self.costs = costs
        self.predicted = predicted
        self.predictedCosts = predictedCosts
        self.categories = categories ?? Array(repeating: .chat, count: scores.count)
        self.skipped = skipped
    }

    /// Keeps the records that have a score and a cost for every model in `models`; `predict`
    /// gives the predicted quality of every model (in `models` order) on a record (by its index
    /// in `records`), `costTable` the predicted costs.
    public init(
        records: [OutcomeRecord], models: [String], costTable: CostTable,
        predict: (Int, RequestFeatures) -> [Double]
    ) {
        var scores: [[Double]] = [], costs: [[Double]] = [], predicted: [[Double]] = [], predictedCosts: [[Double]] = []
        var categories: [TaskCategory] = []
        var skipped = 0
        for (index, record) in records.enumerated() {
            guard models.allSatisfy({ record.scores[$0] != nil && record.costs[$0] != nil }) else {
                skipped += 1
                continue
            }
            let features = record.features
            scores.append(models.map { record.scores[$0]! })
            costs.append(models.map { record.costs[$0]! })
            predicted.append(predict(index, features))
            predictedCosts.append(models.map { costTable.cost(of: $0, category: features.category) ?? 0 })
            categories.append(CategoryInference.category(of: features))
        }
        self.init(models: models, scores: scores, costs: costs, predicted: predicted, predictedCosts: predictedCosts,
                  categories: categories, skipped: skipped)
    }

    public var count: Int { scores.count }

    /// Mean predicted cost per call of model `m`: the utility rule's unit of money on this table.
    public func meanPredictedCost(of m: Int) -> Double {
        predictedCosts.reduce(0) { $0 + $1[m] } / Double(max(count, 1))
    }

    /// Mean score and mean cost per call of always using model `m`.
    public func single(_ m: Int) -> QualityCost {
        QualityCost(
            quality: scores.reduce(0) { $0 + $1[m] } / Double(max(count, 1)),
            cost: costs.reduce(0) { $0 + $1[m] } / Double(max(count, 1))
        )
    }

    /// The oracle: per record the best score, at the cheapest model that has it.
    public var oracle: QualityCost {
        var quality = 0.0, cost = 0.0
        for (s, c) in zip(scores, costs) {
            var best = 0
            for m in s.indices where s[m] > s[best] || (s[m] == s[best] && c[m] < c[best]) { best = m }
            quality += s[best]
            cost += c[best]
        }
        let n = Double(max(count, 1))
        return QualityCost(quality: quality / n, cost: cost / n)
    }

    /// Mean score and cost, and the share of calls to `share`, when record r goes to `choice[r]`.
    public func replay(_ choice: [Int], share: Int? = nil) -> QualityCost {
        var quality = 0.0, cost = 0.0, hits = 0
        for (r, m) in choice.enumerated() {
            quality += scores[r][m]
            cost += costs[r][m]
            if m == share { hits += 1 }
        }
        let n = Double(max(count, 1))
        return QualityCost(quality: quality / n, cost: cost / n, share: share == nil ? nil : Double(hits) / n)
    }

    /// Index of the model with the highest mean score (ties: the cheaper one).
    public var strongest: Int {
        var best = 0
        for m in models.indices {
            let a = single(m), b = single(best)
            if a.quality > b.quality || (a.quality == b.quality && a.cost < b.cost) { best = m }
        }
        return best
    }
}
