import Wire

/// Encodes `chat.completion.chunk` events of one stream.
///
/// The members every chunk repeats are encoded once, up to the `delta` value, so a content
/// chunk costs one copy and the escaping of its piece. Events are framed as `data: JSON\n\n`
/// directly: compact JSON from `JSONWriter` never holds a raw line break.
struct OpenAIStreamEncoder: SimStreamEncoding {
    let includeUsage: Bool
    /// Seeds the `call_` ids, so they match across the stream.
    private let responseID: String
    /// `{"id":…,…,"choices":[{"index":0,"delta":`
    private let choicePrefix: [UInt8]
    /// `,"logprobs":null,"finish_reason":` — the reason or `null` follows.
    private static let finishKey = Array(#","logprobs":null,"finish_reason":"#.utf8)
    private let chunkEnd: [UInt8]
    /// `{"id":…,…,"choices":[],"usage":` for the final usage chunk.
    private let usagePrefix: [UInt8]

    init(identity: ResponseIdentity, includeUsage: Bool) {
        self.includeUsage = includeUsage
        responseID = identity.id
        var choice = JSONWriter(capacity: 256)
        Self.writeCommonMembers(identity, to: &choice)
        choice.key("choices")
        choice.beginArray()
        choice.beginObject()
        choice.member("index", 0)
        choice.key("delta")
        choicePrefix = choice.bytes
        // OpenAI sends `"usage":null` on every chunk but the last only when usage was asked for.
        chunkEnd = Array((includeUsage ? "}],\"usage\":null}" : "}]}").utf8)
        var usage = JSONWriter(capacity: 256)
        Self.writeCommonMembers(identity, to: &usage)
        usage.key("choices")
        usage.beginArray()
        usage.endArray()
        usage.key("usage")
        usagePrefix = usage.bytes
    }

    var contentType: String { "text/event-stream; charset=utf-8" }

    func appendOpening(to out: inout [UInt8]) {
        appendChunk(delta: #"{"role":"assistant","content":"","refusal":null}"#, finish: nil, to: &out)
    }

    func appendDelta(_ piece: String, to out: inout [UInt8]) {
        out.append(contentsOf: "data: ".utf8)
        out.append(contentsOf: choicePrefix)
        out.append(contentsOf: #"{"content":"#.utf8)
        JSONWriter.appendQuoted(piece, to: &out)
        out.append(UInt8(ascii: "}"))
        out.append(contentsOf: Self.finishKey)
        out.append(contentsOf: "null".utf8)
        out.append(contentsOf: chunkEnd)
        out.append(contentsOf: "\n\n".utf8)
    }

    /// A text piece, or a tool call's argument fragment; a call's first fragment follows the
    /// chunk that opens the call with its id and name, as OpenAI streams them.
    func appendPiece(_ index: Int, of completion: SimCompletion, to out: inout [UInt8]) {
        if index < completion.pieces.count { return appendDelta(completion.pieces[index], to: &out) }
        var rest = index - completion.pieces.count
        for (call, toolCall) in completion.toolCalls.enumerated() {
            guard rest >= toolCall.argumentPieces.count else {
                if rest == 0 {
                    appendChunk(delta: OpenAIDialect.toolCallHeaderDelta(toolCall, index: call, responseID: responseID),
                                finish: nil, to: &out)
                }
                let fragment = OpenAIDialect.toolCallFragmentDelta(toolCall.argumentPieces[rest], index: call)
                return appendChunk(delta: fragment, finish: nil, to: &out)
            }
            rest -= toolCall.argumentPieces.count
        }
    }

    func appendClosing(_ completion: SimCompletion, to out: inout [UInt8]) {
        appendChunk(delta: "{}", finish: OpenAIDialect.finishReason(for: completion), to: &out)
        if includeUsage {
            var usage = JSONWriter(capacity: 256)
            OpenAIDialect.writeUsage(completion.usage, to: &usage)
            out.append(contentsOf: "data: ".utf8)
            out.append(contentsOf: usagePrefix)
            out.append(contentsOf: usage.bytes)
            out.append(contentsOf: "}\n\n".utf8)
        }
        SSEWriter.appendDone(to: &out)
    }

    private func appendChunk(delta: String, finish: String?, to out: inout [UInt8]) {
        out.append(contentsOf: "data: ".utf8)
        out.append(contentsOf: choicePrefix)
        out.append(contentsOf: delta.utf8)
        out.append(contentsOf: Self.finishKey)
        if let finish { JSONWriter.appendQuoted(finish, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: chunkEnd)
        out.append(contentsOf: "\n\n".utf8)
    }

    /// The members before `choices`, in OpenAI's chunk order.
    private static func writeCommonMembers(_ identity: ResponseIdentity, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", identity.id)
        writer.member("object", "chat.completion.chunk")
        writer.member("created", identity.created)
        writer.member("model", identity.model)
        writer.member("service_tier", OpenAIDialect.serviceTier)
        writer.member("system_fingerprint", identity.fingerprint)
    }
}
