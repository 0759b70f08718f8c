import Wire

/// Encodes one Responses API event stream: `response.created` and `response.in_progress`, then
/// per output item its `output_item.added`, (for a message) `content_part.added`, the deltas,
/// the `.done` events, and at the end `response.completed` or `response.incomplete` with the
/// whole response. No `[DONE]`: the stream ends after the last event.
///
/// Every event carries a `sequence_number`, one more than the event before. The layout (an
/// optional message at output index 0, then one item per call) is fixed by the answer, so the
/// number of any piece's events follows from its index and the encoder stays stateless per piece,
/// as the shared stream driver needs.
struct ResponsesSimStream: SimStreamEncoding {
    private let answer: ResponsesDialect.Answer
    /// The sequence number of each output item's `response.output_item.added`.
    private let itemStarts: [Int]
    /// The sequence number of the final `response.completed` (or `.incomplete`).
    let finalSequence: Int
    /// A text delta event up to its sequence number, and from there to its `delta` value.
    private static let textDeltaHead = Array(
        "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":".utf8)
    private let textDeltaMiddle: [UInt8]
    private static let textDeltaTail = Array(",\"logprobs\":[]}\n\n".utf8)

    init(answer: ResponsesDialect.Answer) {
        self.answer = answer
        var starts: [Int] = []
        var next = 2 // After response.created and response.in_progress.
        if answer.hasMessage {
            starts.append(next)
            next += 2 + answer.completion.pieces.count + 3 // Item and part added; deltas; text, part, item done.
        }
        for call in answer.completion.toolCalls {
            starts.append(next)
            next += 1 + call.argumentPieces.count + 2 // Item added; deltas; arguments and item done.
        }
        itemStarts = starts
        finalSequence = next
        textDeltaMiddle = Array("""
            ,"item_id":"\(answer.messageID)","output_index":0,"content_index":0,"delta":
            """.utf8)
    }

    var contentType: String { "text/event-stream; charset=utf-8" }

    /// OpenAI announces the response at once, before a reasoning model thinks.
    var opensBeforeThinking: Bool { true }

    func appendOpening(to out: inout [UInt8]) {
        for (sequence, type) in ["response.created", "response.in_progress"].enumerated() {
            appendEvent(type, sequence, to: &out) { writer in
                writer.key("response")
                ResponsesDialect.writeResponse(answer, finished: false, to: &writer)
            }
        }
    }

    /// A text delta (after the message's opening events for the first), or a call's argument
    /// fragment (after the previous item's closing events and this call's `output_item.added`
    /// for its first).
    func appendPiece(_ index: Int, of completion: SimCompletion, to out: inout [UInt8]) {
        let pieces = answer.completion.pieces
        if index < pieces.count {
            if index == 0 { appendMessageOpening(to: &out) }
            return appendTextDelta(pieces[index], sequence: itemStarts[0] + 2 + index, to: &out)
        }
        var rest = index - pieces.count
        for (call, toolCall) in answer.completion.toolCalls.enumerated() {
            guard rest >= toolCall.argumentPieces.count else {
                let item = answer.outputIndex(call: call)
                if rest == 0 {
                    if item > 0 { appendItemClosing(item - 1, to: &out) }
                    appendItemAdded(item, to: &out)
                }
                return appendEvent("response.function_call_arguments.delta", itemStarts[item] + 1 + rest, to: &out) {
                    $0.member("item_id", answer.callItemID(call))
                    $0.member("output_index", item)
                    $0.member("delta", toolCall.argumentPieces[rest])
                }
            }
            rest -= toolCall.argumentPieces.count
        }
    }

    func appendClosing(_ completion: SimCompletion, to out: inout [UInt8]) {
        // An empty text (an empty echo) has no piece to open its message with.
        if answer.hasMessage && answer.completion.pieces.isEmpty { appendMessageOpening(to: &out) }
        appendItemClosing(answer.itemCount - 1, to: &out)
        let type = answer.isIncomplete ? "response.incomplete" : "response.completed"
        appendEvent(type, finalSequence, to: &out) { writer in
            writer.key("response")
            ResponsesDialect.writeResponse(answer, finished: true, to: &writer)
        }
    }

    private func appendMessageOpening(to out: inout [UInt8]) {
        appendItemAdded(0, to: &out)
        appendEvent("response.content_part.added", itemStarts[0] + 1, to: &out) { writer in
            writeTextLocation(to: &writer)
            writer.key("part")
            ResponsesDialect.writeTextPart("", to: &writer)
        }
    }

    private func appendItemAdded(_ item: Int, to out: inout [UInt8]) {
        appendEvent("response.output_item.added", itemStarts[item], to: &out) { writer in
            writer.member("output_index", item)
            writer.key("item")
            ResponsesDialect.writeItem(item, of: answer, finished: false, to: &writer)
        }
    }

    /// The `.done` events of item `item`: text, part and item for the message; arguments and
    /// item for a call.
    private func appendItemClosing(_ item: Int, to out: inout [UInt8]) {
        var sequence: Int
        if answer.hasMessage && item == 0 {
            let text = answer.completion.content
            sequence = itemStarts[0] + 2 + answer.completion.pieces.count
            appendEvent("response.output_text.done", sequence, to: &out) { writer in
                writeTextLocation(to: &writer)
                writer.member("text", text)
                writer.key("logprobs")
                writer.raw("[]")
            }
            appendEvent("response.content_part.done", sequence + 1, to: &out) { writer in
                writeTextLocation(to: &writer)
                writer.key("part")
                ResponsesDialect.writeTextPart(text, to: &writer)
            }
            sequence += 2
        } else {
            let call = item - (answer.hasMessage ? 1 : 0)
            let toolCall = answer.completion.toolCalls[call]
            sequence = itemStarts[item] + 1 + toolCall.argumentPieces.count
            appendEvent("response.function_call_arguments.done", sequence, to: &out) { writer in
                writer.member("item_id", answer.callItemID(call))
                writer.member("output_index", item)
                writer.member("arguments", toolCall.arguments)
            }
            sequence += 1
        }
        appendEvent("response.output_item.done", sequence, to: &out) { writer in
            writer.member("output_index", item)
            writer.key("item")
            ResponsesDialect.writeItem(item, of: answer, finished: true, to: &writer)
        }
    }

    private func writeTextLocation(to writer: inout JSONWriter) {
        writer.member("item_id", answer.messageID)
        writer.member("output_index", 0)
        writer.member("content_index", 0)
    }

    private func appendTextDelta(_ piece: String, sequence: Int, to out: inout [UInt8]) {
        out.append(contentsOf: Self.textDeltaHead)
        JSONWriter.appendInt(sequence, to: &out)
        out.append(contentsOf: textDeltaMiddle)
        JSONWriter.appendQuoted(piece, to: &out)
        out.append(contentsOf: Self.textDeltaTail)
    }

    /// `event: TYPE` and one `data:` line whose object starts with `type` and `sequence_number`,
    /// as OpenAI orders them; compact JSON never holds a raw line break.
    private func appendEvent(_ type: String, _ sequence: Int, to out: inout [UInt8],
                             _ members: (inout JSONWriter) -> Void) {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.member("type", type)
        writer.member("sequence_number", sequence)
        members(&writer)
        writer.endObject()
        out.append(contentsOf: "event: ".utf8)
        out.append(contentsOf: type.utf8)
        out.append(contentsOf: "\ndata: ".utf8)
        out.append(contentsOf: writer.bytes)
        out.append(contentsOf: "\n\n".utf8)
    }
}
