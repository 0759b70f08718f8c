import Wire

/// Counters of what the simulator has served, as `GET /sim/stats` reports them.
///
/// Every accepted streaming request ends as exactly one of completed, cancelled or reset, so
/// `streamsStarted == streamsCompleted + streamsCancelled + streamsReset + activeStreams` at all times.
public struct SimStats: Sendable, Equatable {
    /// Chat completion requests received, including rejected and failed ones.
    public var requests = 0
    /// Streaming requests accepted (counted before the time-to-first-token wait).
    public var streamsStarted = 0
    /// Streams that sent `[DONE]`.
    public var streamsCompleted = 0
    /// Streams whose client went away first (a failed write or a closed connection).
    public var streamsCancelled = 0
    /// Streams whose connection the simulator dropped on purpose (an injected reset).
    public var streamsReset = 0
    /// Streams accepted and not yet ended.
    public var activeStreams = 0
    /// Requests answered with an injected failure (by `failRate` or `x-sim-fail-status`).
    public var failuresInjected = 0
    /// Connections dropped on purpose, before a response or in the middle of one.
    public var resetsInjected = 0
    /// Requests given a stall (before the first byte or between chunks).
    public var stallsInjected = 0
    /// Malformed chunks sent (or whole answers cut in half).
    public var malformedInjected = 0

    public init() {}

    /// The JSON object with snake_case keys.
    public func encoded() -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.member("requests", requests)
        writer.member("streams_started", streamsStarted)
        writer.member("streams_completed", streamsCompleted)
        writer.member("streams_cancelled", streamsCancelled)
        writer.member("active_streams", activeStreams)
        writer.member("failures_injected", failuresInjected)
        writer.member("streams_reset", streamsReset)
        writer.member("resets_injected", resetsInjected)
        writer.member("stalls_injected", stallsInjected)
        writer.member("malformed_injected", malformedInjected)
        writer.endObject()
        return writer.bytes
    }
}
