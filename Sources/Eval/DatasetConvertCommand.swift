/// `switchyard dataset convert [--source DIR] --out DIR [--hold-out GROUP...]`: converts the
/// shared routing datasets to outcome files with fixed train/test splits.
///
/// The datasets are read where they lie (`../shared/datasets` from the repository root by
/// default); their licenses forbid copying them into the repository, so `out` should be a
/// temporary or git-ignored folder. Files written, each `<name>_train.jsonl` / `<name>_test.jsonl`:
/// `routerbench` (the dataset's own split), `mmlu`, `gsm8k`, `mt_bench`, `alpacaeval` (hash split,
/// `testPercent` in test). For every `--hold-out` group (`mmlu/anatomy`, `mt-bench/writing`),
/// also `lodo_<group>_train/test.jsonl`: its dataset with that group as the whole test part.
public enum DatasetConvertCommand {
    public static let defaultSource = "../shared/datasets"

    @discardableResult
    public static func run(
        source: String = defaultSource, out: String, testPercent: Int = 20, holdOut: [String] = []
    ) throws(EvalError) -> String {
        guard (1 ... 99).contains(testPercent) else { throw EvalError(.invalidArgument, "test percent must be 1...99") }
        var lines: [String] = []
        func emit(_ name: String, _ train: [OutcomeRecord], _ test: [OutcomeRecord]) throws(EvalError) {
            try OutcomeFile.write(train, to: "\(out)/\(name)_train.jsonl")
            try OutcomeFile.write(test, to: "\(out)/\(name)_test.jsonl")
            lines.append("\(name): \(train.count) train, \(test.count) test")
        }
        let split = HashSplit(testPercent: testPercent)
        let routerBench = "\(source)/routerbench-subset"
        try emit(
            "routerbench",
            try RouterBenchConverter.convert(folder: routerBench, split: "train"),
            try RouterBenchConverter.convert(folder: routerBench, split: "test")
        )
        let routeLLM = "\(source)/routellm-evals"
        var byName: [(String, [OutcomeRecord])] = [
            ("mmlu", try RouteLLMConverter.convertMMLU(folder: routeLLM)),
            ("gsm8k", try RouteLLMConverter.convertGSM8K(folder: routeLLM)),
            ("mt_bench", try MTBenchConverter.convert(folder: routeLLM)),
        ]
        byName.append(("alpacaeval", try AlpacaEvalConverter.convert(folder: "\(source)/alpacaeval-permodel")))
        for (name, records) in byName {
            let (train, test) = split.split(records)
            try emit(name, train, test)
        }
        for group in holdOut {
            guard let (_, records) = byName.first(where: { $0.1.contains { $0.group == group || $0.group.hasPrefix(group + "/") } }) else {
                throw EvalError(.invalidArgument, "no dataset has group \(group)")
            }
            let (train, test) = HashSplit.holdOut(group: group, from: records)
            try emit("lodo_" + group.replacingSlashes(), train, test)
        }
        lines.append("wrote \(out)")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// `mt-bench/writing` -> `mt-bench_writing`, for file names.
    func replacingSlashes() -> String {
        String(map { $0 == "/" ? "_" : $0 })
    }
}
