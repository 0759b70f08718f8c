/// How long the gateway waits on an upstream provider, phase by phase, in milliseconds.
///
/// Invariant after loading: every field is greater than zero.
public struct UpstreamTimeouts: Sendable, Hashable {
    /// Time to establish the TCP (and TLS) connection.
    public var connectMs: Int
    /// Time from sending the request to the first response byte, when configured; see
    /// `firstByteMs(streaming:)` for what applies when it is not.
    public var firstByteMs: Int?
    /// Longest silence allowed between two chunks of a response once its body has started
    /// (a stream's wait for its first token, while a model thinks, is bounded by the total).
    public var idleMs: Int
    /// Ceiling on the whole exchange.
    public var totalMs: Int

    /// 5 s connect, first byte unset (see `firstByteMs(streaming:)`), 60 s idle, 10 min in total.
    public static let `default` = UpstreamTimeouts(connectMs: 5_000, firstByteMs: nil, idleMs: 60_000, totalMs: 600_000)

    /// A stream's first byte when `first_byte_ms` is not configured.
    public static let defaultStreamFirstByteMs = 60_000

    public init(connectMs: Int, firstByteMs: Int?, idleMs: Int, totalMs: Int) {
        self.connectMs = connectMs
        self.firstByteMs = firstByteMs
        self.idleMs = idleMs
        self.totalMs = totalMs
    }

    /// The first-byte deadline for one call. A provider sends a whole (non-streamed) answer's
    /// status line only once the model has finished, which for a reasoning model or a long
    /// output is minutes, so unless `first_byte_ms` is configured a whole answer is bounded by
    /// `total_ms` alone. A stream's head comes at once, so its deadline catches a provider that
    /// accepted the call and hangs. Configured, `first_byte_ms` applies to both.
    public func firstByteMs(streaming: Bool) -> Int {
        firstByteMs ?? (streaming ? Self.defaultStreamFirstByteMs : totalMs)
    }
}
