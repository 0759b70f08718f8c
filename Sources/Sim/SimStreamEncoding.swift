/// Writes one dialect's streamed reply as event bytes; the stream driver decides when each part
/// goes out, so pacing is shared by every dialect.
protocol SimStreamEncoding: Sendable {
    /// The response's `Content-Type`.
    var contentType: String { get }
    /// Events before the first content piece.
    func appendOpening(to out: inout [UInt8])
    /// One event carrying one content piece.
    func appendDelta(_ piece: String, to out: inout [UInt8])
    /// Events after the last piece, through the dialect's end-of-stream marker.
    func appendClosing(_ completion: SimCompletion, to out: inout [UInt8])
}
