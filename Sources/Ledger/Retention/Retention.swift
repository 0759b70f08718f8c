/// Retention on the SQLite ledger: roll-up and delete in small transactions, oldest first.
extension SQLiteLedger {
    /// One retention batch in one transaction: the oldest `batchRows` rows (more when they
    /// share a timestamp) before the cutoff are rolled up (if asked) and deleted.
    /// Call repeatedly until `done`; the writer's worker interleaves these with its commits.
    public func retentionStep(_ policy: RetentionPolicy, nowMs: Int64, into result: inout RetentionResult) throws(LedgerError) {
        let cutoff = policy.cutoff(nowMs: nowMs)
        let boundary = try db.scalarInt("SELECT ts FROM requests WHERE ts < ?1 ORDER BY ts LIMIT 1 OFFSET ?2") {
            $0.bind(1, cutoff)
            $0.bind(2, policy.batchRows - 1)
        }
        // Past the boundary row's timestamp, or the cutoff when fewer rows than a batch remain.
        let bound = boundary.map { min($0 + 1, cutoff) } ?? cutoff
        let deleted = try db.transaction { () throws(LedgerError) -> Int in
            if policy.rollUp {
                try db.run(Self.rollUpSQL) { $0.bind(1, bound) }
                try db.run(Self.rollUpLabelsSQL) { $0.bind(1, bound) }
            }
            return try db.run("DELETE FROM requests WHERE ts < ?1") { $0.bind(1, bound) }
        }
        result.rowsDeleted += deleted
        if policy.rollUp { result.rowsRolledUp += deleted }
        result.batches += 1
        result.done = bound == cutoff
    }

    /// Runs retention to the end on the calling thread (the CLI; the gateway uses the writer).
    public func applyRetention(_ policy: RetentionPolicy, nowMs: Int64) throws(LedgerError) -> RetentionResult {
        var result = RetentionResult()
        while !result.done { try retentionStep(policy, nowMs: nowMs, into: &result) }
        return result
    }

    static let rollUpSQL = """
        INSERT INTO daily_usage (day, key_id, team, model, provider, requests, errors,
            input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens,
            cost_micros, latency_ms_sum)
        SELECT date(ts / 1000, 'unixepoch'), COALESCE(key_id, ''), COALESCE(team, ''),
            COALESCE(served_model, requested_model, ''), COALESCE(provider, ''), COUNT(*),
            SUM(error_class IS NOT NULL OR status >= 400), SUM(input_tokens), SUM(output_tokens),
            SUM(cached_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens), SUM(cost_micros),
            SUM(latency_ms)
        FROM requests WHERE ts < ?1
        GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT (day, key_id, team, model, provider) DO UPDATE SET
            requests = requests + excluded.requests,
            errors = errors + excluded.errors,
            input_tokens = input_tokens + excluded.input_tokens,
            output_tokens = output_tokens + excluded.output_tokens,
            cached_tokens = cached_tokens + excluded.cached_tokens,
            cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
            reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
            cost_micros = cost_micros + excluded.cost_micros,
            latency_ms_sum = latency_ms_sum + excluded.latency_ms_sum
        """

    /// The same rows by router and by each of their tags (`daily_label_usage`).
    static let rollUpLabelsSQL = """
        INSERT INTO daily_label_usage (day, label, value, requests, errors, input_tokens, output_tokens, cost_micros)
        SELECT day, label, value, COUNT(*), SUM(failed), SUM(input), SUM(output), SUM(cost) FROM (
            SELECT date(r.ts / 1000, 'unixepoch') AS day, 'tag:' || j.key AS label, j.value AS value,
                (r.error_class IS NOT NULL OR r.status >= 400) AS failed, r.input_tokens AS input,
                r.output_tokens AS output, r.cost_micros AS cost
            FROM requests r, json_each(r.tags) j WHERE r.ts < ?1 AND r.tags IS NOT NULL
            UNION ALL
            SELECT date(ts / 1000, 'unixepoch'), 'router', router, (error_class IS NOT NULL OR status >= 400),
                input_tokens, output_tokens, cost_micros
            FROM requests WHERE ts < ?1 AND router IS NOT NULL
        )
        GROUP BY 1, 2, 3
        ON CONFLICT (day, label, value) DO UPDATE SET
            requests = requests + excluded.requests,
            errors = errors + excluded.errors,
            input_tokens = input_tokens + excluded.input_tokens,
            output_tokens = output_tokens + excluded.output_tokens,
            cost_micros = cost_micros + excluded.cost_micros
        """
}
