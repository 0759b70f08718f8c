/// Limits the HTTP server enforces on every client connection, and how many upstream
/// connections it keeps for reuse.
///
/// Invariant after loading: every number is greater than zero.
public struct ServerLimits: Sendable, Hashable {
    /// Largest request head (request line plus headers) accepted, in bytes.
    public var maxHeaderBytes: Int
    /// Most header fields accepted in one request.
    public var maxHeaderCount: Int
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes: Int
    /// Time allowed for a complete request head to arrive; cuts off slow-header clients.
    public var headerTimeoutMs: Int
    /// Time a keep-alive connection may sit idle between requests.
    public var idleTimeoutMs: Int
    /// Upstream connections kept open for reuse, all providers together, so that a burst as large
    /// reuses them rather than connecting again; libcurl keeps at most 512 of them (its pool
    /// search is linear; see `UpstreamClient`).
    public var upstreamIdleConnections: Int
    /// Browser origins allowed to call the gateway across origins (CORS): exact origins such as
    /// `https://app.example.com`, or `*` for any. Empty (the default): no CORS headers at all.
    public var corsAllowOrigins: [String]
    /// Silence after a stream's head, before its first token, after which the gateway sends the
    /// client an SSE comment (`: keepalive`), and again at that interval: a reasoning model may
    /// think for minutes, and proxies and load balancers commonly drop a connection silent for 60 s.
    public var streamKeepaliveMs: Int
    /// Plain-HTTP upstreams go over the gateway's own HTTP/1.1 connections (true, the default)
    /// or through libcurl like HTTPS ones (false).
    public var nativeUpstreamHTTP: Bool

    /// 32 KiB of headers, 100 header fields, 32 MiB bodies, 10 s for headers, 60 s idle, 8,192
    /// upstream connections kept, a keepalive every 15 s of a stream's thinking silence.
    public static let `default` = ServerLimits(
        maxHeaderBytes: 32_768,
        maxHeaderCount: 100,
        maxBodyBytes: 33_554_432,
        headerTimeoutMs: 10_000,
        idleTimeoutMs: 60_000,
        upstreamIdleConnections: 8_192,
        corsAllowOrigins: [],
        streamKeepaliveMs: 15_000,
        nativeUpstreamHTTP: true
    )

    public init(maxHeaderBytes: Int, maxHeaderCount: Int, maxBodyBytes: Int, headerTimeoutMs: Int, idleTimeoutMs: Int,
                upstreamIdleConnections: Int, corsAllowOrigins: [String] = [], streamKeepaliveMs: Int = 15_000,
                nativeUpstreamHTTP: Bool = true) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeoutMs = headerTimeoutMs
        self.idleTimeoutMs = idleTimeoutMs
        self.upstreamIdleConnections = upstreamIdleConnections
        self.corsAllowOrigins = corsAllowOrigins
        self.streamKeepaliveMs = streamKeepaliveMs
        self.nativeUpstreamHTTP = nativeUpstreamHTTP
    }
}
