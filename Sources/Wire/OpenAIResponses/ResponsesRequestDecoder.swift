/// Decodes a `POST /v1/responses` body into the canonical request.
///
/// Shape errors throw `OpenAIDecodeError` with the member's path, as `OpenAIRequestDecoder`
/// does. Unlike the chat decoder, members the canonical form cannot carry are refused here
/// (`invalid_value` naming the member) instead of being listed in `ChatRequest.unsupported`:
/// a Responses call is always translated, so there is no same-dialect upstream that could
/// still take them, and the refusal can say why (the gateway keeps no conversation state, has
/// no hosted tools). A `null` member reads as absent, as OpenAI treats it.
///
/// Ignored because they steer only OpenAI's own handling or are hints: `store`, `metadata`,
/// `parallel_tool_calls`, `include`, `service_tier`, `stream_options`, `prompt_cache_key`,
/// `prompt_cache_retention`, `text.verbosity`, `reasoning.summary`; neutral values pass
/// (`background: false`, `truncation: "disabled"`, `top_logprobs: 0`). Any other member is
/// refused, like the chat decoder's unknown members.
public enum ResponsesRequestDecoder {
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
        var input: JSONValue?
        var instructions: String?
        var safetyIdentifier: String?
        for member in object where !member.value.isNull {
            let key = member.key
            let value = member.value
            switch key {
            case "model":
                request.model = try string(value, key)
                sawModel = true
            case "input":
                input = value
            case "instructions":
                instructions = try string(value, key)
            case "tools":
                request.tools = try tools(value)
            case "tool_choice":
                request.toolChoice = try toolChoice(value)
            case "text":
                request.responseFormat = try textFormat(value)
            case "reasoning":
                request.thinkingBudget = try reasoningBudget(value)
            case "max_output_tokens":
                request.maxTokens = try count(value, key)
            case "temperature":
                request.temperature = try number(value, key)
            case "top_p":
                request.topP = try number(value, key)
            case "stream":
                request.stream = try bool(value, key)
            case "user":
                request.user = try string(value, key)
            case "safety_identifier":
                safetyIdentifier = try string(value, key)
            case "stream_options":
                guard value.object != nil else { throw .type(key, "an object") }
            default:
                try checkIgnorable(key, value)
            }
        }
        guard sawModel else { throw .missing("model") }
        guard let input else { throw .missing("input") }
        var reader = InputReader()
        try reader.read(input)
        // `instructions` comes before any system or developer message of `input`, as OpenAI
        // places it at the head of the context.
        request.system = (instructions.map { [$0] } ?? []) + reader.system
        request.messages = reader.messages
        // `safety_identifier` replaced `user`; either identifies the end user.
        request.user = request.user ?? safetyIdentifier
        // A Responses stream always ends with usage in its terminal event.
        request.includeUsage = request.stream
        return request
    }

    /// Passes members that are harmless to drop; refuses the rest, explaining the ones a
    /// client is likely to send.
    private static func checkIgnorable(_ key: String, _ value: JSONValue) throws(OpenAIDecodeError) {
        switch key {
        case "store", "metadata", "parallel_tool_calls", "include", "service_tier", "prompt_cache_key",
             "prompt_cache_retention":
            return
        case "background":
            guard try bool(value, key) else { return }
            throw .unsupported(key, "Background responses are not supported: the gateway keeps no response state. "
                + "Send the request with 'background' false or absent.")
        case "truncation":
            guard try string(value, key) != "disabled" else { return }
            throw .unsupported(key, "Only 'truncation: \"disabled\"' is supported: the gateway cannot shorten the "
                + "input to fit the model's context.")
        case "top_logprobs":
            guard try count(value, key) != 0 else { return }
            throw .unsupported(key, "Log probabilities cannot be returned through this gateway.")
        case "previous_response_id", "conversation":
            throw .unsupported(key, "The gateway keeps no conversation state, so '\(key)' cannot be honoured. "
                + "Send the whole conversation in 'input' instead.")
        case "prompt":
            throw .unsupported(key, "Stored prompt templates are not supported. Send 'instructions' and 'input' "
                + "instead.")
        default:
            throw .unsupported(key, "Unsupported parameter: '\(key)' cannot be translated by the gateway.")
        }
    }

    // MARK: - Typed reads, shared with the chat decoder so errors read the same.

    static func string(_ value: JSONValue, _ param: @autoclosure () -> String) throws(OpenAIDecodeError) -> String {
        try OpenAIRequestDecoder.string(value, param())
    }

    static func bool(_ value: JSONValue, _ param: @autoclosure () -> String) throws(OpenAIDecodeError) -> Bool {
        try OpenAIRequestDecoder.bool(value, param())
    }

    static func number(_ value: JSONValue, _ param: @autoclosure () -> String) throws(OpenAIDecodeError) -> Double {
        try OpenAIRequestDecoder.number(value, param())
    }

    static func count(_ value: JSONValue, _ param: @autoclosure () -> String) throws(OpenAIDecodeError) -> Int {
        try OpenAIRequestDecoder.count(value, param())
    }

    /// The member `key` of `object` unless absent or null.
    static func member(_ object: JSONValue, _ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    /// The required string member `key` of `object` at `path`.
    static func requiredString(_ object: JSONValue, _ key: String,
                               at path: String) throws(OpenAIDecodeError) -> String {
        guard let value = member(object, key) else { throw .missing(path + "." + key) }
        return try string(value, path + "." + key)
    }
}
