extension KeyedLimiter {
    /// Admissions this limiter passed.
    public var admittedCount: Int { counters.admitted }

    /// Refusals by scope kind and limit kind, non-zero only.
    public var rejections: [RejectionCount] {
        var result: [RejectionCount] = []
        for scope in Scope.Kind.allCases {
            for kind in Denial.Kind.allCases {
                let count = counters.rejected[LimiterCounters.slot(scope, kind)]
                if count > 0 { result.append(RejectionCount(scope: scope, kind: kind, count: count)) }
            }
        }
        return result
    }

    /// Idle, full scopes forgotten so far.
    public var evictionCount: Int { counters.evicted }

    /// Scopes forgotten at the size cap while not full.
    public var forcedEvictionCount: Int { counters.forcedEvictions }
}
