import Routing

/// Maps a dataset group to the task category the router would be told (as by a category header).
///
/// The group's first path component decides (`mt-bench/coding` -> `mt-bench` then `coding`);
/// unknown groups return nil so the predictor infers the category from the text.
public enum GroupCategory {
    static let table: [String: TaskCategory] = [
        "mbpp": .code, "humaneval": .code, "coding": .code,
        "gsm8k": .math, "math": .math,
        "mmlu": .knowledge, "arc_challenge": .knowledge, "arc": .knowledge, "stem": .knowledge,
        "humanities": .knowledge,
        "winogrande": .reasoning, "winograde": .reasoning, "hellaswag": .reasoning, "reasoning": .reasoning,
        "writing": .creative, "roleplay": .creative,
        "extraction": .extraction,
        "alpacaeval": .chat, "selfinstruct": .chat, "oasst": .chat, "koala": .chat, "helpful_base": .chat,
        "vicuna": .chat,
    ]

    public static func category(of group: String) -> TaskCategory? {
        let parts = group.split(separator: "/").map(String.init)
        // The most specific known component wins: `mt-bench/math` is math, `mmlu/anatomy` knowledge.
        for part in parts.reversed() {
            if let category = table[part.lowercased()] { return category }
        }
        return nil
    }
}
