extension ContentGenerator {
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
