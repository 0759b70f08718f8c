import Routing

/// Leave-one-domain-out on two-model data (MMLU subjects, MT-Bench categories): for each group,
/// train on every other group (plus optional extra training records), predict the held-out
/// group, then compute RouteLLM's metrics over all held-out predictions pooled. Each prompt is
/// scored by a model that never saw a prompt of its domain.
public enum LeaveOneOutCommand {
    /// `records`: the dataset's outcome files (all splits); returns a text summary.
    public static func run(
        records: [String], extraTrain: [String] = [],
        options: DifficultyTrainer.Options = DifficultyTrainer.Options(), catalog: Catalog? = Catalog.builtIn
    ) throws(EvalError) -> String {
        let result = try evaluate(
            records: try OutcomeFile.read(records), extraTrain: try OutcomeFile.read(extraTrain),
            options: options, catalog: catalog
        )
        var lines = ["leave-one-domain-out over \(result.groups) groups, \(result.pooled.points.count - 1) bins"]
        lines.append("pooled APGR \(Format.fixed(result.pooled.apgr, 3))   CPT(50%) \(result.pooled.cpt50.map { Format.fixed($0 * 100, 1) + "%" } ?? "n/a")   CPT(80%) \(result.pooled.cpt80.map { Format.fixed($0 * 100, 1) + "%" } ?? "n/a")")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Pooled metrics over the held-out predictions, and how many groups were held out.
    public static func evaluate(
        records: [OutcomeRecord], extraTrain: [OutcomeRecord] = [],
        options: DifficultyTrainer.Options = DifficultyTrainer.Options(), catalog: Catalog? = Catalog.builtIn
    ) throws(EvalError) -> (pooled: TwoModelMetrics, groups: Int) {
        let models = Set(records.flatMap(\.completeModels)).sorted()
        guard models.count == 2 else { throw EvalError(.invalidArgument, "leave-one-domain-out needs two-model data, got \(models.count) models") }
        let groups = Set(records.map(\.group)).sorted()
        guard groups.count >= 2 else { throw EvalError(.noData, "need at least two groups") }
        let strongIndex = strongest(records, models)
        var quickOptions = options
        quickOptions.folds = 0
        var gaps: [Double] = [], strong: [Double] = [], weak: [Double] = []
        for group in groups {
            let (train, test) = HashSplit.holdOut(group: group, from: records)
            let (weights, _) = try RouterTrainCommand.train(records: train + extraTrain, options: quickOptions, catalog: catalog)
            let table = ReplayTable(records: test, models: models, costTable: CostTable()) { _, features in
                let assessment = weights.model.assess(features)
                return models.map { weights.model.quality(of: $0, abilities: catalog?.model(named: $0)?.abilities ?? neutral, assessment: assessment) }
            }
            for r in 0 ..< table.count {
                gaps.append(table.predicted[r][strongIndex] - table.predicted[r][1 - strongIndex])
                strong.append(table.scores[r][strongIndex])
                weak.append(table.scores[r][1 - strongIndex])
            }
        }
        return (TwoModelMetrics(routerScores: gaps, strong: strong, weak: weak), groups.count)
    }

    static let neutral = ModelAbilities(byCategory: Array(repeating: 0.5, count: TaskCategory.allCases.count))

    /// Index in `models` of the one with the higher mean score.
    private static func strongest(_ records: [OutcomeRecord], _ models: [String]) -> Int {
        let means = models.map { m in records.compactMap { $0.scores[m] }.reduce(0, +) }
        return means[0] >= means[1] ? 0 : 1
    }
}
