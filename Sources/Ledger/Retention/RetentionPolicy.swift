/// How long raw rows stay, and whether older ones are folded into `daily_usage` first.
public struct RetentionPolicy: Sendable, Equatable {
    /// Rows older than this many whole UTC days (counted back from today's midnight) go.
    public var keepDays: Int
    /// Fold rows into per day × key × team × model × provider totals before deleting them.
    public var rollUp: Bool
    /// Rows per transaction; small so the writer's commits never wait long behind retention.
    public var batchRows: Int

    public init(keepDays: Int, rollUp: Bool = true, batchRows: Int = 2_000) {
        self.keepDays = max(0, keepDays)
        self.rollUp = rollUp
        self.batchRows = max(1, batchRows)
    }

    /// The first millisecond kept: UTC midnight `keepDays` days before `nowMs`'s day, so a
    /// day is either all raw rows or all rolled up.
    public func cutoff(nowMs: Int64) -> Int64 {
        let day: Int64 = 86_400_000
        return (nowMs / day - Int64(keepDays)) * day
    }
}

/// What one retention run did so far.
public struct RetentionResult: Sendable, Equatable {
    public var rowsDeleted = 0
    public var rowsRolledUp = 0
    public var batches = 0
    /// True once no row older than the cutoff is left.
    public var done = false

    public init() {}
}
