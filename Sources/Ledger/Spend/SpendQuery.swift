/// A spend report request: a grouping and a time range (`since <= time < until`, ms since epoch).
///
/// One pass over the matching rows feeds per-group totals in Swift; the latency percentiles
/// are exact (nearest rank over each group's sorted latencies of successful requests), not
/// SQL window functions: the same scan serves every figure and SQLite would sort just the same.
/// Run it on a read connection of its own; WAL lets it read while the writer commits.
/// Days that retention rolled up count too, whole: their requests, tokens, cost and errors, not
/// their latencies (the roll-up keeps no per-request latency).
public struct SpendQuery: Sendable, Equatable {
    public var by: SpendGrouping
    public var since: Int64?
    public var until: Int64?

    public init(by: SpendGrouping, since: Int64? = nil, until: Int64? = nil) {
        self.by = by
        self.since = since
        self.until = until
    }

    static let measures = "r.input_tokens, r.output_tokens, r.cost_micros, (r.error_class IS NOT NULL OR r.status >= 400), r.latency_ms"

    /// One pass over the range. Tags are the row's JSON object: a row without the tag joins no
    /// entry and falls in the "(none)" group, so the groups always add up to every row.
    var sql: String {
        let group = by.column ?? "j.value"
        let tagJoin = by.column == nil ? " LEFT JOIN json_each(r.tags) j ON j.key = ?3" : ""
        return "SELECT \(group), \(Self.measures) FROM requests r\(tagJoin) WHERE r.ts >= ?1 AND r.ts < ?2"
    }

    /// Groups with their totals, most expensive first (then by request count, then by name).
    func run(on db: SQLiteConnection) throws(LedgerError) -> [SpendRow] {
        var groups: [String: SpendAccumulator] = [:]
        let bind = { (s: Statement) in
            s.bind(1, since ?? .min)
            s.bind(2, until ?? .max)
            if case .tag(let name) = by { s.bind(3, name) }
        }
        try db.with(sql) { s throws(LedgerError) in
            bind(s)
            while try s.step() {
                let group = s.optionalString(0) ?? SpendGrouping.noneLabel
                groups[group, default: SpendAccumulator()].add(
                    input: s.int(1), output: s.int(2), cost: s.int64(3), isError: s.bool(4),
                    latencyMs: s.double(5))
            }
        }
        try addRolledUpDays(on: db, to: &groups)
        return groups.map { $0.value.row(group: $0.key) }.sorted {
            ($1.costMicros, $1.requests, $0.group) < ($0.costMicros, $0.requests, $1.group)
        }
    }
}

extension SQLiteLedger {
    /// Runs a spend report on this connection (open a separate `SQLiteLedger` for reports
    /// while a writer owns another).
    public func spend(_ query: SpendQuery) throws(LedgerError) -> [SpendRow] {
        try query.run(on: db)
    }
}
