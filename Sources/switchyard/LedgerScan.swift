import Ledger

/// Reads ledger rows in time windows, so a report over a large ledger holds one window of
/// rows at a time instead of the whole table.
enum LedgerScan {
    /// Rows per window aimed at: windows shrink when they come back fuller, grow when sparser.
    static let targetRows = 50_000

    /// Calls `body` for every row with `since <= time < until`.
    ///
    /// Without `since` the scan starts a day before the first row stored: rows are appended when
    /// requests end, so none arrived much earlier than the first one written (a day is far
    /// longer than any request may last).
    static func forEach(_ ledger: SQLiteLedger, since: Int64?, until: Int64?, _ body: (LedgerRow) -> Void) throws(LedgerError) {
        let day: Int64 = 86_400_000
        var first = since
        if first == nil { first = try ledger.rows(limit: 1).first.map { $0.timeMs - day } }
        guard let lower = first else { return }
        let upper = until ?? WallClock.milliseconds() + day
        var start = lower
        var width: Int64 = 3_600_000
        while start < upper {
            let end = upper - start <= width ? upper : start + width
            // The last window is open-ended when no --until was given, so no row is left out.
            let rows = try ledger.rows(since: start, until: end == upper && until == nil ? nil : end)
            rows.forEach(body)
            if rows.count > targetRows * 2 { width = max(60_000, width / 2) } else if rows.count < targetRows / 4 { width = min(width * 2, 30 * day) }
            start = end
        }
    }
}
