/// The request and token rates of one scope; nil means that kind is not limited there.
public struct ScopeLimits: Sendable, Hashable {
    public let scope: Scope
    /// Requests per minute (RPM).
    public let requests: RateLimit?
    /// Tokens per minute (TPM), charged with the admission's estimate and settled to actual use.
    public let tokens: RateLimit?

    public init(_ scope: Scope, requests: RateLimit? = nil, tokens: RateLimit? = nil) {
        self.scope = scope
        self.requests = requests
        self.tokens = tokens
    }

    /// RPM and TPM with bursts equal to the rates; nil means unlimited.
    public init(_ scope: Scope, rpm: Int64?, tpm: Int64?) {
        self.init(
            scope,
            requests: rpm.map { RateLimit(perMinute: $0) },
            tokens: tpm.map { RateLimit(perMinute: $0) }
        )
    }
}
