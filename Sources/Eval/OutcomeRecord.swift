import Routing

/// One prompt of a routing dataset with every model's score and cost: one line of an outcome file.
///
/// Line format (JSON): `{"id", "prompt" or "messages", "group", "scores": {model: 0..1},
/// "costs": {model: USD}}`, plus optional `"dataset"` (the calibration suite the record belongs
/// to; converters set it) and `"meta"` (free-form strings, e.g. the MMLU subject).
public struct OutcomeRecord: Sendable, Equatable {
    public var id: String
    /// The single user prompt, when the record is not a conversation.
    public var prompt: String?
    /// The conversation, when the record is one (`prompt` is then nil).
    public var messages: [PromptMessage]?
    /// Task group (`mbpp`, `mmlu`, `mt-bench/writing`): picks the category, never a feature.
    public var group: String
    public var dataset: String?
    public var scores: [String: Double]
    public var costs: [String: Double]

    public init(
        id: String,
        prompt: String? = nil,
        messages: [PromptMessage]? = nil,
        group: String,
        dataset: String? = nil,
        scores: [String: Double],
        costs: [String: Double]
    ) {
        self.id = id
        self.prompt = prompt
        self.messages = messages
        self.group = group
        self.dataset = dataset
        self.scores = scores
        self.costs = costs
    }

    /// The text the router sees, as messages.
    public var conversation: [PromptMessage] {
        messages ?? [PromptMessage(role: "user", content: prompt ?? "")]
    }

    /// The prompt text used for hash splits: the prompt, or all message contents joined.
    public var splitText: String {
        prompt ?? conversation.map(\.content).joined(separator: "\n")
    }

    /// Request features, with the category taken from the group.
    public var features: RequestFeatures {
        FeatureExtractor.extract(messages: conversation, category: GroupCategory.category(of: group))
    }

    /// Models with both a score and a cost.
    public var completeModels: Set<String> {
        Set(scores.keys).intersection(costs.keys)
    }

    /// The calibration suite: the dataset name, or the model set when there is none.
    public var suite: String {
        dataset ?? "models:" + completeModels.sorted().joined(separator: ",")
    }
}
