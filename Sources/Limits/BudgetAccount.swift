/// The spend and reservations of one scope under one budget.
///
/// Admits `estimate` only if `spent < limit && spent + reserved + estimate <= limit`, in
/// micro-dollars; `BudgetLedger` documents what that guarantees.
struct BudgetAccount: Sendable {
    private(set) var budget: Budget
    private(set) var window: SpendWindow
    /// Estimates of admitted, unsettled requests. Independent of the period: a request admitted
    /// before a reset stays reserved until it settles.
    private(set) var reserved: Int64 = 0
    var lastUsed: Int64

    init(_ budget: Budget, now: Int64) {
        self.budget = budget
        self.window = SpendWindow(budget.period, now: now)
        self.lastUsed = now
    }

    /// Adopts a (reloaded) budget and advances to `now`. A new limit applies at once; a new
    /// period restarts the count at zero (the gateway may re-seed it from the request ledger).
    mutating func refresh(_ newBudget: Budget, now: Int64) {
        lastUsed = now
        if newBudget.period != budget.period { window = SpendWindow(newBudget.period, now: now) }
        budget = newBudget
        window.advance(to: now)
    }

    /// Why `cost` cannot be admitted now, or nil; the window is already advanced.
    func deny(_ scope: Scope, cost: Int64, now: Int64) -> Denial? {
        let limit = budget.limit.micros
        let spent = window.spent
        let (committed, overflow) = spent.addingReportingOverflow(reserved)
        let (total, overflow2) = committed.addingReportingOverflow(cost)
        if spent < limit && !overflow && !overflow2 && total <= limit { return nil }
        return Denial(
            code: .budgetExceeded,
            scope: scope,
            kind: .spend,
            limit: limit,
            remaining: max(0, limit - committed),
            requested: cost,
            resetAt: window.resetAt,
            retryAfterMs: retryAfter(cost: cost, now: now)
        )
    }

    /// When settled spend alone would let `cost` in; nil if it already would (requests in flight
    /// stand in the way, and when they settle is unknown) or never can (cost above the limit).
    private func retryAfter(cost: Int64, now: Int64) -> Int64? {
        let limit = budget.limit.micros
        guard cost <= limit else { return nil }
        // Spend must fall to `limit - cost`, and strictly below the limit.
        let excess = window.spent - min(limit - cost, limit - 1)
        guard excess > 0, let at = window.expiry(freeing: excess) else { return nil }
        return max(at - now, 0)
    }

    mutating func reserve(_ cost: Int64) {
        reserved = reserved.addingReportingOverflow(cost).overflow ? .max : reserved + cost
    }

    /// Releases `estimate` from the reservations and counts `actual` as spent at `now`.
    mutating func settle(estimate: Int64, actual: Int64, now: Int64) {
        lastUsed = now
        reserved = max(reserved - estimate, 0)
        window.add(actual, at: now, now: now)
    }

    /// Counts spend made at `time` (seeding from the request ledger after a restart).
    mutating func record(_ amount: Int64, at time: Int64, now: Int64) {
        window.add(amount, at: time, now: now)
    }

    /// Whether forgetting this account changes nothing: no spend counts, nothing is reserved,
    /// and it has been quiet for `idleMs`.
    func isEvictable(at now: Int64, idleMs: Int64) -> Bool {
        guard reserved == 0, now - lastUsed >= idleMs else { return false }
        var advanced = window
        advanced.advance(to: now)
        return advanced.spent == 0
    }
}
