/// The writer's counters, for `/metrics` and for benchmarks.
public struct LedgerWriterStats: Sendable, Equatable {
    /// Rows given to `append` since start.
    public var rowsAppended: UInt64 = 0
    /// Rows in committed transactions.
    public var rowsCommitted: UInt64 = 0
    /// Committed transactions (each holds every batch queued when the worker woke).
    public var batches: UInt64 = 0
    /// Rows given up: the queue was over its bound, or a commit failed five times in a row.
    public var rowsDropped: UInt64 = 0
    /// Failed commit attempts (each is retried with a pause before a batch is given up).
    public var commitErrors: UInt64 = 0
    /// Duration of the last committed transaction, nanoseconds.
    public var lastCommitNanos: UInt64 = 0
    /// Rows appended but not yet committed (on the loop or queued for the worker).
    public var rowsPending: UInt64 = 0
    /// Whether the writer thread runs at SCHED_IDLE now (see `WriterPriority`).
    public var writerIdle = false
    /// Times the writer thread was moved back to normal scheduling because a batch waited.
    public var writerPromotions: UInt64 = 0
    /// The last commit failure, if any.
    public var lastError: LedgerError?

    public init() {}
}
