/// Why an admission was refused: which scope and limit, its figures, and when to retry.
///
/// Everything a 429 needs: `code` is the error code, `retryAfterMs` becomes `retry-after`
/// (rounded up to seconds), and the figures become `x-ratelimit-*` headers or the message.
public struct Denial: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of refusal; the raw value is the error code in the answer.
    public enum Code: String, Sendable, Hashable {
        /// A request or token rate is used up for now.
        case rateLimited = "rate_limit_exceeded"
        /// The request alone needs more tokens than the limit's burst: waiting cannot help.
        case requestTooLarge = "request_too_large"
        /// The spend budget is used up (or would be, counting requests in flight).
        case budgetExceeded = "budget_exceeded"
    }

    /// Which figure ran out.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case requests
        case tokens
        /// Money: figures are micro-dollars.
        case spend
    }

    public let code: Code
    public let scope: Scope
    public let kind: Kind
    /// The limit: per minute for requests and tokens, micro-dollars per period for spend.
    public let limit: Int64
    /// What is left now (never negative), in the limit's unit.
    public let remaining: Int64
    /// What the request asked for, in the limit's unit.
    public let requested: Int64
    /// When the limit is whole again: the bucket is full, or the budget period rolls over.
    public let resetAt: Int64
    /// How long to wait before this request could pass; nil when waiting is not known to help
    /// (too large for the limit, or only requests still in flight stand in the way).
    public let retryAfterMs: Int64?

    public init(
        code: Code, scope: Scope, kind: Kind, limit: Int64, remaining: Int64, requested: Int64,
        resetAt: Int64, retryAfterMs: Int64?
    ) {
        self.code = code
        self.scope = scope
        self.kind = kind
        self.limit = limit
        self.remaining = remaining
        self.requested = requested
        self.resetAt = resetAt
        self.retryAfterMs = retryAfterMs
    }

    /// `retry-after` in whole seconds, rounded up, when there is one.
    public var retryAfterSeconds: Int64? { retryAfterMs.map { ($0 + 999) / 1000 } }

    public var description: String {
        let retry = retryAfterMs.map { ", retry after \($0) ms" } ?? ""
        return "\(code.rawValue): \(scope) \(kind.rawValue) limit \(limit), remaining \(remaining), "
            + "requested \(requested)\(retry)"
    }
}
