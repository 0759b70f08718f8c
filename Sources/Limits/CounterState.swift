/// The limiter and the budgets of an `InMemoryCounterStore`, admitted and settled together.
struct CounterState: Sendable {
    var limiter: KeyedLimiter
    var budgets: BudgetLedger

    /// Budgets are checked first (their refusals last longer, so they are the ones to report),
    /// then the limiter takes from every bucket or none, and only then are budgets reserved, in
    /// the accounts the check found. Nothing runs in between, so the check still holds.
    mutating func admit(_ admission: Admission, now: Int64) -> AdmissionResult {
        let hasBudgets = !admission.budgets.isEmpty
        if hasBudgets, let denial = budgets.check(admission.budgets, cost: admission.cost, now: now) {
            return .denied(denial)
        }
        let result = limiter.admit(admission, now: now)
        if hasBudgets, case .admitted = result { budgets.reserveChecked(cost: admission.cost) }
        return result
    }

    mutating func settle(_ ticket: AdmissionTicket, _ usage: Settlement, now: Int64) {
        limiter.settle(ticket, actualTokens: usage.tokens, now: now)
        let admission = ticket.admission
        if !admission.budgets.isEmpty {
            budgets.settle(admission.budgets, estimate: admission.cost, actual: usage.cost, now: now)
        }
    }
}
