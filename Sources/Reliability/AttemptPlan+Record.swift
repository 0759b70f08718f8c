extension AttemptPlan {
    /// Records how `attempt` ended: classifies it, feeds the deployment's breaker and the key
    /// pool (revoking, cooling, counting), and keeps the ledger record. Returns the verdict
    /// (nil for a success) to pass to `next(after:now:)`.
    ///
    /// A stream that failed after `commit()` is recorded the same way: its deployment's health
    /// learns from it, but nothing is retried.
    @discardableResult
    public mutating func record(_ attempt: Attempt, _ outcome: AttemptOutcome, now: UInt64) -> FailureClass? {
        let verdict = outcome.failureClass
        guard pending?.number == attempt.number else { return verdict }
        pending = nil
        let candidate = candidates[attempt.candidate]
        let ownCall = outcome == .failed(.canceled) || outcome == .failed(.invalidRequest)
        health?.record(candidate.target, Self.deploymentOutcome(verdict, outcome, ownCall: ownCall),
                       permit: attempt.permit, now: now)
        if let lease = attempt.lease, let pool = candidate.keys {
            if ownCall {
                pool.abandon(lease, now: now)
            } else {
                pool.finish(lease, verdict, now: now)
            }
            if verdict?.blame == .key { failedKeys[attempt.candidate].insert(lease.index) }
        }
        records.append(AttemptRecord(
            candidate: attempt.candidate, deployment: candidate.id, label: candidate.label,
            keyID: attempt.lease.flatMap { lease in candidate.keys.map { $0.keys[lease.index].id } },
            outcome: outcome.code, status: outcome.status, action: verdict?.action,
            latencyMs: now > attempt.sendAt ? now - attempt.sendAt : 0, delayMs: attempt.delayMs,
            forced: attempt.forced))
        if verdict == nil { end = .succeeded }
        return verdict
    }

    /// Releases an attempt that was handed out but never sent (the client left during its
    /// delay); it leaves no record.
    public mutating func abandon(_ attempt: Attempt, now: UInt64) {
        guard pending?.number == attempt.number else { return }
        pending = nil
        let candidate = candidates[attempt.candidate]
        health?.record(candidate.target, .neutral, permit: attempt.permit, now: now)
        if let lease = attempt.lease { candidate.keys?.abandon(lease, now: now) }
    }

    /// What the attempt says about the deployment: an answer that was the request's fault
    /// still shows the deployment working; our own cancellation shows nothing.
    static func deploymentOutcome(_ verdict: FailureClass?, _ outcome: AttemptOutcome,
                                  ownCall: Bool) -> CircuitBreaker.Outcome {
        guard let verdict else { return .success }
        if ownCall { return .neutral }
        switch verdict.blame {
        case .deployment: return .failure
        case .key: return .neutral
        case .none: return .success
        }
    }
}
