/// Everything the counters need to admit one request: the limits and budgets that apply, and
/// the estimates to reserve against them.
///
/// Build the per-key part once (the key record can keep its `ScopeLimits` array) and append the
/// request's tag scopes: the limiter then hashes and allocates nothing per request.
public struct Admission: Sendable {
    /// Rate limits by scope, each scope at most once (the initialiser keeps the first).
    public let limits: [ScopeLimits]
    /// Spend budgets by scope, each scope at most once.
    public let budgets: [ScopeBudget]
    /// Tokens reserved against every token limit: prompt tokens plus `max_tokens` (or a default).
    public let tokens: Int64
    /// Cost reserved against every budget.
    public let cost: MicroDollars

    public init(
        limits: [ScopeLimits],
        budgets: [ScopeBudget] = [],
        tokens: Int64,
        cost: MicroDollars = .zero
    ) {
        self.limits = Self.distinct(limits, by: \.scope)
        self.budgets = Self.distinct(budgets, by: \.scope)
        self.tokens = max(tokens, 0)
        self.cost = max(cost, .zero)
    }

    /// Drops later repeats of a scope: each listing would be checked against the same bucket on
    /// its own and then charged, so the check could pass while the charges overdraw. Lists are
    /// short, so a quadratic scan is cheapest.
    private static func distinct<T>(_ items: [T], by scope: (T) -> Scope) -> [T] {
        let repeats = items.indices.contains { i in
            items[..<i].contains { scope($0) == scope(items[i]) }
        }
        if !repeats { return items }
        var result: [T] = []
        for item in items where !result.contains(where: { scope($0) == scope(item) }) {
            result.append(item)
        }
        return result
    }
}
