/// Produces a deterministic answer for a chat request: the same model and messages always give
/// the same pieces, and a last user message `echo:REST` gives exactly `REST`.
enum ContentGenerator {
    /// Natural answer lengths, in tokens, before any `max_tokens` cut.
    static let naturalLength = 20...60
    static let echoPrefix = "echo:"

    static func completion(for request: SimChatRequest) -> SimCompletion {
        var pieces: [String]
        if let text = request.lastUserText, text.hasPrefix(echoPrefix) {
            pieces = echoPieces(String(text.dropFirst(echoPrefix.count)))
        } else {
            pieces = prose(seed: seed(for: request))
        }
        var finish = SimCompletion.FinishReason.stop
        if let limit = request.maxTokens, limit < pieces.count {
            pieces.removeSubrange(max(0, limit)...)
            finish = .length
        }
        let prompt = TokenEstimator.promptTokens(messageTexts: request.messages.lazy.map(\.text))
        let calls = SimToolPlanner.plan(for: request)
        if !calls.isEmpty {
            return SimCompletion(pieces: [], finishReason: .stop, promptTokens: prompt, toolCalls: calls)
        }
        return SimCompletion(pieces: pieces, finishReason: finish, promptTokens: prompt)
    }

    /// A stable hash of what determines the answer: the model and every message.
    static func seed(for request: SimChatRequest) -> UInt64 {
        var hash = StableHash()
        hash.combine(request.model)
        for message in request.messages {
            hash.combine(message.role)
            hash.combine(message.text)
        }
        return hash.value
    }

    /// Sentences of vocabulary words, `naturalLength` tokens in all, ending with a full stop.
    /// Words carry their leading space and punctuation is its own token, as in BPE vocabularies.
    static func prose(seed: UInt64) -> [String] {
        var random = SimRandom(seed: seed)
        let count = naturalLength.lowerBound + random.below(naturalLength.count)
        var pieces: [String] = []
        pieces.reserveCapacity(count)
        var wordsLeft = 0
        var startsSentence = true
        var afterComma = false
        // The last piece is always the closing full stop, so the loop fills `count - 1`.
        while pieces.count < count - 1 {
            let roomForMore = pieces.count < count - 2
            if wordsLeft == 0 && !startsSentence && roomForMore {
                pieces.append(".")
                startsSentence = true
                continue
            }
            let word = vocabulary[random.below(vocabulary.count)]
            if startsSentence {
                wordsLeft = 5 + random.below(9)
                pieces.append(pieces.isEmpty ? capitalized(word) : " " + capitalized(word))
                startsSentence = false
            } else if wordsLeft > 2 && roomForMore && !afterComma && random.below(12) == 0 {
                pieces.append(",")
                afterComma = true
                continue
            } else {
                pieces.append(" " + word)
            }
            afterComma = false
            wordsLeft = max(0, wordsLeft - 1)
        }
        pieces.append(".")
        return pieces
    }

    /// Splits echoed text into token-like pieces: each run of whitespace starts a piece with the
    /// word after it, and long words are cut every `maxWordPiece` characters. Joining the pieces
    /// gives the text back exactly.
    static func echoPieces(_ text: String) -> [String] {
        let maxWordPiece = 8
        var pieces: [String] = []
        var current = ""
        var wordLength = 0
        for character in text {
            if character.isWhitespace {
                if wordLength > 0 {
                    pieces.append(current)
                    current = ""
                    wordLength = 0
                }
                current.append(character)
            } else {
                if wordLength == maxWordPiece {
                    pieces.append(current)
                    current = ""
                    wordLength = 0
                }
                current.append(character)
                wordLength += 1
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    private static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    /// Plain English words, lower case; the order is part of the determinism contract (changing
    /// it changes every generated answer).
    static let vocabulary: [String] = [
        "the", "a", "model", "request", "router", "gateway", "token", "stream", "answer", "question",
        "latency", "cost", "quality", "provider", "cache", "prompt", "context", "window", "budget", "limit",
        "simple", "careful", "quick", "steady", "useful", "clear", "small", "large", "early", "late",
        "is", "was", "can", "will", "should", "might", "does", "keeps", "sends", "reads",
        "writes", "routes", "counts", "measures", "returns", "holds", "checks", "picks", "waits", "moves",
        "and", "but", "so", "then", "because", "while", "when", "if", "or", "yet",
        "of", "to", "in", "on", "for", "with", "from", "by", "at", "over",
        "this", "that", "each", "every", "some", "many", "few", "one", "two", "three",
        "time", "result", "system", "service", "client", "server", "message", "reply", "choice", "plan",
        "data", "value", "number", "record", "line", "list", "table", "field", "key", "score",
        "fast", "slow", "cheap", "strong", "light", "safe", "fair", "exact", "rough", "ready",
        "here", "there", "now", "again", "often", "always", "never", "soon", "still", "also",
    ]
}
