/// Canonical stream events as Responses API SSE events (`event: response.output_text.delta\ndata: {...}\n\n`).
///
/// Sequence: `response.created` and `response.in_progress` (status `in_progress`, empty
/// output) on the first event; per output item `response.output_item.added`, its content
/// events, `response.output_item.done` (see `ResponsesStreamEncoder+Items.swift`); then from
/// `finish()` `response.completed` or `response.incomplete` carrying the whole response. Every
/// event has a `sequence_number`, from 0.
///
/// Items: text of one canonical block is a `message`; a text block right after a message
/// continues it, as `ResponsesResponseEncoder` joins consecutive text parts. Thinking is a
/// `reasoning` item (its signature becomes `encrypted_content`), each tool call a
/// `function_call`. Blocks may interleave by index (parallel tool calls): several items may be
/// open at once, and deltas name their item by `output_index`, which the SDK accumulates by.
/// Output indexes are given in order of `added`, which is the order of the final `output`.
///
/// The newest item stays open after its block stops, until another item opens or the stop
/// reason arrives, so that a truncated answer can mark it `incomplete` (as OpenAI does and as
/// the whole-answer encoder does); the `.finish` event closes every open item.
///
/// The terminal event waits for `finish()`: usage may follow the finish reason (OpenAI sends it
/// in a chunk after `finish_reason`), and only the end of the upstream stream says it is final.
/// A stream that ended without a finish reason was cut short and ends with `response.failed`.
///
/// A canonical `.error` ends the stream with `response.failed` (status `failed`, `error`
/// `{code, message}`, the output so far with unfinished items `incomplete`) rather than an
/// `error` event: it is the terminal lifecycle event clients wait for, the SDK's stream helper
/// accepts it after any event and fills in its output, and it carries the usage already
/// incurred. Nothing is written after it.
public struct ResponsesStreamEncoder: Sendable {
    /// Stream bookkeeping of an output item, parallel to `response.output`.
    struct Slot: Sendable {
        /// The canonical block index it belongs to.
        var block: Int
        /// `output_item.added` was sent and `output_item.done` not yet.
        var open = true
        /// Its block stopped but it is the newest item, so it waits to be closed.
        var stopped = false
        /// A reasoning item's `summary_text` part was opened.
        var summaryStarted = false
    }

    let request: ChatRequest
    var response: ResponsesObject
    var slots: [Slot] = []
    var events = ResponsesEventWriter()
    private var usage: Usage?
    private var stopReason: StopReason?
    private var started = false
    /// The terminal event was written; nothing more is.
    public private(set) var isFinished = false

    public init(request: ChatRequest, created: Int) {
        self.request = request
        // Replaced by the upstream's id and model on `.start`; kept when content comes first.
        response = ResponsesObject(id: ResponsesIDs.response("gateway"), model: request.model, createdAt: created,
                                   status: .inProgress)
    }

    /// Encodes `events` and returns the bytes to send; call `finish()` when the upstream ends.
    public mutating func encode(_ events: [StreamEvent]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(events.count * 200)
        for event in events { append(event, to: &out) }
        return out
    }

    /// The upstream stream ended: closes open items and writes the terminal event if not yet written.
    public mutating func finish() -> [UInt8] {
        var out: [UInt8] = []
        guard !isFinished else { return out }
        guard let stopReason else {
            fail(ProviderError(kind: .server, status: 502,
                               message: "The upstream stream ended before the response was complete."), to: &out)
            return out
        }
        start(to: &out)
        closeItems(stopReason, to: &out)
        isFinished = true
        response.usage = usage ?? Usage()
        response.finish(stopReason)
        events.lifecycle(response.status == .completed ? "response.completed" : "response.incomplete", response,
                         request: request, to: &out)
        return out
    }

