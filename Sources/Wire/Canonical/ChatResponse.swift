/// A complete (non-streamed) model answer in canonical form.
public struct ChatResponse: Sendable, Equatable {
    public var id: String
    public var model: String
    /// Text, tool calls and thinking, in the order the model produced them.
    public var parts: [ContentPart]
    public var stopReason: StopReason
    public var usage: Usage

    public init(id: String, model: String, parts: [ContentPart], stopReason: StopReason, usage: Usage) {
        self.id = id
        self.model = model
        self.parts = parts
        self.stopReason = stopReason
        self.usage = usage
    }
}

/// Why generation ended, mapped exactly between dialects:
/// OpenAI `finish_reason` / Anthropic `stop_reason` / Gemini `finishReason`.
public enum StopReason: String, Sendable, Equatable {
    /// OpenAI `stop`, Anthropic `end_turn`, Gemini `STOP`.
    case endTurn
    /// OpenAI `stop` (with a stop sequence), Anthropic `stop_sequence`.
    case stopSequence
    /// OpenAI `length`, Anthropic `max_tokens`, Gemini `MAX_TOKENS`.
    case maxTokens
    /// OpenAI `tool_calls`, Anthropic `tool_use`, Gemini `STOP` with function calls.
    case toolUse
    /// OpenAI `content_filter`, Anthropic `refusal`, Gemini `SAFETY` / `RECITATION` / `BLOCKLIST` …
    case contentFilter
    /// Anthropic `pause_turn`; anything else a provider adds later maps here.
    case other
}

/// One event of a streamed answer in canonical form. Decoders of each upstream dialect produce
/// these; encoders of each client dialect consume them, chunk by chunk.
public enum StreamEvent: Sendable, Equatable {
    /// The answer began (id and model as the provider reported them).
    case start(id: String, model: String)
    /// Text for content block `index`.
    case text(index: Int, String)
    case thinking(index: Int, String)
    case thinkingSignature(index: Int, String)
    /// A tool call opened at block `index`.
    case toolCallStart(index: Int, id: String, name: String)
    /// A fragment of the call's arguments JSON, in order.
    case toolCallArguments(index: Int, String)
    /// Block `index` is complete.
    case blockStop(index: Int)
    /// Usage so far (providers report it at the start, the end, or both; the latest wins).
    case usage(Usage)
    /// Generation ended.
    case finish(StopReason)
    /// The provider reported an error inside the stream.
    case error(ProviderError)
}
