#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Fits a `DifficultyModel` to per-prompt outcomes: cross-fitted first (the out-of-fold
/// predictions calibrate Platt scaling and, in `Eval`, router thresholds), then on all samples.
public struct DifficultyTrainer: Sendable {
    /// Hyperparameters; the defaults are what the shipped weights were trained with.
    public struct Options: Sendable, Equatable {
        public var epochs = 8
        /// AdaGrad / FTRL base step.
        public var learningRate = 0.2
        /// L2 on dense and n-gram weights.
        public var l2 = 1e-6
        /// FTRL's L1 on n-gram weights, in units of accumulated gradient: the sparsity knob.
        public var l1 = 2.0
        /// Pull of θ towards the logit of the model's mean score in the category.
        public var abilityL2 = 1e-3
        public var biasL2 = 1e-3
        /// Per-model residuals r_m(x) for the models in the training data (see `ModelResidual`).
        public var residuals = true
        public var residualL1 = 4.0
        public var residualL2 = 1e-5
        /// After training, at most this many residual n-gram weights per model are kept.
        public var maxResidualWeights = 4_000
        /// N-grams in fewer training prompts than this get no weight.
        public var minNgramCount = 3
        /// After training, at most this many n-gram weights (largest first) are kept: a cap on
        /// the file size, not the sparsity mechanism (L1 is), so it should rarely bind.
        public var maxNgramWeights = 40_000
        /// N-gram weights are rounded to this many decimals (smaller ones dropped), other parameters to one more.
        public var decimals = 3
        /// Cross-fitting folds for the out-of-fold predictions; 0 or 1 skips cross-fitting.
        public var folds = 5
        public var seed: UInt64 = 0x5EED_2024
        /// Fit `PromptTermScaling` on the out-of-fold predictions (needs cross-fitting).
        public var scalePromptTerms = true

        public init() {}
    }

    public var options: Options
    /// Links catalog abilities to learned ones; without it the link is the identity.
    public var catalog: Catalog?

    public init(options: Options = Options(), catalog: Catalog? = nil) {
        self.options = options
        self.catalog = catalog
    }

    public func train(_ samples: [OutcomeSample]) -> TrainingResult {
        let names = Set(samples.flatMap { $0.scores.keys }).sorted()
        let modelIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let indexed = samples.map { IndexedSample($0, modelIndex: modelIndex) }
        var generator = SeededGenerator(seed: options.seed)

        // Out-of-fold logits are kept as their terms, so the per-category term scaling can be fitted on them.
        var oofParts = Array(repeating: [(model: Int, parts: PromptTermScaling.Parts)](), count: samples.count)
        if options.folds >= 2 && samples.count >= options.folds {
            let order = generator.permutation(samples.count)
            for fold in 0 ..< options.folds {
                let held = order.indices.filter { $0 % options.folds == fold }.map { order[$0] }
                let kept = order.indices.filter { $0 % options.folds != fold }.map { order[$0] }
                var fit = DifficultyFit(modelCount: names.count, samples: indexed, indices: kept, options: options)
                fit.train(indexed, indices: kept, generator: &generator)
                for i in held { oofParts[i] = Array(zip(indexed[i].scores.map(\.model), fit.parts(indexed[i]))) }
            }
        }
        var fit = DifficultyFit(modelCount: names.count, samples: indexed, indices: Array(indexed.indices), options: options)
        fit.train(indexed, indices: Array(indexed.indices), generator: &generator)

        let flat = oofParts.flatMap { $0.map(\.parts) }
        let targets = flat.map(\.target)
        var scaling = PromptTermScaling.identity
        if options.scalePromptTerms && !flat.isEmpty {
            let unscaled = PlattScaling.fit(logits: flat.map { scaling.logit($0) }, targets: targets)
            scaling = PromptTermScaling.fit(flat, platt: unscaled)
        }
        let logits = flat.map { scaling.logit($0) }
        let platt = PlattScaling.fit(logits: logits, targets: targets)
        let outOfFold = oofParts.map { row -> [Double] in
            guard !row.isEmpty else { return [] }
            var out = Array(repeating: Double.nan, count: names.count)
            for (m, p) in row { out[m] = platt.probability(scaling.logit(p)) }
            return out
        }
        var loss = 0.0
        for (z, y) in zip(logits, targets) {
            let p = min(max(platt.probability(z), 1e-9), 1 - 1e-9)
            loss -= y * log(p) + (1 - y) * log(1 - p)
        }
        var model = assemble(fit, names: names, platt: platt)
        model.termScaling = scaling
        return TrainingResult(
            model: model, modelNames: names, outOfFold: outOfFold,
            outOfFoldLogLoss: logits.isEmpty ? .nan : loss / Double(logits.count)
        )
    }
}
