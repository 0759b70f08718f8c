/// A chat request in the gateway's canonical form, between the inbound dialect's decoder and
/// the upstream dialect's encoder. Used only when the two dialects differ: a request whose
/// dialect matches its upstream is spliced, never decoded.
public struct ChatRequest: Sendable, Equatable {
    public var model: String
    /// System and developer instructions, in order (OpenAI system/developer messages,
    /// Anthropic `system`, Gemini `systemInstruction`).
    public var system: [String]
    public var messages: [ChatMessage]
    public var tools: [ToolDefinition]
    public var toolChoice: ToolChoice?
    public var responseFormat: ResponseFormat?
    /// OpenAI `max_tokens` / `max_completion_tokens`, Anthropic `max_tokens`, Gemini `maxOutputTokens`.
    public var maxTokens: Int?
    public var stop: [String]
    public var temperature: Double?
    public var topP: Double?
    public var stream: Bool
    /// The caller asked for usage in the stream (OpenAI `stream_options.include_usage`).
    public var includeUsage: Bool
    /// End-user id (OpenAI `user`, Anthropic `metadata.user_id`).
    public var user: String?
    /// Extended thinking / reasoning budget in tokens, when the caller asked for it.
    public var thinkingBudget: Int?
    /// Members of the inbound request this form has no place for; a translator that cannot
    /// express one refuses the request (400) rather than dropping it silently.
    public var unsupported: [String]

    public init(model: String, system: [String] = [], messages: [ChatMessage] = [], tools: [ToolDefinition] = [],
                toolChoice: ToolChoice? = nil, responseFormat: ResponseFormat? = nil, maxTokens: Int? = nil,
                stop: [String] = [], temperature: Double? = nil, topP: Double? = nil, stream: Bool = false,
                includeUsage: Bool = false, user: String? = nil, thinkingBudget: Int? = nil, unsupported: [String] = []) {
        self.model = model
        self.system = system
        self.messages = messages
        self.tools = tools
        self.toolChoice = toolChoice
        self.responseFormat = responseFormat
        self.maxTokens = maxTokens
        self.stop = stop
        self.temperature = temperature
        self.topP = topP
        self.stream = stream
        self.includeUsage = includeUsage
        self.user = user
        self.thinkingBudget = thinkingBudget
        self.unsupported = unsupported
    }
}

/// One turn of a conversation.
public struct ChatMessage: Sendable, Equatable {
    /// `user` and `assistant` turns; tool results are `user`-side parts (as Anthropic and Gemini
    /// model them) and become OpenAI `tool` messages on encoding.
    public enum Role: String, Sendable, Equatable { case user, assistant }

    public var role: Role
    public var parts: [ContentPart]

    public init(role: Role, parts: [ContentPart]) {
        self.role = role
        self.parts = parts
    }
}

/// A piece of message content.
public enum ContentPart: Sendable, Equatable {
    case text(String)
    /// An image as a URL (`https:` or a `data:` URL) or inline base64 with its media type.
    case image(ImageSource)
    /// A call the assistant made. `arguments` is the JSON text of the arguments object.
    case toolCall(id: String, name: String, arguments: String, signature: String? = nil)
    /// The result of a call, matched by id; `content` is text (JSON or prose).
    case toolResult(id: String, name: String?, content: String, isError: Bool)
    /// Model reasoning shown to the caller; `signature` must travel back unchanged on the next
    /// turn (Anthropic thinking signatures, Gemini thought signatures).
    case thinking(text: String, signature: String?)
}

/// Where an image's bytes come from.
public enum ImageSource: Sendable, Equatable {
    case url(String)
    case base64(mediaType: String, data: String)
}

/// A function the model may call.
public struct ToolDefinition: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// The JSON Schema of the arguments, as JSON text.
    public var parameters: String

    public init(name: String, description: String? = nil, parameters: String = #"{"type":"object","properties":{}}"#) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

/// Whether and which tool the model must call.
public enum ToolChoice: Sendable, Equatable {
    case auto, none, required
    case tool(String)
}

/// Structured output requested by the caller.
public enum ResponseFormat: Sendable, Equatable {
    case text
    case jsonObject
    /// A named JSON Schema (as JSON text), with OpenAI's `strict` flag.
    case jsonSchema(name: String, schema: String, strict: Bool)
}
