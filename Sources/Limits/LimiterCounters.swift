/// Running totals of a `KeyedLimiter`'s decisions, for metrics.
struct LimiterCounters: Sendable, Hashable {
    var admitted = 0
    /// Rejections by scope kind and denial kind, flattened: `scopeKind * kinds + kind`.
    var rejected = Array(repeating: 0, count: Scope.Kind.allCases.count * Denial.Kind.allCases.count)
    var evicted = 0
    var forcedEvictions = 0

    mutating func count(_ denial: Denial) {
        rejected[Self.slot(denial.scope.kind, denial.kind)] &+= 1
    }

    static func slot(_ scope: Scope.Kind, _ kind: Denial.Kind) -> Int {
        let column = switch kind {
        case .requests: 0
        case .tokens: 1
        case .spend: 2
        }
        return Int(scope.rawValue) * Denial.Kind.allCases.count + column
    }
}
