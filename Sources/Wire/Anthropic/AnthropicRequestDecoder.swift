/// Reads an Anthropic `POST /v1/messages` body into the canonical `ChatRequest`.
///
/// Structural errors (a missing `max_tokens`, a wrong type) throw with Anthropic's wording and
/// the member's dotted path. Members that are valid Anthropic but have no canonical place
/// (`top_k`, documents, server tools, …) are listed in `unsupported`, so a translator refuses them
/// instead of dropping them; `cache_control` hints are ignored, since they never change the answer.
public enum AnthropicRequestDecoder {
    /// Decodes a request body. A `POST /v1/messages/count_tokens` body is a messages body
    /// without `max_tokens`: decode it with `requiresMaxTokens` false.
    public static func decode(_ body: [UInt8], requiresMaxTokens: Bool = true) throws(AnthropicCodecError) -> ChatRequest {
        let root: JSONValue
        do {
            root = try JSONValue.parse(body)
        } catch {
            throw AnthropicCodecError(.malformedJSON, "The request body is not valid JSON: \(error.message)")
        }
        return try decode(root, requiresMaxTokens: requiresMaxTokens)
    }

    /// Decodes an already parsed request.
    public static func decode(_ root: JSONValue, requiresMaxTokens: Bool = true) throws(AnthropicCodecError) -> ChatRequest {
        guard let object = root.object else {
            throw AnthropicCodecError(.malformedJSON, "The request body must be a JSON object")
        }
        var request = ChatRequest(model: try AnthropicParams.requiredString(root["model"], "model"))
        if let maxTokens = try AnthropicParams.int(root["max_tokens"], "max_tokens") {
            guard maxTokens >= 1 else { throw .invalid("max_tokens", "Input should be greater than or equal to 1") }
            request.maxTokens = maxTokens
        } else if requiresMaxTokens {
            throw .missing("max_tokens")
        }
        guard let messages = try AnthropicParams.array(root["messages"], "messages") else {
            throw .missing("messages")
        }
        var names: [String: String] = [:]
        for (index, message) in messages.enumerated() {
            request.messages.append(try decodeMessage(message, path: "messages.\(index)", toolNames: &names,
                                                      unsupported: &request.unsupported))
        }
        for member in object where !["model", "max_tokens", "messages"].contains(member.key) {
            try decodeOptional(member, into: &request)
        }
        return request
    }

    /// Applies one optional top-level member.
    private static func decodeOptional(_ member: JSONObject.Member, into request: inout ChatRequest)
        throws(AnthropicCodecError) {
        let value = member.value
        switch member.key {
        case "system":
            request.system = try system(value)
        case "stop_sequences":
            for (i, element) in (try AnthropicParams.array(value, "stop_sequences") ?? []).enumerated() {
                request.stop.append(try AnthropicParams.requiredString(element, "stop_sequences.\(i)"))
            }
        case "temperature":
            request.temperature = try AnthropicParams.double(value, "temperature")
        case "top_p":
            request.topP = try AnthropicParams.double(value, "top_p")
        case "stream":
            request.stream = try AnthropicParams.bool(value, "stream") ?? false
            request.includeUsage = request.stream // Anthropic streams always end with usage.
        case "metadata":
            for entry in try AnthropicParams.object(value, "metadata") ?? JSONObject() {
                if entry.key == "user_id" {
                    request.user = try AnthropicParams.string(entry.value, "metadata.user_id")
                } else {
                    request.unsupported.append("metadata.\(entry.key)")
                }
            }
        case "tools":
            request.tools = try tools(value, unsupported: &request.unsupported)
        case "tool_choice":
            request.toolChoice = try toolChoice(value, unsupported: &request.unsupported)
        case "thinking":
            try thinking(value, into: &request)
        case "output_config":
            try outputConfig(value, into: &request)
        default:
            if AnthropicParams.present(value) != nil { request.unsupported.append(member.key) }
        }
    }

    /// `system`: a string, or text blocks (one canonical entry each).
    private static func system(_ value: JSONValue) throws(AnthropicCodecError) -> [String] {
        guard let value = AnthropicParams.present(value) else { return [] }
        if let text = value.string { return [text] }
        guard let blocks = value.array else { throw .invalid("system", "Input should be a valid string or list") }
        var texts: [String] = []
        for (i, block) in blocks.enumerated() {
            let type = try AnthropicParams.type(of: block, "system.\(i)")
            guard type == "text" else { throw .invalid("system.\(i).type", "Input should be 'text'") }
            texts.append(try AnthropicParams.requiredString(block["text"], "system.\(i).text"))
        }
        return texts
    }

    /// `thinking`: `enabled` with a budget becomes `thinkingBudget`; `disabled` is the default.
    private static func thinking(_ value: JSONValue, into request: inout ChatRequest) throws(AnthropicCodecError) {
        guard let value = AnthropicParams.present(value) else { return }
        switch try AnthropicParams.type(of: value, "thinking") {
        case "enabled":
            guard let budget = try AnthropicParams.int(value["budget_tokens"], "thinking.budget_tokens") else {
                throw .missing("thinking.budget_tokens")
            }
            request.thinkingBudget = budget
        case "disabled":
            break
        default:
            request.unsupported.append("thinking")
        }
    }

    /// `output_config.format` (structured outputs) becomes a JSON-schema response format.
    private static func outputConfig(_ value: JSONValue, into request: inout ChatRequest) throws(AnthropicCodecError) {
        for entry in try AnthropicParams.object(value, "output_config") ?? JSONObject() {
            guard let setting = AnthropicParams.present(entry.value) else { continue }
            guard entry.key == "format" else {
                request.unsupported.append("output_config.\(entry.key)")
                continue
            }
            guard try AnthropicParams.type(of: setting, "output_config.format") == "json_schema" else {
                throw .invalid("output_config.format.type", "Input should be 'json_schema'")
            }
            guard let schema = try AnthropicParams.object(setting["schema"], "output_config.format.schema") else {
                throw .missing("output_config.format.schema")
            }
            request.responseFormat = .jsonSchema(name: "response", schema: JSONValue.object(schema).jsonText,
                                                 strict: true)
        }
    }
}
