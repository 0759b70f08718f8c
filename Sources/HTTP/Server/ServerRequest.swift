import HTTP1

/// A complete request as the server hands it to the application: head and buffered body.
///
/// LLM API requests are small enough to buffer (the body limit bounds them), which lets the
/// gateway scan and splice the JSON in one pass.
public struct ServerRequest: Sendable {
    public let head: RequestHead
    public let body: [UInt8]
    /// `EventLoop.hrtime()` when the head arrived, for overhead and latency figures.
    public let receivedAt: UInt64

    /// The path without the query string (computed once: routing and logging both read it).
    public let path: Substring

    public init(head: RequestHead, body: [UInt8], receivedAt: UInt64) {
        self.head = head
        self.body = body
        self.receivedAt = receivedAt
        let target = head.target[...]
        self.path = target.utf8.firstIndex(of: UInt8(ascii: "?")).map { target[..<$0] } ?? target
    }

    public var method: HTTPMethod { head.method }

    /// The query string after `?`, if any.
    public var query: Substring? {
        head.target.firstIndex(of: "?").map { head.target[head.target.index(after: $0)...] }
    }

    public func header(_ name: String) -> String? { head.headers[name] }
}
