import Wire

/// Converts RouteLLM's MT-Bench data: 80 two-turn questions graded 1-10 by GPT-4 per turn.
///
/// As in RouteLLM, routing sees turn 1 only (the record's prompt) and a model's result is the mean
/// of its two turns' grades. Grades are mapped to 0...1 by (grade − 1) / 9, an affine map, so PGR,
/// APGR and CPT are the same as on the 1-10 scale. Questions with either turn listed in
/// `contaminated_prompts.jsonl` are dropped. Costs: `TokenPrices.routeLLM`; input is turn 1,
/// then turn 1 + answer 1 (taken as half the output) + turn 2 for the second call; output is
/// both answers (their text is recovered from the turn-2 judge prompt). Group
/// `mt-bench/<category>`.
public enum MTBenchConverter {
    public static let dataset = "routellm-mt-bench"

    public static func convert(folder: String) throws(EvalError) -> [OutcomeRecord] {
        let base = "\(folder)/mt_bench"
        return try convert(
            questions: try TextFile.read("\(base)/question.jsonl"),
            judgements: try TextFile.read("\(base)/judgements.jsonl"),
            contaminated: try RouteLLMConverter.contaminatedPrompts("\(base)/contaminated_prompts.jsonl")
        )
    }

    /// Converts the JSON-lines texts of `question.jsonl` and `judgements.jsonl`.
    public static func convert(questions: String, judgements: String, contaminated: Set<String>) throws(EvalError) -> [OutcomeRecord] {
        var grades: [Int: [String: [Double]]] = [:]
        var answerChars: [Int: [String: Int]] = [:]
        for value in try lines(judgements) {
            guard let id = value["question_id"]?.int, let model = value["model"]?.string,
                  let score = value["score"]?.double, let turn = value["turn"]?.int
            else { throw EvalError(.invalidRecord, "judgement without question_id, model, score or turn") }
            grades[id, default: [:]][model, default: []].append((score - 1) / 9)
            if turn == 2, let prompt = value["user_prompt"]?.string {
                answerChars[id, default: [:]][model] = answers(inJudgePrompt: prompt).reduce(0) { $0 + $1.utf8.count }
            }
        }
        var records: [OutcomeRecord] = []
        for value in try lines(questions) {
            guard let id = value["question_id"]?.int, let category = value["category"]?.string,
                  let turns = value["turns"]?.array?.compactMap(\.string), turns.count >= 2
            else { throw EvalError(.invalidRecord, "question without question_id, category or two turns") }
            if turns.contains(where: contaminated.contains) { continue }
            var scores: [String: Double] = [:], costs: [String: Double] = [:]
            for (model, list) in grades[id] ?? [:] where TokenPrices.routeLLM[model] != nil {
                scores[model] = list.reduce(0, +) / Double(list.count)
                let output = Double((answerChars[id]?[model] ?? 0) + 3) / 4
                let input = 2 * TokenPrices.promptTokens(turns[0]) + TokenPrices.promptTokens(turns[1]) + output / 2
                costs[model] = TokenPrices.routeLLM[model]!.cost(inputTokens: input, outputTokens: output)
            }
            records.append(OutcomeRecord(
                id: "mt-bench/\(id)", prompt: turns[0], group: "mt-bench/\(category)", dataset: dataset,
                scores: scores, costs: costs
            ))
        }
        return records
    }

    /// The assistant's answers in a FastChat multi-turn judge prompt (reference answers excluded).
    static func answers(inJudgePrompt prompt: String) -> [String] {
        let start = "<|The Start of Assistant A's Conversation with User|>"
        guard let section = prompt.firstRange(of: start) else { return [] }
        var rest = prompt[section.upperBound...]
        if let end = rest.firstRange(of: "<|The End of Assistant A's Conversation with User|>") {
            rest = rest[..<end.lowerBound]
        }
        var answers: [String] = []
        let marker = "### Assistant A:\n"
        while let open = rest.firstRange(of: marker) {
            rest = rest[open.upperBound...]
            let close = rest.firstRange(of: "\n\n### User:")?.lowerBound ?? rest.endIndex
            answers.append(String(rest[..<close]).trimmingWhitespace())
            rest = rest[close...]
        }
        return answers
    }

    private static func lines(_ text: String) throws(EvalError) -> [JSONValue] {
        var values: [JSONValue] = []
        for line in text.split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
            do { values.append(try JSONValue.parse(String(line))) } catch {
                throw EvalError(.invalidRecord, "not JSON: \(error)")
            }
        }
        return values
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first ... last])
    }
}
