/// Where the writer's worker thread commits rows: the SQLite ledger now, PostgreSQL later.
///
/// Called only from the worker thread, one call at a time; implementations need not be Sendable.
public protocol LedgerStore: AnyObject {
    /// Commits every row of every batch in one transaction, or none of them.
    func append(batches: [[LedgerRow]]) throws(LedgerError)
    /// One small retention transaction; sets `result.done` when nothing is left to do.
    func retentionStep(_ policy: RetentionPolicy, nowMs: Int64, into result: inout RetentionResult) throws(LedgerError)
}

extension SQLiteLedger: LedgerStore {}
