/// One row of the retention roll-up: a UTC day's totals for one key, team, model and provider.
/// (Totals by router and tag go to `daily_label_usage`, read only by spend reports.)
///
/// Absent attribution reads as the empty string (the roll-up key cannot hold NULL).
public struct DailyUsage: Sendable, Equatable {
    /// `YYYY-MM-DD`, UTC.
    public var day: String
    public var keyID: String
    public var team: String
    public var model: String
    public var provider: String
    public var requests: Int
    public var errors: Int
    public var inputTokens: Int
    public var outputTokens: Int
    public var cachedTokens: Int
    public var cacheWriteTokens: Int
    public var reasoningTokens: Int
    public var costMicros: Int64
    public var latencyMsSum: Double
}

extension SQLiteLedger {
    /// Roll-up rows for days `from...through` (`YYYY-MM-DD`, inclusive), ordered by their key.
    public func dailyUsage(from: String = "0000-00-00", through: String = "9999-99-99") throws(LedgerError) -> [DailyUsage] {
        try db.query("""
            SELECT day, key_id, team, model, provider, requests, errors, input_tokens,
                output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, cost_micros,
                latency_ms_sum
            FROM daily_usage WHERE day >= ?1 AND day <= ?2
            ORDER BY day, key_id, team, model, provider
            """, bind: {
                $0.bind(1, from)
                $0.bind(2, through)
            }) { s in
            DailyUsage(
                day: s.string(0), keyID: s.string(1), team: s.string(2), model: s.string(3),
                provider: s.string(4), requests: s.int(5), errors: s.int(6), inputTokens: s.int(7),
                outputTokens: s.int(8), cachedTokens: s.int(9), cacheWriteTokens: s.int(10),
                reasoningTokens: s.int(11), costMicros: s.int64(12), latencyMsSum: s.double(13))
        }
    }
}
