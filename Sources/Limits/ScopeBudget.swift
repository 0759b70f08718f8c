/// A spend budget that applies to a request through one scope (a key or a team).
public struct ScopeBudget: Sendable, Hashable {
    public let scope: Scope
    public let budget: Budget

    public init(_ scope: Scope, _ budget: Budget) {
        self.scope = scope
        self.budget = budget
    }
}
