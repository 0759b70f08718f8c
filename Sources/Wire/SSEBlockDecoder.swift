/// A provider stream decoder that works on whole SSE blocks (OpenAI chat completions, the
/// Responses API): reading the bytes into blocks and failing the stream are the same for each.
protocol SSEBlockDecoder {
    var reader: SSEReader { get set }
    /// A terminal event or a failure was read; later bytes are ignored.
    var isFinished: Bool { get set }
    /// Turns one block into canonical events.
    mutating func handle(_ block: SSEEvent, into events: inout [StreamEvent])
}

extension SSEBlockDecoder {
    /// Feeds upstream bytes split anywhere; returns the events of the blocks they complete.
    /// Bytes that break the SSE grammar end the stream with an `.error`.
    mutating func feedBlocks(_ bytes: UnsafeRawBufferPointer) -> [StreamEvent] {
        guard !isFinished else { return [] }
        var events: [StreamEvent] = []
        do {
            for block in try reader.feed(bytes) {
                handle(block, into: &events)
                if isFinished { break }
            }
        } catch {
            fail("The upstream stream could not be read (\(error.description)).", into: &events)
        }
        return events
    }

    /// Ends the stream with a 502 `.error` (the upstream sent what the gateway cannot relay).
    mutating func fail(_ message: String, into events: inout [StreamEvent]) {
        events.append(.error(ProviderError(kind: .server, status: 502, message: message)))
        isFinished = true
    }
}
