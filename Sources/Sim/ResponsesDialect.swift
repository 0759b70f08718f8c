import Wire

/// OpenAI's Responses API (`POST /v1/responses`) as the simulator speaks it: this file reads a
/// request's top level; `+Input` and `+Options` read its parts, `+Fields` holds the readers and
/// OpenAI's error wording, `+Response` and `+Stream` write the answers.
///
/// Written apart from Wire's Responses codec on purpose: the gateway's codec is what the simulator
/// tests, so sharing it would mirror its bugs instead of exposing them.
enum ResponsesDialect {
    /// A decoded request: the shared chat form that decides the answer, and the settings the
    /// response object echoes back as OpenAI reports them.
    struct Request: Sendable, Equatable {
        var chat: SimChatRequest
        var instructions: String?
        var maxOutputTokens: Int?
        var temperature = 1.0
        var topP = 1.0
        /// With false, at most one call per answer, as OpenAI's model obeys it.
        var parallelToolCalls = true
        var store = true
        var user: String?
        var metadata: JSONValue = [:]
        /// `text` as echoed: the format (`text` by default) and the verbosity.
        var text: JSONValue = ["format": ["type": "text"], "verbosity": "medium"]
        /// `reasoning` as echoed: `{"effort":…,"summary":…}`, nulls when not asked.
        var reasoning: JSONValue = ["effort": nil, "summary": nil]
        var toolChoice: JSONValue = "auto"
        /// The function tools as echoed, `description`, `parameters` and `strict` filled in.
        var tools: [JSONValue] = []
        var serviceTier = "default"
        var truncation = "disabled"
        var promptCacheKey: String?
        var safetyIdentifier: String?
        var topLogprobs = 0
        var maxToolCalls: Int?
    }

    /// Members that shape the simulated answer or its echo.
    static let handledMembers: Set<String> = [
        "model", "input", "instructions", "tools", "tool_choice", "max_output_tokens", "temperature", "top_p",
        "stream", "text", "reasoning", "store", "metadata", "include", "parallel_tool_calls", "user",
    ]
    /// Valid members that change nothing a simulated answer shows beyond their echo.
    static let acceptedMembers: Set<String> = [
        "stream_options", "service_tier", "truncation", "prompt_cache_key", "prompt_cache_retention",
        "safety_identifier", "top_logprobs", "max_tool_calls", "background",
    ]
    /// Valid members that need server-side state the simulator does not keep.
    static let statefulMembers: Set<String> = ["previous_response_id", "conversation", "prompt", "context_management"]

    /// Reads a `POST /v1/responses` body; rejects what OpenAI rejects, with its status, wording,
    /// `param` and `code`, for the members the simulator knows.
    static func decode(_ body: [UInt8]) throws(SimError) -> Request {
        let parsed: JSONValue
        do {
            parsed = try JSONValue.parse(body)
        } catch {
            throw SimError(.malformedJSON, message: "We could not parse the JSON body of your request. (HINT: This "
                + "likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON "
                + "payload, but what was sent was not valid JSON.)")
        }
        guard let root = parsed.object else {
            throw SimError(.malformedJSON, message: "The request body must be a JSON object.")
        }
        for key in root.keys
        where !handledMembers.contains(key) && !acceptedMembers.contains(key) && !statefulMembers.contains(key) {
            throw unknownParameter(key)
        }
        guard let modelValue = present(root["model"]) else { throw SimError.missing("model") }
        guard let model = modelValue.string else { throw typeError("model", "a string", modelValue) }
        guard !model.isEmpty else { throw SimError.invalid("model", "empty string. Expected a non-empty string.") }
        try refuseStateful(root)

        let instructions = try string(root["instructions"], "instructions")
        var messages: [SimChatRequest.Message] = []
        if let instructions { messages.append(.init(role: "system", text: instructions)) }
        messages += try inputMessages(root["input"])
        var request = Request(chat: SimChatRequest(model: model, messages: messages), instructions: instructions)
        request.chat.stream = try bool(root["stream"], "stream") ?? false
        if let options = present(root["stream_options"]) {
            guard request.chat.stream else {
                throw SimError(.invalidParameter, message: "The 'stream_options' parameter is only allowed when "
                    + "'stream' is enabled.", param: "stream_options")
            }
            guard options.object != nil else { throw typeError("stream_options", "an object", options) }
        }
        request.maxOutputTokens = try integer(root["max_output_tokens"], "max_output_tokens", in: 16...Int.max)
        request.chat.maxTokens = request.maxOutputTokens
        request.temperature = try number(root["temperature"], "temperature", in: 0...2) ?? 1
        request.topP = try number(root["top_p"], "top_p", in: 0...1) ?? 1
        request.parallelToolCalls = try bool(root["parallel_tool_calls"], "parallel_tool_calls") ?? true
        request.store = try bool(root["store"], "store") ?? true
        request.user = try string(root["user"], "user")
        try readOptions(root, into: &request)
        try readPassiveMembers(root, into: &request)
        return request
    }

    /// Nothing is stored here: a `previous_response_id` fails as one OpenAI no longer has does;
    /// conversations, prompt templates, context management and background mode are refused.
    private static func refuseStateful(_ root: JSONObject) throws(SimError) {
        if let value = present(root["previous_response_id"]) {
            guard let id = value.string else { throw typeError("previous_response_id", "a string", value) }
            throw SimError(.invalidParameter, message: "Previous response with id '\(id)' not found.",
                           param: "previous_response_id", providerCode: "previous_response_not_found")
        }
        for key in ["conversation", "prompt", "context_management"] where present(root[key]) != nil {
            throw SimError(.invalidParameter, message: "'\(key)' needs state the simulator does not keep.",
                           param: key, providerCode: "unsupported_parameter")
        }
        if try bool(root["background"], "background") == true {
            throw SimError(.invalidParameter, message: "Background responses need stored responses, which the "
                + "simulator does not keep.", param: "background", providerCode: "unsupported_parameter")
        }
    }

    /// Members read for their type and echoed, with no other effect.
    private static func readPassiveMembers(_ root: JSONObject, into request: inout Request) throws(SimError) {
        if let tier = try choice(root["service_tier"], "service_tier", ["auto", "default", "flex", "scale", "priority"]),
           tier != "auto" {
            request.serviceTier = tier
        }
        request.truncation = try choice(root["truncation"], "truncation", ["auto", "disabled"]) ?? "disabled"
        _ = try choice(root["prompt_cache_retention"], "prompt_cache_retention", ["in_memory", "24h"])
        request.promptCacheKey = try string(root["prompt_cache_key"], "prompt_cache_key")
        request.safetyIdentifier = try string(root["safety_identifier"], "safety_identifier")
        request.topLogprobs = try integer(root["top_logprobs"], "top_logprobs", in: 0...20) ?? 0
        request.maxToolCalls = try integer(root["max_tool_calls"], "max_tool_calls", in: 1...Int.max)
    }
}
