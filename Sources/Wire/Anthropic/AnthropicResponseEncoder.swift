/// Writes a canonical `ChatResponse` as Anthropic's `message` object, for a client that spoke
/// Anthropic to a model behind another dialect.
///
/// `stop_sequence` is always null: the canonical response does not say which sequence matched.
public enum AnthropicResponseEncoder {
    /// Encodes the response, members in Anthropic's order; throws when a tool call's arguments
    /// are not a JSON object (they cannot become `input`).
    public static func encode(_ response: ChatResponse) throws(AnthropicCodecError) -> [UInt8] {
        var writer = JSONWriter(capacity: 384 + response.parts.count * 64)
        writer.beginObject()
        writer.member("id", messageID(response.id))
        writer.member("type", "message")
        writer.member("role", "assistant")
        writer.member("model", response.model)
        writer.key("content")
        writer.beginArray()
        for (index, part) in response.parts.enumerated() {
            try writeBlock(part, param: "content.\(index)", to: &writer)
        }
        writer.endArray()
        writer.member("stop_reason", AnthropicStopReason.encode(response.stopReason))
        writer.member("stop_sequence", nil)
        writer.key("usage")
        response.usage.writeAnthropic(to: &writer)
        writer.endObject()
        return writer.bytes
    }

    /// An id in Anthropic's `msg_` form: kept when it has the prefix, else prefixed.
    public static func messageID(_ id: String) -> String {
        id.hasPrefix("msg_") ? id : "msg_" + id
    }

    /// One content block. Images and tool results never appear in a model's answer and are skipped.
    static func writeBlock(_ part: ContentPart, param: String, to writer: inout JSONWriter)
        throws(AnthropicCodecError) {
        switch part {
        case .text(let text):
            writer.beginObject()
            writer.member("type", "text")
            writer.member("text", text)
            writer.endObject()
        case .toolCall(let id, let name, let arguments, let signature):
            let input = try AnthropicJSON.toolInput(arguments, param: param)
            if let signature, !signature.isEmpty {
                writer.beginObject()
                writer.member("type", "thinking")
                writer.member("thinking", "")
                writer.member("signature", signature)
                writer.endObject()
            }
            writer.beginObject()
            writer.member("type", "tool_use")
            writer.member("id", id)
            writer.member("name", name)
            writer.key("input")
            writer.raw(input)
            writer.endObject()
        case .thinking(let text, let signature):
            writer.beginObject()
            if let data = AnthropicRedactedThinking.data(fromSignature: signature) {
                writer.member("type", "redacted_thinking")
                writer.member("data", data)
            } else {
                writer.member("type", "thinking")
                writer.member("thinking", text)
                writer.member("signature", signature ?? "")
            }
            writer.endObject()
        case .image, .toolResult:
            break
        }
    }
}
