/// One item of a Response's `output`, as both Responses encoders build it, so that a streamed
/// answer's final `response` and the whole answer for the same content are written by the same
/// code.
struct ResponsesOutputItem: Sendable, Equatable {
    enum Status: String, Sendable {
        case inProgress = "in_progress"
        case completed
        case incomplete
    }

    enum Content: Sendable, Equatable {
        /// An assistant `message` with one `output_text` part.
        case message(text: String)
        /// A `function_call`; `callID` is the canonical tool call id.
        case functionCall(callID: String, name: String, arguments: String)
        /// A `reasoning` item: the thinking text as its one `summary_text` (none when empty) and
        /// the provider's signature as `encrypted_content`, which the request decoder reads back.
        case reasoning(summary: String, signature: String?)

        /// Whether both are messages, both function calls or both reasoning.
        func sameKind(as other: Self) -> Bool {
            switch (self, other) {
            case (.message, .message), (.functionCall, .functionCall), (.reasoning, .reasoning): true
            default: false
            }
        }
    }

    /// `msg_…`, `fc_…` or `rs_…`; see `ResponsesIDs`.
    var id: String
    var content: Content
    /// Reasoning items never write theirs: OpenAI leaves it out of them.
    var status: Status

    /// Appends a streamed fragment to the message text, reasoning summary or call arguments,
    /// in place: the content is emptied first so the string is uniquely referenced and grows
    /// amortized, where rebuilding it per delta would copy the whole text each time.
    mutating func append(_ fragment: String) {
        switch content {
        case .message(var text):
            content = .message(text: "")
            text += fragment
            content = .message(text: text)
        case .functionCall(let callID, let name, var arguments):
            content = .message(text: "")
            arguments += fragment
            content = .functionCall(callID: callID, name: name, arguments: arguments)
        case .reasoning(var summary, let signature):
            content = .message(text: "")
            summary += fragment
            content = .reasoning(summary: summary, signature: signature)
        }
    }

    /// Writes the item; `opening` writes it as `response.output_item.added` shows it, before any
    /// content (no content parts, empty arguments, no summary).
    func write(to writer: inout JSONWriter, opening: Bool = false) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        switch content {
        case .message(let text):
            writer.member("type", "message")
            writer.member("status", status.rawValue)
            writer.key("content")
            writer.beginArray()
            if !opening { Self.writeOutputText(text, to: &writer) }
            writer.endArray()
            writer.member("role", "assistant")
        case .functionCall(let callID, let name, let arguments):
            writer.member("type", "function_call")
            writer.member("status", status.rawValue)
            writer.member("arguments", opening ? "" : arguments)
            writer.member("call_id", callID)
            writer.member("name", name)
        case .reasoning(let summary, let signature):
            writer.member("type", "reasoning")
            writer.key("summary")
            writer.beginArray()
            if !opening && !summary.isEmpty { Self.writeSummaryText(summary, to: &writer) }
            writer.endArray()
            if !opening, let signature, !signature.isEmpty { writer.member("encrypted_content", signature) }
        }
        writer.endObject()
    }

    /// An `output_text` content part. `logprobs` is written empty, as OpenAI does when none
    /// were asked for.
    static func writeOutputText(_ text: String, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("type", "output_text")
        writer.key("annotations")
        writer.raw("[]")
        writer.key("logprobs")
        writer.raw("[]")
        writer.member("text", text)
        writer.endObject()
    }

    /// A `summary_text` part of a reasoning item.
    static func writeSummaryText(_ text: String, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("type", "summary_text")
        writer.member("text", text)
        writer.endObject()
    }
}
