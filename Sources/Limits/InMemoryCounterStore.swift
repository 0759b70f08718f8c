/// The counter store of a single instance: a `KeyedLimiter` and a `BudgetLedger` in memory.
///
/// Every admission is answered synchronously (`admitNow`); the async protocol requirements
/// return the same answer without suspending. Admission is atomic across limits and budgets:
/// budgets are checked first (budget refusals outrank rate limits, since they last longer), then
/// the limiter takes from every bucket or none, and only then are budgets reserved.
public final class InMemoryCounterStore: CounterStore {
    /// Both counters in one stored property: every access to a class's stored property is
    /// checked for exclusivity at run time, so one access per call instead of one per step.
    private var state: CounterState

    public init(limiter: KeyedLimiter = KeyedLimiter(), budgets: BudgetLedger = BudgetLedger()) {
        self.state = CounterState(limiter: limiter, budgets: budgets)
    }

    /// The rate limits (a copy, for inspection).
    public var limiter: KeyedLimiter { state.limiter }

    /// The budgets (a copy, for inspection).
    public var budgets: BudgetLedger { state.budgets }

    /// Decides an admission against every limit and budget, reserving all or nothing.
    public func admitNow(_ admission: Admission, now: Int64) -> AdmissionResult {
        state.admit(admission, now: now)
    }

    public func admitLocally(_ admission: Admission, now: Int64) -> AdmissionResult? {
        admitNow(admission, now: now)
    }

    public func admitRemotely(_ admission: Admission, now: Int64) async throws(CounterStoreError) -> AdmissionResult {
        admitNow(admission, now: now)
    }

    public func settle(_ ticket: AdmissionTicket, _ usage: Settlement, now: Int64) {
        state.settle(ticket, usage, now: now)
    }

    public func record(_ amount: MicroDollars, at time: Int64, for budget: ScopeBudget, now: Int64) {
        state.budgets.record(amount, at: time, for: budget, now: now)
    }

    /// Figures for `/metrics`, synchronously.
    public func snapshotNow(now: Int64) -> LimitsSnapshot {
        let limiter = state.limiter
        let budgets = state.budgets
        let rejections = (limiter.rejections + budgets.rejections).sorted {
            $0.scope != $1.scope ? $0.scope < $1.scope : $0.kind.rawValue < $1.kind.rawValue
        }
        return LimitsSnapshot(
            admitted: limiter.admittedCount,
            rejections: rejections,
            scopes: limiter.scopeCount,
            evictions: limiter.evictionCount,
            forcedEvictions: limiter.forcedEvictionCount,
            budgets: budgets.statuses(now: now)
        )
    }

    public func snapshot(now: Int64) async throws(CounterStoreError) -> LimitsSnapshot {
        snapshotNow(now: now)
    }
}
