/// A spend limit as a key or team stores it: micro-USD per period; the gateway turns it into
/// a `Limits.Budget` (this module does not depend on `Limits`).
public struct BudgetSpec: Sendable, Equatable {
    /// The period a budget's spend is counted over, in UTC.
    public enum Period: Sendable, Equatable, CustomStringConvertible {
        case day
        case week
        case month
        /// The last `hours` hours.
        case rolling(hours: Int)

        /// Parses the stored and CLI form: `day`, `week`, `month` or `rolling:<hours>h`.
        public init?(text: String) {
            switch text {
            case "day": self = .day
            case "week": self = .week
            case "month": self = .month
            default:
                guard text.hasPrefix("rolling:"), text.hasSuffix("h"),
                      let hours = Int(text.dropFirst(8).dropLast()), hours > 0 else { return nil }
                self = .rolling(hours: hours)
            }
        }

        public var description: String {
            switch self {
            case .day: "day"
            case .week: "week"
            case .month: "month"
            case .rolling(let hours): "rolling:\(hours)h"
            }
        }
    }

    public var limitMicros: Int64
    public var period: Period

    public init(limitMicros: Int64, period: Period) {
        self.limitMicros = limitMicros
        self.period = period
    }
}
