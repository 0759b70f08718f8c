/// A bucket's refusal inside `KeyedLimiter.admit`, before it becomes a `Denial`.
///
/// It names its scope by position in the admission, so the hot path copies no scope (and no
/// name) until a refusal is actually reported.
struct Refusal {
    /// Index of the scope in `Admission.limits`.
    let scope: Int
    let kind: Denial.Kind
    /// The bucket as it was when it refused.
    let bucket: TokenBucket
    let decision: TokenBucket.Decision
    let requested: Int64

    /// Whether this refusal should be reported rather than `other`: the client has to wait for
    /// the slowest limit, and a request that can never pass says so before any that could later.
    func outranks(_ other: Refusal?) -> Bool {
        guard let other else { return true }
        let never = decision.code == .tooLarge
        if never != (other.decision.code == .tooLarge) { return never }
        return !never && decision.waitMs > other.decision.waitMs
    }
}
