/// What each key and each team spent since one instant, in micro-USD; restores budgets at start.
public struct SpentTotals: Sendable, Equatable {
    public var keys: [String: Int64] = [:]
    public var teams: [String: Int64] = [:]

    public init(keys: [String: Int64] = [:], teams: [String: Int64] = [:]) {
        self.keys = keys
        self.teams = teams
    }
}

extension SQLiteLedger {
    /// Every key's and team's spend since `since` in one pass over the `ts` range. The ledger
    /// keeps no per-key or per-team index (each would cost every insert), so a budget restore
    /// asks once per budget window rather than once per key.
    public func spentTotals(since: Int64) throws(LedgerError) -> SpentTotals {
        var totals = SpentTotals()
        let sql = "SELECT key_id, team, SUM(cost_micros) FROM requests WHERE ts >= ?1 GROUP BY key_id, team"
        try db.with(sql) { s throws(LedgerError) in
            s.bind(1, since)
            while try s.step() {
                let cost = s.int64(2)
                if let key = s.optionalString(0) { totals.keys[key, default: 0] += cost }
                if let team = s.optionalString(1) { totals.teams[team, default: 0] += cost }
            }
        }
        // Days retention rolled up (a day is either all raw rows or all rolled up, cut at UTC
        // midnight): counted whole from the day that holds `since`, so a restart long into a
        // budget's period still sees what was spent before the raw rows went. A window that
        // starts inside a rolled-up day counts that whole day: more, never less, than was spent.
        let rolledUp = "SELECT key_id, team, SUM(cost_micros) FROM daily_usage WHERE day >= date(?1 / 1000, 'unixepoch') GROUP BY key_id, team"
        try db.with(rolledUp) { s throws(LedgerError) in
            s.bind(1, since)
            while try s.step() {
                let cost = s.int64(2)
                let key = s.string(0), team = s.string(1)
                if !key.isEmpty { totals.keys[key, default: 0] += cost }
                if !team.isEmpty { totals.teams[team, default: 0] += cost }
            }
        }
        return totals
    }
}
