/// Turns an upstream OpenAI chat-completions SSE stream into canonical `StreamEvent`s: a pure
/// state machine fed bytes split anywhere.
///
/// Block indexes are given in order of first appearance: reasoning (`reasoning_content`, from
/// OpenAI-compatible servers) first when present, then text, then one block per tool call, so
/// text is block 0 in an ordinary answer. A reasoning or text block stops when a later kind
/// starts; tool-call blocks stay open until `finish_reason`, since parallel calls may interleave
/// their argument fragments. Only choice 0 is read (the gateway never asks for more).
public struct OpenAIStreamDecoder: Sendable, SSEBlockDecoder {
    var reader = SSEReader()
    private var started = false
    private var nextBlock = 0
    private var thinkingBlock: Int?
    private var textBlock: Int?
    private var tools: [ToolSlot] = []
    /// Open blocks in opening order, which is index order.
    private var openBlocks: [Int] = []
    private var sawFinish = false
    /// `[DONE]` or an error ended the stream; later bytes are ignored.
    public internal(set) var isFinished = false

    /// A tool call by its OpenAI `index`; its start waits for the name when a server sends the
    /// id first, so `toolCallStart` always names the function.
    private struct ToolSlot {
        var openAIIndex: Int
        var id: String
        var block: Int
        var name: String?
        var pendingArguments = ""
    }

    public init() {}

    /// Consumes upstream bytes; returns the events they complete.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [StreamEvent] {
        feedBlocks(bytes)
    }

    /// `feed` over an array's bytes.
    public mutating func feed(_ bytes: [UInt8]) -> [StreamEvent] {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// The upstream body ended. An unterminated last block is still read (some servers omit the
    /// final blank line); a stream that stopped before `finish_reason` ends with an error event.
    public mutating func finish() -> [StreamEvent] {
        var events = feed([0x0A, 0x0A])
        if !isFinished && !sawFinish {
            fail("The upstream stream ended before the answer finished.", into: &events)
        }
        isFinished = true
        return events
    }

    mutating func handle(_ block: SSEEvent, into events: inout [StreamEvent]) {
        if block.isDone {
            isFinished = true
            return
        }
        let parsed = block.data.withUnsafeBytes { data in
            Result { () throws(JSONError) in try Chunk.scan(data, wantsIdentity: !started) }
        }
        let chunk: Chunk
        switch parsed {
        case .success(let value):
            chunk = value
        case .failure(let error):
            fail("The upstream sent a malformed stream chunk (\(error.description)).", into: &events)
            return
        }
        if chunk.hasError {
            events.append(.error(OpenAIErrorMapping.providerError(streamChunk: block.data)))
            isFinished = true
            return
        }
        if !started {
            started = true
            events.append(.start(id: chunk.id ?? "", model: chunk.model ?? ""))
        }
        if chunk.hasChoice && !sawFinish { apply(chunk, into: &events) }
        if let usage = chunk.usage { events.append(.usage(usage)) }
    }

    private mutating func apply(_ chunk: Chunk, into events: inout [StreamEvent]) {
        if let reasoning = chunk.reasoning, !reasoning.isEmpty {
            if thinkingBlock == nil { thinkingBlock = open() }
            events.append(.thinking(index: thinkingBlock!, reasoning))
        }
        // A refusal is what the model said instead of an answer; other dialects read it as text.
        appendText(chunk.content, into: &events)
        appendText(chunk.refusal, into: &events)
        for (position, fragment) in chunk.toolCalls.enumerated() {
            applyToolCall(fragment, position: position, into: &events)
        }
        if let reason = chunk.finishReason {
            sawFinish = true
            for i in tools.indices where tools[i].name == nil {
                // The name never came; the call still needs its start before its stop.
                tools[i].name = ""
                events.append(.toolCallStart(index: tools[i].block, id: tools[i].id, name: ""))
                if !tools[i].pendingArguments.isEmpty {
                    events.append(.toolCallArguments(index: tools[i].block, tools[i].pendingArguments))
                }
            }
            for block in openBlocks { events.append(.blockStop(index: block)) }
            openBlocks.removeAll()
            thinkingBlock = nil
            textBlock = nil
            events.append(.finish(StopReason(openAIFinishReason: reason, sawToolCalls: !tools.isEmpty)))
        }
    }

    private mutating func appendText(_ piece: String?, into events: inout [StreamEvent]) {
        guard let piece, !piece.isEmpty else { return }
        closeThinking(into: &events)
        if textBlock == nil { textBlock = open() }
        events.append(.text(index: textBlock!, piece))
    }

    private mutating func applyToolCall(_ fragment: OpenAIToolCallFragment, position: Int,
                                        into events: inout [StreamEvent]) {
        // Servers that omit `index` are matched by id; a fragment with neither continues the last call.
        let slot = fragment.index.flatMap { index in tools.firstIndex { $0.openAIIndex == index } }
            ?? fragment.id.flatMap { id in tools.firstIndex { $0.id == id } }
            ?? (fragment.index == nil && fragment.id == nil && !tools.isEmpty ? tools.count - 1 : nil)
        let i: Int
        if let slot {
            i = slot
        } else {
            closeThinking(into: &events)
            closeText(into: &events)
            // Wrapping: the upstream picks the indexes, and this one only has to differ from the last.
            let index = fragment.index ?? (tools.last.map { $0.openAIIndex &+ 1 } ?? position)
            tools.append(ToolSlot(openAIIndex: index, id: fragment.id ?? "call_\(index)", block: open()))
            i = tools.count - 1
        }
        let arguments = fragment.arguments ?? ""
        if tools[i].name == nil {
            guard let name = fragment.name else {
                tools[i].pendingArguments += arguments
                return
            }
            tools[i].name = name
            events.append(.toolCallStart(index: tools[i].block, id: tools[i].id, name: name))
            if !tools[i].pendingArguments.isEmpty {
                events.append(.toolCallArguments(index: tools[i].block, tools[i].pendingArguments))
                tools[i].pendingArguments = ""
            }
        }
        if !arguments.isEmpty { events.append(.toolCallArguments(index: tools[i].block, arguments)) }
    }

    private mutating func open() -> Int {
        let block = nextBlock
        nextBlock += 1
        openBlocks.append(block)
        return block
    }

    private mutating func closeThinking(into events: inout [StreamEvent]) {
        guard let index = thinkingBlock else { return }
        thinkingBlock = nil
        stop(index, into: &events)
    }

    private mutating func closeText(into events: inout [StreamEvent]) {
        guard let index = textBlock else { return }
        textBlock = nil
        stop(index, into: &events)
    }

    private mutating func stop(_ index: Int, into events: inout [StreamEvent]) {
        openBlocks.removeAll { $0 == index }
        events.append(.blockStop(index: index))
    }

}
