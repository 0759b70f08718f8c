/// Writes canonical `StreamEvent`s as Anthropic's event stream, `event:` line and JSON data per
/// event, exactly as Anthropic frames them: `message_start`, then per block
/// `content_block_start` / `content_block_delta`… / `content_block_stop`, then `message_delta`
/// and `message_stop`; a `ping` after the first block opens; failures as `event: error`.
///
/// Anthropic blocks are sequential, so a block opening closes the one before it. A text or
/// thinking delta for a block already closed opens a new block; tool arguments for a closed call
/// (only an interleaving upstream produces them) keep that call's index.
///
/// `message_start` waits for the first content so a `.usage` right after `.start` (Anthropic
/// reports input tokens there) fills its usage. `message_delta` waits for `finish()`, because
/// other dialects report usage after the finish reason.
public struct AnthropicStreamEncoder: Sendable {
    private enum Kind { case text, thinking, redactedThinking, toolUse }

    private struct Block {
        var canonical: Int
        var index: Int
        var kind: Kind
    }

    private var id: String
    private var model: String
    private let sendsPing: Bool
    private var usage = Usage()
    private var stopReason: StopReason?
    private var started = false
    private var pinged = false
    private var ended = false
    private var blocks: [Block] = []
    /// Position in `blocks` of the open block.
    private var open: Int?

    /// `id` and `model` are used until a `.start` event names them.
    public init(id: String = "msg_gateway", model: String = "", sendsPing: Bool = true) {
        self.id = id
        self.model = model
        self.sendsPing = sendsPing
    }

    /// Encodes `events`; call `finish()` when the upstream stream ends.
    public mutating func encode(_ events: some Sequence<StreamEvent>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        for event in events { append(event, to: &out) }
        return out
    }

    /// Appends the bytes for one event (often none: some events only update state).
    public mutating func append(_ event: StreamEvent, to out: inout [UInt8]) {
        guard !ended else { return }
        switch event {
        case .start(let id, let model):
            if !started {
                if !id.isEmpty { self.id = id }
                if !model.isEmpty { self.model = model }
            }
        case .usage(let usage):
            self.usage = usage
        case .text(let index, let text):
            let block = openBlock(index, .text, to: &out)
            AnthropicEventWriter.delta(index: block, type: "text_delta", key: "text", text, to: &out)
        case .thinking(let index, let text):
            let block = openBlock(index, .thinking, to: &out)
            AnthropicEventWriter.delta(index: block, type: "thinking_delta", key: "thinking", text, to: &out)
        case .thinkingSignature(let index, let signature):
            if let data = AnthropicRedactedThinking.data(fromSignature: signature) {
                _ = openBlock(index, .redactedThinking, data: data, to: &out)
            } else {
                let block = openBlock(index, .thinking, to: &out)
                AnthropicEventWriter.delta(index: block, type: "signature_delta", key: "signature", signature,
                                           to: &out)
            }
        case .toolCallStart(let index, let id, let name):
            _ = openBlock(index, .toolUse, id: id, name: name, forceNew: true, to: &out)
        case .toolCallArguments(let index, let fragment):
            guard let position = blocks.lastIndex(where: { $0.canonical == index && $0.kind == .toolUse }) else {
                return
            }
            AnthropicEventWriter.delta(index: blocks[position].index, type: "input_json_delta", key: "partial_json",
                                       fragment, to: &out)
        case .blockStop(let index):
            if let open, blocks[open].canonical == index { closeOpenBlock(to: &out) }
        case .finish(let reason):
            stopReason = reason
        case .error(let error):
            ended = true
            AnthropicEventWriter.error(error, to: &out)
        }
    }

    /// The closing events: the open block's stop, `message_delta` (stop reason and final usage)
    /// and `message_stop`. A stream that ended without a finish reason was cut short upstream,
    /// so it ends with an `error` event instead.
    public mutating func finish() -> [UInt8] {
        var out: [UInt8] = []
        finish(to: &out)
        return out
    }

    /// `finish()` appending to `out`.
    public mutating func finish(to out: inout [UInt8]) {
        guard !ended else { return }
        ended = true
        guard let stopReason else {
            let cut = ProviderError(kind: .server, status: 502,
                                    message: "The upstream stream ended before the message was complete.")
            AnthropicEventWriter.error(cut, to: &out)
            return
        }
        startMessage(to: &out)
        closeOpenBlock(to: &out)
        AnthropicEventWriter.messageDelta(stopReason: stopReason, usage: usage, to: &out)
        AnthropicEventWriter.messageStop(to: &out)
    }

    private mutating func startMessage(to out: inout [UInt8]) {
        guard !started else { return }
        started = true
        AnthropicEventWriter.messageStart(id: AnthropicResponseEncoder.messageID(id), model: model, usage: usage,
                                          to: &out)
    }

    /// The Anthropic index of the open block for canonical `index` and `kind`, opening one (and
    /// closing the previous) when needed.
    private mutating func openBlock(_ index: Int, _ kind: Kind, id: String = "", name: String = "",
                                    data: String = "", forceNew: Bool = false, to out: inout [UInt8]) -> Int {
        if !forceNew, let open, blocks[open].canonical == index, blocks[open].kind == kind {
            return blocks[open].index
        }
        startMessage(to: &out)
        closeOpenBlock(to: &out)
        let block = Block(canonical: index, index: (blocks.last?.index ?? -1) + 1, kind: kind)
        blocks.append(block)
        open = blocks.count - 1
        switch kind {
        case .text:
            AnthropicEventWriter.blockStart(index: block.index, #"{"type":"text","text":""}"#, to: &out)
        case .thinking:
            AnthropicEventWriter.blockStart(index: block.index, #"{"type":"thinking","thinking":"","signature":""}"#,
                                            to: &out)
        case .redactedThinking:
            var writer = JSONWriter(capacity: 48 + data.utf8.count)
            writer.beginObject()
            writer.member("type", "redacted_thinking")
            writer.member("data", data)
            writer.endObject()
            AnthropicEventWriter.blockStart(index: block.index, writer.bytes, to: &out)
        case .toolUse:
            var writer = JSONWriter(capacity: 64 + id.utf8.count + name.utf8.count)
            writer.beginObject()
            writer.member("type", "tool_use")
            writer.member("id", id)
            writer.member("name", name)
            writer.key("input")
            writer.raw("{}".utf8)
            writer.endObject()
            AnthropicEventWriter.blockStart(index: block.index, writer.bytes, to: &out)
        }
        if sendsPing && !pinged {
            pinged = true
            AnthropicEventWriter.ping(to: &out)
        }
        return block.index
    }

    private mutating func closeOpenBlock(to out: inout [UInt8]) {
        guard let position = open else { return }
        open = nil
        AnthropicEventWriter.blockStop(index: blocks[position].index, to: &out)
    }
}
