/// Writes an assistant message's `tool_calls` array: the same shape in requests (history sent
/// upstream) and in responses (answers to OpenAI clients).
enum OpenAIToolCalls {
    static func write(_ parts: [ContentPart], to writer: inout JSONWriter) {
        writer.key("tool_calls")
        writer.beginArray()
        for case .toolCall(let id, let name, let arguments, _) in parts {
            writer.beginObject()
            writer.member("id", id)
            writer.member("type", "function")
            writer.key("function")
            writer.beginObject()
            writer.member("name", name)
            writer.member("arguments", arguments)
            writer.endObject()
            writer.endObject()
        }
        writer.endArray()
    }
}
