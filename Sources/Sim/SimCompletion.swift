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
    /// Calls the answer makes (after any text); dialects report their tool-use finish reason
    /// when there are some.
    var toolCalls: [SimToolCall] = []

    var content: String { pieces.joined() }
    /// One token per text piece and per argument fragment.
    var completionTokens: Int { pieces.count + toolCalls.reduce(0) { $0 + $1.argumentPieces.count } }
    /// Pieces a stream paces: the text pieces, then each call's argument fragments in order.
    var streamPieceCount: Int { completionTokens }

    var usage: Usage {
        Usage(promptTokens: promptTokens, completionTokens: completionTokens)
    }
}
