/// Size limits the request parser enforces; each violation becomes a `ParseError`.
public struct ParserLimits: Sendable, Hashable {
    /// Longest request line, excluding its CRLF. Longer lines are rejected with 414.
    public var maxRequestLineBytes: Int
    /// Largest header section (every field line with its CRLF plus the final CRLF); 431 past it.
    /// Trailers of a chunked body are held to the same figure.
    public var maxHeaderBytes: Int
    /// Most header field lines in one request (and most trailer lines); 431 past it.
    public var maxHeaderCount: Int
    /// Largest request body; 413 past it (Content-Length up front, chunked cumulatively).
    public var maxBodyBytes: Int
    /// Unread bytes the connection buffers while it is not pulling events (a request is with the
    /// application); past this it asks the I/O layer to stop reading.
    public var maxBufferedBytes: Int

    /// Longest chunk-size line (size plus ignored extensions); fixed because nothing legitimate
    /// comes near it.
    static let maxChunkLineBytes = 4096
    /// Empty lines tolerated before a request line (RFC 9112 §2.2 asks for at least one).
    static let maxLeadingEmptyLines = 4

    public init(
        maxRequestLineBytes: Int = 8 * 1024,
        maxHeaderBytes: Int = 32 * 1024,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 32 * 1024 * 1024,
        maxBufferedBytes: Int = 64 * 1024
    ) {
        self.maxRequestLineBytes = max(16, maxRequestLineBytes)
        self.maxHeaderBytes = max(2, maxHeaderBytes)
        self.maxHeaderCount = max(0, maxHeaderCount)
        self.maxBodyBytes = max(0, maxBodyBytes)
        self.maxBufferedBytes = max(1, maxBufferedBytes)
    }
}
