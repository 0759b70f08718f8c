/// The counters' figures at one moment, for `/metrics`.
public struct LimitsSnapshot: Sendable, Hashable {
    /// Admissions that passed every limit and budget.
    public let admitted: Int
    /// Refusals by scope kind and limit kind (`spend` for budgets); only non-zero counts, sorted.
    public let rejections: [RejectionCount]
    /// Rate-limit scopes held in memory.
    public let scopes: Int
    /// Scopes forgotten because they were idle and full (no effect on limits).
    public let evictions: Int
    /// Scopes forgotten at the `maxScopes` cap while still partly used (limits forgiven).
    public let forcedEvictions: Int
    /// Every budget account held, sorted by scope.
    public let budgets: [BudgetStatus]

    public init(
        admitted: Int, rejections: [RejectionCount], scopes: Int, evictions: Int, forcedEvictions: Int,
        budgets: [BudgetStatus]
    ) {
        self.admitted = admitted
        self.rejections = rejections
        self.scopes = scopes
        self.evictions = evictions
        self.forcedEvictions = forcedEvictions
        self.budgets = budgets
    }

    /// Refusals for one scope kind and limit kind.
    public func rejections(_ scope: Scope.Kind, _ kind: Denial.Kind) -> Int {
        rejections.first { $0.scope == scope && $0.kind == kind }?.count ?? 0
    }
}
