import CSQLite

// Why the C API by hand: the ledger needs to say which thread runs every statement (the
// writer's own worker thread, a separate read connection for reports) and must never let a
// library schedule work on the loop. The maintained Swift wrapper, GRDB, brings its own
// queues, pools and threading model; the others are thin and unmaintained. SQLite's C API is
// small enough that a connection, a statement and a statement cache cover everything here.

/// One SQLite connection, used by one thread at a time (opened with `SQLITE_OPEN_NOMUTEX`).
///
/// Statements are prepared once and kept in a cache keyed by their SQL text; every use
/// resets them, so no statement holds a read transaction open between calls.
final class SQLiteConnection {
    let handle: OpaquePointer
    let path: String
    private var cache: [String: Statement] = [:]

    init(path: String, readOnly: Bool = false) throws(LedgerError) {
        var db: OpaquePointer?
        let access = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &db, access | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw LedgerError(.sqlite, "open \(path): \(message)", sqliteCode: rc)
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        // Another process (the spend CLI, a second writer) may hold the write lock briefly.
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit {
        for statement in cache.values { statement.finalize() }
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without results (schema, pragmas, transaction control).
    func execute(_ sql: String) throws(LedgerError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw LedgerError(.sqlite, "\(text) in: \(sql.prefix(120))", sqliteCode: rc)
        }
    }

    /// Runs `body` with the cached prepared statement for `sql`, reset and unbound afterwards.
    /// Statements with other SQL may run inside `body`; the same SQL may not (one cached copy).
    func with<T>(_ sql: String, _ body: (Statement) throws(LedgerError) -> T) throws(LedgerError) -> T {
        let statement = try cached(sql)
        defer { statement.reset() }
        return try body(statement)
    }

    /// Runs a statement that returns no rows and answers how many rows it changed.
    @discardableResult
    func run(_ sql: String, _ bind: (Statement) -> Void = { _ in }) throws(LedgerError) -> Int {
        try with(sql) { statement throws(LedgerError) in
            bind(statement)
            while try statement.step() {}
            return Int(sqlite3_changes(handle))
        }
    }

    /// Collects one value per result row.
    func query<T>(
        _ sql: String,
        bind: (Statement) -> Void = { _ in },
        row: (Statement) throws(LedgerError) -> T
    ) throws(LedgerError) -> [T] {
        try with(sql) { statement throws(LedgerError) in
            bind(statement)
            var out: [T] = []
            while try statement.step() { out.append(try row(statement)) }
            return out
        }
    }

    /// The first column of the first row, or nil when there is no row or it is NULL.
    func scalarInt(_ sql: String, _ bind: (Statement) -> Void = { _ in }) throws(LedgerError) -> Int64? {
        try with(sql) { statement throws(LedgerError) in
            bind(statement)
            guard try statement.step(), !statement.isNull(0) else { return nil }
            return statement.int64(0)
        }
    }

    /// Runs `body` in a write transaction taken at once (`BEGIN IMMEDIATE`), so a busy
    /// database is waited for up front rather than failing halfway through.
    func transaction<T>(_ body: () throws(LedgerError) -> T) throws(LedgerError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    func failure(_ rc: Int32, _ context: String) -> LedgerError {
        LedgerError(.sqlite, "\(String(cString: sqlite3_errmsg(handle))) in: \(context.prefix(120))", sqliteCode: rc)
    }

    private func cached(_ sql: String) throws(LedgerError) -> Statement {
        if let statement = cache[sql] { return statement }
        var raw: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard rc == SQLITE_OK, let raw else { throw failure(rc, sql) }
        let statement = Statement(raw, connection: self, sql: sql)
        cache[sql] = statement
        return statement
    }
}
