import HTTP1

/// The latency and fault settings for one request: the options, overridden by `x-sim-*` headers.
struct SimTiming: Sendable, Equatable {
    var ttftMs: UInt64
    var tokensPerSecond: Double
    /// A reasoning model's silent thinking (`x-sim-think-ms`), added before the first token. A
    /// stream's head goes out at once, and so do the events a provider sends before thinking
    /// (Anthropic's `message_start`); OpenAI's chat completions and Gemini send nothing more until
    /// the first token. A whole answer is that much later.
    var thinkMs: UInt64 = 0
    /// Fail this request with this status regardless of the fault rate.
    var forcedFailure: Int?
    var retryAfter: Int?

    init(ttftMs: UInt64, tokensPerSecond: Double, forcedFailure: Int? = nil, retryAfter: Int? = nil) {
        self.ttftMs = ttftMs
        self.tokensPerSecond = tokensPerSecond
        self.forcedFailure = forcedFailure
        self.retryAfter = retryAfter
    }

    /// Reads the overrides; a present but unusable header value is a 400, not silently ignored,
    /// so a mistyped test setting cannot pass unnoticed.
    init(options: SimOptions, headers: Headers) throws(SimError) {
        self.init(ttftMs: options.ttftMs, tokensPerSecond: options.tokensPerSecond,
                  retryAfter: options.retryAfter)
        if let text = headers["x-sim-ttft-ms"] {
            guard let value = UInt64(text) else { throw Self.badHeader("x-sim-ttft-ms", text) }
            ttftMs = value
        }
        if let text = headers["x-sim-tokens-per-second"] {
            guard let value = Double(text), value.isFinite, value >= 0 else {
                throw Self.badHeader("x-sim-tokens-per-second", text)
            }
            tokensPerSecond = value
        }
        if let text = headers["x-sim-think-ms"] {
            guard let value = UInt64(text) else { throw Self.badHeader("x-sim-think-ms", text) }
            thinkMs = value
        }
        if let text = headers["x-sim-fail-status"] {
            guard let value = Int(text), (400...599).contains(value) else {
                throw Self.badHeader("x-sim-fail-status", text)
            }
            forcedFailure = value
        }
        if let text = headers["x-sim-retry-after"] {
            guard let value = Int(text), value >= 0 else { throw Self.badHeader("x-sim-retry-after", text) }
            retryAfter = value
        }
    }

    /// Milliseconds after the request until piece `index` (0-based) is due.
    func dueMs(piece index: Int) -> UInt64 {
        guard tokensPerSecond > 0, index > 0 else { return ttftMs + thinkMs }
        return ttftMs + thinkMs + UInt64((Double(index) * 1000 / tokensPerSecond).rounded(.up))
    }

    /// Milliseconds until a whole (non-streamed) answer of `pieces` tokens is ready: when a
    /// stream's piece of that index would be due.
    func totalMs(pieces: Int) -> UInt64 {
        dueMs(piece: pieces)
    }

    private static func badHeader(_ name: String, _ value: String) -> SimError {
        SimError(.invalidHeader, message: "Invalid value for header '\(name)': '\(value)'.", param: name)
    }
}
