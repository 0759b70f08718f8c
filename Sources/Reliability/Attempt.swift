/// One upstream call the plan asks for: where, with which key, and after what wait.
public struct Attempt: Sendable, Hashable {
    /// 1 for the first attempt of the request.
    public let number: Int
    /// Index into the plan's candidates.
    public let candidate: Int
    /// Index into that candidate's key pool; nil when it has none.
    public var key: Int? { lease?.index }
    /// Wait this long before sending (backoff, or the provider's `retry-after`).
    public let delayMs: UInt64
    /// What is left of the request's retry budget once the delay is over; the caller may cap
    /// the attempt's total timeout with it.
    public let remainingMs: UInt64
    /// Sent through an open circuit because nothing else was available.
    public let forced: Bool
    /// When the call goes out: the plan's clock at `next` plus the delay.
    public let sendAt: UInt64
    let lease: KeyPool.Lease?
    let permit: CircuitBreaker.Permit
}
