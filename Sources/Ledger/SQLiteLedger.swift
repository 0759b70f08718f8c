/// The request ledger in one SQLite file (WAL): appends batches, reads rows, runs retention.
///
/// One instance is one connection and must be used by one thread at a time: the writer gives
/// its instance to its worker thread; reports open a second instance for reading, which WAL
/// lets run while the writer commits. Nothing here knows about the event loop.
public final class SQLiteLedger {
    let db: SQLiteConnection

    /// The schema version after migrations ran.
    public let schemaVersion: Int

    /// Opens (creating if needed) the database at `path`, sets WAL and `synchronous=NORMAL`,
    /// and applies pending migrations.
    ///
    /// With WAL and NORMAL a commit is durable against a crash of the process (the WAL is in
    /// the OS cache) but not against power loss, and the file is never corrupt either way.
    public init(path: String) throws(LedgerError) {
        db = try SQLiteConnection.openStore(path: path)
        schemaVersion = try Migrations.version(of: db)
    }

    public var path: String { db.path }

    /// Appends rows in one transaction (group commit): all of them or none.
    public func append(_ rows: [LedgerRow]) throws(LedgerError) {
        try append(batches: [rows])
    }

    /// Appends several batches in one transaction; the writer's worker passes everything queued.
    public func append(batches: [[LedgerRow]]) throws(LedgerError) {
        try db.transaction { () throws(LedgerError) in
            try db.with(RowColumns.insert) { one throws(LedgerError) in
                try db.with(RowColumns.insertMany) { many throws(LedgerError) in
                    var inserter = RowInserter()
                    let step = RowInserter.rowsPerStatement
                    for batch in batches {
                        var start = batch.startIndex
                        while batch.endIndex - start >= step {
                            try inserter.insert(batch[start ..< start + step], with: many)
                            start += step
                        }
                        while start < batch.endIndex {
                            try inserter.insert(batch[start ... start], with: one)
                            start += 1
                        }
                    }
                }
            }
        }
    }

    /// Rows with `since <= time < until`, in insertion order; for export and tests.
    public func rows(since: Int64? = nil, until: Int64? = nil, limit: Int = .max) throws(LedgerError) -> [LedgerRow] {
        let sql = "SELECT \(RowColumns.names) FROM requests WHERE ts >= ?1 AND ts < ?2 ORDER BY id LIMIT ?3"
        return try db.query(sql, bind: {
            $0.bind(1, since ?? .min)
            $0.bind(2, until ?? .max)
            $0.bind(3, Int64(clamping: limit))
        }) { s throws(LedgerError) in try RowColumns.read(s, db: db) }
    }

    /// Number of rows with `since <= time < until`.
    public func count(since: Int64? = nil, until: Int64? = nil) throws(LedgerError) -> Int {
        Int(try db.scalarInt("SELECT COUNT(*) FROM requests WHERE ts >= ?1 AND ts < ?2") {
            $0.bind(1, since ?? .min)
            $0.bind(2, until ?? .max)
        } ?? 0)
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file, SQLite's findings otherwise.
    public func integrityCheck() throws(LedgerError) -> String {
        try db.query("PRAGMA integrity_check") { $0.string(0) }.joined(separator: "\n")
    }
}
