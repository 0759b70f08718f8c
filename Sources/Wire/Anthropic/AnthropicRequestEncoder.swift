/// Writes a canonical `ChatRequest` as an Anthropic `/v1/messages` body, for an Anthropic
/// upstream when the client spoke another dialect.
///
/// Choices where the formats differ:
/// - Consecutive turns of one role are merged (Anthropic requires alternation), and in a user turn
///   the `tool_result` blocks come first, as Anthropic requires.
/// - `max_tokens` is required by Anthropic: `defaultMaxTokens` when the request sets none, plus the
///   thinking budget when thinking is on (the budget must stay below `max_tokens`).
/// - `.jsonSchema` becomes `output_config.format` (structured outputs). `.jsonObject` has no
///   field, so it becomes a system instruction; no assistant prefill, because a prefilled `{`
///   would be missing from the answer the client sees and prefill is refused with thinking.
/// - Thinking without a signature (another provider's reasoning) is dropped: Anthropic rejects
///   unsigned thinking blocks, and the text is not the model's own to replay.
public enum AnthropicRequestEncoder {
    /// `max_tokens` sent when the request has no limit.
    public static let defaultMaxTokens = 4096

    /// The system instruction that stands in for `.jsonObject`.
    public static let jsonObjectInstruction = "Respond with a single valid JSON object and nothing else: "
        + "no prose, no code fences."

    /// Encodes the request; throws for members Anthropic cannot express and for tool arguments,
    /// parameters or schemas that are not JSON objects.
    public static func encode(_ request: ChatRequest) throws(AnthropicCodecError) -> [UInt8] {
        if let first = request.unsupported.first {
            throw AnthropicCodecError(.unsupported, param: first, "Anthropic's Messages API cannot express: "
                + request.unsupported.joined(separator: ", "))
        }
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.member("model", request.model)
        writer.member("max_tokens", maxTokens(request))
        writeSystem(request, to: &writer)
        writer.key("messages")
        try AnthropicTurns(request.messages).write(to: &writer)
        try writeTools(request, to: &writer)
        if !request.stop.isEmpty { writer.member("stop_sequences", request.stop) }
        if let temperature = request.temperature { writer.member("temperature", temperature) }
        if let topP = request.topP { writer.member("top_p", topP) }
        if let user = request.user {
            writer.key("metadata")
            writer.beginObject()
            writer.member("user_id", user)
            writer.endObject()
        }
        if let budget = request.thinkingBudget {
            writer.key("thinking")
            writer.beginObject()
            writer.member("type", "enabled")
            writer.member("budget_tokens", budget)
            writer.endObject()
        }
        if case .jsonSchema(_, let schema, _) = request.responseFormat {
            writer.key("output_config")
            writer.beginObject()
            writer.key("format")
            writer.beginObject()
            writer.member("type", "json_schema")
            writer.key("schema")
            writer.raw(try objectText(schema, param: "response_format.json_schema.schema"))
            writer.endObject()
            writer.endObject()
        }
        if request.stream { writer.member("stream", true) }
        writer.endObject()
        return writer.bytes
    }

    static func maxTokens(_ request: ChatRequest) -> Int {
        if let limit = request.maxTokens { return limit }
        // Saturating: a client's budget may be any integer, and Anthropic refuses a wrong one itself.
        let (sum, overflow) = defaultMaxTokens.addingReportingOverflow(request.thinkingBudget ?? 0)
        return overflow ? .max : sum
    }

    /// `system` as a string when there is one instruction, else as text blocks.
    private static func writeSystem(_ request: ChatRequest, to writer: inout JSONWriter) {
        var texts = request.system
        if request.responseFormat == .jsonObject { texts.append(jsonObjectInstruction) }
        guard !texts.isEmpty else { return }
        writer.key("system")
        if texts.count == 1 {
            writer.string(texts[0])
            return
        }
        writer.beginArray()
        for text in texts {
            writer.beginObject()
            writer.member("type", "text")
            writer.member("text", text)
            writer.endObject()
        }
        writer.endArray()
    }

    private static func writeTools(_ request: ChatRequest, to writer: inout JSONWriter) throws(AnthropicCodecError) {
        if !request.tools.isEmpty {
            writer.key("tools")
            writer.beginArray()
            for (index, tool) in request.tools.enumerated() {
                writer.beginObject()
                writer.member("name", tool.name)
                if let description = tool.description { writer.member("description", description) }
                writer.key("input_schema")
                writer.raw(try objectText(tool.parameters, param: "tools.\(index).input_schema"))
                writer.endObject()
            }
            writer.endArray()
        }
        guard let choice = request.toolChoice else { return }
        writer.key("tool_choice")
        writer.beginObject()
        switch choice {
        case .auto: writer.member("type", "auto")
        case .none: writer.member("type", "none")
        case .required: writer.member("type", "any")
        case .tool(let name):
            writer.member("type", "tool")
            writer.member("name", name)
        }
        writer.endObject()
    }

    /// The UTF-8 of `text` after checking it is exactly one JSON object.
    static func objectText(_ text: String, param: String) throws(AnthropicCodecError) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard AnthropicJSON.isObject(bytes) else {
            throw AnthropicCodecError(.invalidToolArguments, param: param, "\(param) is not a JSON object")
        }
        return bytes
    }
}
