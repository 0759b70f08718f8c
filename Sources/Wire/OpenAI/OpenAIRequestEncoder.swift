/// Writes a canonical `ChatRequest` as an OpenAI chat-completions request body, for calling an
/// OpenAI-compatible upstream on behalf of a client that spoke another dialect.
///
/// What OpenAI chat cannot hold is left out: thinking parts in history (no field for them),
/// thought signatures on tool calls, a tool result's error flag, images on assistant turns.
/// `unsupported` is not consulted: the gateway refuses such requests before encoding.
/// A stream always asks for `stream_options.include_usage`, since settlement needs the usage;
/// the relay drops the usage chunk again when the client did not ask.
public enum OpenAIRequestEncoder {
    /// Which member carries the output limit.
    public enum MaxTokensField: String, Sendable, Equatable {
        /// OpenAI's current name; its reasoning models reject `max_tokens`.
        case maxCompletionTokens = "max_completion_tokens"
        /// The older name, which every OpenAI-compatible server understands.
        case maxTokens = "max_tokens"
    }

    /// Encodes `request`; the limit goes into `maxTokensField`.
    public static func encode(_ request: ChatRequest, maxTokensField: MaxTokensField = .maxCompletionTokens) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.member("model", request.model)
        writer.key("messages")
        writer.beginArray()
        for text in request.system {
            writer.beginObject()
            writer.member("role", "system")
            writer.member("content", text)
            writer.endObject()
        }
        for message in request.messages {
            switch message.role {
            case .user: writeUserTurn(message.parts, to: &writer)
            case .assistant: writeAssistantTurn(message.parts, to: &writer)
            }
        }
        writer.endArray()
        if !request.tools.isEmpty { writeTools(request.tools, to: &writer) }
        // OpenAI rejects `tool_choice` without `tools`; other dialects allow it (Anthropic `none`).
        if let choice = request.toolChoice, !request.tools.isEmpty {
            writer.key("tool_choice")
            writeToolChoice(choice, to: &writer)
        }
        if let format = request.responseFormat {
            writer.key("response_format")
            writeResponseFormat(format, to: &writer)
        }
        if let maxTokens = request.maxTokens { writer.member(maxTokensField.rawValue, maxTokens) }
        if !request.stop.isEmpty { writer.member("stop", request.stop) }
        if let temperature = request.temperature { writer.member("temperature", temperature) }
        if let topP = request.topP { writer.member("top_p", topP) }
        if let user = request.user { writer.member("user", user) }
        if let budget = request.thinkingBudget, let effort = OpenAIReasoningEffort(thinkingBudget: budget) {
            writer.member("reasoning_effort", effort.rawValue)
        }
        if request.stream {
            writer.member("stream", true)
            writer.key("stream_options")
            writer.beginObject()
            writer.member("include_usage", true)
            writer.endObject()
        }
        writer.endObject()
        return writer.bytes
    }

    private static func writeTools(_ tools: [ToolDefinition], to writer: inout JSONWriter) {
        writer.key("tools")
        writer.beginArray()
        for tool in tools {
            writer.beginObject()
            writer.member("type", "function")
            writer.key("function")
            writer.beginObject()
            writer.member("name", tool.name)
            if let description = tool.description { writer.member("description", description) }
            writer.key("parameters")
            writer.raw(tool.parameters.utf8)
            writer.endObject()
            writer.endObject()
        }
        writer.endArray()
    }

    private static func writeToolChoice(_ choice: ToolChoice, to writer: inout JSONWriter) {
        switch choice {
        case .auto: writer.string("auto")
        case .none: writer.string("none")
        case .required: writer.string("required")
        case .tool(let name):
            writer.beginObject()
            writer.member("type", "function")
            writer.key("function")
            writer.beginObject()
            writer.member("name", name)
            writer.endObject()
            writer.endObject()
        }
    }

    private static func writeResponseFormat(_ format: ResponseFormat, to writer: inout JSONWriter) {
        writer.beginObject()
        switch format {
        case .text:
            writer.member("type", "text")
        case .jsonObject:
            writer.member("type", "json_object")
        case .jsonSchema(let name, let schema, let strict):
            writer.member("type", "json_schema")
            writer.key("json_schema")
            writer.beginObject()
            writer.member("name", name)
            writer.key("schema")
            writer.raw(schema.utf8)
            writer.member("strict", strict)
            writer.endObject()
        }
        writer.endObject()
    }
}
