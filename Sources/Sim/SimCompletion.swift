import Wire

/// The generated answer to one chat request: its pieces (one token each) and the figures a
/// response reports about it.
struct SimCompletion: Sendable, Equatable {
    /// Why generation ended, as the dialect-neutral fact; dialects name it their own way.
    enum FinishReason: Sendable, Equatable {
        /// The answer ended naturally.
        case stop
        /// The request's token limit cut it.
        case length
    }

    /// The content in token-sized pieces; streams send one piece per delta.
    var pieces: [String]
    var finishReason: FinishReason
    var promptTokens: Int

    var content: String { pieces.joined() }
    var completionTokens: Int { pieces.count }

    var usage: Usage {
        Usage(promptTokens: promptTokens, completionTokens: completionTokens)
    }
}
