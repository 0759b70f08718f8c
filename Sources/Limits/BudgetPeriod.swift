/// How a budget's spend is counted over time.
public enum BudgetPeriod: Sendable, Hashable, CustomStringConvertible {
    /// A UTC calendar day, from 00:00.
    case day
    /// An ISO 8601 week in UTC, from Monday 00:00.
    case week
    /// A UTC calendar month, from the 1st at 00:00.
    case month
    /// The last `hours` hours, at a resolution of 1/60 of the window (see `RollingSpend`).
    case rolling(hours: Int)

    /// Whether spend resets at calendar boundaries rather than expiring gradually.
    public var isCalendar: Bool {
        if case .rolling = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .day: "day"
        case .week: "week"
        case .month: "month"
        case .rolling(let hours): "rolling \(hours)h"
        }
    }
}
