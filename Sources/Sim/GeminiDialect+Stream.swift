import Wire

/// Writes a Gemini streamed answer, chunk by chunk.
///
/// Every chunk is a whole `GenerateContentResponse` holding the parts since the previous one.
/// With `alt=sse` each is a `data:` event ended by CRLF CRLF, as Gemini frames them; without it
/// the chunks are the elements of one JSON array.
///
/// Text goes out one piece per chunk with prompt-only usage; function calls arrive whole in the
/// last chunk (Gemini does not stream arguments), which carries the finish reason and full usage.
struct GeminiSimStream: SimStreamEncoding {
    let answer: GeminiDialect.Answer
    let sse: Bool
    /// `{"candidates":[{"content":{"parts":[`
    private static let head = Array(#"{"candidates":[{"content":{"parts":["#.utf8)
    /// `],"role":"model"},"index":0}],"usageMetadata":{prompt only},"modelVersion":…,"responseId":…}`
    private let tail: [UInt8]

    init(answer: GeminiDialect.Answer, sse: Bool) {
        self.answer = answer
        self.sse = sse
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.key("usageMetadata")
        GeminiDialect.writeUsage(answer, final: false, to: &writer)
        GeminiDialect.writeIdentity(answer, to: &writer)
        writer.endObject()
        tail = Array(#"],"role":"model"},"index":0}],"#.utf8) + writer.bytes.dropFirst()
    }

    var contentType: String { sse ? "text/event-stream" : "application/json; charset=UTF-8" }

    func appendOpening(to out: inout [UInt8]) {
        if !sse { out.append(UInt8(ascii: "[")) }
        guard let thought = answer.thought else { return }
        var part = JSONWriter(capacity: 128)
        GeminiDialect.writeText(thought, thought: true, signature: nil, to: &part)
        appendChunk(part.bytes, first: true, to: &out)
    }

    func appendPiece(_ index: Int, of completion: SimCompletion, to out: inout [UInt8]) {
        // Argument fragments only pace the stream: the calls go out whole at the end.
        guard index < completion.pieces.count else { return }
        appendPiece(index, text: completion.pieces[index], to: &out)
    }

    private func appendPiece(_ index: Int, text: String, to out: inout [UInt8]) {
        var part = JSONWriter(capacity: 32 + text.utf8.count)
        GeminiDialect.writeText(text, thought: false, signature: nil, to: &part)
        appendChunk(part.bytes, first: index == 0 && answer.thought == nil, to: &out)
    }

    func appendClosing(_ completion: SimCompletion, to out: inout [UInt8]) {
        let body = GeminiDialect.finishedResponse(answer, capacity: 512) { writer in
            if completion.toolCalls.isEmpty {
                GeminiDialect.writeText("", thought: false, signature: answer.signature, to: &writer)
            } else {
                GeminiDialect.writeCalls(completion.toolCalls, signature: answer.signature, to: &writer)
            }
        }
        let first = completion.pieces.isEmpty && answer.thought == nil
        frame(body, first: first, to: &out)
        if !sse { out.append(UInt8(ascii: "]")) }
    }

    private func appendChunk(_ part: [UInt8], first: Bool, to out: inout [UInt8]) {
        frame(Self.head + part + tail, first: first, to: &out)
    }

    private func frame(_ object: [UInt8], first: Bool, to out: inout [UInt8]) {
        if sse {
            out.append(contentsOf: "data: ".utf8)
            out.append(contentsOf: object)
            out.append(contentsOf: "\r\n\r\n".utf8)
        } else {
            if !first { out.append(contentsOf: ",\r\n".utf8) }
            out.append(contentsOf: object)
        }
    }
}
