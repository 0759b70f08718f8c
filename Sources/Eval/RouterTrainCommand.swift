import Routing

/// `switchyard router train --train FILE... --out weights.json`: fits the difficulty model on
/// outcome files and calibrates the router's operating points per suite on out-of-fold predictions.
public enum RouterTrainCommand {
    /// Trains, writes `out` (and, with `swiftOut`, the Swift source that ships the weights in the
    /// package), and returns a short summary for the terminal.
    @discardableResult
    public static func run(
        train: [String], out: String, swiftOut: String? = nil, outOfFold: String? = nil,
        options: DifficultyTrainer.Options = DifficultyTrainer.Options(),
        catalog: Catalog? = Catalog.builtIn
    ) throws(EvalError) -> String {
        let records = try OutcomeFile.read(train)
        let (weights, result) = try self.train(records: records, options: options, catalog: catalog)
        try weights.write(to: out)
        if let outOfFold {
            try PredictionFile.write(ids: records.map(\.id), models: result.modelNames, predictions: result.outOfFold, to: outOfFold)
        }
        if let swiftOut {
            let names = train.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
            try TextFile.write(try DefaultWeightsSource.swift(weightsJSON: weights.encoded(), trainedOn: names), to: swiftOut)
        }
        var lines = [
            "trained on \(records.count) prompts, \(result.modelNames.count) models, \(weights.model.ngramWeights.count) n-gram weights",
            "out-of-fold cross-entropy \(Format.fixed(result.outOfFoldLogLoss, 4)); Platt a=\(weights.model.platt.a) b=\(weights.model.platt.b)",
            "prompt-term scaling (text / residual): " + TaskCategory.allCases.map { c in
                let s = weights.model.termScaling
                return "\(c.rawValue) \(Format.fixed(s.text[c.index], 1)) / \(Format.fixed(s.residual[c.index], 1))"
            }.joined(separator: ", "),
        ]
        for suite in weights.suites {
            let knobs = suite.knobs[RoutingPolicy.threshold.rawValue] ?? [:]
            let text = SuiteCalibration.targets.map { "\($0.key): \(knobs[$0.key].map { Format.fixed($0, 4) } ?? "-")" }
            var line = "suite \(suite.suite): strongest \(suite.strongest); threshold knobs \(text.joined(separator: ", "))"
            if let apgr = suite.outOfFoldAPGR { line += "; out-of-fold APGR \(Format.fixed(apgr, 3))" }
            lines.append(line)
            let points = SuiteCalibration.targets.compactMap { target in
                suite.outOfFold[RoutingPolicy.utility.rawValue]?[target.key].map {
                    "\(target.key): \(Format.fixed(100 * $0.saved, 1))% saved at \(Format.fixed(100 * $0.quality, 1))%"
                }
            }
            lines.append("  utility on the out-of-fold predictions: " + points.joined(separator: ", "))
            // What a gateway router needs to route this way: `policy: utility`, a knob, the scale.
            let utility = suite.knobs[RoutingPolicy.utility.rawValue] ?? [:]
            let utilityText = SuiteCalibration.targets.map { "\($0.key): \(utility[$0.key].map { Format.fixed($0, 4) } ?? "-")" }
            lines.append("  utility knobs \(utilityText.joined(separator: ", ")) (negative: always the strongest); "
                + "reference_cost_usd \(suite.utilityCostScale.map { Format.fixed($0, 6) } ?? "-")")
            for target in SuiteCalibration.targets {
                guard let knobs = suite.categoryKnobs[target.key], let point = suite.outOfFold[SuiteCalibration.byCategory]?[target.key] else { continue }
                let text = knobs.sorted { $0.key < $1.key }.map { "\($0.key): \(Format.fixed($0.value, 4))" }.joined(separator: ", ")
                lines.append("  knob_by_category for \(target.key): {\(text)}: \(Format.fixed(100 * point.saved, 1))% saved at \(Format.fixed(100 * point.quality, 1))% out of fold")
            }
        }
        lines.append("wrote \(out)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The training step without files: the weights (model and suite calibrations) and the raw result.
    public static func train(
        records: [OutcomeRecord],
        options: DifficultyTrainer.Options = DifficultyTrainer.Options(),
        catalog: Catalog? = Catalog.builtIn
    ) throws(EvalError) -> (WeightsFile, TrainingResult) {
        guard !records.isEmpty else { throw EvalError(.noData, "no training records") }
        let samples = records.map { record in
            let features = record.features
            return OutcomeSample(features: features, category: CategoryInference.category(of: features), scores: record.scores)
        }
        let result = DifficultyTrainer(options: options, catalog: catalog).train(samples)
        var suites: [SuiteCalibration] = []
        if !result.outOfFold.allSatisfy(\.isEmpty) {
            let column = Dictionary(uniqueKeysWithValues: result.modelNames.enumerated().map { ($1, $0) })
            var bySuite: [String: [Int]] = [:]
            for (i, record) in records.enumerated() { bySuite[record.suite, default: []].append(i) }
            for (suite, indices) in bySuite.sorted(by: { $0.key < $1.key }) {
                let subset = indices.map { records[$0] }
                let models = Set(subset.flatMap(\.completeModels)).sorted()
                guard models.count >= 2 else { continue }
                let costs = CostTable(records: subset)
                let table = ReplayTable(records: subset, models: models, costTable: costs) { position, _ in
                    models.map { result.outOfFold[indices[position]][column[$0]!] }
                }
                guard table.count > 0 else { continue }
                var calibration = SuiteCalibration.calibrate(suite: suite, table: table, costs: costs)
                if models.count == 2 {
                    let strong = models.firstIndex(of: calibration.strongest)!
                    calibration.outOfFoldAPGR = TwoModelMetrics(
                        routerScores: table.predicted.map { $0[strong] - $0[1 - strong] },
                        strong: table.scores.map { $0[strong] }, weak: table.scores.map { $0[1 - strong] }
                    ).apgr
                }
                suites.append(calibration)
            }
        }
        return (WeightsFile(model: result.model, suites: suites), result)
    }
}
