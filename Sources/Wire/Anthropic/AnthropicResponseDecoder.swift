/// Reads an upstream Anthropic `message` object into the canonical `ChatResponse`.
///
/// Server-tool blocks (`server_tool_use`, `web_search_tool_result`, …) have no canonical form and
/// are skipped; the request decoder refuses the tools that produce them, so they only appear when
/// the gateway forwards a request it did not translate.
public enum AnthropicResponseDecoder {
    /// Decodes a response body.
    public static func decode(_ body: [UInt8]) throws(AnthropicCodecError) -> ChatResponse {
        let root: JSONValue
        do {
            root = try JSONValue.parse(body)
        } catch {
            throw AnthropicCodecError(.malformedJSON, "The response body is not valid JSON: \(error.message)")
        }
        return try decode(root)
    }

    /// Decodes an already parsed `message` object.
    public static func decode(_ root: JSONValue) throws(AnthropicCodecError) -> ChatResponse {
        guard root.object != nil else {
            throw AnthropicCodecError(.malformedJSON, "The response body must be a JSON object")
        }
        let type = try AnthropicParams.string(root["type"], "type")
        guard type == "message" else {
            throw .invalid("type", "Expected a 'message' object, got \(type.map { "'\($0)'" } ?? "none")")
        }
        let id = try AnthropicParams.requiredString(root["id"], "id")
        let model = try AnthropicParams.requiredString(root["model"], "model")
        var parts: [ContentPart] = []
        for (index, block) in (try AnthropicParams.array(root["content"], "content") ?? []).enumerated() {
            if let part = try decodeBlock(block, path: "content.\(index)") { parts.append(part) }
        }
        let stopReason = AnthropicStopReason.decode(try AnthropicParams.string(root["stop_reason"], "stop_reason"))
        let usage = AnthropicParams.present(root["usage"]).flatMap(Usage.init(anthropic:)) ?? Usage()
        return ChatResponse(id: id, model: model, parts: parts, stopReason: stopReason, usage: usage)
    }

    private static func decodeBlock(_ block: JSONValue, path: String) throws(AnthropicCodecError) -> ContentPart? {
        switch try AnthropicParams.type(of: block, path) {
        case "text":
            return .text(try AnthropicParams.requiredString(block["text"], path + ".text"))
        case "tool_use":
            let input = try AnthropicParams.object(block["input"], path + ".input") ?? JSONObject()
            return .toolCall(id: try AnthropicParams.requiredString(block["id"], path + ".id"),
                             name: try AnthropicParams.requiredString(block["name"], path + ".name"),
                             arguments: JSONValue.object(input).jsonText)
        case "thinking":
            return .thinking(text: try AnthropicParams.requiredString(block["thinking"], path + ".thinking"),
                             signature: try AnthropicParams.string(block["signature"], path + ".signature"))
        case "redacted_thinking":
            let data = try AnthropicParams.requiredString(block["data"], path + ".data")
            return AnthropicRedactedThinking.part(data: data)
        default:
            return nil
        }
    }
}