    /// Appends the bytes for one event (often none: usage, block stops).
    mutating func append(_ event: StreamEvent, to out: inout [UInt8]) {
        guard !isFinished else { return }
        switch event {
        case .start(let id, let model):
            if !started {
                if !id.isEmpty { response.id = ResponsesIDs.response(id) }
                if !model.isEmpty { response.model = model }
            }
            start(to: &out)
        case .usage(let latest):
            usage = latest
        case .finish(let reason):
            guard stopReason == nil else { return }
            start(to: &out)
            stopReason = reason
            closeItems(reason, to: &out)
        case .error(let error):
            fail(error, to: &out)
        case _ where stopReason != nil:
            // Content after the finish reason has no place in a finished answer.
            return
        case .text(let index, let text):
            guard !text.isEmpty else { return }
            appendText(text, block: index, to: &out)
        case .thinking(let index, let text):
            guard !text.isEmpty else { return }
            appendThinking(text, block: index, to: &out)
        case .thinkingSignature(let index, let signature):
            appendSignature(signature, block: index, to: &out)
        case .toolCallStart(let index, let id, let name):
            open(.functionCall(callID: id, name: name, arguments: ""), prefix: "fc_", block: index, to: &out)
        case .toolCallArguments(let index, let fragment):
            appendArguments(fragment, block: index, to: &out)
        case .blockStop(let index):
            stopBlock(index, to: &out)
        }
    }

    /// `response.created` and `response.in_progress`, once.
    private mutating func start(to out: inout [UInt8]) {
        guard !started else { return }
        started = true
        events.lifecycle("response.created", response, request: request, to: &out)
        events.lifecycle("response.in_progress", response, request: request, to: &out)
    }

    /// Ends the stream with `response.failed`; open items are left without their done events
    /// and marked `incomplete` in the failed response's output.
    private mutating func fail(_ error: ProviderError, to out: inout [UInt8]) {
        start(to: &out)
        isFinished = true
        for position in slots.indices where slots[position].open {
            response.output[position].status = .incomplete
        }
        response.status = .failed
        response.error = error
        response.usage = usage
        events.lifecycle("response.failed", response, request: request, to: &out)
    }

    /// Output item for canonical `block` whose content is the same kind as `kind`, if open.
    func openPosition(block: Int, like kind: ResponsesOutputItem.Content) -> Int? {
        slots.indices.last {
            slots[$0].open && slots[$0].block == block && response.output[$0].content.sameKind(as: kind)
        }
    }

    /// Opens a new output item (closing the newest one first if its block already stopped) and
    /// writes `response.output_item.added`; returns its output index.
    @discardableResult
    mutating func open(_ content: ResponsesOutputItem.Content, prefix: String, block: Int,
                       to out: inout [UInt8]) -> Int {
        start(to: &out)
        if let last = slots.indices.last, slots[last].open, slots[last].stopped {
            close(last, status: .completed, to: &out)
        }
        let index = response.output.count
        let id = ResponsesIDs.item(prefix, responseID: response.id, index: index)
        let item = ResponsesOutputItem(id: id, content: content, status: .inProgress)
        response.output.append(item)
        slots.append(Slot(block: block))
        events.event("response.output_item.added", to: &out) { writer in
            writer.member("output_index", index)
            writer.key("item")
            item.write(to: &writer, opening: true)
        }
        return index
    }

    /// The stop reason arrived: closes every open item in output order. The newest item is
    /// `incomplete` when the reason truncated it.
    private mutating func closeItems(_ reason: StopReason, to out: inout [UInt8]) {
        let truncated = reason == .maxTokens || reason == .contentFilter
        for position in slots.indices where slots[position].open {
            close(position, status: truncated && position == slots.count - 1 ? .incomplete : .completed, to: &out)
        }
    }

    private mutating func stopBlock(_ block: Int, to out: inout [UInt8]) {
        for position in slots.indices where slots[position].open && slots[position].block == block {
            if position == slots.count - 1 {
                slots[position].stopped = true
            } else {
                close(position, status: .completed, to: &out)
            }
        }
    }
}
