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
        return totals
    }
}
