/// A parsed request line and header section, with the connection facts derived from it.
public struct RequestHead: Sendable, Equatable {
    public var method: HTTPMethod
    /// The request target exactly as received (origin, absolute, authority or asterisk form).
    public var target: String
    public var version: HTTPVersion
    public var headers: Headers
    /// Whether the connection may carry another request after this one: HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive` (and no `close`).
    public var keepAlive: Bool
    /// The client sent `Expect: 100-continue` on HTTP/1.1 and waits for a `100 Continue`
    /// (or a final response) before sending the body. Ignored on HTTP/1.0 (RFC 9110 §10.1.1).
    public var expectsContinue: Bool
    /// How the request body is delimited.
    public var body: RequestBodyFraming

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
        headers: Headers = Headers(), keepAlive: Bool = true, expectsContinue: Bool = false,
        body: RequestBodyFraming = .none
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.keepAlive = keepAlive
        self.expectsContinue = expectsContinue
        self.body = body
    }
}

/// How a request body is delimited on the wire.
public enum RequestBodyFraming: Sendable, Hashable {
    /// No body: neither `Content-Length` (or `Content-Length: 0`) nor `Transfer-Encoding`.
    case none
    /// Exactly this many bytes (more than zero) follow the head.
    case contentLength(Int)
    /// `Transfer-Encoding: chunked`; the length is known only at the end.
    case chunked
}
