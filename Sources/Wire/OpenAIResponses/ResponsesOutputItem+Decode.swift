// Reading an upstream's output item into the item model the encoders write, so that both
// Responses decoders read items by one set of rules, which are the encoders' rules reversed.

extension ResponsesOutputItem {
    /// Reads a `message`, `function_call` or `reasoning` output item; nil for every other type
    /// (hosted-tool calls such as `web_search_call`, which the gateway never asks for and which
    /// have no canonical form) and for anything that is not an object.
    ///
    /// - message: its `output_text` parts' text and its `refusal` parts' refusal, joined with
    ///   nothing, as one text: a refusal is what the model said instead of an answer, and no
    ///   other dialect has a field for it (as `OpenAIResponseDecoder` reads chat's `refusal`).
    /// - function_call: `call_id` is the canonical id (`id` is only the item's, `fc_…`); a call
    ///   without one falls back to the item id, then to `call_<index>`.
    /// - reasoning: the `summary_text` parts joined by a blank line (as
    ///   `ResponsesRequestDecoder` joins them), or, when there is no summary, the raw
    ///   `reasoning_text` content that open-weight models served through Responses return;
    ///   `encrypted_content` is the signature.
    init?(decoding item: JSONValue, index: Int) {
        guard item.object != nil, let type = item["type"]?.string else { return nil }
        let id = item["id"]?.string ?? ""
        let status = item["status"]?.string.flatMap(Status.init(rawValue:)) ?? .completed
        switch type {
        case "message":
            var text = ""
            for part in item["content"]?.array ?? [] {
                switch part["type"]?.string {
                case "output_text": text += part["text"]?.string ?? ""
                case "refusal": text += part["refusal"]?.string ?? ""
                default: continue
                }
            }
            self.init(id: id, content: .message(text: text), status: status)
        case "function_call":
            let callID = item["call_id"]?.string ?? (id.isEmpty ? "call_\(index)" : id)
            let content = Content.functionCall(callID: callID, name: item["name"]?.string ?? "",
                                               arguments: item["arguments"]?.string ?? "{}")
            self.init(id: id, content: content, status: status)
        case "reasoning":
            var texts = Self.texts(item["summary"], type: "summary_text")
            if texts.isEmpty { texts = Self.texts(item["content"], type: "reasoning_text") }
            let signature = item["encrypted_content"]?.string
            let content = Content.reasoning(summary: texts.joined(separator: "\n\n"),
                                            signature: signature?.isEmpty == false ? signature : nil)
            self.init(id: id, content: content, status: status)
        default:
            return nil
        }
    }

    /// The canonical part for the item; nil when it carries nothing (an empty message, a
    /// reasoning item with neither summary nor signature, as OpenAI returns when no summary
    /// was asked for).
    var part: ContentPart? {
        switch content {
        case .message(let text):
            text.isEmpty ? nil : .text(text)
        case .functionCall(let callID, let name, let arguments):
            .toolCall(id: callID, name: name, arguments: arguments)
        case .reasoning(let summary, let signature):
            summary.isEmpty && signature == nil ? nil : .thinking(text: summary, signature: signature)
        }
    }

    /// The part of the item a stream delivers in deltas: the message text, the call's arguments
    /// or the reasoning summary.
    var streamedText: String {
        switch content {
        case .message(let text): text
        case .functionCall(_, _, let arguments): arguments
        case .reasoning(let summary, _): summary
        }
    }

    /// The `text` of every element of `parts` whose `type` is `type`.
    private static func texts(_ parts: JSONValue?, type: String) -> [String] {
        (parts?.array ?? []).compactMap { part in part["type"]?.string == type ? part["text"]?.string : nil }
    }
}
