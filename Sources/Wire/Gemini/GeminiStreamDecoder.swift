/// Turns the bytes of `streamGenerateContent?alt=sse` into canonical stream events.
///
/// A pure state machine, fed whatever the network delivers, chunk by chunk.
/// Every event's data is a whole `GenerateContentResponse` holding the parts generated since the
/// previous one. Text and thought parts become deltas of an open text or thinking block; a
/// function call arrives whole and becomes `.toolCallStart`, one `.toolCallArguments` and
/// `.blockStop`. A `thoughtSignature` (tagged, see `GeminiSignature`) goes out as a block of its
/// own, `.thinkingSignature` then `.blockStop`, placed just before the part it came on (a
/// signature on a thought ends that thinking block instead): every client dialect can carry such
/// a block, where a signature on a tool call block would be lost, and `GeminiRequestEncoder` puts
/// it back on the part that follows it. (`GeminiResponseDecoder` keeps a call's signature on its
/// `.toolCall`; both encode to the same request.) Usage is the latest `usageMetadata`, sent with
/// the finish when `finishReason` arrives. A stream that ends without one, an error event, or
/// bytes that are not Gemini's JSON end in `.error`.
public struct GeminiStreamDecoder: Sendable {
    /// An open content block.
    enum Block: Equatable {
        case text(Int)
        case thinking(Int)
    }

    let requestedModel: String
    var reader = SSEReader()
    var started = false
    var nextIndex = 0
    var open: Block?
    var responseID: String?
    var tag: String?
    var callCount = 0
    var usage: Usage?
    var finished = false
    var failed = false

    public init(requestedModel: String) {
        self.requestedModel = requestedModel
    }

    /// Whether the stream reached its finish or an error; later input is ignored.
    public var isComplete: Bool { finished || failed }

    /// Adds bytes as they arrive and returns the events they complete.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [StreamEvent] {
        guard !failed else { return [] }
        var events: [StreamEvent] = []
        do {
            for event in try reader.feed(bytes) { decode(event.data, into: &events) }
        } catch {
            fail("the Gemini event stream is malformed: \(error.message)", into: &events)
        }
        return events
    }

    /// `feed` over an array.
    public mutating func feed(_ bytes: [UInt8]) -> [StreamEvent] {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// Ends the stream: an event left without its blank line is decoded, and a stream that never
    /// finished reports an error.
    public mutating func finish() -> [StreamEvent] {
        var events = feed([0x0A, 0x0A])
        if !isComplete {
            closeBlock(into: &events)
            if let usage { events.append(.usage(usage)) }
            fail("the Gemini stream ended before its finishReason", into: &events)
        }
        return events
    }

    /// Decodes one event's data (a whole response object) into `events`.
    public mutating func decode(_ data: ArraySlice<UInt8>, into events: inout [StreamEvent]) {
        guard !failed, !data.isEmpty else { return }
        let chunk: GeminiChunk
        do {
            chunk = try GeminiChunk.read(data, identity: !started)
        } catch {
            return fail("a Gemini stream event is not a response object: \(error.message)", into: &events)
        }
        if let errorBody = chunk.errorBody {
            closeBlock(into: &events)
            events.append(.error(GeminiErrorMapping.providerError(status: 200, body: errorBody)))
            failed = true
            return
        }
        if !started {
            started = true
            responseID = chunk.responseID
            events.append(.start(id: chunk.responseID ?? "", model: chunk.modelVersion ?? requestedModel))
        }
        if let latest = chunk.usage { usage = latest }
        if finished {
            // Gemini ends on the finishReason chunk; a later one can only refine usage.
            if let latest = chunk.usage { events.append(.usage(latest)) }
            return
        }
        for part in chunk.parts { add(part, into: &events) }
        if chunk.finishReason != nil || (chunk.blockReason != nil && chunk.parts.isEmpty) {
            closeBlock(into: &events)
            if let usage { events.append(.usage(usage)) }
            let stop = chunk.finishReason == nil
                ? StopReason.contentFilter
                : GeminiFinishReason.stopReason(chunk.finishReason, hasToolCalls: callCount > 0)
            events.append(.finish(stop))
            finished = true
        }
    }

    private mutating func fail(_ message: String, into events: inout [StreamEvent]) {
        closeBlock(into: &events)
        events.append(.error(ProviderError(kind: .server, status: 502, message: message)))
        failed = true
    }
}
