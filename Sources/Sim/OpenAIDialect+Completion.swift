import Wire

extension OpenAIDialect {
    /// `service_tier` as OpenAI reports it for ordinary traffic.
    static let serviceTier = "default"

    /// A new `chatcmpl-` id: 29 random alphanumerics, as OpenAI's are.
    static func identity(model: String, created: Int, random: inout SimRandom) -> ResponseIdentity {
        ResponseIdentity(id: "chatcmpl-" + ResponseIdentity.randomToken(29, &random), created: created,
                         model: model, fingerprint: "fp_" + ResponseIdentity.hexDigest(model))
    }

    /// `tool_calls` when the answer calls tools, else the reason generation ended.
    static func finishReason(for completion: SimCompletion) -> String {
        completion.toolCalls.isEmpty ? finishReason(completion.finishReason) : "tool_calls"
    }

    static func finishReason(_ reason: SimCompletion.FinishReason) -> String {
        switch reason {
        case .stop: "stop"
        case .length: "length"
        }
    }

    /// The `chat.completion` object, members in the order OpenAI sends them.
    static func completionBody(_ completion: SimCompletion, identity: ResponseIdentity) -> [UInt8] {
        let content = completion.content
        var writer = JSONWriter(capacity: 512 + content.utf8.count)
        writer.beginObject()
        writer.member("id", identity.id)
        writer.member("object", "chat.completion")
        writer.member("created", identity.created)
        writer.member("model", identity.model)
        writer.key("choices")
        writer.beginArray()
        writer.beginObject()
        writer.member("index", 0)
        writer.key("message")
        writer.beginObject()
        writer.member("role", "assistant")
        writer.member("content", completion.toolCalls.isEmpty ? content : nil)
        if !completion.toolCalls.isEmpty {
            writer.key("tool_calls")
            writeToolCalls(completion.toolCalls, responseID: identity.id, to: &writer)
        }
        writer.member("refusal", nil)
        writer.key("annotations")
        writer.beginArray()
        writer.endArray()
        writer.endObject()
        writer.key("logprobs")
        writer.null()
        writer.member("finish_reason", finishReason(for: completion))
        writer.endObject()
        writer.endArray()
        writer.key("usage")
        writeUsage(completion.usage, to: &writer)
        writer.member("service_tier", serviceTier)
        writer.member("system_fingerprint", identity.fingerprint)
        writer.endObject()
        return writer.bytes
    }

    /// The `usage` object with both detail objects, every count present as OpenAI sends them.
    static func writeUsage(_ usage: Usage, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("prompt_tokens", usage.promptTokens)
        writer.member("completion_tokens", usage.completionTokens)
        writer.member("total_tokens", usage.totalTokens)
        writer.key("prompt_tokens_details")
        writer.beginObject()
        writer.member("cached_tokens", usage.cachedTokens)
        writer.member("audio_tokens", 0)
        writer.endObject()
        writer.key("completion_tokens_details")
        writer.beginObject()
        writer.member("reasoning_tokens", usage.reasoningTokens)
        writer.member("audio_tokens", 0)
        writer.member("accepted_prediction_tokens", 0)
        writer.member("rejected_prediction_tokens", 0)
        writer.endObject()
        writer.endObject()
    }
}
