// `StopReason` to and from OpenAI's `finish_reason`.

extension StopReason {
    /// Reads a `finish_reason`. OpenAI does not say whether `stop` came from a stop sequence, so
    /// it reads as `endTurn`. Some OpenAI-compatible servers answer `stop` after tool calls;
    /// `sawToolCalls` makes that `toolUse`, which is what the caller must act on.
    public init(openAIFinishReason reason: String?, sawToolCalls: Bool = false) {
        switch reason {
        case "stop": self = sawToolCalls ? .toolUse : .endTurn
        case "length": self = .maxTokens
        // `function_call` is the legacy spelling of a tool call.
        case "tool_calls", "function_call": self = .toolUse
        case "content_filter": self = .contentFilter
        default: self = .other
        }
    }

    /// The `finish_reason` OpenAI would give; reasons OpenAI has no word for read as `stop`.
    public var openAIFinishReason: String {
        switch self {
        case .endTurn, .stopSequence, .other: "stop"
        case .maxTokens: "length"
        case .toolUse: "tool_calls"
        case .contentFilter: "content_filter"
        }
    }

    /// `openAIFinishReason` as a quoted JSON string, ready to splice into a chunk.
    var openAIFinishReasonJSON: StaticString {
        switch self {
        case .endTurn, .stopSequence, .other: #""stop""#
        case .maxTokens: #""length""#
        case .toolUse: #""tool_calls""#
        case .contentFilter: #""content_filter""#
        }
    }
}
