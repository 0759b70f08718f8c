/// Where the counters behind rate limits and budgets live: this process, or a shared server.
///
/// The pipeline calls `admit` (below) once per request and `settle` once per admitted request,
/// and never learns which store it has. The protocol has two speeds because the stores do:
///
/// - `admitLocally` is synchronous and answers from process memory, or returns nil to say the
///   answer needs a round trip. `InMemoryCounterStore` always answers here, so the in-memory
///   path costs one function call and no suspension. A Redis store can still answer some
///   requests here: a deny cache (a scope refused until time T stays refused without asking),
///   or tokens leased from Redis in batches.
/// - `admitRemotely` is async: a Redis store sends one script that checks and takes every bucket
///   and budget of the admission atomically, with the same integer arithmetic as `TokenBucket`
///   and `BudgetAccount` (state: level and time per bucket; spent per period key and reserved per
///   account), and resumes when the reply arrives on the loop.
/// - `settle` never suspends: the pipeline has nothing to wait for once the answer is sent. A
///   remote store queues the update and applies it in order, retrying on its own.
///
/// Stores are classes owned by one isolation domain (the loop). With
/// `NonisolatedNonsendingByDefault`, the async requirements run on the caller's executor, so an
/// in-memory store never hops; a loop-bound Redis store conforms with an isolated conformance
/// (`extension RedisCounterStore: @LoopActor CounterStore`, with `@LoopActor` written on its
/// async witnesses, which would otherwise be inferred `nonisolated(nonsending)`; see
/// `CounterStoreTests.LoopBoundStore`). Times are Unix milliseconds; a remote store may use the
/// server's clock instead so that instances agree.
public protocol CounterStore: AnyObject {
    /// The admission decided from local state, or nil when `admitRemotely` must decide.
    func admitLocally(_ admission: Admission, now: Int64) -> AdmissionResult?

    /// The admission decided by the authoritative (possibly remote) counters.
    func admitRemotely(_ admission: Admission, now: Int64) async throws(CounterStoreError) -> AdmissionResult

    /// Settles an admitted request to what it used; exactly once per ticket, never suspends.
    func settle(_ ticket: AdmissionTicket, _ usage: Settlement, now: Int64)

    /// Counts spend made at `time` under `budget` (seeding budgets from the request ledger at
    /// start). Stores that keep spend across restarts ignore it.
    func record(_ amount: MicroDollars, at time: Int64, for budget: ScopeBudget, now: Int64)

    /// Figures for `/metrics`.
    func snapshot(now: Int64) async throws(CounterStoreError) -> LimitsSnapshot
}

extension CounterStore {
    /// Decides an admission: locally when the store can, otherwise with a round trip.
    public func admit(_ admission: Admission, now: Int64) async throws(CounterStoreError) -> AdmissionResult {
        if let result = admitLocally(admission, now: now) { return result }
        return try await admitRemotely(admission, now: now)
    }
}
