#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One fit of the difficulty model's parameters in flat arrays, trained by AdaGrad SGD.
///
/// θ, β and the dense weights take AdaGrad steps; n-gram weights are FTRL-Proximal with L1 and L2.
/// Per sample the loss is Σ_m BCE(score_m, σ(θ[m, c] − d(x) + r_m(x))), r_m being the optional
/// per-model residual (linear in the same features; only for models in the training data). θ is pulled (L2) towards the
/// logit of the model's mean score in the category, which also pins the scale shared by θ and β.
/// FTRL's L1 keeps an n-gram weight at exactly zero until the data pushes it consistently
/// (residuals likewise, with their own L1); n-grams seen in fewer than `minNgramCount` training
/// prompts are never weighted (they could only memorise those prompts).
struct DifficultyFit {
    static let categories = TaskCategory.allCases.count
    let modelCount: Int
    let options: DifficultyTrainer.Options
    var theta: [Double]
    var thetaPrior: [Double]
    /// Whether model m had any score in category c (index m * categories + c).
    var thetaSeen: [Bool]
    var bias: [Double]
    var dense: [Double]
    var ngram: [Float]
    /// Per-model residual n-gram weights (model m's at `m << NgramHash.bits`), empty when off.
    var residual: [Float]
    /// Per-model residual dense weights (m * DenseFeatures.count + j), empty when off.
    var residualDense: [Double]
    var thetaG: [Double]
    var biasG: [Double]
    var denseG: [Double]
    var ngramG: [Float]
    var ngramZ: [Float]
    var residualG: [Float]
    var residualZ: [Float]
    var residualDenseG: [Double]
    let allowed: [Bool]

    init(modelCount: Int, samples: [IndexedSample], indices: [Int], options: DifficultyTrainer.Options) {
        self.modelCount = modelCount
        self.options = options
        let cells = modelCount * Self.categories
        var sum = Array(repeating: 0.0, count: cells), n = Array(repeating: 0.0, count: cells)
        var modelSum = Array(repeating: 0.0, count: modelCount), modelN = Array(repeating: 0.0, count: modelCount)
        var documentCount = Array(repeating: UInt16(0), count: Int(NgramHash.space))
        for i in indices {
            let s = samples[i]
            for (m, y) in s.scores {
                sum[m * Self.categories + s.category] += y
                n[m * Self.categories + s.category] += 1
                modelSum[m] += y
                modelN[m] += 1
            }
            for h in s.ngrams where documentCount[Int(h)] < UInt16.max { documentCount[Int(h)] += 1 }
        }
        thetaPrior = (0 ..< cells).map { k in
            let m = k / Self.categories
            let mean = n[k] > 0 ? sum[k] / n[k] : (modelN[m] > 0 ? modelSum[m] / modelN[m] : 0.5)
            return Logistic.logit(mean, epsilon: 0.02)
        }
        thetaSeen = n.map { $0 > 0 }
        theta = thetaPrior
        thetaG = Array(repeating: 0, count: cells)
        bias = Array(repeating: 0, count: Self.categories)
        biasG = bias
        dense = Array(repeating: 0, count: DenseFeatures.count)
        denseG = dense
        ngram = Array(repeating: 0, count: Int(NgramHash.space))
        ngramG = ngram
        ngramZ = ngram
        allowed = documentCount.map { Int($0) >= options.minNgramCount }
        let residualCount = options.residuals ? modelCount << Int(NgramHash.bits) : 0
        residual = Array(repeating: 0, count: residualCount)
        residualG = residual
        residualZ = residual
        residualDense = Array(repeating: 0, count: options.residuals ? modelCount * DenseFeatures.count : 0)
        residualDenseG = residualDense
    }

    func difficulty(_ s: IndexedSample) -> Double {
        var d = bias[s.category]
        for (j, x) in s.dense { d += dense[j] * x }
        var w: Float = 0
        for h in s.ngrams { w += ngram[Int(h)] }
        return d + Double(w) * s.ngramScale
    }

    /// Model m's own adjustment r_m(x) to the shared logit; zero when residuals are off.
    func residual(_ s: IndexedSample, model m: Int) -> Double {
        guard !residual.isEmpty else { return 0 }
        var r = 0.0
        for (j, x) in s.dense { r += residualDense[m * DenseFeatures.count + j] * x }
        let base = m << Int(NgramHash.bits)
        var w: Float = 0
        for h in s.ngrams { w += residual[base + Int(h)] }
        return r + Double(w) * s.ngramScale
    }

    /// The terms of the logit for every scored model, with its score (see `PromptTermScaling`).
    func parts(_ s: IndexedSample) -> [PromptTermScaling.Parts] {
        let b = bias[s.category]
        let text = difficulty(s) - b
        return s.scores.map { m, y in
            PromptTermScaling.Parts(
                category: s.category, ability: theta[m * Self.categories + s.category] - b,
                text: text, residual: residual(s, model: m), target: y
            )
        }
    }

    /// The raw logit θ[m, c] − d(x) + r_m(x) for every model, NaN where the sample has no score.
    func logits(_ s: IndexedSample) -> [Double] {
        let d = difficulty(s)
        var out = Array(repeating: Double.nan, count: modelCount)
        for (m, _) in s.scores { out[m] = theta[m * Self.categories + s.category] - d + residual(s, model: m) }
        return out
    }
}
