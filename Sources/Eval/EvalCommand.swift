import Routing

/// `switchyard eval --weights weights.json --test FILE... --router NAME [--json]`: replays a router
/// over test records with the operating points calibrated at training time.
public enum EvalCommand {
    /// Evaluates, writes the cost-quality plot (default `<suite>-cost-quality.svg` in the current
    /// directory) and returns the text or JSON report.
    public static func run(
        weights: String, test: [String], router: String = RoutingPolicy.threshold.rawValue,
        json: Bool = false, plot: String? = nil, predictions: String? = nil, byCategory: Bool = false,
        catalog: Catalog = Catalog.builtIn
    ) throws(EvalError) -> String {
        let file = try WeightsFile.read(weights)
        let records = try OutcomeFile.read(test)
        let report = try evaluate(weights: file, records: records, router: router, byCategory: byCategory, catalog: catalog)
        if let predictions, let suite = file.suite(named: report.suite) {
            let rows = records.map { record in
                let assessment = file.model.assess(record.features)
                return suite.models.map { file.model.quality(of: $0, abilities: abilities(of: $0, catalog: catalog), assessment: assessment) }
            }
            try PredictionFile.write(ids: records.map(\.id), models: suite.models, predictions: rows, to: predictions)
        }
        let plotPath = plot ?? "\(report.suite)-cost-quality.svg"
        try TextFile.write(CostQualityPlot().svg(report), to: plotPath)
        return json ? report.json(plot: plotPath) + "\n" : report.text(plot: plotPath)
    }

    public static func evaluate(
        weights: WeightsFile, records: [OutcomeRecord], router: String, byCategory: Bool = false,
        catalog: Catalog = Catalog.builtIn
    ) throws(EvalError) -> EvalReport {
        let preset = router.hasPrefix("scoring:") ? String(router.dropFirst(8)) : nil
        let presetPolicy: RoutingPolicy = if case .utility? = preset.flatMap(Presets.named)?.rule { .utility } else { .threshold }
        guard let policy = preset == nil ? RoutingPolicy(rawValue: router) : presetPolicy else {
            let names = RoutingPolicy.allCases.map(\.rawValue).joined(separator: ", ")
            throw EvalError(.unknownRouter, "unknown router \(router) (known: \(names), scoring:<preset>)")
        }
        if byCategory && policy != .utility {
            throw EvalError(.invalidArgument, "--by-category applies to the utility rule only (utility, scoring:savings)")
        }
        let suites = Set(records.map(\.suite))
        guard suites.count == 1, let suiteName = suites.first else {
            throw EvalError(.invalidArgument, "test records span \(suites.count) suites (\(suites.sorted().joined(separator: ", "))): evaluate one at a time")
        }
        guard var calibration = weights.suite(named: suiteName) else {
            throw EvalError(.noCalibration, "weights have no calibration for suite \(suiteName): train on its training split")
        }
        let model = weights.model
        let abilities = calibration.models.map { Self.abilities(of: $0, catalog: catalog) }
        let table = ReplayTable(records: records, models: calibration.models, costTable: calibration.costs) { _, features in
            let assessment = model.assess(features)
            return zip(calibration.models, abilities).map { model.quality(of: $0, abilities: $1, assessment: assessment) }
        }
        guard table.count > 0 else { throw EvalError(.noData, "no test record has every model of suite \(suiteName)") }
        if calibration.utilityCostScale == nil {
            // Weights written before c̄ was stored: the test table's own mean, for both replays alike.
            calibration.utilityCostScale = table.meanPredictedCost(of: table.models.firstIndex(of: calibration.strongest) ?? table.strongest)
        }
        guard let preset else { return report(table: table, calibration: calibration, policy: policy, byCategory: byCategory) }
        let scoring = try ScoringRouterReplay(preset: preset, calibration: calibration, model: model, catalog: catalog)
        let features = records.filter { r in calibration.models.allSatisfy { r.scores[$0] != nil && r.costs[$0] != nil } }.map(\.features)
        return report(table: table, calibration: calibration, policy: policy, name: router, byCategory: byCategory) { knob, byCategory, strongest in
            scoring.choices(features, knob: knob, knobByCategory: byCategory, strongest: strongest)
        }
    }

    /// Catalog abilities of a dataset model (used only for models the weights were not trained on).
    static func abilities(of model: String, catalog: Catalog) -> ModelAbilities {
        catalog.model(named: model)?.abilities ?? ModelAbilities(byCategory: Array(repeating: 0.5, count: TaskCategory.allCases.count))
    }

    /// Measures a router on `table`: `choose(knob, knobByCategory, strongest)` gives its choices,
    /// the calibrated knobs of `policy` (with `byCategory`, the utility knobs per category where
    /// calibrated) give its operating points.
    static func report(
        table: ReplayTable, calibration: SuiteCalibration, policy: RoutingPolicy, name: String? = nil,
        byCategory: Bool = false, choose: ((Double, [TaskCategory: Double], Int) -> [Int])? = nil
    ) -> EvalReport {
        let scale = calibration.utilityCostScale
        let choose = choose ?? { knob, knobs, strongest in
            policy.choices(table, knob: knob, strongest: strongest, costScale: scale, knobByCategory: knobs)
        }
        let strongest = table.models.firstIndex(of: calibration.strongest) ?? table.strongest
        let reference = table.single(strongest)
        var singles: [String: QualityCost] = [:]
        for (m, name) in table.models.enumerated() { singles[name] = table.single(m) }
        let points = SuiteCalibration.targets.map { target in
            var knob = calibration.knobs[policy.rawValue]?[target.key] ?? -1
            let knobs = byCategory ? calibration.knobByCategory(target: target.key) : [:]
            // Calibrated categories cover the suite; the default knob then only has to be valid.
            if !knobs.isEmpty { knob = max(knob, 0) }
            let result = table.replay(choose(knob, knobs, strongest), share: strongest)
            return OperatingPoint(
                target: target.key, knob: knob, result: result,
                qualityFraction: result.quality / reference.quality,
                costSaved: 1 - result.cost / reference.cost
            )
        }
        let curve = policy.knobGrid(table, steps: name == nil ? 200 : 40, costScale: scale).map { table.replay(choose($0, [:], strongest), share: strongest) }
        var twoModel: TwoModelMetrics?
        if table.models.count == 2 {
            let weak = 1 - strongest
            twoModel = TwoModelMetrics(
                routerScores: table.predicted.map { $0[strongest] - $0[weak] },
                strong: table.scores.map { $0[strongest] },
                weak: table.scores.map { $0[weak] }
            )
        }
        return EvalReport(
            suite: calibration.suite, router: (name ?? policy.rawValue) + (byCategory ? " --by-category" : ""), records: table.count, skipped: table.skipped,
            models: table.models, singles: singles, strongest: table.models[strongest], oracle: table.oracle,
            operatingPoints: points, curve: curve, twoModel: twoModel
        )
    }
}
