/// One limit's figures for `x-ratelimit-limit-*`, `-remaining-*` and `-reset-*` headers.
public struct LimitStatus: Sendable, Hashable {
    /// The limit per minute.
    public let limit: Int64
    /// Whole units available now, never negative.
    public let remaining: Int64
    /// When the limit is whole again (bucket full), on the clock `now` was read from.
    public let resetAt: Int64

    public init(limit: Int64, remaining: Int64, resetAt: Int64) {
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
    }
}
