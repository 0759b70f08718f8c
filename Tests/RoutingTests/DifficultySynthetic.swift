import Routing

/// A synthetic outcome set with planted difficulty: words from a "hard" list make a prompt harder,
/// words from an "easy" list easier, and each model answers well with σ(θ_m − d(x)).
struct DifficultySynthetic {
    static let hardWords = ["quantum", "topology", "eigenvalue", "lagrangian", "cohomology", "manifold"]
    static let easyWords = ["hello", "color", "animal", "weekday", "fruit", "greeting"]
    static let filler = ["the", "a", "what", "is", "of", "and", "tell", "me", "about", "please", "some", "this"]
    /// True abilities (logits) per model; `held-out` never appears in training data.
    static let abilities: [(name: String, theta: Double)] = [("big", 2.0), ("mid", 0.8), ("small", -0.4), ("held-out", 1.4)]

    struct Item {
        var prompt: String
        var difficulty: Double
        var scores: [String: Double]
    }

    static func make(count: Int, seed: UInt64) -> [Item] {
        var rng = SeededGenerator(seed: seed)
        var items: [Item] = []
        for _ in 0 ..< count {
            var words: [String] = []
            let hard = Int(rng.next() % 4), easy = Int(rng.next() % 3)
            for _ in 0 ..< hard { words.append(hardWords[Int(rng.next() % UInt64(hardWords.count))]) }
            for _ in 0 ..< easy { words.append(easyWords[Int(rng.next() % UInt64(easyWords.count))]) }
            for _ in 0 ..< 6 { words.append(filler[Int(rng.next() % UInt64(filler.count))]) }
            for i in stride(from: words.count - 1, to: 0, by: -1) { words.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            let d = 1.3 * Double(hard) - 1.0 * Double(easy)
            var scores: [String: Double] = [:]
            for (name, theta) in abilities {
                let p = Logistic.sigmoid(theta - d)
                scores[name] = Double(rng.next() % 1_000_000) / 1_000_000 < p ? 1 : 0
            }
            items.append(Item(prompt: words.joined(separator: " "), difficulty: d, scores: scores))
        }
        return items
    }

    static func samples(_ items: [Item], excluding excluded: String = "held-out") -> [OutcomeSample] {
        items.map { item in
            OutcomeSample(
                features: FeatureExtractor.extract(prompt: item.prompt, category: .knowledge),
                category: .knowledge,
                scores: item.scores.filter { $0.key != excluded }
            )
        }
    }

    /// Area under the ROC curve of `scores` for the binary `labels` (ties count half).
    static func auc(_ scores: [Double], _ labels: [Double]) -> Double {
        var positive = 0.0, negative = 0.0, wins = 0.0
        for (i, si) in scores.enumerated() where labels[i] == 1 {
            positive += 1
            for (j, sj) in scores.enumerated() where labels[j] == 0 {
                wins += si > sj ? 1 : si == sj ? 0.5 : 0
            }
        }
        negative = Double(labels.count) - positive
        return positive > 0 && negative > 0 ? wins / (positive * negative) : 0.5
    }
}
