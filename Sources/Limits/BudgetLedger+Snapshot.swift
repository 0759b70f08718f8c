extension BudgetLedger {
    /// Refusals by scope kind (kind `spend`), non-zero only.
    public var rejections: [RejectionCount] {
        Scope.Kind.allCases.compactMap { scope in
            let count = rejected[Int(scope.rawValue)]
            return count > 0 ? RejectionCount(scope: scope, kind: .spend, count: count) : nil
        }
    }

    /// Every account's figures as of `now`, sorted by scope.
    public func statuses(now: Int64) -> [BudgetStatus] {
        var result: [BudgetStatus] = []
        result.reserveCapacity(table.count)
        for entry in 0 ..< table.slabSize {
            if let scope = table.scope(at: entry) { result.append(BudgetStatus(scope, table[entry], now: now)) }
        }
        return result.sorted { $0.scope < $1.scope }
    }
}
