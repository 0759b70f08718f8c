/// Anthropic's `stop_reason` strings and the canonical `StopReason`.
public enum AnthropicStopReason {
    /// The canonical reason for an Anthropic `stop_reason`. `model_context_window_exceeded` is a
    /// length stop like `max_tokens`; null and unknown values map to `.other`.
    public static func decode(_ value: String?) -> StopReason {
        switch value {
        case "end_turn": .endTurn
        case "max_tokens", "model_context_window_exceeded": .maxTokens
        case "stop_sequence": .stopSequence
        case "tool_use": .toolUse
        case "refusal": .contentFilter
        default: .other
        }
    }

    /// The `stop_reason` for a canonical reason; `.other` is Anthropic's `pause_turn`.
    public static func encode(_ reason: StopReason) -> String {
        switch reason {
        case .endTurn: "end_turn"
        case .stopSequence: "stop_sequence"
        case .maxTokens: "max_tokens"
        case .toolUse: "tool_use"
        case .contentFilter: "refusal"
        case .other: "pause_turn"
        }
    }
}
