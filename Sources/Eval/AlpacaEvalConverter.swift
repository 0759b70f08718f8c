/// Converts `alpacaeval-permodel`: 805 instructions, per-model judge win rate against GPT-4-Turbo.
///
/// Score: `win_vs_gpt4t:<model>`, the GPT-4-Turbo judge's probability that the model's answer
/// beats gpt4_1106_preview's (0.5 = tie; gpt4_1106_preview itself scores 0.5). Cost: the
/// model's price (`TokenPrices.alpacaEval`) times the instruction's tokens in and its output
/// length (`out_chars:<model>` / 4) out. Only models with both a score and a public price are
/// kept. Group `alpacaeval/<source>`, dataset `alpacaeval`.
public enum AlpacaEvalConverter {
    public static let dataset = "alpacaeval"

    public static func convert(folder: String, prices: [String: TokenPrices.Price] = TokenPrices.alpacaEval) throws(EvalError) -> [OutcomeRecord] {
        try convert(
            winRates: CSVTable.read("\(folder)/winrate_vs_gpt4_1106_preview.csv"),
            outputChars: CSVTable.read("\(folder)/output_chars.csv"),
            prices: prices
        )
    }

    /// Rows of the two tables are matched by instruction text.
    public static func convert(
        winRates: CSVTable, outputChars: CSVTable, prices: [String: TokenPrices.Price] = TokenPrices.alpacaEval
    ) throws(EvalError) -> [OutcomeRecord] {
        let instruction = try winRates.require("instruction")
        let source = winRates.column("dataset")
        let lengthInstruction = try outputChars.require("instruction")
        var lengthRow: [String: [String]] = [:]
        for row in outputChars.rows { lengthRow[outputChars.value(row, lengthInstruction)] = row }
        let models = prices.keys.sorted().compactMap { model -> (String, Int, Int)? in
            guard let score = winRates.column("win_vs_gpt4t:" + model),
                  let chars = outputChars.column("out_chars:" + model) else { return nil }
            return (model, score, chars)
        }
        guard models.count >= 2 else { throw EvalError(.missingColumn, "fewer than two priced models in the tables") }
        var records: [OutcomeRecord] = []
        for (n, row) in winRates.rows.enumerated() {
            let text = winRates.value(row, instruction)
            guard !text.isEmpty, let lengths = lengthRow[text] else { continue }
            var scores: [String: Double] = [:], costs: [String: Double] = [:]
            for (model, scoreColumn, charsColumn) in models {
                guard let score = Double(winRates.value(row, scoreColumn)),
                      let chars = Double(outputChars.value(lengths, charsColumn)) else { continue }
                scores[model] = score
                costs[model] = prices[model]!.cost(inputTokens: TokenPrices.promptTokens(text), outputTokens: chars / 4)
            }
            let group = source.map { "alpacaeval/" + winRates.value(row, $0) } ?? "alpacaeval"
            records.append(OutcomeRecord(
                id: "alpacaeval/\(n)", prompt: text, group: group, dataset: dataset, scores: scores, costs: costs
            ))
        }
        return records
    }
}
