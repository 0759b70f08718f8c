/// How a `LedgerRow` maps to the `requests` columns; insert and select share one column list.
enum RowColumns {
    static let names = """
        ts, request_id, key_id, team, tags, dialect, requested_model, router, served_model, \
        provider, deployment, plan, status, error_class, input_tokens, output_tokens, \
        cached_tokens, cache_write_tokens, reasoning_tokens, cost_micros, cost_estimated, \
        ttft_ms, latency_ms, overhead_ms, retries, fallbacks, attempts, streamed, bodies
        """

    static let count: Int32 = 29

    static let insert: String = {
        let marks = (1...count).map { "?\($0)" }.joined(separator: ", ")
        return "INSERT INTO requests (\(names)) VALUES (\(marks))"
    }()

    static func bind(_ row: LedgerRow, tags: String?, to s: Statement) {
        s.bind(1, row.timeMs)
        s.bind(2, row.requestID)
        s.bind(3, row.keyID)
        s.bind(4, row.team)
        s.bind(5, tags)
        s.bind(6, row.dialect)
        s.bind(7, row.requestedModel)
        s.bind(8, row.router)
        s.bind(9, row.servedModel)
        s.bind(10, row.provider)
        s.bind(11, row.deployment)
        s.bind(12, row.routerPlan)
        s.bind(13, row.status)
        s.bind(14, row.errorClass)
        s.bind(15, row.inputTokens)
        s.bind(16, row.outputTokens)
        s.bind(17, row.cachedTokens)
        s.bind(18, row.cacheWriteTokens)
        s.bind(19, row.reasoningTokens)
        s.bind(20, row.costMicros)
        s.bind(21, row.costEstimated)
        s.bind(22, row.ttftMs)
        s.bind(23, row.latencyMs)
        s.bind(24, row.overheadMs)
        s.bind(25, row.retries)
        s.bind(26, row.fallbacks)
        s.bind(27, row.attempts)
        s.bind(28, row.streamed)
        s.bind(29, row.bodies)
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
