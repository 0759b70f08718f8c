extension Denial {
    /// The denial for a bucket's refusal, in `scope`.
    init(_ scope: Scope, _ refusal: Refusal) {
        let status = refusal.bucket.status
        let tooLarge = refusal.decision.code == .tooLarge
        self.init(
            code: tooLarge ? .requestTooLarge : .rateLimited,
            scope: scope,
            kind: refusal.kind,
            limit: status.limit,
            remaining: status.remaining,
            requested: refusal.requested,
            resetAt: status.resetAt,
            retryAfterMs: tooLarge ? nil : refusal.decision.waitMs
        )
    }
}
