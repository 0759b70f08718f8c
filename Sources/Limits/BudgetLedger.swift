/// Spend budgets for many scopes: reserve the estimated cost at admission, settle to the actual.
///
/// Invariant, per account and in micro-dollars (`spent` = spend counted in the current period,
/// `reserved` = estimates of admitted, unsettled requests): a request is admitted only if, for
/// every budget it falls under,
///
///     spent < limit  &&  spent + reserved + estimate <= limit
///
/// and then reserves its estimate in all of them or none. So `spent + reserved <= limit` holds
/// after every admission, whatever the interleaving of admissions and settlements, and no number
/// of concurrent requests can push committed money past the limit. Settlement swaps an estimate
/// for the actual cost; the only way past the limit is an actual cost above its estimate, and
/// the overshoot is at most the sum of those excesses. With estimates that are upper bounds
/// (prompt plus `max_tokens` at list price) there is no overshoot at all; with one request whose
/// estimate falls short, at most its shortfall, which is less than its estimate unless it cost
/// more than twice what was estimated. Once `spent >= limit`, everything is refused until the
/// period resets (or, for a rolling window, until enough spend has expired).
///
/// Times are Unix milliseconds (calendar periods need the real date). Idle accounts with nothing
/// counted and nothing reserved are evicted in the background of admissions, as in `KeyedLimiter`.
public struct BudgetLedger: Sendable {
    /// Accounts quiet this long with nothing counted and nothing reserved are forgotten.
    public let idleMs: Int64
    var table: ScopeTable<BudgetAccount>
    var cursor = 0
    var admitted = 0
    /// Denials by scope kind.
    var rejected = Array(repeating: 0, count: Scope.Kind.allCases.count)
    /// Entries the last `check` looked up, in order, for `reserveChecked`.
    var checked: [Int] = []

    public init(idleMs: Int64 = 3_600_000, expectedScopes: Int = 1_024) {
        self.idleMs = max(idleMs, 0)
        self.table = ScopeTable(minimumCapacity: expectedScopes)
    }

    /// Accounts currently held.
    public var accountCount: Int { table.count }

    /// Checks every budget without reserving; brings each account up to `now` (neutral).
    /// Of several denials, the one with the longest known wait is reported.
    public mutating func check(_ budgets: [ScopeBudget], cost: MicroDollars, now: Int64) -> Denial? {
        // Eviction first: the entries noted for `reserveChecked` must stay where they are.
        sweep(steps: 2 &+ budgets.count, now: now)
        checked.removeAll(keepingCapacity: true)
        var worst: Denial?
        // Read in place: copying each `ScopeBudget` out of the array would copy its scope's name.
        budgets.withUnsafeBufferPointer { items in
            for i in items.indices {
                let entry = account(items.baseAddress! + i, now: now)
                checked.append(entry)
                if let denial = table.update(entry, { $0.deny(items[i].scope, cost: cost.micros, now: now) }),
                   worst == nil || (denial.retryAfterMs ?? -1) > (worst!.retryAfterMs ?? -1) {
                    worst = denial
                }
            }
        }
        if let worst { rejected[Int(worst.scope.kind.rawValue)] &+= 1 }
        return worst
    }

    /// Reserves `cost` in every budget; call only after `check` allowed it at the same `now`.
    public mutating func reserve(_ budgets: [ScopeBudget], cost: MicroDollars, now: Int64) {
        budgets.withUnsafeBufferPointer { items in
            for i in items.indices {
                table.update(account(items.baseAddress! + i, now: now)) { $0.reserve(cost.micros) }
            }
        }
        admitted &+= 1
    }

    /// Reserves `cost` in the accounts the last `check` passed, without looking them up again.
    /// Valid only straight after that check, with no other change to the ledger in between.
    mutating func reserveChecked(cost: MicroDollars) {
        for entry in checked { table.update(entry) { $0.reserve(cost.micros) } }
        admitted &+= 1
    }

    /// `check`, then `reserve` when it passes.
    public mutating func admit(_ budgets: [ScopeBudget], cost: MicroDollars, now: Int64) -> Denial? {
        if let denial = check(budgets, cost: cost, now: now) { return denial }
        reserveChecked(cost: cost)
        return nil
    }

    /// Releases the reservation of `estimate` and counts `actual` as spent now, in every budget.
    /// The cost is charged to the period current at settlement. Call once per admission.
    public mutating func settle(_ budgets: [ScopeBudget], estimate: MicroDollars, actual: MicroDollars, now: Int64) {
        let actual = max(actual, .zero).micros
        budgets.withUnsafeBufferPointer { items in
            for i in items.indices {
                let entry = account(items.baseAddress! + i, now: now)
                table.update(entry) { $0.settle(estimate: estimate.micros, actual: actual, now: now) }
            }
        }
    }

    /// Counts spend made at `time` under `budget` without any reservation: seeds an account
    /// from the request ledger after a restart. Spend outside the current period is ignored.
    public mutating func record(_ amount: MicroDollars, at time: Int64, for budget: ScopeBudget, now: Int64) {
        let entry = withUnsafePointer(to: budget) { account($0, now: now) }
        table.update(entry) { $0.record(amount.micros, at: time, now: now) }
    }

    /// The figures of one account as of `now`, or nil when none is held.
    public func status(of scope: Scope, now: Int64) -> BudgetStatus? {
        guard let entry = table.find(scope) else { return nil }
        return BudgetStatus(scope, table[entry], now: now)
    }

    /// The account for `item`, created or refreshed to its budget and `now`. Through a pointer
    /// so that only the (trivially copyable) budget is copied, not the scope and its name.
    private mutating func account(_ item: UnsafePointer<ScopeBudget>, now: Int64) -> Int {
        let budget = item.pointee.budget
        if let entry = table.find(item.pointee.scope) {
            table.update(entry) { $0.refresh(budget, now: now) }
            return entry
        }
        return table.insert(item.pointee.scope, BudgetAccount(budget, now: now))
    }

    /// Forgets accounts that are evictable, `steps` slab entries per call, round-robin.
    private mutating func sweep(steps: Int, now: Int64) {
        if table.isSparse {
            table.compact()
            cursor = 0
            return
        }
        let size = table.slabSize
        for _ in 0 ..< min(steps, size) {
            if cursor >= size { cursor = 0 }
            // In place through `update`: reading a budget account out would copy its spend ring.
            if table.isLive(cursor), table.update(cursor, { $0.isEvictable(at: now, idleMs: idleMs) }) {
                table.remove(entry: cursor)
            }
            cursor &+= 1
        }
    }
}
