/// The days retention rolled up, added to a report's raw rows.
///
/// A day is all raw rows or all rolled up, cut at UTC midnight, so nothing counts twice.
/// Key, team, model and provider read `daily_usage`; tags and routers read `daily_label_usage`,
/// which stores only rows that carry the label, so their "(none)" group is the day's total
/// from `daily_usage` less the labelled part. That also puts days rolled up before the label
/// table existed (schema 4) in "(none)": the groups still add up to everything spent.
extension SpendQuery {
    /// The roll-up's column for this grouping; nil for the labels (router, tags).
    var rolledUpColumn: String? {
        switch by {
        case .key: "key_id"
        case .team: "team"
        case .model: "model"
        case .provider: "provider"
        case .tag, .router: nil
        }
    }

    /// The `daily_label_usage` label for this grouping; nil for the columns of `daily_usage`.
    var rolledUpLabel: String? {
        switch by {
        case .tag(let name): "tag:" + name
        case .router: "router"
        case .key, .team, .model, .provider: nil
        }
    }

    static let totals = "SUM(requests), SUM(errors), SUM(input_tokens), SUM(output_tokens), SUM(cost_micros)"
    static let dayRange = "day >= date(?1 / 1000, 'unixepoch') AND day <= date((?2 - 1) / 1000, 'unixepoch')"

    /// Adds the rolled-up days that overlap the range; an empty roll-up value is "(none)", as
    /// a raw row's NULL is.
    func addRolledUpDays(on db: SQLiteConnection, to groups: inout [String: SpendAccumulator]) throws(LedgerError) {
        if let column = rolledUpColumn {
            let sql = "SELECT \(column), \(Self.totals) FROM daily_usage WHERE \(Self.dayRange) GROUP BY 1"
            try readRolledUp(sql, on: db) { value, totals in
                groups[value.isEmpty ? SpendGrouping.noneLabel : value, default: SpendAccumulator()].addRolledUp(totals)
            }
            return
        }
        guard let label = rolledUpLabel else { return }
        var labelled = RolledUpTotals()
        let byValue = "SELECT value, \(Self.totals) FROM daily_label_usage WHERE label = ?3 AND \(Self.dayRange) GROUP BY 1"
        try readRolledUp(byValue, label: label, on: db) { value, totals in
            groups[value, default: SpendAccumulator()].addRolledUp(totals)
            labelled += totals
        }
        var all = RolledUpTotals()
        try readRolledUp("SELECT '', \(Self.totals) FROM daily_usage WHERE \(Self.dayRange)", on: db) { _, totals in
            all += totals
        }
        let unlabelled = all - labelled
        if unlabelled.requests > 0 { groups[SpendGrouping.noneLabel, default: SpendAccumulator()].addRolledUp(unlabelled) }
    }

    /// Runs a roll-up query over the report's range: column 0 is the group, 1-5 the totals.
    private func readRolledUp(_ sql: String, label: String? = nil, on db: SQLiteConnection,
                              _ each: (String, RolledUpTotals) -> Void) throws(LedgerError) {
        try db.with(sql) { s throws(LedgerError) in
            // SQLite's dates stop at year 9999: open ends are clamped to 1970 and 9999.
            s.bind(1, max(since ?? 0, 0))
            s.bind(2, min(until ?? Self.endOfDates, Self.endOfDates))
            if let label { s.bind(3, label) }
            while try s.step() {
                each(s.optionalString(0) ?? "", RolledUpTotals(
                    requests: s.int(1), errors: s.int(2), input: s.int(3), output: s.int(4), cost: s.int64(5)))
            }
        }
    }

    /// 10000-01-01T00:00:00Z in ms: one past the last instant SQLite's date functions handle.
    static let endOfDates: Int64 = 253_402_300_800_000
}
