/// The top-level request members `RequestFields` tracks.
enum TrackedKey {
    case model, stream, streamOptions, maxTokens, maxCompletionTokens, messages, tools, metadata, user

    /// Identifies the key just read by `scanner`, or nil when it is not tracked.
    init?(_ scanner: borrowing JSONScanner) {
        if scanner.stringHasEscapes {
            // Rare: compare the decoded form against every candidate.
            for key in [TrackedKey.model, .stream, .streamOptions, .maxTokens, .maxCompletionTokens, .messages, .tools,
                        .metadata, .user]
                where scanner.stringEquals(key.name) {
                self = key
                return
            }
            return nil
        }
        // Unescaped keys: the length picks at most two candidates.
        let candidate: TrackedKey
        switch scanner.tokenEnd - scanner.tokenStart - 2 {
        case 5: candidate = scanner.bytes[scanner.tokenStart + 1] == UInt8(ascii: "m") ? .model : .tools
        case 6: candidate = .stream
        case 4: candidate = .user
        case 8: candidate = scanner.bytes[scanner.tokenStart + 3] == UInt8(ascii: "t") ? .metadata : .messages
        case 10: candidate = .maxTokens
        case 14: candidate = .streamOptions
        case 21: candidate = .maxCompletionTokens
        default: return nil
        }
        guard scanner.stringEquals(candidate.name) else { return nil }
        self = candidate
    }

    var name: StaticString {
        switch self {
        case .model: "model"
        case .stream: "stream"
        case .streamOptions: "stream_options"
        case .maxTokens: "max_tokens"
        case .maxCompletionTokens: "max_completion_tokens"
        case .messages: "messages"
        case .tools: "tools"
        case .metadata: "metadata"
        case .user: "user"
        }
    }
}
