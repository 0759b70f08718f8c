/// Canonical messages regrouped as Anthropic wants them: strictly alternating turns, each a list
/// of pre-encoded content blocks, `tool_result` blocks first in a user turn.
struct AnthropicTurns {
    struct Turn {
        var role: ChatMessage.Role
        var toolResults: [[UInt8]] = []
        var blocks: [[UInt8]] = []
    }

    private(set) var turns: [Turn] = []

    /// Encodes every part; messages left without blocks (an empty text, only unsigned thinking)
    /// are skipped before merging, since Anthropic rejects empty turns.
    init(_ messages: [ChatMessage]) throws(AnthropicCodecError) {
        for (index, message) in messages.enumerated() {
            var turn = Turn(role: message.role)
            for (partIndex, part) in message.parts.enumerated() {
                try Self.encode(part, param: "messages.\(index).content.\(partIndex)", into: &turn)
            }
            guard !turn.toolResults.isEmpty || !turn.blocks.isEmpty else { continue }
            if let last = turns.indices.last, turns[last].role == turn.role {
                turns[last].toolResults += turn.toolResults
                turns[last].blocks += turn.blocks
            } else {
                turns.append(turn)
            }
        }
    }

    /// Writes the `messages` array.
    func write(to writer: inout JSONWriter) {
        writer.beginArray()
        for turn in turns {
            writer.beginObject()
            writer.member("role", turn.role.rawValue)
            writer.key("content")
            writer.beginArray()
            for block in turn.toolResults { writer.raw(block) }
            for block in turn.blocks { writer.raw(block) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
    }

    private static func encode(_ part: ContentPart, param: String, into turn: inout Turn)
        throws(AnthropicCodecError) {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        switch part {
        case .text(let text):
            guard !text.isEmpty else { return } // Anthropic rejects empty text blocks.
            writer.member("type", "text")
            writer.member("text", text)
        case .image(let source):
            writer.member("type", "image")
            writer.key("source")
            writeImageSource(source, to: &writer)
        case .toolCall(let id, let name, let arguments, _):
            writer.member("type", "tool_use")
            writer.member("id", id)
            writer.member("name", name)
            writer.key("input")
            writer.raw(try AnthropicJSON.toolInput(arguments, param: param))
        case .toolResult(let id, _, let content, let isError):
            writer.member("type", "tool_result")
            writer.member("tool_use_id", id)
            writer.member("content", content)
            if isError { writer.member("is_error", true) }
            writer.endObject()
            turn.toolResults.append(writer.bytes)
            return
        case .thinking(let text, let signature):
            if let data = AnthropicRedactedThinking.data(fromSignature: signature) {
                writer.member("type", "redacted_thinking")
                writer.member("data", data)
            } else {
                guard let signature, !signature.isEmpty else { return }
                writer.member("type", "thinking")
                writer.member("thinking", text)
                writer.member("signature", signature)
            }
        }
        writer.endObject()
        turn.blocks.append(writer.bytes)
    }

    /// `url` and `base64` sources; a `data:` URL becomes a `base64` source, since Anthropic
    /// fetches only `http(s)` URLs.
    private static func writeImageSource(_ source: ImageSource, to writer: inout JSONWriter) {
        writer.beginObject()
        switch source {
        case .url(let url):
            if let inline = AnthropicJSON.dataURL(url) {
                writer.member("type", "base64")
                writer.member("media_type", inline.mediaType)
                writer.member("data", inline.data)
            } else {
                writer.member("type", "url")
                writer.member("url", url)
            }
        case .base64(let mediaType, let data):
            writer.member("type", "base64")
            writer.member("media_type", mediaType)
            writer.member("data", data)
        }
        writer.endObject()
    }
}
