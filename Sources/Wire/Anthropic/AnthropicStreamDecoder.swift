/// Turns an upstream Anthropic event stream into canonical `StreamEvent`s, fed in chunks split
/// anywhere. Pure: bytes in, events out.
///
/// Mapping: `message_start` gives `.start` and the initial `.usage`; `content_block_start` opens
/// `.toolCallStart` (tool_use), or carries opening text or thinking (text and thinking blocks
/// open implicitly with their first delta in canonical form); deltas give `.text`,
/// `.toolCallArguments`, `.thinking` and `.thinkingSignature`; `content_block_stop` gives
/// `.blockStop`; `message_delta` gives `.finish` then the merged cumulative `.usage`; `ping` and
/// unknown events are ignored (Anthropic may add event types); an `error` event gives `.error`.
/// Blocks with no canonical form (server tools) are dropped with all their events.
public struct AnthropicStreamDecoder: Sendable {
    private var reader = SSEReader()
    private var usage = AnthropicUsageCounts()
    /// Indexes of dropped blocks; a message has few blocks, so a linear search is cheapest.
    private var skippedBlocks: [Int] = []
    /// Whether `message_stop` (or an `error` event) has arrived: nothing more is expected.
    public private(set) var isFinished = false

    public init() {}

    /// Feeds the next stream bytes; returns the events of the blocks they complete.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(AnthropicCodecError) -> [StreamEvent] {
        let blocks: [SSEEvent]
        do {
            blocks = try reader.feed(chunk)
        } catch {
            throw AnthropicCodecError(.malformedStream, error.message)
        }
        var events: [StreamEvent] = []
        for block in blocks { try decode(block, into: &events) }
        return events
    }

    /// `feed` with an array's bytes.
    public mutating func feed(_ chunk: [UInt8]) throws(AnthropicCodecError) -> [StreamEvent] {
        let result = chunk.withUnsafeBytes { raw in
            Result { () throws(AnthropicCodecError) in try feed(raw) }
        }
        return try result.get()
    }

    /// Decodes one SSE block (for a caller running its own `SSEReader`), appending its events.
    /// The data's `type` decides; the `event:` name repeats it.
    public mutating func decode(_ block: SSEEvent, into events: inout [StreamEvent]) throws(AnthropicCodecError) {
        let fields: AnthropicEventFields
        do {
            fields = try withBytes(block.data) { (raw) throws(JSONError) in try AnthropicEventFields.scan(raw) }
        } catch {
            throw AnthropicCodecError(.malformedStream, "stream event \(block.name ?? "message") is not valid JSON: "
                + error.message)
        }
        switch fields.type {
        case .messageStart:
            events.append(.start(id: fields.id ?? "", model: fields.model ?? ""))
            if let counts = fields.usage { usage.merge(counts) }
            events.append(.usage(usage.usage))
        case .contentBlockStart:
            try blockStart(fields, into: &events)
        case .contentBlockDelta:
            let index = try Self.index(fields)
            // A signature delta carries `signature`; every other delta its text under `text`.
            guard !skippedBlocks.contains(index), let text = fields.text ?? fields.signature else { return }
            switch fields.payloadType {
            case .textDelta: events.append(.text(index: index, text))
            case .inputJSONDelta where !text.isEmpty: events.append(.toolCallArguments(index: index, text))
            case .thinkingDelta: events.append(.thinking(index: index, text))
            case .signatureDelta: events.append(.thinkingSignature(index: index, text))
            default: break // Citations and future delta types have no canonical form.
            }
        case .contentBlockStop:
            let index = try Self.index(fields)
            if !skippedBlocks.contains(index) { events.append(.blockStop(index: index)) }
        case .messageDelta:
            if let reason = fields.stopReason { events.append(.finish(AnthropicStopReason.decode(reason))) }
            if let counts = fields.usage {
                usage.merge(counts)
                events.append(.usage(usage.usage))
            }
        case .messageStop:
            isFinished = true
        case .error:
            isFinished = true
            events.append(.error(AnthropicErrorMapping.providerError(
                type: fields.errorType, message: fields.errorMessage ?? "", status: nil)))
        case .ping, .unknown:
            break
        }
    }

    private mutating func blockStart(_ fields: AnthropicEventFields, into events: inout [StreamEvent])
        throws(AnthropicCodecError) {
        let index = try Self.index(fields)
        switch fields.payloadType {
        case .text:
            if let text = fields.text, !text.isEmpty { events.append(.text(index: index, text)) }
        case .toolUse:
            guard let id = fields.id, let name = fields.name else {
                throw AnthropicCodecError(.malformedStream, "a tool_use block starts without id or name")
            }
            events.append(.toolCallStart(index: index, id: id, name: name))
        case .thinking:
            if let text = fields.text, !text.isEmpty { events.append(.thinking(index: index, text)) }
            if let signature = fields.signature, !signature.isEmpty {
                events.append(.thinkingSignature(index: index, signature))
            }
        case .redactedThinking:
            let signature = AnthropicRedactedThinking.signature(data: fields.text ?? "")
            events.append(.thinkingSignature(index: index, signature))
        default:
            skippedBlocks.append(index)
        }
    }

    private static func index(_ fields: AnthropicEventFields) throws(AnthropicCodecError) -> Int {
        guard let index = fields.index, index >= 0 else {
            throw AnthropicCodecError(.malformedStream, "a content block event has no index")
        }
        return index
    }
}
