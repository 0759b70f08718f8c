/// Proof of admission: what was reserved, to hand back to `settle` exactly once.
///
/// It holds the admission itself (its arrays are shared, not copied) rather than table positions,
/// so it stays valid when idle buckets are evicted or the table is compacted meanwhile.
public struct AdmissionTicket: Sendable {
    /// What was admitted and reserved.
    public let admission: Admission
    /// The clock reading at admission.
    public let admittedAt: Int64
    /// The request bucket with the least left after this admission, as it was then.
    let tightestRequests: TokenBucket?
    /// The token bucket with the least left after this admission, as it was then.
    let tightestTokens: TokenBucket?

    init(admission: Admission, admittedAt: Int64, tightestRequests: TokenBucket?, tightestTokens: TokenBucket?) {
        self.admission = admission
        self.admittedAt = admittedAt
        self.tightestRequests = tightestRequests
        self.tightestTokens = tightestTokens
    }

    /// The tightest request limit after this admission (least remaining), for
    /// `x-ratelimit-*-requests`; nil when no scope limits requests. Computed on demand, so
    /// callers that send no headers pay nothing for it.
    public var requests: LimitStatus? { tightestRequests?.status }

    /// The tightest token limit after this admission, for `x-ratelimit-*-tokens`.
    public var tokens: LimitStatus? { tightestTokens?.status }
}
