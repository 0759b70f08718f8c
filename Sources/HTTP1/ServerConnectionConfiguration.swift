/// Per-connection settings: parser limits and timer durations.
///
/// Durations are handed back in `.armTimer` actions; the I/O layer owns the clock and reports
/// expiry with `timerFired`, which keeps the state machine deterministic.
public struct ServerConnectionConfiguration: Sendable, Hashable {
    public var parserLimits: ParserLimits
    /// How long a client may take from the first byte of a request to the end of its header
    /// section (slow-header / slowloris defence); then 408 and close.
    public var headerTimeoutMilliseconds: UInt64
    /// How long a connection may sit with no request started (fresh, or between keep-alive
    /// requests); then it is closed silently.
    public var idleTimeoutMilliseconds: UInt64
    /// Send `100 Continue` as soon as a head that expects it is delivered, instead of waiting
    /// for the application's `requestBodyWanted()`.
    public var sendsContinueAutomatically: Bool

    public init(
        parserLimits: ParserLimits = ParserLimits(),
        headerTimeoutMilliseconds: UInt64 = 10_000,
        idleTimeoutMilliseconds: UInt64 = 60_000,
        sendsContinueAutomatically: Bool = false
    ) {
        self.parserLimits = parserLimits
        self.headerTimeoutMilliseconds = headerTimeoutMilliseconds
        self.idleTimeoutMilliseconds = idleTimeoutMilliseconds
        self.sendsContinueAutomatically = sendsContinueAutomatically
    }
}
