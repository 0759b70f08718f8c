import CSQLite

/// Inserts ledger rows through the prepared `RowColumns.insert`, binding each row's texts from
/// one reused buffer without copies.
///
/// Bound as `SQLITE_TRANSIENT`, every text value of every row was allocated, copied and freed
/// again by SQLite on the writer thread. Here the texts of a row (and its tag object, written
/// straight to bytes) are laid end to end in `text`, which stays unchanged from the binds until
/// the step has copied them into the record: all `SQLITE_STATIC` asks. Every parameter is bound
/// for every row, so the statement is reset without clearing its bindings in between.
struct RowInserter {
    private var text: [UInt8] = []
    private var spans: [(index: Int32, start: Int, count: Int)] = []

    init() {
        text.reserveCapacity(1_024)
        spans.reserveCapacity(16)
    }

    /// Rows per execution of `RowColumns.insertMany`: one step per row costs SQLite a
    /// statement start and halt each (about a fifth of the writer's work per row).
    static let rowsPerStatement = 16

    /// Inserts `rows` in one step of `s`, a statement with a column group per row
    /// (`RowColumns.insert` for one row, `RowColumns.insertMany` for `rowsPerStatement`).
    mutating func insert(_ rows: ArraySlice<LedgerRow>, with s: Statement) throws(LedgerError) {
        text.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        for (offset, row) in rows.enumerated() { bind(row, at: Int32(offset) * RowColumns.count, to: s) }
        let rc = text.withUnsafeBufferPointer { buffer in
            for span in spans { s.bindUnowned(span.index, buffer.baseAddress.map { $0 + span.start }, count: span.count) }
            return s.run()
        }
        s.resetKeepingBindings()
        guard rc == SQLITE_DONE else { throw s.failure(rc) }
    }

    private mutating func bind(_ row: LedgerRow, at base: Int32, to s: Statement) {
        s.bind(base + 1, row.timeMs)
        add(base + 2, row.requestID, s)
        add(base + 3, row.keyID, s)
        add(base + 4, row.team, s)
        if row.tags.isEmpty { s.bindNull(base + 5) } else {
            let start = text.count
            JSONText.appendObject(row.tags, to: &text)
            spans.append((base + 5, start, text.count - start))
        }
        add(base + 6, row.dialect, s)
        add(base + 7, row.requestedModel, s)
        add(base + 8, row.router, s)
        add(base + 9, row.servedModel, s)
        add(base + 10, row.provider, s)
        add(base + 11, row.deployment, s)
        add(base + 12, row.routerPlan, s)
        s.bind(base + 13, row.status)
        add(base + 14, row.errorClass, s)
        s.bind(base + 15, row.inputTokens)
        s.bind(base + 16, row.outputTokens)
        s.bind(base + 17, row.cachedTokens)
        s.bind(base + 18, row.cacheWriteTokens)
        s.bind(base + 19, row.reasoningTokens)
        s.bind(base + 20, row.costMicros)
        s.bind(base + 21, row.costEstimated)
        s.bind(base + 22, row.ttftMs)
        s.bind(base + 23, row.latencyMs)
        s.bind(base + 24, row.overheadMs)
        s.bind(base + 25, row.retries)
        s.bind(base + 26, row.fallbacks)
        add(base + 27, row.attempts, s)
        s.bind(base + 28, row.streamed)
        add(base + 29, row.bodies, s)
    }

    private mutating func add(_ index: Int32, _ value: String?, _ s: Statement) {
        guard var value else {
            s.bindNull(index)
            return
        }
        let start = text.count
        value.withUTF8 { text.append(contentsOf: $0) }
        spans.append((index, start, text.count - start))
    }
}
