// Canonical turns → Responses `input` items, in the canonical order.
//
// Responses input is a flat list of items where the canonical form has turns, so a turn becomes
// several items: runs of user text and images one `message` (`input_text` / `input_image`),
// each tool result a `function_call_output`; runs of assistant text one assistant `message`
// (`output_text`), each tool call a `function_call`, signed thinking a `reasoning` item.
// `ResponsesRequestDecoder` groups them back into the same turns.
//
// Dropped, because the Responses API has no place for them: a tool result's error flag (as the
// chat encoder drops it), images in assistant turns (assistant messages take only
// `output_text` and `refusal`), thought signatures on tool calls (Gemini's, meaningless to
// OpenAI), empty assistant text, and turns that end up with no item at all. No item carries an
// `id`: with `store: false` OpenAI would look the id up among stored items and fail.

extension ResponsesRequestEncoder {
    static func writeInput(_ messages: [ChatMessage], to writer: inout JSONWriter) {
        writer.beginArray()
        for message in messages {
            switch message.role {
            case .user: writeUserTurn(message.parts, to: &writer)
            case .assistant: writeAssistantTurn(message.parts, to: &writer)
            }
        }
        writer.endArray()
    }

    private static func writeUserTurn(_ parts: [ContentPart], to writer: inout JSONWriter) {
        var run: [ContentPart] = []
        for part in parts {
            switch part {
            case .text, .image:
                run.append(part)
            case .toolResult(let id, _, let content, _):
                writeUserMessage(run, to: &writer)
                run.removeAll()
                writer.beginObject()
                writer.member("type", "function_call_output")
                writer.member("call_id", id)
                writer.member("output", content)
                writer.endObject()
            case .toolCall, .thinking:
                continue // Not user content in any dialect.
            }
        }
        writeUserMessage(run, to: &writer)
    }

    private static func writeUserMessage(_ parts: [ContentPart], to writer: inout JSONWriter) {
        guard !parts.isEmpty else { return }
        beginMessage("user", to: &writer)
        for part in parts {
            writer.beginObject()
            switch part {
            case .text(let text):
                writer.member("type", "input_text")
                writer.member("text", text)
            case .image(let source):
                writer.member("type", "input_image")
                switch source {
                case .url(let url): writer.member("image_url", url)
                case .base64(let mediaType, let data): writer.member("image_url", "data:\(mediaType);base64,\(data)")
                }
                // Required by the SDK's `ResponseInputImageParam`; `auto` is the API's default.
                writer.member("detail", "auto")
            case .toolCall, .toolResult, .thinking:
                break
            }
            writer.endObject()
        }
        endMessage(to: &writer)
    }

    private static func writeAssistantTurn(_ parts: [ContentPart], to writer: inout JSONWriter) {
        var texts: [String] = []
        func flush() {
            guard !texts.isEmpty else { return }
            beginMessage("assistant", to: &writer)
            for text in texts { ResponsesOutputItem.writeOutputText(text, to: &writer) }
            endMessage(to: &writer)
            texts.removeAll()
        }
        for part in parts {
            switch part {
            case .text(let text):
                if !text.isEmpty { texts.append(text) }
            case .toolCall(let id, let name, let arguments, _):
                flush()
                writer.beginObject()
                writer.member("type", "function_call")
                writer.member("call_id", id)
                writer.member("name", name)
                writer.member("arguments", arguments)
                writer.endObject()
            case .thinking(let text, let signature?) where isOpenAIReasoning(signature):
                flush()
                writer.beginObject()
                writer.member("type", "reasoning")
                writer.key("summary")
                writer.beginArray()
                if !text.isEmpty { ResponsesOutputItem.writeSummaryText(text, to: &writer) }
                writer.endArray()
                writer.member("encrypted_content", signature)
                writer.endObject()
            case .thinking, .image, .toolResult:
                continue
            }
        }
        flush()
    }

    /// Whether a thinking signature is OpenAI's own `encrypted_content`, the only reasoning the
    /// Responses API takes back. It is a Fernet token, whose version byte 0x80 and zero high
    /// timestamp bytes spell `gAAAAA` in base64; Anthropic thinking and Gemini thought signatures
    /// never start so. Anything else is another provider's reasoning, which OpenAI cannot
    /// decrypt and would refuse the request over, and which the model does not need to continue:
    /// it is dropped, as `AnthropicRequestEncoder` drops thinking it cannot verify.
    static func isOpenAIReasoning(_ signature: String) -> Bool {
        signature.utf8.starts(with: "gAAAAA".utf8)
    }

    private static func beginMessage(_ role: String, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("type", "message")
        writer.member("role", role)
        writer.key("content")
        writer.beginArray()
    }

    private static func endMessage(to writer: inout JSONWriter) {
        writer.endArray()
        writer.endObject()
    }
}
