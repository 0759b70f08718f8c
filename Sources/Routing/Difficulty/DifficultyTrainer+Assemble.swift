// Turning a finished fit into a shippable model: prune and round the weights, link the catalog.

extension DifficultyTrainer {
    func assemble(_ fit: DifficultyFit, names: [String], platt: PlattScaling) -> DifficultyModel {
        let categories = DifficultyFit.categories
        let fine = options.decimals + 1
        let ngrams = prune(fit.ngram[...], keep: options.maxNgramWeights)

        var seenBias: [Double] = []
        for c in 0 ..< categories where (0 ..< names.count).contains(where: { fit.thetaSeen[$0 * categories + c] }) {
            seenBias.append(fit.bias[c])
        }
        let meanBias = seenBias.isEmpty ? 0 : seenBias.reduce(0, +) / Double(seenBias.count)
        let bias = (0 ..< categories).map { c in
            let seen = (0 ..< names.count).contains { fit.thetaSeen[$0 * categories + c] }
            return Self.round(seen ? fit.bias[c] : meanBias, fine)
        }

        let links = fitLinks(fit, names: names)
        var learned: [String: [Double]] = [:]
        for (m, name) in names.enumerated() {
            let seen = (0 ..< categories).filter { fit.thetaSeen[m * categories + $0] }
            let mean = seen.isEmpty ? 0 : seen.map { fit.theta[m * categories + $0] }.reduce(0, +) / Double(seen.count)
            let catalogAbilities = catalog?.model(named: name)?.abilities
            learned[name] = (0 ..< categories).map { c in
                if fit.thetaSeen[m * categories + c] { return Self.round(fit.theta[m * categories + c], fine) }
                if let catalogAbilities { return Self.round(links[c].theta(fromCatalog: catalogAbilities.byCategory[c]), fine) }
                return Self.round(mean, fine)
            }
        }
        var residuals: [String: ModelResidual] = [:]
        if !fit.residual.isEmpty {
            for (m, name) in names.enumerated() {
                let residual = ModelResidual(
                    dense: (0 ..< DenseFeatures.count).map { Self.round(fit.residualDense[m * DenseFeatures.count + $0], fine) },
                    ngrams: SparseWeights(entries: prune(fit.residual[(m << Int(NgramHash.bits)) ..< ((m + 1) << Int(NgramHash.bits))], keep: options.maxResidualWeights))
                )
                if !residual.isZero { residuals[name] = residual }
            }
        }
        return DifficultyModel(
            categoryBias: bias,
            denseWeights: fit.dense.map { Self.round($0, fine) },
            ngramWeights: SparseWeights(entries: ngrams),
            learnedAbilities: learned,
            residuals: residuals,
            links: links,
            platt: PlattScaling(a: Self.round(platt.a, fine), b: Self.round(platt.b, fine))
        )
    }

    /// The `keep` largest weights of `weights` (indexed from its start), rounded; the rest dropped.
    private func prune(_ weights: ArraySlice<Float>, keep: Int) -> [(index: UInt32, weight: Float)] {
        let threshold = 0.5 / Self.scale(options.decimals)
        var kept: [(index: UInt32, weight: Float)] = []
        for (i, w) in weights.enumerated() where Double(abs(w)) >= threshold { kept.append((UInt32(i), w)) }
        kept.sort { abs($0.weight) != abs($1.weight) ? abs($0.weight) > abs($1.weight) : $0.index < $1.index }
        return kept.prefix(keep).map { (index: $0.index, weight: Float(Self.round(Double($0.weight), options.decimals))) }
    }

    /// Per-category links where a catalog model was trained in the category (slope from the pooled
    /// fit when the category has too few models to estimate one); the pooled link elsewhere;
    /// identity without any catalog overlap.
    private func fitLinks(_ fit: DifficultyFit, names: [String]) -> [AbilityLink] {
        let categories = DifficultyFit.categories
        var pairs: [(catalog: [Double], theta: [Double])] = []
        for c in 0 ..< categories {
            var x: [Double] = [], y: [Double] = []
            for (m, name) in names.enumerated() where fit.thetaSeen[m * categories + c] {
                guard let abilities = catalog?.model(named: name)?.abilities else { continue }
                x.append(abilities.byCategory[c])
                y.append(fit.theta[m * categories + c])
            }
            pairs.append((x, y))
        }
        let pooled = AbilityLink.fit(catalog: pairs.flatMap(\.catalog), theta: pairs.flatMap(\.theta)) ?? .identity
        let fine = options.decimals + 1
        return pairs.map { pair in
            let link = AbilityLink.fit(catalog: pair.catalog, theta: pair.theta, fallbackSlope: pooled.slope) ?? pooled
            return AbilityLink(slope: Self.round(link.slope, fine), intercept: Self.round(link.intercept, fine))
        }
    }

    static func scale(_ decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0 ..< decimals { scale *= 10 }
        return scale
    }

    /// Rounds to `decimals` places as n / 10^decimals, which is exactly the Double that reading the
    /// shortest decimal text back yields, so weights survive a JSON round trip bit for bit.
    static func round(_ value: Double, _ decimals: Int) -> Double {
        let scale = scale(decimals)
        return (value * scale).rounded() / scale
    }
}
