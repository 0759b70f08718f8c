// Canonical turns → OpenAI `messages`.

extension OpenAIRequestEncoder {
    /// A user turn: its tool results first, each as a `tool` message (OpenAI requires them right
    /// after the assistant message that made the calls), then the rest as one `user` message.
    static func writeUserTurn(_ parts: [ContentPart], to writer: inout JSONWriter) {
        var others = 0
        var onlyText = true
        for part in parts {
            switch part {
            case .toolResult(let id, _, let content, _):
                writer.beginObject()
                writer.member("role", "tool")
                writer.member("tool_call_id", id)
                writer.member("content", content)
                writer.endObject()
            case .text:
                others += 1
            case .image:
                others += 1
                onlyText = false
            case .toolCall, .thinking:
                break // Not user content in any dialect; thinking has no OpenAI field.
            }
        }
        // A turn of tool results alone needs no user message; an empty turn still does.
        guard others > 0 || parts.isEmpty else { return }
        writer.beginObject()
        writer.member("role", "user")
        writer.key("content")
        if others == 1 && onlyText, case .text(let text)? = parts.first(where: { $0.isOpenAIText }) {
            writer.string(text)
        } else if others == 0 {
            writer.string("")
        } else {
            writer.beginArray()
            for part in parts { writeUserPart(part, to: &writer) }
            writer.endArray()
        }
        writer.endObject()
    }

    private static func writeUserPart(_ part: ContentPart, to writer: inout JSONWriter) {
        switch part {
        case .text(let text):
            writer.beginObject()
            writer.member("type", "text")
            writer.member("text", text)
            writer.endObject()
        case .image(let source):
            writer.beginObject()
            writer.member("type", "image_url")
            writer.key("image_url")
            writer.beginObject()
            switch source {
            case .url(let url): writer.member("url", url)
            case .base64(let mediaType, let data): writer.member("url", "data:\(mediaType);base64,\(data)")
            }
            writer.endObject()
            writer.endObject()
        case .toolCall, .toolResult, .thinking:
            break
        }
    }

    /// An assistant turn: one text part as a string, several as text parts (so a round trip keeps
    /// them apart), none as `null` beside tool calls or `""` without them.
    static func writeAssistantTurn(_ parts: [ContentPart], to writer: inout JSONWriter) {
        var texts = 0
        var calls = 0
        for part in parts {
            if part.isOpenAIText { texts += 1 }
            if case .toolCall = part { calls += 1 }
        }
        writer.beginObject()
        writer.member("role", "assistant")
        writer.key("content")
        if texts == 1, case .text(let text)? = parts.first(where: { $0.isOpenAIText }) {
            writer.string(text)
        } else if texts > 1 {
            writer.beginArray()
            for case .text(let text) in parts {
                writer.beginObject()
                writer.member("type", "text")
                writer.member("text", text)
                writer.endObject()
            }
            writer.endArray()
        } else if calls > 0 {
            writer.null()
        } else {
            writer.string("")
        }
        if calls > 0 { OpenAIToolCalls.write(parts, to: &writer) }
        writer.endObject()
    }
}

extension ContentPart {
    /// Whether this is a `.text` part (the encoders count them before writing).
    fileprivate var isOpenAIText: Bool {
        if case .text = self { true } else { false }
    }
}
