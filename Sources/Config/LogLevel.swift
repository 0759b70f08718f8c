/// How much the gateway logs; the names and order match swift-log's `Logger.Level`.
public enum LogLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case trace
    case debug
    case info
    case notice
    case warning
    case error
    case critical

    /// Orders from most to least verbose, so `level >= .warning` reads naturally.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
