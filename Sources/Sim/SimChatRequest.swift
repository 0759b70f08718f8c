/// A chat request as the simulator needs it, whatever dialect it arrived in.
struct SimChatRequest: Sendable, Equatable {
    /// One message with its text parts joined.
    struct Message: Sendable, Equatable {
        var role: String
        var text: String
    }

    var model: String
    var messages: [Message]
    var stream = false
    /// Whether the stream ends with a usage chunk (OpenAI's `stream_options.include_usage`).
    var includeUsage = false
    /// The smallest completion-token limit the request sets, if any.
    var maxTokens: Int?
    /// Declared functions; `SimToolPlanner` decides from them and the last message whether the
    /// answer is tool calls. Messages holding tool results have the role "tool".
    var tools: [SimTool] = []
    var toolChoice = SimTool.Choice.auto

    /// The text of the last user message, which the `echo:` convention reads.
    var lastUserText: String? {
        messages.last { $0.role == "user" }?.text
    }
}
