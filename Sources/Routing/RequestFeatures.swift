/// Per-request facts the router and the quality predictor use, extracted in one pass over the request.
public struct RequestFeatures: Sendable, Equatable {
    /// Estimated prompt tokens (all messages, tools and schema included).
    public var promptTokens: Int
    /// The request's `max_tokens` / `max_completion_tokens`, when given.
    public var maxOutputTokens: Int?
    public var turns: Int
    public var hasSystemPrompt: Bool
    public var hasCode: Bool
    public var hasMath: Bool
    public var usesTools: Bool
    /// `json_object` or `json_schema` response format.
    public var wantsJSON: Bool
    public var wantsJSONSchema: Bool
    public var hasImages: Bool
    public var script: Script
    /// Count of reasoning cue words ("prove", "step by step", ...).
    public var reasoningCues: Int
    /// Hashed word unigrams/bigrams for the learned model; order is not significant.
    public var ngramHashes: [UInt32]
    /// Explicit category (from a header or a dataset group); nil means "infer".
    public var category: TaskCategory?

    public init(
        promptTokens: Int = 0,
        maxOutputTokens: Int? = nil,
        turns: Int = 1,
        hasSystemPrompt: Bool = false,
        hasCode: Bool = false,
        hasMath: Bool = false,
        usesTools: Bool = false,
        wantsJSON: Bool = false,
        wantsJSONSchema: Bool = false,
        hasImages: Bool = false,
        script: Script = .latin,
        reasoningCues: Int = 0,
        ngramHashes: [UInt32] = [],
        category: TaskCategory? = nil
    ) {
        self.promptTokens = promptTokens
        self.maxOutputTokens = maxOutputTokens
        self.turns = turns
        self.hasSystemPrompt = hasSystemPrompt
        self.hasCode = hasCode
        self.hasMath = hasMath
        self.usesTools = usesTools
        self.wantsJSON = wantsJSON
        self.wantsJSONSchema = wantsJSONSchema
        self.hasImages = hasImages
        self.script = script
        self.reasoningCues = reasoningCues
        self.ngramHashes = ngramHashes
        self.category = category
    }
}

/// Dominant writing system of the prompt text.
public enum Script: String, Sendable, CaseIterable {
    case latin, cyrillic, cjk, arabic, other
}

/// Coarse task kind; the catalog's per-model quality is given per category.
public enum TaskCategory: String, Sendable, CaseIterable {
    case chat, code, math, reasoning, knowledge, creative, extraction

    /// Dense index for fixed-size per-category arrays (`ModelAbilities.quality`).
    @inlinable public var index: Int {
        switch self {
        case .chat: 0
        case .code: 1
        case .math: 2
        case .reasoning: 3
        case .knowledge: 4
        case .creative: 5
        case .extraction: 6
        }
    }
}
