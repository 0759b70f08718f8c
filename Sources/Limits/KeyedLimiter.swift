/// Request and token rate limits for many scopes, checked all-or-nothing per admission.
///
/// One admission lists every scope that applies (key, team, tags, deployment) with its RPM and
/// TPM. `admit` first refills and checks every bucket, then takes from all of them only if all
/// allow: a denial by the last scope leaves every other bucket as it was (refilling is neutral).
/// TPM buckets take the admission's token estimate; `settle` corrects it to actual use.
///
/// Memory is bounded without a timer: each admission also inspects a few entries round-robin and
/// evicts those that are idle and full, which a fresh bucket would reproduce exactly (see
/// `KeyedLimiter+Eviction.swift`). A value type: the owner (one loop) mutates it in place.
public struct KeyedLimiter: Sendable {
    /// Eviction and size settings.
    public struct Configuration: Sendable, Hashable {
        /// A scope untouched this long, with full buckets, may be forgotten.
        public var idleMs: Int64
        /// Hard cap on scopes held; beyond it the least recently used of a sample are forgotten
        /// even if not full, which forgives their recent use (fails open for that scope).
        public var maxScopes: Int
        /// Entries inspected per admission, on top of one per scope the admission created.
        public var sweepPerAdmission: Int

        public init(idleMs: Int64 = 120_000, maxScopes: Int = 1_000_000, sweepPerAdmission: Int = 2) {
            self.idleMs = max(idleMs, 0)
            self.maxScopes = max(maxScopes, 16)
            self.sweepPerAdmission = max(sweepPerAdmission, 1)
        }
    }

    public let configuration: Configuration
    var table: ScopeTable<LimiterEntry>
    /// Next slab entry the sweep inspects.
    var cursor = 0
    var counters = LimiterCounters()
    /// Entry numbers of the admission in progress, kept between the check and the take.
    var scratch: [Int] = []

    public init(configuration: Configuration = Configuration(), expectedScopes: Int = 1_024) {
        self.configuration = configuration
        self.table = ScopeTable(minimumCapacity: expectedScopes)
    }

    /// Scopes currently held.
    public var scopeCount: Int { table.count }

    /// The buckets of `scope` as last updated, for inspection; nil when not held.
    public func buckets(for scope: Scope) -> (requests: TokenBucket?, tokens: TokenBucket?)? {
        guard let entry = table.find(scope) else { return nil }
        return (table[entry].requests, table[entry].tokens)
    }

    /// Admits one request against every scope's limits, taking one request and
    /// `admission.tokens` tokens from each limited scope, or nothing at all.
    public mutating func admit(_ admission: Admission, now: Int64) -> AdmissionResult {
        let count = admission.limits.count
        // Eviction and growth happen first: entry numbers must stay valid from check to take.
        sweep(steps: configuration.sweepPerAdmission &+ count, now: now)
        makeRoom(for: count, now: now)
        if scratch.count < count { scratch = Array(repeating: 0, count: count) }
        var worst: Refusal?
        // Through a pointer, so that only the trivially copyable limits are copied, not the scope
        // (whose name would be retained and released around every mutating call).
        admission.limits.withUnsafeBufferPointer { limits in
            for i in 0 ..< count {
                let entry = locate(limits.baseAddress! + i, now: now)
                scratch[i] = entry
                if let refusal = table.update(entry, { $0.refusal(scope: i, tokens: admission.tokens) }),
                   refusal.outranks(worst) {
                    worst = refusal
                }
            }
        }
        if let worst {
            let denial = Denial(admission.limits[worst.scope].scope, worst)
            counters.count(denial)
            return .denied(denial)
        }
        var requests: TokenBucket?
        var tokens: TokenBucket?
        for i in 0 ..< count {
            table.update(scratch[i]) {
                $0.take(tokens: admission.tokens, tightestRequests: &requests, tightestTokens: &tokens)
            }
        }
        counters.admitted &+= 1
        return .admitted(
            AdmissionTicket(admission: admission, admittedAt: now, tightestRequests: requests, tightestTokens: tokens)
        )
    }

    /// The entry of `item.scope`, created or brought up to `now` and to the item's limits.
    private mutating func locate(_ item: UnsafePointer<ScopeLimits>, now: Int64) -> Int {
        let requests = item.pointee.requests
        let tokens = item.pointee.tokens
        guard let entry = table.find(item.pointee.scope) else {
            return table.insert(item.pointee.scope, LimiterEntry(requests: requests, tokens: tokens, now: now))
        }
        table.update(entry) { $0.refresh(requests: requests, tokens: tokens, now: now) }
        return entry
    }

    /// Settles a ticket's token reservation to `actualTokens` in every scope that limits tokens:
    /// refunds the difference (up to each bucket's burst) or takes the excess, even into debt.
    /// Call exactly once per ticket, also for failed requests (with the tokens actually used).
    public mutating func settle(_ ticket: AdmissionTicket, actualTokens: Int64, now: Int64) {
        let reserved = ticket.admission.tokens
        ticket.admission.limits.withUnsafeBufferPointer { limits in
            for i in limits.indices where limits[i].tokens != nil {
                // An evicted entry was full; a fresh one is the same state, so re-create it.
                let entry = table.find(limits[i].scope) ?? table.insert(
                    limits[i].scope,
                    LimiterEntry(requests: limits[i].requests, tokens: limits[i].tokens, now: now)
                )
                table.update(entry) {
                    $0.lastUsed = now
                    $0.tokens?.settle(reserved: reserved, actual: actualTokens, now: now)
                }
            }
        }
    }
}
