import Wire

extension AnthropicDialect {
    /// Smallest system prompt, in estimated tokens, that the simulated prompt cache holds
    /// (Anthropic's minimum cacheable prompt on its larger models).
    static let minimumCacheableTokens = 1024

    /// A new `msg_01…` id, shaped like Anthropic's.
    static func identity(model: String, random: inout SimRandom) -> ResponseIdentity {
        ResponseIdentity(id: "msg_01" + ResponseIdentity.randomToken(22, &random), created: 0, model: model,
                         fingerprint: "")
    }

    /// Anthropic's `toolu_01…` id for call `index` of the message.
    static func toolUseID(messageID: String, index: Int) -> String {
        SimToolCall.id(prefix: "toolu_01", length: 22, responseID: messageID, index: index)
    }

    /// Usage with the simulated prompt cache, a deterministic rule: a system prompt of at least
    /// `minimumCacheableTokens` estimated tokens is cached in whole blocks of that size, which
    /// count as read from the cache (`cache_read_input_tokens`); the rest of the system prompt
    /// counts as written to it (`cache_creation_input_tokens`). Shorter system prompts are not
    /// cached. The canonical prompt count includes both, as Anthropic's three counts sum to it.
    static func usage(_ completion: SimCompletion, system: String) -> Usage {
        let systemTokens = TokenEstimator.tokens(in: system)
        var read = 0
        var written = 0
        if systemTokens >= minimumCacheableTokens {
            read = systemTokens / minimumCacheableTokens * minimumCacheableTokens
            written = systemTokens - read
        }
        return Usage(promptTokens: completion.promptTokens, completionTokens: completion.completionTokens,
                     cachedTokens: read, cacheCreationTokens: written)
    }

    /// `tool_use` when the answer calls tools, `max_tokens` when the limit cut it, else `end_turn`.
    static func stopReason(_ completion: SimCompletion) -> StopReason {
        if !completion.toolCalls.isEmpty { return .toolUse }
        return completion.finishReason == .length ? .maxTokens : .endTurn
    }

    /// Whether the answer has a text block: always unless it is only tool calls.
    static func hasText(_ completion: SimCompletion) -> Bool {
        !completion.pieces.isEmpty || completion.toolCalls.isEmpty
    }

    /// The `message` object, through Wire's encoder so both sides share one notion of the shape.
    static func messageBody(_ completion: SimCompletion, identity: ResponseIdentity, system: String) -> [UInt8] {
        var parts: [ContentPart] = hasText(completion) ? [.text(completion.content)] : []
        for (index, call) in completion.toolCalls.enumerated() {
            parts.append(.toolCall(id: toolUseID(messageID: identity.id, index: index), name: call.name,
                                   arguments: call.arguments))
        }
        let response = ChatResponse(id: identity.id, model: identity.model, parts: parts,
                                    stopReason: stopReason(completion), usage: usage(completion, system: system))
        do {
            return try AnthropicResponseEncoder.encode(response)
        } catch {
            preconditionFailure("planned tool arguments are always JSON objects: \(error)")
        }
    }
}
