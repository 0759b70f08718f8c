/// How an upstream call failed below HTTP, mirroring `HTTP.UpstreamError.Kind` so this module
/// stays free of I/O: the raw values are the same (the gateway converts with
/// `TransportFailure(_: UpstreamError)`).
public enum TransportFailure: String, Sendable, Hashable, CaseIterable {
    /// Connection refused, or the name did not resolve.
    case connect
    case connectTimeout
    /// No response head within the time-to-first-byte deadline (a stalled provider).
    case firstByteTimeout
    /// Silence between two body chunks longer than the idle deadline.
    case idleTimeout
    case totalTimeout
    /// The connection broke: reset, closed early, or closed mid-body.
    case reset
    /// The gateway stopped the call (the client went away).
    case canceled
    /// The request could not even be handed to the client library.
    case invalidRequest
    case other

    /// The short name in attempt summaries and ledger rows.
    public var code: String {
        switch self {
        case .connect: "connect"
        case .connectTimeout: "connect_timeout"
        case .firstByteTimeout: "first_byte_timeout"
        case .idleTimeout: "idle_timeout"
        case .totalTimeout: "total_timeout"
        case .reset: "reset"
        case .canceled: "canceled"
        case .invalidRequest: "invalid_request"
        case .other: "error"
        }
    }

    public var isTimeout: Bool {
        switch self {
        case .connectTimeout, .firstByteTimeout, .idleTimeout, .totalTimeout: true
        default: false
        }
    }
}
