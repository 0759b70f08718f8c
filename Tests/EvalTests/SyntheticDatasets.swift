import Foundation

/// Writes tiny copies of the three shared datasets' file formats into a temporary folder, so the
/// converters are tested without the real (license-restricted) data.
enum SyntheticDatasets {
    static func make() throws -> String {
        let root = NSTemporaryDirectory() + "switchyard-eval-\(UUID().uuidString)"
        try write(root + "/routerbench-subset", routerBench())
        try write(root + "/routellm-evals", routeLLM())
        try write(root + "/alpacaeval-permodel", alpacaEval())
        return root
    }

    static func remove(_ root: String) {
        try? FileManager.default.removeItem(atPath: root)
    }

    private static func write(_ folder: String, _ files: [String: String]) throws {
        for (name, text) in files {
            let url = URL(fileURLWithPath: folder + "/" + name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    static let routerBenchHeader = ",sample_id,prompt,eval_name,model-a,model-b,model-a|model_response,model-b|model_response,model-a|total_cost,model-b|total_cost,oracle_model_to_route_to\n"

    static func routerBench() -> [String: String] {
        var files: [String: String] = [:]
        for (stem, eval) in [("arc_challenge", "arc-challenge"), ("mbpp", "mbpp"), ("winograde", "winogrande")] {
            for split in ["train", "test"] {
                var text = routerBenchHeader
                for i in 0 ..< (split == "train" ? 3 : 2) {
                    let prompt = #""['Question \#(i) of \#(stem), with a comma\nA) yes\nB) no', ""it's""]""#
                    let bScore = i == 0 ? "" : "0.0"
                    text += "\(i),\(eval).\(split).\(i),\(prompt),\(eval),1.0,\(bScore),\"answer, quoted\",b,0.01,0.001,model-b\n"
                }
                files["\(stem)_\(split).csv"] = text
            }
        }
        return files
    }

    static let weak = "mistralai/Mixtral-8x7B-Instruct-v0.1"
    static let strong = "gpt-4-1106-preview"

    static func routeLLM() -> [String: String] {
        var files: [String: String] = [:]
        files["mmlu/mmlu_anatomy.csv"] = "prompt,\(weak),\(strong)\n\"What is a bone?\nA. x\nB. y\",False,True\nContaminated one,True,True\nWhich organ filters blood?,True,True\n"
        files["mmlu/mmlu_virology.csv"] = "prompt,\(weak),\(strong)\nWhat is a virus?,False,False\n"
        files["mmlu/contaminated_prompts.jsonl"] = #"{"train_prompt":"x","eval_prompt":"Contaminated one","train_idx":1,"eval_idx":2}"# + "\n"
        files["gsm8k/gsm8k_responses.csv"] = "prompt,\(weak),\(strong),\(weak)_response,\(strong)_response\nTom has 3 apples and buys 2. How many?,True,True,5,\"3 + 2 = 5, so 5\"\n"
        files["gsm8k/contaminated_prompts.jsonl"] = ""
        var questions = ""
        var judgements = ""
        for (id, category) in [(81, "writing"), (101, "reasoning"), (121, "coding")] {
            questions += #"{"question_id": \#(id), "category": "\#(category)", "turns": ["Turn one of \#(id)", "Turn two of \#(id)"]}"# + "\n"
            for (model, grades) in [(strong, (10, 8)), (weak, (7, 1))] {
                judgements += #"{"question_id": \#(id), "model": "\#(model)", "score": \#(grades.0), "turn": 1, "user_prompt": "[Question]"}"# + "\n"
                let prompt = #"<|The Start of Assistant A's Conversation with User|>\n\n### User:\nTurn one\n\n### Assistant A:\nAnswer one.\n\n### User:\nTurn two\n\n### Assistant A:\nAnswer two!\n\n<|The End of Assistant A's Conversation with User|>"#
                judgements += #"{"question_id": \#(id), "model": "\#(model)", "score": \#(grades.1), "turn": 2, "user_prompt": "\#(prompt)"}"# + "\n"
            }
        }
        files["mt_bench/question.jsonl"] = questions
        files["mt_bench/judgements.jsonl"] = judgements
        files["mt_bench/contaminated_prompts.jsonl"] = #"{"eval_prompt": "Turn two of 121"}"# + "\n"
        return files
    }

    static func alpacaEval() -> [String: String] {
        [
            "winrate_vs_gpt4_1106_preview.csv":
                "instruction,dataset,win_vs_gpt4t:gpt4_1106_preview,win_vs_gpt4t:claude-2,win_vs_gpt4t:unpriced\nSay hi,koala,0.5,0.25,0.9\nWrite a poem,oasst,0.5,0.75,0.1\n",
            "output_chars.csv":
                "instruction,dataset,out_chars:gpt4_1106_preview,out_chars:claude-2,out_chars:unpriced\nWrite a poem,oasst,400,800,10\nSay hi,koala,40,80,10\n",
        ]
    }
}
