import Wire

/// Turns a request into `RequestFeatures` in one pass over its text (no regex, no Foundation).
///
/// Token estimate: UTF-8 bytes of all text and model-visible JSON (tool schemas, tool calls,
/// output schema) / 4, plus 4 per message and 3 for the reply, plus 765 per image. `turns` counts
/// user messages. N-grams: word unigrams and bigrams (see `TextScanner`), deduplicated, at most
/// `maxNgrams` of them from the start of the text, plus the `MetaToken`s. `category` is left nil
/// (callers set it from a header or a dataset group; the predictor infers it otherwise).
public enum FeatureExtractor {
    /// Cap on distinct n-gram hashes per request (the first ones win).
    public static let maxNgrams = 2048

    /// Features of an OpenAI chat-completions or Anthropic messages request body.
    public static func extract(body: UnsafeRawBufferPointer) throws(FeatureError) -> RequestFeatures {
        let result: Result<RequestFeatures, JSONError> = withState(textBytes: body.count) { state in
            var walker = RequestBodyWalker(scanner: JSONScanner(body))
            do throws(JSONError) {
                try walker.walk(into: &state)
                return .success(state.finish())
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let features): return features
        case .failure(let error):
            throw error.code == .notAnObject
                ? FeatureError(.notAnObject, at: error.offset, error.message)
                : FeatureError(error)
        }
    }

    /// `extract(body:)` over an array's bytes.
    public static func extract(body: [UInt8]) throws(FeatureError) -> RequestFeatures {
        let result = body.withUnsafeBytes { raw in Result { () throws(FeatureError) in try extract(body: raw) } }
        return try result.get()
    }

    /// Features of a single user prompt (datasets, `switchyard route`).
    public static func extract(prompt: String, category: TaskCategory? = nil) -> RequestFeatures {
        extract(messages: [PromptMessage(role: "user", content: prompt)], category: category)
    }

    /// Features of a conversation given as plain messages.
    public static func extract(messages: [PromptMessage], category: TaskCategory? = nil) -> RequestFeatures {
        let textBytes = messages.reduce(0) { $0 + $1.content.utf8.count }
        var features = withState(textBytes: textBytes) { state in
            for message in messages {
                var content = message.content
                content.withUTF8 { state.scanSegment(UnsafeRawBufferPointer($0)) }
                state.messages += 1
                if message.role == "system" || message.role == "developer" { state.hasSystemPrompt = true }
                if message.role == "user" { state.turns += 1 }
            }
            return state.finish()
        }
        features.category = category
        return features
    }

    /// Runs `body` with a fresh state whose n-gram set lives in stack-or-heap scratch sized for the text.
    private static func withState<R>(textBytes: Int, _ body: (inout ExtractionState) -> R) -> R {
        let capacity = min(maxNgrams, textBytes / 2 + NgramSet.reserved + 16)
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: NgramSet.scratchWords(capacity: capacity)) { scratch in
            var state = ExtractionState(ngrams: NgramSet(scratch: scratch.baseAddress!, capacity: capacity))
            return body(&state)
        }
    }
}
