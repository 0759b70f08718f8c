import Loop

/// When a request arrived and how long it waited on providers, so the gateway can say how much
/// time was its own (`x-switchyard-overhead-ms`) at the moment it writes the response head.
final class RequestTiming: @unchecked Sendable {
    // Loop thread only: created, updated and read by one request's task.
    let receivedAt: UInt64
    private(set) var upstreamWait: UInt64 = 0
    private var sentAt: UInt64?

    init(receivedAt: UInt64) { self.receivedAt = receivedAt }

    func upstreamSent(at now: UInt64) { sentAt = now }

    /// The part of the upstream answer the response head needs has arrived.
    func upstreamReady(at now: UInt64) {
        if let sentAt { upstreamWait += now &- sentAt }
        sentAt = nil
    }

    /// Milliseconds spent in the gateway so far, provider waits excluded.
    func overheadMs(at now: UInt64) -> Double {
        let total = now &- receivedAt
        let own = total > upstreamWait ? total - upstreamWait : 0
        return (Double(own) / 10_000).rounded() / 100
    }
}
