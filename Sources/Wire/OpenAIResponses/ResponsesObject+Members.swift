// The members of a `response` object that are derived: the request parameters it echoes,
// `usage`, and the `error` code of a failed response.
//
// Echoes lose what the canonical form does not keep: `instructions` echoes every system text
// (input system/developer messages included) joined by a blank line, `user` is the request's
// `user` or else its `safety_identifier`, `reasoning.effort` is the level the canonical budget
// maps back to, and a tool's `strict` flag, dropped on decoding, is not echoed.
// `parallel_tool_calls` is always true and `metadata` always empty, since the decoder ignores
// both.

extension ResponsesObject {
    /// `reasoning`: null unless the caller asked for a thinking budget.
    static func writeReasoning(_ request: ChatRequest, to writer: inout JSONWriter) {
        writer.key("reasoning")
        guard let budget = request.thinkingBudget, let effort = OpenAIReasoningEffort(thinkingBudget: budget) else {
            writer.null()
            return
        }
        writer.beginObject()
        writer.member("effort", effort.rawValue)
        writer.member("summary", nil)
        writer.endObject()
    }

    /// `text.format`; plain text when the caller gave none, as OpenAI echoes the default.
    static func writeText(_ format: ResponseFormat?, to writer: inout JSONWriter) {
        writer.key("text")
        writer.beginObject()
        writer.key("format")
        writer.beginObject()
        switch format {
        case .text?, nil:
            writer.member("type", "text")
        case .jsonObject?:
            writer.member("type", "json_object")
        case .jsonSchema(let name, let schema, let strict)?:
            writer.member("type", "json_schema")
            writer.member("name", name)
            writer.key("schema")
            writer.raw(schema.utf8)
            writer.member("strict", strict)
        }
        writer.endObject()
        writer.endObject()
    }

    /// `tool_choice`; `auto` when the caller gave none, the API's default.
    static func writeToolChoice(_ choice: ToolChoice?, to writer: inout JSONWriter) {
        writer.key("tool_choice")
        switch choice {
        case .auto?, nil: writer.string("auto")
        case .none?: writer.string("none")
        case .required?: writer.string("required")
        case .tool(let name)?:
            writer.beginObject()
            writer.member("type", "function")
            writer.member("name", name)
            writer.endObject()
        }
    }

    /// `tools`, as flat function tools; `strict` is written only when given (requests to an
    /// upstream set it, echoes leave it out).
    static func writeTools(_ tools: [ToolDefinition], strict: Bool? = nil, to writer: inout JSONWriter) {
        writer.key("tools")
        writer.beginArray()
        for tool in tools {
            writer.beginObject()
            writer.member("type", "function")
            writer.member("name", tool.name)
            writer.member("description", tool.description)
            writer.key("parameters")
            writer.raw(tool.parameters.utf8)
            if let strict { writer.member("strict", strict) }
            writer.endObject()
        }
        writer.endArray()
    }

    /// `usage`: the canonical counts already have OpenAI's meaning (cached and cache-write
    /// tokens are subsets of the input, reasoning tokens of the output), so they map one to one;
    /// `cache_write_tokens` is required by the SDK's `InputTokensDetails`.
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

    /// `error` of a failed response. The SDK's `ResponseError.code` is a closed set, so each
    /// kind maps to the nearest member: rate limits to `rate_limit_exceeded`, the caller's own
    /// faults to `invalid_prompt`, everything else to `server_error`.
    static func writeError(_ error: ProviderError, to writer: inout JSONWriter) {
        let code = switch error.kind {
        case .rateLimited: "rate_limit_exceeded"
        case .invalidRequest, .contextLengthExceeded, .contentPolicy: "invalid_prompt"
        case .authentication, .permission, .notFound, .overloaded, .server, .timeout: "server_error"
        }
        writer.beginObject()
        writer.member("code", code)
        writer.member("message", error.message)
        writer.endObject()
    }
}
