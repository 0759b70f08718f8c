/// One budget account's figures, for `/metrics` and the admin API.
public struct BudgetStatus: Sendable, Hashable {
    public let scope: Scope
    public let budget: Budget
    /// Spend counted in the current period (or window).
    public let spent: MicroDollars
    /// Estimates of requests in flight.
    public let reserved: MicroDollars
    /// `limit - spent - reserved`, never negative.
    public let remaining: MicroDollars
    /// When the budget is whole again: the period's end, or when the window's spend has expired.
    public let resetAt: Int64

    init(_ scope: Scope, _ account: BudgetAccount, now: Int64) {
        var window = account.window
        window.advance(to: now)
        self.scope = scope
        self.budget = account.budget
        self.spent = MicroDollars(micros: window.spent)
        self.reserved = MicroDollars(micros: account.reserved)
        self.remaining = max(account.budget.limit - self.spent - self.reserved, .zero)
        self.resetAt = window.resetAt
    }
}
