/// A Responses API event stream read into canonical stream events, fed any split of the bytes.
///
/// Mapping (the event's `type` in its data decides; the `event:` line repeats it):
/// - `response.created` (or `queued` / `in_progress`, if it came first) → `.start(id, model)`.
/// - Each `message`, `function_call` and `reasoning` output item is one canonical block,
///   numbered in order of its first event (an item that never carries anything, like a
///   reasoning item without a summary, takes no number). `output_text.delta` and
///   `refusal.delta` → `.text`; `reasoning_summary_text.delta` (and `reasoning_text.delta`, raw
///   reasoning of open-weight models) → `.thinking`, with a blank line between summary parts as
///   the whole-response decoder joins them; a function call's `output_item.added` →
///   `.toolCallStart(call_id, name)`, its `function_call_arguments.delta` → `.toolCallArguments`.
/// - `output_item.done` → what the item holds beyond what its deltas delivered (nothing, from
///   OpenAI), a reasoning item's `encrypted_content` as `.thinkingSignature`, then `.blockStop`.
/// - `response.completed` / `response.incomplete` → the same for every item of its output not
///   yet done, then `.usage` and `.finish`. So no text is lost from a server that skips deltas or
///   item events, and the events add up to what `ResponsesResponseDecoder` reads from the final
///   response.
/// - `response.failed` → `.usage` (tokens already billed) and `.error` from `response.error`;
///   an `error` event → `.error` (`ResponsesErrorMapping`). Both end the stream.
/// - Everything else is ignored: `in_progress`, `content_part.*`, `*.done` events whose content
///   the deltas already gave (their data is not even parsed when the `event:` line names them),
///   hosted-tool events, keepalives and comments, and event types OpenAI adds later.
///
/// Malformed input (bytes that are not SSE, data that is not a JSON object) yields a canonical
/// `.error` and ends the stream, as in `OpenAIStreamDecoder`.
public struct ResponsesStreamDecoder: Sendable, SSEBlockDecoder {
    /// Stream bookkeeping of one output item.
    struct Slot: Sendable {
        var outputIndex: Int?
        var itemID: String?
        /// What has been emitted for it so far: its kind, ids, and the text the deltas gave.
        var item: ResponsesOutputItem
        /// Its canonical block, given when it first emits an event.
        var block: Int?
        /// The summary (or content) part the last reasoning delta belonged to.
        var part = 0
        /// `.blockStop` was sent, or the item ended with nothing to say.
        var done = false
    }

    var reader = SSEReader()
    private var started = false
    var slots: [Slot] = []
    var nextBlock = 0
    var sawFunctionCall = false
    /// A terminal event (`response.completed`, `response.incomplete`, `response.failed`, or an
    /// `error` event) was read, or the stream failed or was finished: later bytes are ignored.
    public internal(set) var isFinished = false

    public init() {}

    /// Consumes upstream bytes; returns the events they complete.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [StreamEvent] {
        feedBlocks(bytes)
    }

    /// `feed` over an array's bytes.
    public mutating func feed(_ bytes: [UInt8]) -> [StreamEvent] {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// The stream ended. An unterminated last block is still read; a stream that ended before a
    /// terminal event ends with an `.error`.
    public mutating func finish() -> [StreamEvent] {
        var events = feed([0x0A, 0x0A])
        if !isFinished {
            fail("The upstream stream ended before the response was complete.", into: &events)
        }
        return events
    }

    /// Events whose content arrived in earlier deltas, skipped by their `event:` name unparsed.
    private static let redundant: Set<String> = [
        "response.in_progress", "response.content_part.added", "response.content_part.done",
        "response.output_text.done", "response.refusal.done", "response.function_call_arguments.done",
        "response.reasoning_summary_part.added", "response.reasoning_summary_part.done",
        "response.reasoning_summary_text.done", "response.reasoning_text.done",
        "response.output_text.annotation.added",
    ]

    mutating func handle(_ block: SSEEvent, into events: inout [StreamEvent]) {
        if let name = block.name, Self.redundant.contains(name), started { return }
        if block.isDone { return } // Not a Responses event; only a terminal event ends the stream.
        let data: JSONValue
        do {
            data = try JSONValue.parse(block.data)
        } catch {
            fail("The upstream sent a malformed stream event (\(error.description)).", into: &events)
            return
        }
        guard data.object != nil else {
            fail("The upstream sent a stream event that is not a JSON object.", into: &events)
            return
        }
        guard let type = data["type"]?.string ?? block.name else { return }
        switch type {
        case "response.created", "response.queued", "response.in_progress":
            start(data["response"], into: &events)
        case "response.output_item.added":
            start(nil, into: &events)
            itemAdded(data, into: &events)
        case "response.output_text.delta", "response.refusal.delta":
            delta(data, like: .message(text: ""), into: &events)
        case "response.function_call_arguments.delta":
            delta(data, like: .functionCall(callID: "", name: "", arguments: ""), into: &events)
        case "response.reasoning_summary_text.delta":
            delta(data, like: .reasoning(summary: "", signature: nil), part: data["summary_index"], into: &events)
        case "response.reasoning_text.delta":
            delta(data, like: .reasoning(summary: "", signature: nil), part: data["content_index"], into: &events)
        case "response.output_item.done":
            start(nil, into: &events)
            itemDone(data, into: &events)
        case "response.completed", "response.incomplete":
            complete(data["response"] ?? .null, incomplete: type == "response.incomplete", into: &events)
        case "response.failed":
            let response = data["response"] ?? .null
            start(response, into: &events)
            if let usage = response["usage"], usage.object != nil { events.append(.usage(Usage(responses: usage))) }
            let error = response["error"].flatMap { $0.object != nil ? $0 : nil }
            events.append(.error(error.map(ResponsesErrorMapping.providerError)
                ?? ProviderError(kind: .server, status: 500, message: "The upstream response failed.")))
            isFinished = true
        case "error":
            events.append(.error(ResponsesErrorMapping.providerError(data)))
            isFinished = true
        default:
            break
        }
    }

    /// `.start` once, before anything else, with the id and model of `response` when known.
    mutating func start(_ response: JSONValue?, into events: inout [StreamEvent]) {
        guard !started else { return }
        started = true
        events.append(.start(id: response?["id"]?.string ?? "", model: response?["model"]?.string ?? ""))
    }

    /// The terminal event: items not yet done, then usage and the stop reason.
    private mutating func complete(_ response: JSONValue, incomplete: Bool, into events: inout [StreamEvent]) {
        start(response, into: &events)
        for (index, element) in (response["output"]?.array ?? []).enumerated() {
            guard let item = ResponsesOutputItem(decoding: element, index: index) else { continue }
            finishItem(item, outputIndex: index, into: &events)
        }
        for i in slots.indices where !slots[i].done { close(i, into: &events) }
        if let usage = response["usage"], usage.object != nil { events.append(.usage(Usage(responses: usage))) }
        let status = response["status"]?.string ?? (incomplete ? "incomplete" : "completed")
        events.append(.finish(StopReason(responsesStatus: status,
                                         incompleteReason: response["incomplete_details"]?["reason"]?.string,
                                         sawFunctionCall: sawFunctionCall)))
        isFinished = true
    }

}
