/// How long the gateway waits on an upstream provider, phase by phase, in milliseconds.
///
/// Invariant after loading: every field is greater than zero.
public struct UpstreamTimeouts: Sendable, Hashable {
    /// Time to establish the TCP (and TLS) connection.
    public var connectMs: Int
    /// Time from sending the request to the first response byte (time to first token when streaming).
    public var firstByteMs: Int
    /// Longest silence allowed between two chunks of a response.
    public var idleMs: Int
    /// Ceiling on the whole exchange.
    public var totalMs: Int

    /// 5 s connect, 60 s to first byte, 60 s idle, 10 min in total.
    public static let `default` = UpstreamTimeouts(connectMs: 5_000, firstByteMs: 60_000, idleMs: 60_000, totalMs: 600_000)

    public init(connectMs: Int, firstByteMs: Int, idleMs: Int, totalMs: Int) {
        self.connectMs = connectMs
        self.firstByteMs = firstByteMs
        self.idleMs = idleMs
        self.totalMs = totalMs
    }
}
