/// Spend counted under one budget period: a calendar period that resets, or a rolling window.
struct SpendWindow: Sendable, Hashable {
    let period: BudgetPeriod
    /// The current calendar period; for a rolling period, unused.
    private(set) var window: Range<Int64>
    /// Spend in `window` (calendar periods only).
    private var calendarSpent: Int64 = 0
    /// The ring of a rolling period; nil for calendar periods.
    private var ring: RollingSpend?

    init(_ period: BudgetPeriod, now: Int64) {
        self.period = period
        self.window = period.window(containing: now)
        if !period.isCalendar { ring = RollingSpend(slotMs: period.rollingSlotMs, now: now) }
    }

    /// Spend that counts as of the last `advance`.
    var spent: Int64 { ring?.total ?? calendarSpent }

    /// Moves to `now`: a calendar period that has ended starts afresh; a rolling window drops
    /// expired slots. A clock that went back never reopens an ended period.
    mutating func advance(to now: Int64) {
        if ring != nil {
            ring!.advance(to: now)
        } else if now >= window.upperBound {
            window = period.window(containing: now)
            calendarSpent = 0
        }
    }

    /// Counts `amount` spent at `time`, after advancing to `now`. Calendar spend from before the
    /// current period is ignored (that period is closed); later spend counts in the current one.
    mutating func add(_ amount: Int64, at time: Int64, now: Int64) {
        advance(to: now)
        if ring != nil {
            ring!.add(amount, at: time, now: now)
        } else if time >= window.lowerBound {
            let (sum, overflow) = calendarSpent.addingReportingOverflow(amount)
            calendarSpent = overflow ? .max : sum
        }
    }

    /// When the budget is whole again: the period's end, or when all counted spend has expired.
    var resetAt: Int64 { ring?.allExpireAt ?? window.upperBound }

    /// The earliest time at which at least `amount` of the counted spend no longer counts.
    func expiry(freeing amount: Int64) -> Int64? {
        if let ring { return ring.expiry(freeing: amount) }
        return amount <= calendarSpent ? window.upperBound : nil
    }
}
