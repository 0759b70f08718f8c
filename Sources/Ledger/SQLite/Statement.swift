import CSQLite

/// A prepared statement of a `SQLiteConnection`: typed binds (1-based) and columns (0-based).
///
/// Owned by its connection's cache; callers never finalize it. Bind failures are programming
/// errors (wrong index or type) and are checked in debug builds only.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private unowned let connection: SQLiteConnection

    init(_ handle: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    func finalize() { sqlite3_finalize(handle) }

    /// Resets for the next use and drops the bindings; ends the statement's read transaction.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Resets for the next use keeping the bindings (for callers that rebind every parameter).
    func resetKeepingBindings() {
        sqlite3_reset(handle)
    }

    /// Steps once and answers SQLite's code (for callers that step inside a closure).
    func run() -> Int32 { sqlite3_step(handle) }

    /// The error for a failed step's code.
    func failure(_ rc: Int32) -> LedgerError { connection.failure(rc, sql) }

    /// Advances one row: true while a row is available, false when done.
    func step() throws(LedgerError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw connection.failure(rc, sql)
    }

    // MARK: Binding

    func bind(_ index: Int32, _ value: Int64) { checked(sqlite3_bind_int64(handle, index, value)) }
    func bind(_ index: Int32, _ value: Int) { bind(index, Int64(value)) }
    func bind(_ index: Int32, _ value: Bool) { bind(index, Int64(value ? 1 : 0)) }
    func bind(_ index: Int32, _ value: Double) { checked(sqlite3_bind_double(handle, index, value)) }
    func bindNull(_ index: Int32) { checked(sqlite3_bind_null(handle, index)) }

    func bind(_ index: Int32, _ value: String) {
        var text = value
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                checked(sy_sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count)))
            }
        }
    }

    /// Binds `count` bytes at `bytes` as text without a copy (`SQLITE_STATIC`): they must stay
    /// unchanged until the statement is stepped and then rebound or cleared.
    func bindUnowned(_ index: Int32, _ bytes: UnsafePointer<UInt8>?, count: Int) {
        guard let bytes, count > 0 else { return checked(sy_sqlite3_bind_text(handle, index, nil, 0)) }
        bytes.withMemoryRebound(to: CChar.self, capacity: count) { chars in
            checked(sqlite3_bind_text(handle, index, chars, Int32(count), nil))
        }
    }

    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { bindNull(index) }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { bind(index, value) } else { bindNull(index) }
    }

    func bind(_ index: Int32, _ value: Int?) {
        if let value { bind(index, Int64(value)) } else { bindNull(index) }
    }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { bind(index, value) } else { bindNull(index) }
    }

    @inline(__always)
    private func checked(_ rc: Int32) {
        assert(rc == SQLITE_OK, "bind failed (\(rc)) in: \(sql)")
    }

    // MARK: Columns

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    /// Text of a column; NULL reads as the empty string.
    func string(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }
    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
}
