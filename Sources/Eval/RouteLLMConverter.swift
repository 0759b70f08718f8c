import Wire

/// Converts RouteLLM's MMLU and GSM8K outcome files (gpt-4-1106-preview vs Mixtral-8x7B).
///
/// As RouteLLM's evaluator does, prompts listed in `contaminated_prompts.jsonl` (`eval_prompt`)
/// are dropped. Scores: the `True`/`False` columns as 1/0. Costs: `TokenPrices.routeLLM` times
/// tokens: the prompt's estimate in, and out either the model's recorded response (GSM8K) or,
/// where responses were not kept (MMLU), `mmluOutputTokens`.
public enum RouteLLMConverter {
    public static let strong = "gpt-4-1106-preview"
    public static let weak = "mistralai/Mixtral-8x7B-Instruct-v0.1"
    /// MMLU answers are a letter with a short justification at most.
    public static let mmluOutputTokens = 16.0

    /// All MMLU subjects from `<folder>/mmlu/mmlu_<subject>.csv`; group `mmlu/<subject>`.
    public static func convertMMLU(folder: String) throws(EvalError) -> [OutcomeRecord] {
        let contaminated = try contaminatedPrompts("\(folder)/mmlu/contaminated_prompts.jsonl")
        var records: [OutcomeRecord] = []
        for file in try TextFile.list("\(folder)/mmlu") where file.hasPrefix("mmlu_") && file.hasSuffix(".csv") {
            let subject = String(file.dropFirst(5).dropLast(4))
            let table = try CSVTable.read("\(folder)/mmlu/\(file)")
            records += try convert(table, group: "mmlu/\(subject)", dataset: "routellm-mmlu", contaminated: contaminated)
        }
        return records
    }

    /// `<folder>/gsm8k/gsm8k_responses.csv`; group `gsm8k`.
    public static func convertGSM8K(folder: String) throws(EvalError) -> [OutcomeRecord] {
        let contaminated = try contaminatedPrompts("\(folder)/gsm8k/contaminated_prompts.jsonl")
        let table = try CSVTable.read("\(folder)/gsm8k/gsm8k_responses.csv")
        return try convert(table, group: "gsm8k", dataset: "routellm-gsm8k", contaminated: contaminated)
    }

    /// One MMLU or GSM8K table; `<model>_response` columns, when present, give output lengths.
    public static func convert(
        _ table: CSVTable, group: String, dataset: String, contaminated: Set<String>
    ) throws(EvalError) -> [OutcomeRecord] {
        let promptColumn = try table.require("prompt")
        let columns = [(strong, try table.require(strong)), (weak, try table.require(weak))]
        let responses = [strong: table.column(strong + "_response"), weak: table.column(weak + "_response")]
        var records: [OutcomeRecord] = []
        for (n, row) in table.rows.enumerated() {
            let prompt = table.value(row, promptColumn)
            if prompt.isEmpty || contaminated.contains(prompt) { continue }
            var scores: [String: Double] = [:], costs: [String: Double] = [:]
            for (model, column) in columns {
                switch table.value(row, column).lowercased() {
                case "true", "1", "1.0": scores[model] = 1
                case "false", "0", "0.0": scores[model] = 0
                default: continue
                }
                let output = responses[model]!.map { TokenPrices.outputTokens(table.value(row, $0)) } ?? mmluOutputTokens
                costs[model] = TokenPrices.routeLLM[model]!.cost(inputTokens: TokenPrices.promptTokens(prompt), outputTokens: output)
            }
            records.append(OutcomeRecord(
                id: "\(group)/\(n)", prompt: prompt, group: group, dataset: dataset, scores: scores, costs: costs
            ))
        }
        return records
    }

    /// The `eval_prompt` values of a RouteLLM `contaminated_prompts.jsonl`.
    public static func contaminatedPrompts(_ path: String) throws(EvalError) -> Set<String> {
        var prompts: Set<String> = []
        for line in try TextFile.read(path).split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
            guard let prompt = (try? JSONValue.parse(String(line)))?["eval_prompt"]?.string else {
                throw EvalError(.invalidRecord, "\(path): a line without a string eval_prompt")
            }
            prompts.insert(prompt)
        }
        return prompts
    }
}
