import Loop

extension UpstreamTransfer {
    // One timer serves every deadline: it is armed for the earliest one pending, and when it
    // fires the deadlines are read again (a byte may have moved the idle one on meanwhile, which
    // costs nothing per chunk). curl keeps its own connect and total deadlines; a native
    // transfer's are kept here.

    /// The earliest deadline pending, as loop time (ms) and what missing it means.
    private func earliestDeadline() -> (at: UInt64, kind: UpstreamError.Kind)? {
        var earliest: (at: UInt64, kind: UpstreamError.Kind)?
        func consider(_ at: UInt64, _ kind: UpstreamError.Kind) {
            if earliest == nil || at < earliest!.at { earliest = (at, kind) }
        }
        if easy == nil {
            if !connected, timeouts.connectMs > 0 { consider(connectStartedMs &+ timeouts.connectMs, .connectTimeout) }
            if timeouts.totalMs > 0 { consider(startedMs &+ timeouts.totalMs, .totalTimeout) }
        }
        if firstByteNanos == nil {
            if timeouts.firstByteMs > 0 { consider(startedMs &+ timeouts.firstByteMs, .firstByteTimeout) }
        } else if timeouts.idleMs > 0, !streaming || firstBodyAt != nil {
            consider(lastDataMs &+ timeouts.idleMs, .idleTimeout)
        }
        return earliest
    }

    /// Arms the timer for the earliest deadline unless it is armed for one as early.
    func armDeadlines() {
        guard case .running = state, let due = earliestDeadline() else { return }
        if let armedAt, armedAt <= due.at { return }
        arm(at: due.at)
    }

    private func arm(at due: UInt64) {
        let now = client.loop.now
        let after = due > now ? due - now : 0
        armedAt = due
        if !deadline.restart(after: after) {
            deadline.start(after: after) { [unowned self] in self.deadlineFired() }
        }
    }

    private func deadlineFired() {
        armedAt = nil
        guard case .running = state, let due = earliestDeadline() else { return }
        if client.loop.now >= due.at {
            fail(UpstreamError(due.kind, deadlineText(due.kind)))
        } else {
            arm(at: due.at)
        }
    }

    private func deadlineText(_ kind: UpstreamError.Kind) -> String {
        switch kind {
        case .connectTimeout: "no connection within \(timeouts.connectMs) ms"
        case .firstByteTimeout: "no response within \(timeouts.firstByteMs) ms"
        case .idleTimeout: "no data for \(timeouts.idleMs) ms"
        default: "no complete response within \(timeouts.totalMs) ms"
        }
    }
}
