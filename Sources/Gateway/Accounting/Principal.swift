import Ledger
import Limits

/// Who a request is billed to: its virtual key and team (both nil on an open gateway).
struct Principal: Sendable {
    let key: VirtualKey?
    let team: Team?

    static let anonymous = Principal(key: nil, team: nil)

    /// Rate limits and budgets of the key and its team, as limiter scopes.
    func scopes() -> (limits: [ScopeLimits], budgets: [ScopeBudget]) {
        var limits: [ScopeLimits] = []
        var budgets: [ScopeBudget] = []
        if let key {
            if key.rpm != nil || key.tpm != nil {
                limits.append(ScopeLimits(.key(key.id), rpm: key.rpm.map(Int64.init), tpm: key.tpm.map(Int64.init)))
            }
            if let budget = key.budget { budgets.append(ScopeBudget(.key(key.id), budget.limits)) }
        }
        if let team {
            if team.rpm != nil || team.tpm != nil {
                limits.append(ScopeLimits(.team(team.name), rpm: team.rpm.map(Int64.init), tpm: team.tpm.map(Int64.init)))
            }
            if let budget = team.budget { budgets.append(ScopeBudget(.team(team.name), budget.limits)) }
        }
        return (limits, budgets)
    }
}

extension BudgetSpec {
    /// The store's budget in the limiter's terms.
    var limits: Budget {
        let period: BudgetPeriod = switch self.period {
        case .day: .day
        case .week: .week
        case .month: .month
        case .rolling(let hours): .rolling(hours: hours)
        }
        return Budget(limit: MicroDollars(micros: limitMicros), period: period)
    }
}
