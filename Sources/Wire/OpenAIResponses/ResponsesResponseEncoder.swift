/// A canonical response as a Responses API `response` object.
///
/// Parts become output items in order: consecutive text parts one `message` (an empty text
/// part adds nothing), each thinking part a `reasoning` item, each tool call a `function_call`
/// item whose `call_id` is the canonical id. A tool call carrying a signature (Gemini's thought
/// signature) is preceded by a `reasoning` item holding only that signature, as
/// `AnthropicResponseEncoder` writes an empty thinking block, so that it travels back on the
/// next turn. Images and tool results never appear in a model's answer and are skipped.
///
/// Status: `completed`, or `incomplete` for max tokens and content filter, when the last item
/// (the one being generated when generation stopped) is `incomplete` too. Ids derive from the
/// canonical id (`ResponsesIDs`), the same ones `ResponsesStreamEncoder` gives the same content.
public enum ResponsesResponseEncoder {
    /// `request`: the decoded request, whose parameters a Response object echoes (instructions,
    /// tools, temperature, top_p, tool_choice, max_output_tokens, text format...). `created`:
    /// Unix seconds.
    public static func encode(_ response: ChatResponse, request: ChatRequest, created: Int) -> [UInt8] {
        object(response, request: request, created: created).encoded(request: request)
    }

    /// The object `encode` writes.
    static func object(_ response: ChatResponse, request: ChatRequest, created: Int) -> ResponsesObject {
        let id = ResponsesIDs.response(response.id)
        var object = ResponsesObject(id: id, model: response.model.isEmpty ? request.model : response.model,
                                     createdAt: created, status: .completed)
        object.output = items(response.parts, responseID: id)
        object.usage = response.usage
        object.finish(response.stopReason)
        if object.status == .incomplete, let last = object.output.indices.last {
            object.output[last].status = .incomplete
        }
        return object
    }

    private static func items(_ parts: [ContentPart], responseID: String) -> [ResponsesOutputItem] {
        var items: [ResponsesOutputItem] = []
        func add(_ prefix: String, _ content: ResponsesOutputItem.Content) {
            let id = ResponsesIDs.item(prefix, responseID: responseID, index: items.count)
            items.append(ResponsesOutputItem(id: id, content: content, status: .completed))
        }
        for part in parts {
            switch part {
            case .text(let text):
                guard !text.isEmpty else { continue }
                if case .message(let previous)? = items.last?.content {
                    items[items.count - 1].content = .message(text: previous + text)
                } else {
                    add("msg_", .message(text: text))
                }
            case .thinking(let text, let signature):
                add("rs_", .reasoning(summary: text, signature: signature))
            case .toolCall(let id, let name, let arguments, let signature):
                if let signature, !signature.isEmpty { add("rs_", .reasoning(summary: "", signature: signature)) }
                add("fc_", .functionCall(callID: id, name: name, arguments: arguments))
            case .image, .toolResult:
                continue
            }
        }
        return items
    }
}
