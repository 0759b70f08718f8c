/// How a `LedgerRow` maps to the `requests` columns; insert and select share one column list.
enum RowColumns {
    static let names = """
        ts, request_id, key_id, team, tags, dialect, requested_model, router, served_model, \
        provider, deployment, plan, status, error_class, input_tokens, output_tokens, \
        cached_tokens, cache_write_tokens, reasoning_tokens, cost_micros, cost_estimated, \
        ttft_ms, latency_ms, overhead_ms, retries, fallbacks, attempts, streamed, bodies
        """

    static let count: Int32 = 29

    static let insert = insert(rows: 1)

    /// One statement for `RowInserter.rowsPerStatement` rows, parameters numbered on.
    static let insertMany = insert(rows: RowInserter.rowsPerStatement)

    static func insert(rows: Int) -> String {
        let groups = (0..<Int32(rows)).map { row in
            "(" + (1...count).map { "?\(row * count + $0)" }.joined(separator: ", ") + ")"
        }
        return "INSERT INTO requests (\(names)) VALUES " + groups.joined(separator: ", ")
    }

    /// Reads a row selected as `SELECT <names> …`; tags come back through `json_each`.
    static func read(_ s: Statement, db: SQLiteConnection) throws(LedgerError) -> LedgerRow {
        LedgerRow(
            timeMs: s.int64(0), requestID: s.string(1), keyID: s.optionalString(2),
            team: s.optionalString(3), tags: try db.decodeObject(s.optionalString(4)),
            dialect: s.string(5), requestedModel: s.optionalString(6), router: s.optionalString(7),
            servedModel: s.optionalString(8), provider: s.optionalString(9),
            deployment: s.optionalString(10), routerPlan: s.optionalString(11), status: s.int(12),
            errorClass: s.optionalString(13), inputTokens: s.int(14), outputTokens: s.int(15),
            cachedTokens: s.int(16), cacheWriteTokens: s.int(17), reasoningTokens: s.int(18),
            costMicros: s.int64(19), costEstimated: s.bool(20), ttftMs: s.optionalDouble(21),
            latencyMs: s.double(22), overheadMs: s.double(23), retries: s.int(24),
            fallbacks: s.int(25), attempts: s.optionalString(26), streamed: s.bool(27),
            bodies: s.optionalString(28))
    }
}
