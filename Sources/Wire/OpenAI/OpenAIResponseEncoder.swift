/// Writes a canonical `ChatResponse` as OpenAI's `chat.completion` object, members in the order
/// OpenAI sends them.
///
/// Text parts join into `content` (`null` when the answer is only tool calls); thinking has no
/// field in OpenAI chat and is left out, though its tokens stay in `reasoning_tokens`.
/// `created` is an input, like every clock reading in the gateway.
public enum OpenAIResponseEncoder {
    /// The completion body for `response`.
    public static func encode(_ response: ChatResponse, created: Int) -> [UInt8] {
        var writer = JSONWriter(capacity: 384 + response.parts.reduce(0) { $0 + $1.openAIEncodedSizeHint })
        writer.beginObject()
        writer.member("id", response.id)
        writer.member("object", "chat.completion")
        writer.member("created", created)
        writer.member("model", response.model)
        writer.key("choices")
        writer.beginArray()
        writer.beginObject()
        writer.member("index", 0)
        writer.key("message")
        writeMessage(response.parts, to: &writer)
        writer.key("logprobs")
        writer.null()
        writer.member("finish_reason", response.stopReason.openAIFinishReason)
        writer.endObject()
        writer.endArray()
        writer.key("usage")
        response.usage.writeOpenAI(to: &writer)
        writer.endObject()
        return writer.bytes
    }

    private static func writeMessage(_ parts: [ContentPart], to writer: inout JSONWriter) {
        var text: String?
        var calls = 0
        for part in parts {
            switch part {
            case .text(let piece): text = (text ?? "") + piece
            case .toolCall: calls += 1
            case .image, .toolResult, .thinking: break
            }
        }
        writer.beginObject()
        writer.member("role", "assistant")
        writer.member("content", text ?? (calls > 0 ? nil : ""))
        if calls > 0 { OpenAIToolCalls.write(parts, to: &writer) }
        writer.member("refusal", nil)
        writer.key("annotations")
        writer.beginArray()
        writer.endArray()
        writer.endObject()
    }
}

extension ContentPart {
    /// Roughly the bytes this part adds to a completion, to size the writer once.
    fileprivate var openAIEncodedSizeHint: Int {
        switch self {
        case .text(let text): text.utf8.count
        case .toolCall(let id, let name, let arguments, _): 80 + id.utf8.count + name.utf8.count + arguments.utf8.count
        case .image, .toolResult, .thinking: 0
        }
    }
}
