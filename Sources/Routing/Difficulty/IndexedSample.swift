/// A sample in the trainer's indexed form: model indices instead of names, dense entries listed.
struct IndexedSample {
    var ngrams: [UInt32]
    var ngramScale: Double
    var dense: [(index: Int, value: Double)]
    var category: Int
    var scores: [(model: Int, score: Double)]

    init(_ sample: OutcomeSample, modelIndex: [String: Int]) {
        var features = sample.features
        features.category = sample.category
        ngrams = features.ngramHashes
        ngramScale = DenseFeatures.ngramScale(features)
        var dense: [(index: Int, value: Double)] = []
        DenseFeatures.forEach(features) { dense.append(($0, $1)) }
        self.dense = dense
        category = sample.category.index
        scores = sample.scores
            .compactMap { name, score in modelIndex[name].map { (model: $0, score: min(max(score, 0), 1)) } }
            .sorted { $0.model < $1.model }
    }
}
