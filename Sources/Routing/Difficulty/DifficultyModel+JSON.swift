import Wire

/// The `weights.json` format: every parameter of a `DifficultyModel`, n-grams kept compact.
///
/// N-gram weights are stored as two integer arrays: the feature indices as deltas from the
/// previous index (ascending), and the weights in units of 10^-`ngram_decimals`. Only nonzero
/// weights are stored. Per-model residuals use the same two arrays plus their dense weights. Unknown top-level members are ignored (the evaluation tools add theirs).
extension DifficultyModel {
    static let ngramDecimals = 3

    /// Writes the model's members into the object `writer` is in.
    public func writeMembers(to writer: inout JSONWriter) {
        writer.member("format", Self.formatVersion)
        writer.member("hash_bits", Int(NgramHash.bits))
        writer.member("hash_version", NgramHash.version)
        writer.key("categories")
        writer.beginArray()
        for category in TaskCategory.allCases { writer.string(category.rawValue) }
        writer.endArray()
        Self.writeDoubles("category_bias", categoryBias, to: &writer)
        writer.key("dense_names")
        writer.beginArray()
        for name in DenseFeatures.names { writer.string(name) }
        writer.endArray()
        Self.writeDoubles("dense_weights", denseWeights, to: &writer)
        writer.key("platt")
        writer.beginObject()
        writer.key("a")
        writer.double(platt.a)
        writer.key("b")
        writer.double(platt.b)
        writer.endObject()
        writer.key("term_scaling")
        writer.beginObject()
        Self.writeDoubles("text", termScaling.text, to: &writer)
        Self.writeDoubles("residual", termScaling.residual, to: &writer)
        writer.endObject()
        writer.key("links")
        writer.beginObject()
        for category in TaskCategory.allCases {
            Self.writeDoubles(category.rawValue, [links[category.index].slope, links[category.index].intercept], to: &writer)
        }
        writer.endObject()
        writer.key("abilities")
        writer.beginObject()
        for name in learnedAbilities.keys.sorted() { Self.writeDoubles(name, learnedAbilities[name]!, to: &writer) }
        writer.endObject()
        writer.member("ngram_decimals", Self.ngramDecimals)
        Self.writeNgrams(ngramWeights, to: &writer)
        writer.key("residuals")
        writer.beginObject()
        for name in residuals.keys.sorted() {
            writer.key(name)
            writer.beginObject()
            Self.writeDoubles("dense", residuals[name]!.dense, to: &writer)
            Self.writeNgrams(residuals[name]!.ngrams, to: &writer)
            writer.endObject()
        }
        writer.endObject()
    }

    /// The model as a standalone JSON document.
    public func encoded() -> [UInt8] {
        var writer = JSONWriter(capacity: 64 * 1024)
        writer.beginObject()
        writeMembers(to: &writer)
        writer.endObject()
        return writer.bytes
    }

    private static func writeNgrams(_ weights: SparseWeights, to writer: inout JSONWriter) {
        let entries = weights.entries
        let scale = DifficultyTrainer.scale(Self.ngramDecimals)
        writer.key("ngram_index_deltas")
        writer.beginArray()
        var previous: UInt32 = 0
        for entry in entries {
            writer.int(Int(entry.index - previous))
            previous = entry.index
        }
        writer.endArray()
        writer.key("ngram_weights")
        writer.beginArray()
        for entry in entries { writer.int(Int((Double(entry.weight) * scale).rounded())) }
        writer.endArray()
    }

    private static func writeDoubles(_ key: String, _ values: [Double], to writer: inout JSONWriter) {
        writer.key(key)
        writer.beginArray()
        for value in values { writer.double(value) }
        writer.endArray()
    }
}
