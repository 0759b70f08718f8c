/// A trained model's own correction r_m(x) to the shared logit θ − d(x): where, beyond overall
/// ability and request difficulty, this model does better or worse than its peers.
///
/// Linear in the same features as the difficulty (dense entries, and n-grams scaled by
/// 1/√(count + 1)), L1-sparse. Only models seen in training have one; catalog-only models get zero.
public struct ModelResidual: Sendable, Equatable {
    public var dense: [Double]
    public var ngrams: SparseWeights

    public init(dense: [Double] = Array(repeating: 0, count: DenseFeatures.count), ngrams: SparseWeights = SparseWeights()) {
        precondition(dense.count == DenseFeatures.count)
        self.dense = dense
        self.ngrams = ngrams
    }

    public var isZero: Bool { ngrams.count == 0 && dense.allSatisfy { $0 == 0 } }

    public func value(_ features: RequestFeatures) -> Double {
        var r = 0.0
        dense.withUnsafeBufferPointer { u in
            DenseFeatures.forEach(features) { index, value in r += u[index] * value }
        }
        return r + Double(ngrams.sum(features.ngramHashes)) * DenseFeatures.ngramScale(features)
    }
}
