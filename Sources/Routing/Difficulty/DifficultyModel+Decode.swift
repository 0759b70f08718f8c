import Wire

/// Reading `weights.json` (format in `DifficultyModel+JSON.swift`).
extension DifficultyModel {
    public static func decode(_ text: String) throws(DifficultyError) -> DifficultyModel {
        let document: JSONValue
        do { document = try JSONValue.parse(text) } catch {
            throw DifficultyError(.invalidJSON, "\(error)")
        }
        return try decode(document)
    }

    public static func decode(_ document: JSONValue) throws(DifficultyError) -> DifficultyModel {
        guard case .object = document else { throw DifficultyError(.wrongShape, "top level is not an object") }
        guard document["format"]?.int == formatVersion,
              document["hash_bits"]?.int == Int(NgramHash.bits),
              document["hash_version"]?.int == NgramHash.version
        else {
            throw DifficultyError(.unsupportedFormat, "expected format \(formatVersion), hash \(NgramHash.bits) bits v\(NgramHash.version)")
        }
        let categoryCount = TaskCategory.allCases.count
        let bias = try doubles(document["category_bias"], "category_bias", count: categoryCount)
        let dense = try doubles(document["dense_weights"], "dense_weights", count: DenseFeatures.count)
        guard let a = document["platt"]?["a"]?.double, let b = document["platt"]?["b"]?.double else {
            throw DifficultyError(.missingField, "platt.a / platt.b")
        }
        var links: [AbilityLink] = []
        for category in TaskCategory.allCases {
            let pair = try doubles(document["links"]?[category.rawValue], "links.\(category.rawValue)", count: 2)
            links.append(AbilityLink(slope: pair[0], intercept: pair[1]))
        }
        var abilities: [String: [Double]] = [:]
        guard let members = document["abilities"]?.object?.members else {
            throw DifficultyError(.missingField, "abilities")
        }
        for member in members {
            abilities[member.key] = try doubles(member.value, "abilities.\(member.key)", count: categoryCount)
        }
        guard let decimals = document["ngram_decimals"]?.int, (0 ... 9).contains(decimals) else {
            throw DifficultyError(.missingField, "ngram_decimals")
        }
        var residuals: [String: ModelResidual] = [:]
        for member in document["residuals"]?.object?.members ?? [] {
            residuals[member.key] = ModelResidual(
                dense: try doubles(member.value["dense"], "residuals.\(member.key).dense", count: DenseFeatures.count),
                ngrams: try ngrams(member.value, decimals: decimals)
            )
        }
        // Optional: weights written before the scaling existed predict as trained.
        var scaling = PromptTermScaling.identity
        if let member = document["term_scaling"] {
            scaling = PromptTermScaling(
                text: try doubles(member["text"], "term_scaling.text", count: categoryCount),
                residual: try doubles(member["residual"], "term_scaling.residual", count: categoryCount)
            )
        }
        return DifficultyModel(
            categoryBias: bias,
            denseWeights: dense,
            ngramWeights: try ngrams(document, decimals: decimals),
            learnedAbilities: abilities,
            residuals: residuals,
            links: links,
            platt: PlattScaling(a: a, b: b),
            termScaling: scaling
        )
    }

    private static func ngrams(_ document: JSONValue, decimals: Int) throws(DifficultyError) -> SparseWeights {
        guard let deltas = document["ngram_index_deltas"]?.array, let weights = document["ngram_weights"]?.array else {
            throw DifficultyError(.missingField, "ngram_index_deltas / ngram_weights")
        }
        guard deltas.count == weights.count else {
            throw DifficultyError(.wrongShape, "ngram_index_deltas and ngram_weights differ in length")
        }
        let scale = DifficultyTrainer.scale(decimals)
        var entries: [(index: UInt32, weight: Float)] = []
        entries.reserveCapacity(deltas.count)
        var index = 0
        for (delta, weight) in zip(deltas, weights) {
            guard let d = delta.int, d >= 0, let w = weight.int else {
                throw DifficultyError(.wrongShape, "n-gram entries must be integers, deltas nonnegative")
            }
            index += d
            guard index < Int(NgramHash.space) else { throw DifficultyError(.wrongShape, "n-gram index out of range") }
            entries.append((UInt32(index), Float(Double(w) / scale)))
        }
        return SparseWeights(entries: entries)
    }

    private static func doubles(_ value: JSONValue?, _ name: String, count: Int) throws(DifficultyError) -> [Double] {
        guard let array = value?.array else { throw DifficultyError(.missingField, name) }
        let numbers = array.compactMap(\.double)
        guard numbers.count == array.count, numbers.count == count else {
            throw DifficultyError(.wrongShape, "\(name) must hold \(count) numbers")
        }
        return numbers
    }
}
