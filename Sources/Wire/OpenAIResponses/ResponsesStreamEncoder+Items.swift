// Filling and closing output items, with the events OpenAI sends for each kind:
//
// message:       output_item.added, content_part.added, output_text.delta…, output_text.done,
//                content_part.done, output_item.done
// function_call: output_item.added (arguments ""), function_call_arguments.delta…,
//                function_call_arguments.done, output_item.done
// reasoning:     output_item.added, reasoning_summary_part.added, reasoning_summary_text.delta…,
//                reasoning_summary_text.done, reasoning_summary_part.done, output_item.done
//                (the summary events only when there is thinking text, not just a signature)

extension ResponsesStreamEncoder {
    mutating func appendText(_ text: String, block: Int, to out: inout [UInt8]) {
        let position: Int
        if let open = openPosition(block: block, like: .message(text: "")) {
            position = open
        } else if let last = slots.indices.last, slots[last].open, case .message = response.output[last].content {
            // A new text block right after a message continues it (see the type's summary).
            position = last
            slots[last].block = block
            slots[last].stopped = false
        } else {
            position = open(.message(text: ""), prefix: "msg_", block: block, to: &out)
            events.itemEvent("response.content_part.added", itemID: response.output[position].id, index: position,
                             contentIndex: true, to: &out) { writer in
                writer.key("part")
                ResponsesOutputItem.writeOutputText("", to: &writer)
            }
        }
        response.output[position].append(text)
        events.itemEvent("response.output_text.delta", itemID: response.output[position].id, index: position,
                         contentIndex: true, to: &out) { writer in
            writer.member("delta", text)
            writer.key("logprobs")
            writer.raw("[]")
        }
    }

    mutating func appendThinking(_ text: String, block: Int, to out: inout [UInt8]) {
        let position = reasoningPosition(block: block, to: &out)
        let itemID = response.output[position].id
        if !slots[position].summaryStarted {
            slots[position].summaryStarted = true
            events.itemEvent("response.reasoning_summary_part.added", itemID: itemID, index: position,
                             to: &out) { writer in
                writer.member("summary_index", 0)
                writer.key("part")
                ResponsesOutputItem.writeSummaryText("", to: &writer)
            }
        }
        response.output[position].append(text)
        events.itemEvent("response.reasoning_summary_text.delta", itemID: itemID, index: position,
                         to: &out) { writer in
            writer.member("summary_index", 0)
            writer.member("delta", text)
        }
    }

    /// A signature arrives whole (Anthropic sends one `signature_delta`), so it replaces any
    /// earlier one; it is written only in the item's done event and the final response.
    mutating func appendSignature(_ signature: String, block: Int, to out: inout [UInt8]) {
        let position = reasoningPosition(block: block, to: &out)
        guard case .reasoning(let summary, _) = response.output[position].content else { return }
        response.output[position].content = .reasoning(summary: summary, signature: signature)
    }

    /// Fragments for a call that is not open (unknown, or already closed by an interleaving
    /// upstream) are dropped: a closed item's arguments were final in its done event.
    mutating func appendArguments(_ fragment: String, block: Int, to out: inout [UInt8]) {
        guard !fragment.isEmpty,
              let position = openPosition(block: block, like: .functionCall(callID: "", name: "", arguments: ""))
        else { return }
        response.output[position].append(fragment)
        let itemID = response.output[position].id
        events.itemEvent("response.function_call_arguments.delta", itemID: itemID, index: position,
                         to: &out) { writer in
            writer.member("delta", fragment)
        }
    }

    private mutating func reasoningPosition(block: Int, to out: inout [UInt8]) -> Int {
        openPosition(block: block, like: .reasoning(summary: "", signature: nil))
            ?? open(.reasoning(summary: "", signature: nil), prefix: "rs_", block: block, to: &out)
    }

    /// Writes the item's closing events with its final content and `status`.
    mutating func close(_ position: Int, status: ResponsesOutputItem.Status, to out: inout [UInt8]) {
        slots[position].open = false
        response.output[position].status = status
        let item = response.output[position]
        switch item.content {
        case .message(let text):
            events.itemEvent("response.output_text.done", itemID: item.id, index: position, contentIndex: true,
                             to: &out) { writer in
                writer.member("text", text)
                writer.key("logprobs")
                writer.raw("[]")
            }
            events.itemEvent("response.content_part.done", itemID: item.id, index: position, contentIndex: true,
                             to: &out) { writer in
                writer.key("part")
                ResponsesOutputItem.writeOutputText(text, to: &writer)
            }
        case .functionCall(_, _, let arguments):
            events.itemEvent("response.function_call_arguments.done", itemID: item.id, index: position,
                             to: &out) { writer in
                writer.member("arguments", arguments)
            }
        case .reasoning(let summary, _):
            guard slots[position].summaryStarted else { break }
            events.itemEvent("response.reasoning_summary_text.done", itemID: item.id, index: position,
                             to: &out) { writer in
                writer.member("summary_index", 0)
                writer.member("text", summary)
            }
            events.itemEvent("response.reasoning_summary_part.done", itemID: item.id, index: position,
                             to: &out) { writer in
                writer.member("summary_index", 0)
                writer.key("part")
                ResponsesOutputItem.writeSummaryText(summary, to: &writer)
            }
        }
        events.event("response.output_item.done", to: &out) { writer in
            writer.member("output_index", position)
            writer.key("item")
            item.write(to: &writer)
        }
    }
}
