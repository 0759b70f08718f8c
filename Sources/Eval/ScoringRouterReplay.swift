import Routing

/// Replays the gateway's own scoring router (`Router.decide`, a preset's weights) over a table.
///
/// `--router scoring:<preset>` (`auto`, `economy`, `quality`, `fast`). The knob is the router's
/// `max_quality_drop` (the same quantity as the `threshold` policy's knob, whose calibrated
/// values it uses); `min_quality` is 0 so every candidate within the drop stays eligible. Costs,
/// latency and carbon come from the catalog entries of the dataset's models (their aliases), so
/// the catalog must know every model of the suite. Predicted quality is the difficulty model's.
struct ScoringRouterReplay {
    let config: RouterConfig
    let catalog: Catalog
    let deployables: [Deployable]
    let predictor: DatasetNamePredictor
    let models: [String]
    let stats: LiveStats

    init(preset name: String, models: [String], model: DifficultyModel, catalog: Catalog) throws(EvalError) {
        guard let preset = Presets.named(name) else {
            throw EvalError(.unknownRouter, "unknown preset \(name) (known: \(Presets.all.map(\.id).joined(separator: ", ")))")
        }
        var deployables: [Deployable] = []
        var names: [String: String] = [:]
        for (i, dataset) in models.enumerated() {
            guard let entry = catalog.model(named: dataset) else {
                throw EvalError(.noCalibration, "the catalog has no entry (or alias) for \(dataset): the scoring router needs prices")
            }
            deployables.append(Deployable(name: dataset, catalogID: entry.id, deployment: i))
            names[entry.id] = dataset
        }
        var config = preset
        config.models = models
        config.minQuality = 0
        self.config = config
        self.catalog = catalog
        self.deployables = deployables
        predictor = DatasetNamePredictor(model: model, datasetName: names)
        do {
            _ = try Router(config, catalog: catalog, deployables: deployables, predictor: predictor)
        } catch {
            throw EvalError(.invalidArgument, "cannot build router \(name): \(error)")
        }
        self.models = models
        stats = LiveStats(seeds: deployables.map { catalog.model(named: $0.catalogID)!.seedLatency })
    }

    /// The model index chosen for each record at `knob` (negative: always `strongest`).
    func choices(_ records: [RequestFeatures], knob: Double, strongest: Int) -> [Int] {
        guard knob >= 0 else { return Array(repeating: strongest, count: records.count) }
        var config = config
        config.maxQualityDrop = knob
        // Validated in init; only the drop differs here.
        guard let router = try? Router(config, catalog: catalog, deployables: deployables, predictor: predictor) else {
            return Array(repeating: strongest, count: records.count)
        }
        var plan = Plan()
        return records.map { features in
            router.decide(features, stats: stats, now: 0, into: &plan)
            return plan.chosen.flatMap { models.firstIndex(of: $0.model) } ?? strongest
        }
    }
}
