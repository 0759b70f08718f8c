/// Writes one dialect's streamed reply as event bytes; the stream driver decides when each part
/// goes out, so pacing is shared by every dialect.
protocol SimStreamEncoding: Sendable {
    /// The response's `Content-Type`.
    var contentType: String { get }
    /// Events before the first content piece.
    func appendOpening(to out: inout [UInt8])
    /// The opening goes out with the head, before the model thinks (Anthropic's
    /// `message_start`), rather than with the first piece.
    var opensBeforeThinking: Bool { get }
    /// Events after the last piece, through the dialect's end-of-stream marker.
    func appendClosing(_ completion: SimCompletion, to out: inout [UInt8])
    /// The events for stream piece `index` of `completion` (see `SimCompletion.streamPieceCount`):
    /// a text piece, or a tool call's argument fragment.
    func appendPiece(_ index: Int, of completion: SimCompletion, to out: inout [UInt8])
}

extension SimStreamEncoding {
    var opensBeforeThinking: Bool { false }
}

extension SimStreamEncoding {
    /// An injected broken chunk: a `data:` line whose JSON stops in the middle of a string.
    func appendMalformed(to out: inout [UInt8]) {
        out += Array(#"data: {"malformed":"this chunk is cut sh"#.utf8)
        out += Array("\n\n".utf8)
    }
}
