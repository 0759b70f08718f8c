/// Derivation of catalog abilities from public benchmark results.
extension ModelAbilities {
    /// Per-category quality from public benchmarks, by the method in the catalog's `_about`.
    ///
    /// knowledge = MMLU-Pro; reasoning = mean(GPQA Diamond, MMLU-Pro); code = HumanEval; math = MATH;
    /// chat = creative = Arena win rate vs Elo 1100; extraction = mean(chat, code). A category whose
    /// inputs are missing gets the mean of the categories that could be computed.
    public init?(benchmarks b: Benchmarks) {
        let knowledge = b.mmluPro.map { $0 / 100 }
        let reasoning: Double? = switch (b.gpqaDiamond, b.mmluPro) {
        case let (g?, m?): (g + m) / 200
        case let (g?, nil): g / 100
        default: nil
        }
        let code = b.humanEval.map { $0 / 100 }
        let math = b.math.map { $0 / 100 }
        let chat = b.arenaElo.map(Catalog.arenaQuality(elo:))
        let extraction: Double? = switch (chat, code) {
        case let (c?, k?): (c + k) / 2
        default: chat ?? code
        }
        var values: [TaskCategory: Double] = [:]
        values[.knowledge] = knowledge
        values[.reasoning] = reasoning
        values[.code] = code
        values[.math] = math
        values[.chat] = chat
        values[.creative] = chat
        values[.extraction] = extraction
        guard !values.isEmpty else { return nil }
        let mean = values.values.reduce(0, +) / Double(values.count)
        self.init(values, default: mean)
    }
}
