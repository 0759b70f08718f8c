/// A spend limit over a period: calendar day, ISO week or month in UTC, or a rolling window.
public struct Budget: Sendable, Hashable {
    /// The most that may be spent in one period.
    public let limit: MicroDollars
    public let period: BudgetPeriod

    public init(limit: MicroDollars, period: BudgetPeriod) {
        self.limit = max(limit, .zero)
        self.period = period
    }
}
