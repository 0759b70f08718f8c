/// A provider failure in canonical form, so that it can be re-expressed in the caller's dialect
/// with the right status.
public struct ProviderError: Error, Sendable, Equatable {
    /// What kind of failure it is, whatever the provider called it.
    public enum Kind: String, Sendable, Equatable {
        case invalidRequest = "invalid_request"
        case authentication
        case permission
        case notFound = "not_found"
        case rateLimited = "rate_limited"
        case overloaded
        case contextLengthExceeded = "context_length_exceeded"
        case contentPolicy = "content_policy"
        case server
        case timeout
    }

    public var kind: Kind
    public var status: Int
    public var message: String
    /// Seconds, from the provider's `retry-after`.
    public var retryAfter: Int?

    public init(kind: Kind, status: Int, message: String, retryAfter: Int? = nil) {
        self.kind = kind
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }
}
