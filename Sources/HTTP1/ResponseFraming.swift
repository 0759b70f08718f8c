/// How a response body is delimited on the wire.
public enum ResponseFraming: Sendable, Hashable {
    /// Exactly this many body bytes follow (`Content-Length`).
    case contentLength(Int)
    /// `Transfer-Encoding: chunked`; only for HTTP/1.1 requests.
    case chunked
    /// The body ends when the connection closes (HTTP/1.0 streaming); forces `Connection: close`.
    case closeDelimited
    /// No body and no framing field: 1xx, 204, 304, or a HEAD response that omits the length.
    case noBody

    /// The framing for a body of unknown length: chunked on HTTP/1.1, close-delimited on 1.0.
    public static func streaming(for requestVersion: HTTPVersion) -> ResponseFraming {
        requestVersion == .http1_1 ? .chunked : .closeDelimited
    }

    /// True when the connection must close once the response is written.
    public var closesConnection: Bool { self == .closeDelimited }
}
