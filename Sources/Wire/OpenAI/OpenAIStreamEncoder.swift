/// Writes canonical `StreamEvent`s as OpenAI `chat.completion.chunk` SSE events, chunk by chunk,
/// for a client on an OpenAI route whose upstream spoke another dialect.
///
/// The stream has OpenAI's shape: a first chunk with `delta{role:"assistant",content:""}`, one
/// chunk per text piece or tool-call fragment (a call opens with its id, name and empty
/// arguments), a chunk with `finish_reason` and an empty delta, then from `finish()` the
/// usage-only chunk (`choices: []`) when the client asked for it and `data: [DONE]`. When usage
/// was asked for, every other chunk carries `"usage":null`, as OpenAI's do. Thinking has no
/// field in OpenAI chat and is dropped. The members every chunk repeats are encoded once.
public struct OpenAIStreamEncoder: Sendable {
    public let created: Int
    public let includeUsage: Bool
    private let idOverride: String?
    private let modelOverride: String?
    /// `data: {"id":…,"object":"chat.completion.chunk","created":…,"model":…,"choices":`
    private var head: [UInt8] = []
    /// Canonical block index of each tool call, in OpenAI `index` order.
    private var toolBlocks: [Int] = []
    private var usage: Usage?
    private var sentFinish = false
    /// `finish()` ran or an error event ended the stream; nothing more is written.
    public private(set) var isFinished = false

    private static let choiceStart = Array(#"[{"index":0,"delta":"#.utf8)
    private static let roleDelta = Array(#"{"role":"assistant","content":"","refusal":null}"#.utf8)
    private static let openFinish = Array(#","logprobs":null,"finish_reason":"#.utf8)

    /// `id` and `model` replace the ones the upstream reported (the gateway's own request id,
    /// the model name the client asked for); `created` is the Unix time every chunk repeats.
    public init(created: Int, includeUsage: Bool, id: String? = nil, model: String? = nil) {
        self.created = created
        self.includeUsage = includeUsage
        idOverride = id
        modelOverride = model
    }

    /// Encodes `events` and returns the bytes to send.
    public mutating func encode(_ events: [StreamEvent]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(events.count * 160)
        for event in events { encode(event, into: &out) }
        return out
    }

    /// Appends the bytes for one event (often none: block stops, usage, thinking).
    public mutating func encode(_ event: StreamEvent, into out: inout [UInt8]) {
        guard !isFinished else { return }
        switch event {
        case .start(let id, let model):
            start(id: id, model: model, into: &out)
        case .text(_, let text):
            guard !text.isEmpty else { return }
            start(id: "", model: "", into: &out)
            openChunk(into: &out)
            out.append(contentsOf: #"{"content":"#.utf8)
            JSONWriter.appendQuoted(text, to: &out)
            out.append(UInt8(ascii: "}"))
            closeChunk(finish: nil, into: &out)
        case .toolCallStart(let block, let id, let name):
            start(id: "", model: "", into: &out)
            toolBlocks.append(block)
            openChunk(into: &out)
            out.append(contentsOf: #"{"tool_calls":[{"index":"#.utf8)
            JSONWriter.appendInt(toolBlocks.count - 1, to: &out)
            out.append(contentsOf: #","id":"#.utf8)
            JSONWriter.appendQuoted(id, to: &out)
            out.append(contentsOf: #","type":"function","function":{"name":"#.utf8)
            JSONWriter.appendQuoted(name, to: &out)
            out.append(contentsOf: #","arguments":""}}]}"#.utf8)
            closeChunk(finish: nil, into: &out)
        case .toolCallArguments(let block, let fragment):
            guard !fragment.isEmpty, let index = toolBlocks.lastIndex(of: block) else { return }
            openChunk(into: &out)
            out.append(contentsOf: #"{"tool_calls":[{"index":"#.utf8)
            JSONWriter.appendInt(index, to: &out)
            out.append(contentsOf: #","function":{"arguments":"#.utf8)
            JSONWriter.appendQuoted(fragment, to: &out)
            out.append(contentsOf: "}}]}".utf8)
            closeChunk(finish: nil, into: &out)
        case .usage(let latest):
            usage = latest
        case .finish(let reason):
            guard !sentFinish else { return }
            sentFinish = true
            start(id: "", model: "", into: &out)
            openChunk(into: &out)
            out.append(contentsOf: "{}".utf8)
            closeChunk(finish: reason, into: &out)
        case .error(let error):
            OpenAIErrorMapping.appendStreamEvent(error, to: &out)
            isFinished = true
        case .thinking, .thinkingSignature, .blockStop:
            break
        }
    }

    /// Ends the stream: the usage-only chunk when the client asked for usage and some arrived,
    /// then `data: [DONE]`. Nothing after an error event, which already ended the stream.
    public mutating func finish() -> [UInt8] {
        guard !isFinished else { return [] }
        isFinished = true
        var out: [UInt8] = []
        if includeUsage, let usage {
            start(id: "", model: "", into: &out)
            out.append(contentsOf: head)
            var writer = JSONWriter(capacity: 192)
            writer.beginArray()
            writer.endArray()
            writer.key("usage")
            usage.writeOpenAI(to: &writer)
            out.append(contentsOf: writer.bytes)
            out.append(contentsOf: "}\n\n".utf8)
        }
        SSEWriter.appendDone(to: &out)
        return out
    }

    /// Writes the role chunk once; events before `.start` (a dialect without one) start it
    /// with whatever identity the overrides give.
    private mutating func start(id: String, model: String, into out: inout [UInt8]) {
        guard head.isEmpty else { return }
        var writer = JSONWriter(capacity: 160)
        writer.beginObject()
        writer.member("id", idOverride ?? id)
        writer.member("object", "chat.completion.chunk")
        writer.member("created", created)
        writer.member("model", modelOverride ?? model)
        writer.key("choices")
        head = Array("data: ".utf8) + writer.bytes
        openChunk(into: &out)
        out.append(contentsOf: Self.roleDelta)
        closeChunk(finish: nil, into: &out)
    }

    /// Everything up to the delta's value.
    @inline(__always)
    private func openChunk(into out: inout [UInt8]) {
        out.append(contentsOf: head)
        out.append(contentsOf: Self.choiceStart)
    }

    /// Everything after the delta's value.
    @inline(__always)
    private func closeChunk(finish: StopReason?, into out: inout [UInt8]) {
        out.append(contentsOf: Self.openFinish)
        if let finish {
            let reason = finish.openAIFinishReasonJSON
            out.append(contentsOf: UnsafeRawBufferPointer(start: reason.utf8Start, count: reason.utf8CodeUnitCount))
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(contentsOf: "}]".utf8)
        if includeUsage { out.append(contentsOf: #","usage":null"#.utf8) }
        out.append(contentsOf: "}\n\n".utf8)
    }
}
