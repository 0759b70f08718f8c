import Wire

extension ResponsesDialect {
    /// One answer: the request, its generated content, and the ids and times that the whole
    /// object and every stream event repeat.
    struct Answer: Sendable, Equatable {
        var id: String
        /// Unix seconds.
        var createdAt: Int
        /// When the last token is due, in Unix seconds; reported only on a completed response.
        var completedAt: Int
        var request: Request
        var completion: SimCompletion

        /// A message item unless the answer is only function calls.
        var hasMessage: Bool { !completion.pieces.isEmpty || completion.toolCalls.isEmpty }
        /// The token limit cut the text (calls are never cut).
        var isIncomplete: Bool { completion.toolCalls.isEmpty && completion.finishReason == .length }
        var itemCount: Int { (hasMessage ? 1 : 0) + completion.toolCalls.count }
        /// The output index of call `call`.
        func outputIndex(call: Int) -> Int { (hasMessage ? 1 : 0) + call }

        /// Item ids share the response id's shape; seeded by it, so every event names an item alike.
        var messageID: String { Self.itemID("msg_", responseID: id, index: 0) }
        func callItemID(_ call: Int) -> String { Self.itemID("fc_", responseID: id, index: outputIndex(call: call)) }
        /// The `call_` id a client echoes in its `function_call_output`.
        func callID(_ call: Int) -> String {
            SimToolCall.id(prefix: "call_", length: 24, responseID: id, index: call)
        }

        private static func itemID(_ prefix: String, responseID: String, index: Int) -> String {
            var hash = StableHash()
            hash.combine(responseID)
            var random = SimRandom(seed: hash.value &+ UInt64(index) &* 0x9E37)
            return prefix + hexToken(48, &random)
        }
    }

    /// The generated content: the chat generator's answer, with one call at most when the
    /// request turned parallel calls off.
    static func completion(for request: Request) -> SimCompletion {
        var completion = ContentGenerator.completion(for: request.chat)
        if !request.parallelToolCalls && completion.toolCalls.count > 1 {
            completion.toolCalls.removeSubrange(1...)
        }
        return completion
    }

    /// A new `resp_` id: 48 lowercase hex digits, as OpenAI's are.
    static func responseID(random: inout SimRandom) -> String {
        "resp_" + hexToken(48, &random)
    }

    static func hexToken(_ count: Int, _ random: inout SimRandom) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: (0..<count).map { _ in digits[random.below(16)] }, as: UTF8.self)
    }

    /// The whole `response` object of a finished answer.
    static func responseBody(_ answer: Answer) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024 + answer.completion.content.utf8.count)
        writeResponse(answer, finished: true, to: &writer)
        return writer.bytes
    }

    /// The `response` object, members in OpenAI's order; unfinished (as `response.created` and
    /// `response.in_progress` carry it) it is `in_progress` with no output and `usage: null`.
    static func writeResponse(_ answer: Answer, finished: Bool, to writer: inout JSONWriter) {
        let request = answer.request
        writer.beginObject()
        writer.member("id", answer.id)
        writer.member("object", "response")
        writer.member("created_at", answer.createdAt)
        writer.member("status", !finished ? "in_progress" : answer.isIncomplete ? "incomplete" : "completed")
        writer.member("background", false)
        writer.key("completed_at")
        if finished && !answer.isIncomplete { writer.int(answer.completedAt) } else { writer.null() }
        writer.key("error")
        writer.null()
        writer.key("incomplete_details")
        if finished && answer.isIncomplete { writer.raw(#"{"reason":"max_output_tokens"}"#) } else { writer.null() }
        writer.member("instructions", request.instructions)
        writeOptional("max_output_tokens", request.maxOutputTokens, to: &writer)
        writeOptional("max_tool_calls", request.maxToolCalls, to: &writer)
        writer.member("model", request.chat.model)
        writer.key("output")
        writer.beginArray()
        if finished {
            for index in 0..<answer.itemCount { writeItem(index, of: answer, finished: true, to: &writer) }
        }
        writer.endArray()
        writer.member("parallel_tool_calls", request.parallelToolCalls)
        writer.key("previous_response_id")
        writer.null()
        writer.member("prompt_cache_key", request.promptCacheKey)
        writer.key("reasoning")
        request.reasoning.write(to: &writer)
        writer.member("safety_identifier", request.safetyIdentifier)
        writer.member("service_tier", request.serviceTier)
        writer.member("store", request.store)
        writer.member("temperature", request.temperature)
        writer.key("text")
        request.text.write(to: &writer)
        writer.key("tool_choice")
        request.toolChoice.write(to: &writer)
        writer.key("tools")
        JSONValue.array(request.tools).write(to: &writer)
        writer.member("top_logprobs", request.topLogprobs)
        writer.member("top_p", request.topP)
        writer.member("truncation", request.truncation)
        writer.key("usage")
        if finished { writeUsage(answer.completion.usage, to: &writer) } else { writer.null() }
        writer.member("user", request.user)
        writer.key("metadata")
        request.metadata.write(to: &writer)
        writer.endObject()
    }

    /// Output item `index`: as `response.output_item.added` shows it (in progress, empty
    /// content or arguments) or finished.
    static func writeItem(_ index: Int, of answer: Answer, finished: Bool, to writer: inout JSONWriter) {
        writer.beginObject()
        if answer.hasMessage && index == 0 {
            writer.member("type", "message")
            writer.member("id", answer.messageID)
            writer.member("status", !finished ? "in_progress" : answer.isIncomplete ? "incomplete" : "completed")
            writer.member("role", "assistant")
            writer.key("content")
            writer.beginArray()
            if finished { writeTextPart(answer.completion.content, to: &writer) }
            writer.endArray()
        } else {
            let call = index - (answer.hasMessage ? 1 : 0)
            writer.member("type", "function_call")
            writer.member("id", answer.callItemID(call))
            writer.member("status", finished ? "completed" : "in_progress")
            writer.member("arguments", finished ? answer.completion.toolCalls[call].arguments : "")
            writer.member("call_id", answer.callID(call))
            writer.member("name", answer.completion.toolCalls[call].name)
        }
        writer.endObject()
    }

    /// An `output_text` content part.
    static func writeTextPart(_ text: String, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("type", "output_text")
        writer.key("annotations")
        writer.raw("[]")
        writer.key("logprobs")
        writer.raw("[]")
        writer.member("text", text)
        writer.endObject()
    }

    /// `usage` with both detail objects and every count the SDK requires (cache writes included,
    /// always 0: the simulated OpenAI cache is never written on a request's account).
    static func writeUsage(_ usage: Usage, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("input_tokens", usage.promptTokens)
        writer.key("input_tokens_details")
        writer.beginObject()
        writer.member("cached_tokens", usage.cachedTokens)
        writer.member("cache_write_tokens", usage.cacheCreationTokens)
        writer.endObject()
        writer.member("output_tokens", usage.completionTokens)
        writer.key("output_tokens_details")
        writer.beginObject()
        writer.member("reasoning_tokens", usage.reasoningTokens)
        writer.endObject()
        writer.member("total_tokens", usage.totalTokens)
        writer.endObject()
    }

    private static func writeOptional(_ name: String, _ value: Int?, to writer: inout JSONWriter) {
        writer.key(name)
        if let value { writer.int(value) } else { writer.null() }
    }
}
