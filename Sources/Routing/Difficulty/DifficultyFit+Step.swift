// One AdaGrad step of `DifficultyFit` on one sample, and the epochs that run it.

extension DifficultyFit {
    mutating func train(_ samples: [IndexedSample], indices: [Int], generator: inout SeededGenerator) {
        for _ in 0 ..< options.epochs {
            let order = generator.permutation(indices.count)
            for position in order { step(samples[indices[position]]) }
        }
    }

    mutating func step(_ s: IndexedSample) {
        let rate = options.learningRate
        let d = difficulty(s)
        // dL/dd: every model's error pushes the shared difficulty.
        var gd = 0.0
        for (m, y) in s.scores {
            let k = m * Self.categories + s.category
            let g = Logistic.sigmoid(theta[k] - d + residual(s, model: m)) - y
            gd -= g
            let gt = g + options.abilityL2 * (theta[k] - thetaPrior[k])
            thetaG[k] += gt * gt
            theta[k] -= rate * gt / (thetaG[k] + 1e-8).squareRoot()
            if !residual.isEmpty { stepResidual(s, model: m, gradient: g) }
        }
        let gb = gd + options.biasL2 * bias[s.category]
        biasG[s.category] += gb * gb
        bias[s.category] -= rate * gb / (biasG[s.category] + 1e-8).squareRoot()
        for (j, x) in s.dense {
            let g = gd * x + options.l2 * dense[j]
            denseG[j] += g * g
            dense[j] -= rate * g / (denseG[j] + 1e-8).squareRoot()
        }
        let gs = Float(gd * s.ngramScale)
        for h in s.ngrams where allowed[Int(h)] {
            Self.ftrl(&ngram[Int(h)], &ngramZ[Int(h)], &ngramG[Int(h)], gradient: gs, rate: Float(rate), l1: Float(options.l1), l2: Float(options.l2))
        }
    }

    private mutating func stepResidual(_ s: IndexedSample, model m: Int, gradient g: Double) {
        let rate = options.learningRate
        for (j, x) in s.dense {
            let i = m * DenseFeatures.count + j
            let gj = g * x + options.residualL2 * residualDense[i]
            residualDenseG[i] += gj * gj
            residualDense[i] -= rate * gj / (residualDenseG[i] + 1e-8).squareRoot()
        }
        let base = m << Int(NgramHash.bits)
        let gs = Float(g * s.ngramScale)
        for h in s.ngrams where allowed[Int(h)] {
            let i = base + Int(h)
            Self.ftrl(&residual[i], &residualZ[i], &residualG[i], gradient: gs, rate: Float(rate), l1: Float(options.residualL1), l2: Float(options.residualL2))
        }
    }

    /// FTRL-Proximal (McMahan et al. 2013) for one coordinate: `z` accumulates gradients minus
    /// the proximal correction, `g2` the squared gradients; the weight is exactly zero while
    /// |z| ≤ l1, which is what keeps the n-gram tables sparse (plain AdaGrad + L1 is not: its
    /// shrink fades with the step size).
    @inline(__always)
    static func ftrl(_ w: inout Float, _ z: inout Float, _ g2: inout Float, gradient g: Float, rate: Float, l1: Float, l2: Float) {
        let sigma = ((g2 + g * g).squareRoot() - g2.squareRoot()) / rate
        z += g - sigma * w
        g2 += g * g
        if abs(z) <= l1 {
            w = 0
        } else {
            w = -(z - (z > 0 ? l1 : -l1)) / ((1 + g2.squareRoot()) / rate + l2)
        }
    }
}
