import Routing

/// Replays the gateway's own router (`Router.decide` with a preset's configuration) over a table.
///
/// `--router scoring:<preset>` (`auto`, `economy`, `quality`, `fast`, `savings`). Predicted
/// quality is the difficulty model's; `min_quality` is 0 so the knob alone decides eligibility.
/// - Weighted presets: the knob is the router's `max_quality_drop` (the `threshold` policy's
///   knob, whose calibrated values it uses); costs, latency and carbon come from the catalog
///   entries of the dataset's models (their aliases), so the catalog must know every model.
/// - Utility presets (`savings`): the knob is the utility rule's, with the calibrated
///   `reference_cost_usd` (c̄) and the training cost table as the router's cost estimate: the
///   very inputs of the offline `utility` policy, so the two report the same figures.
struct ScoringRouterReplay {
    let config: RouterConfig
    let catalog: Catalog
    let deployables: [Deployable]
    let predictor: DatasetNamePredictor
    let costs: CostTablePredictor?
    let costScale: Double
    let models: [String]
    let stats: LiveStats

    init(preset name: String, calibration: SuiteCalibration, model: DifficultyModel, catalog: Catalog) throws(EvalError) {
        guard let preset = Presets.named(name) else {
            throw EvalError(.unknownRouter, "unknown preset \(name) (known: \(Presets.all.map(\.id).joined(separator: ", ")))")
        }
        let models = calibration.models
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
        if case .utility = preset.rule {
            costs = CostTablePredictor(table: calibration.costs, datasetName: names)
        } else {
            costs = nil
        }
        costScale = calibration.utilityCostScale ?? 1
        do {
            _ = try Router(config, catalog: catalog, deployables: deployables, predictor: predictor)
        } catch {
            throw EvalError(.invalidArgument, "cannot build router \(name): \(error)")
        }
        self.models = models
        stats = LiveStats(seeds: deployables.map { catalog.model(named: $0.catalogID)!.seedLatency })
    }

    /// Whether the preset ranks by the utility rule (its knobs are then the `utility` policy's).
    var usesUtility: Bool { costs != nil }

    /// The model index chosen for each record at `knob` (negative: always `strongest`; utility
    /// presets take `knobByCategory` as the router's `knob_by_category`).
    func choices(_ records: [RequestFeatures], knob: Double, knobByCategory: [TaskCategory: Double] = [:], strongest: Int) -> [Int] {
        guard knob >= 0 else { return Array(repeating: strongest, count: records.count) }
        var config = config
        if usesUtility {
            config.rule = .utility(UtilityRule(knob: knob, referenceCostUSD: costScale, knobByCategory: knobByCategory))
            config.maxQualityDrop = 1
        } else {
            config.maxQualityDrop = knob
        }
        // Validated in init; only the knob differs here.
        guard let router = try? Router(config, catalog: catalog, deployables: deployables, predictor: predictor, costPredictor: costs) else {
            return Array(repeating: strongest, count: records.count)
        }
        var plan = Plan()
        return records.map { features in
            router.decide(features, stats: stats, now: 0, into: &plan)
            return plan.chosen.flatMap { models.firstIndex(of: $0.model) } ?? strongest
        }
    }
}
