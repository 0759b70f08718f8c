/// Reads an OpenAI chat-completions request body into the canonical `ChatRequest`.
///
/// Shape errors (a non-array `messages`, an unknown role, a string where a number belongs) throw
/// `OpenAIDecodeError` with the member's path. Members the canonical form cannot carry are listed
/// by path in `ChatRequest.unsupported` instead of being dropped, so the gateway can refuse the
/// request naming them. A `null` member reads as absent, as OpenAI treats it.
///
/// Neutral values pass silently (`n: 1`, `logprobs: false`, zero penalties, an empty
/// `logit_bias`, `parallel_tool_calls: true`, `modalities: ["text"]`); members that steer only
/// OpenAI's own handling (`store`, `metadata`, `service_tier`, `prompt_cache_key`,
/// `prompt_cache_retention`, `safety_identifier`, and `seed`, which OpenAI itself honours only
/// on a best-effort basis) are ignored. Any other
/// member is unsupported. Message-level extras (`name`, image `detail`) are dropped: they are
/// hints, and refusing them would refuse common clients.
public enum OpenAIRequestDecoder {
    /// Decodes a request body.
    public static func decode(_ body: [UInt8]) throws(OpenAIDecodeError) -> ChatRequest {
        try decode(OpenAIDecodeError.parse(body))
    }

    /// Decodes an already parsed request body.
    public static func decode(_ body: JSONValue) throws(OpenAIDecodeError) -> ChatRequest {
        guard let object = body.object else {
            throw OpenAIDecodeError(.malformedJSON, param: nil, "The request body must be a JSON object.")
        }
        var request = ChatRequest(model: "")
        var sawModel = false
        var sawMessages = false
        var maxTokens: Int?
        var maxCompletionTokens: Int?
        for member in object where !member.value.isNull {
            let key = member.key
            let value = member.value
            switch key {
            case "model":
                request.model = try string(value, key)
                sawModel = true
            case "messages":
                var messages = MessageReader()
                try messages.read(value)
                request.system = messages.system
                request.messages = messages.messages
                request.unsupported += messages.unsupported
                sawMessages = true
            case "tools":
                request.tools = try tools(value, unsupported: &request.unsupported)
            case "tool_choice":
                request.toolChoice = try toolChoice(value, unsupported: &request.unsupported)
            case "response_format":
                request.responseFormat = try responseFormat(value)
            case "max_tokens":
                maxTokens = try count(value, key)
            case "max_completion_tokens":
                maxCompletionTokens = try count(value, key)
            case "stop":
                request.stop = try stop(value)
            case "temperature":
                request.temperature = try number(value, key)
            case "top_p":
                request.topP = try number(value, key)
            case "user":
                request.user = try string(value, key)
            case "stream":
                request.stream = try bool(value, key)
            case "stream_options":
                guard value.object != nil else { throw .type(key, "an object") }
                if let include = value["include_usage"], !include.isNull {
                    request.includeUsage = try bool(include, "stream_options.include_usage")
                }
            case "reasoning_effort":
                let text = try string(value, key)
                guard let effort = OpenAIReasoningEffort(rawValue: text) else {
                    throw .value(key, "expected one of none, minimal, low, medium, high, xhigh")
                }
                request.thinkingBudget = effort.thinkingBudget
            case "n":
                if try count(value, key) != 1 { request.unsupported.append(key) }
            default:
                if !isNeutral(key, value) { request.unsupported.append(key) }
            }
        }
        guard sawModel else { throw .missing("model") }
        guard sawMessages else { throw .missing("messages") }
        // `max_completion_tokens` replaced `max_tokens`; when a client sends both, the newer wins.
        request.maxTokens = maxCompletionTokens ?? maxTokens
        return request
    }

    /// Members that are harmless to drop: OpenAI bookkeeping, or a setting at its default.
    private static func isNeutral(_ key: String, _ value: JSONValue) -> Bool {
        switch key {
        case "store", "metadata", "service_tier", "seed", "prompt_cache_key", "prompt_cache_retention",
             "safety_identifier":
            true
        case "logprobs":
            value.bool == false
        case "top_logprobs", "frequency_penalty", "presence_penalty":
            value.double == 0
        case "logit_bias":
            value.object?.isEmpty == true
        case "parallel_tool_calls":
            value.bool == true
        case "modalities":
            value.array == ["text"]
        default:
            false
        }
    }

    private static func stop(_ value: JSONValue) throws(OpenAIDecodeError) -> [String] {
        if let text = value.string { return [text] }
        guard let elements = value.array else { throw .type("stop", "a string or an array of strings") }
        var stops: [String] = []
        for (i, element) in elements.enumerated() {
            stops.append(try string(element, "stop[\(i)]"))
        }
        return stops
    }

    // MARK: - Typed reads; each throws `invalidType` naming `param`.

    static func string(_ value: JSONValue, _ param: @autoclosure () -> String) throws(OpenAIDecodeError) -> String {
        guard let text = value.string else { throw .type(param(), "a string") }
        return text
    }

    static func bool(_ value: JSONValue, _ param: @autoclosure () -> String) throws(OpenAIDecodeError) -> Bool {
        guard let flag = value.bool else { throw .type(param(), "a boolean") }
        return flag
    }

    static func number(_ value: JSONValue, _ param: @autoclosure () -> String) throws(OpenAIDecodeError) -> Double {
        guard let number = value.double else { throw .type(param(), "a number") }
        return number
    }

    /// A whole, non-negative number.
    static func count(_ value: JSONValue, _ param: @autoclosure () -> String) throws(OpenAIDecodeError) -> Int {
        guard let int = value.int else { throw .type(param(), "an integer") }
        guard int >= 0 else { throw .value(param(), "must not be negative") }
        return int
    }
}
