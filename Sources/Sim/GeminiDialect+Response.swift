import Wire

extension GeminiDialect {
    /// Prompts at least this long hit the simulated implicit cache.
    static let cacheThreshold = 1024

    /// What one answer reports, computed once for the whole body or the stream's chunks.
    struct Answer: Sendable, Equatable {
        var responseID: String
        var model: String
        var completion: SimCompletion
        /// The thought summary, when the request asked for thoughts.
        var thought: String?
        /// The signature on the first function call, or on the last text part for Gemini 3.
        var signature: String?

        var thoughtTokens: Int { thought.map(TokenEstimator.tokens(in:)) ?? 0 }

        /// Gemini's implicit prompt cache, simulated: a long prompt is cached up to its last 256-token block.
        var cachedTokens: Int {
            let prompt = completion.promptTokens
            return prompt >= cacheThreshold ? (prompt - 1) / 256 * 256 : 0
        }

        var finishReason: String {
            completion.finishReason == .length && completion.toolCalls.isEmpty ? "MAX_TOKENS" : "STOP"
        }
    }

    /// The answer to `request`: the generated completion, a deterministic thought summary and
    /// signature, and a fresh response id.
    static func answer(_ request: Request, completion: SimCompletion, random: inout SimRandom) -> Answer {
        let model = request.chat.model
        var answer = Answer(responseID: ResponseIdentity.randomToken(23, &random), model: model, completion: completion)
        if request.includeThoughts {
            answer.thought = "**Working out the answer**\n\nThe request is clear; a short, direct reply will do."
        }
        if !completion.toolCalls.isEmpty || model.hasPrefix("gemini-3") {
            answer.signature = signature(model: model, seed: ContentGenerator.seed(for: request.chat))
        }
        return answer
    }

    /// An opaque, deterministic thought signature: 48 bytes drawn from the request's seed.
    static func signature(model: String, seed: UInt64) -> String {
        var hash = StableHash()
        hash.combine(model)
        var random = SimRandom(seed: hash.value ^ seed)
        var bytes: [UInt8] = [0x12, 0x2E] // A protobuf-like tag, as real signatures start.
        for _ in 0..<46 { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
        return SimBase64.encode(bytes)
    }

    /// The whole `GenerateContentResponse`.
    static func responseBody(_ answer: Answer) -> [UInt8] {
        finishedResponse(answer, capacity: 512 + answer.completion.content.utf8.count) { writer in
            if let thought = answer.thought { writeText(thought, thought: true, signature: nil, to: &writer) }
            let calls = answer.completion.toolCalls
            if !answer.completion.content.isEmpty || calls.isEmpty {
                writeText(answer.completion.content, thought: false, signature: calls.isEmpty ? answer.signature : nil,
                          to: &writer)
            }
            writeCalls(calls, signature: answer.signature, to: &writer)
        }
    }

    /// A `GenerateContentResponse` whose one candidate has finished: `writeParts` writes its
    /// parts; finish reason, full usage and identity follow. The whole answer, or a stream's
    /// last chunk.
    static func finishedResponse(_ answer: Answer, capacity: Int, parts writeParts: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        writer.beginObject()
        writer.key("candidates")
        writer.beginArray()
        writer.beginObject()
        writer.key("content")
        writer.beginObject()
        writer.key("parts")
        writer.beginArray()
        writeParts(&writer)
        writer.endArray()
        writer.member("role", "model")
        writer.endObject()
        writer.member("finishReason", answer.finishReason)
        writer.member("index", 0)
        writer.endObject()
        writer.endArray()
        writer.key("usageMetadata")
        writeUsage(answer, final: true, to: &writer)
        writeIdentity(answer, to: &writer)
        writer.endObject()
        return writer.bytes
    }

    static func writeIdentity(_ answer: Answer, to writer: inout JSONWriter) {
        writer.member("modelVersion", answer.model)
        writer.member("responseId", answer.responseID)
    }

    static func writeText(_ text: String, thought: Bool, signature: String?, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("text", text)
        if thought { writer.member("thought", true) }
        if let signature { writer.member("thoughtSignature", signature) }
        writer.endObject()
    }

    /// Function call parts; Gemini signs only the first of a parallel set.
    static func writeCalls(_ calls: [SimToolCall], signature: String?, to writer: inout JSONWriter) {
        for (index, call) in calls.enumerated() {
            writer.beginObject()
            writer.key("functionCall")
            writer.beginObject()
            writer.member("name", call.name)
            writer.key("args")
            writer.raw(call.arguments.utf8)
            writer.endObject()
            if index == 0, let signature { writer.member("thoughtSignature", signature) }
            writer.endObject()
        }
    }

    /// `usageMetadata`; before the last chunk of a stream only the prompt is known. Gemini omits
    /// zero counts.
    static func writeUsage(_ answer: Answer, final: Bool, to writer: inout JSONWriter) {
        let prompt = answer.completion.promptTokens
        let candidates = final ? answer.completion.completionTokens : 0
        let thoughts = final ? answer.thoughtTokens : 0
        writer.beginObject()
        writer.member("promptTokenCount", prompt)
        if final { writer.member("candidatesTokenCount", candidates) }
        writer.member("totalTokenCount", prompt + candidates + thoughts)
        if answer.cachedTokens > 0 { writer.member("cachedContentTokenCount", answer.cachedTokens) }
        writeModalities("promptTokensDetails", prompt, to: &writer)
        if answer.cachedTokens > 0 { writeModalities("cacheTokensDetails", answer.cachedTokens, to: &writer) }
        if thoughts > 0 { writer.member("thoughtsTokenCount", thoughts) }
        writer.endObject()
    }

    private static func writeModalities(_ key: String, _ count: Int, to writer: inout JSONWriter) {
        writer.key(key)
        writer.beginArray()
        writer.beginObject()
        writer.member("modality", "TEXT")
        writer.member("tokenCount", count)
        writer.endObject()
        writer.endArray()
    }
}
