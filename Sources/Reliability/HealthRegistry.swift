/// The circuit breakers of every deployment and provider key, created on first use and kept
/// across configuration reloads, so health learned from traffic survives a SIGHUP.
///
/// A class because the attempt plans and key pools of concurrent requests share it; it is not
/// `Sendable`: it belongs to the loop (the gateway keeps it in its loop-isolated state).
public final class HealthRegistry {
    public private(set) var deploymentPolicy: BreakerPolicy
    public private(set) var keyPolicy: BreakerPolicy
    /// Targets whose breaker follows its own policy (a model's `breaker:` on its deployments).
    public private(set) var overrides: [HealthTarget: BreakerPolicy] = [:]
    private var breakers: [HealthTarget: CircuitBreaker] = [:]

    public init(deploymentPolicy: BreakerPolicy = BreakerPolicy(),
                keyPolicy: BreakerPolicy = BreakerPolicy(failureThreshold: 3, cooldownMs: 10_000)) {
        self.deploymentPolicy = deploymentPolicy
        self.keyPolicy = keyPolicy
    }

    public func state(_ target: HealthTarget, now: UInt64) -> CircuitBreaker.State {
        breakers[target]?.state(now: now) ?? .closed
    }

    public func allows(_ target: HealthTarget, now: UInt64) -> Bool {
        breakers[target]?.allows(now: now) ?? true
    }

    /// Lets one call through to `target`, or returns nil when its breaker refuses; see
    /// `CircuitBreaker.acquire(now:force:)`.
    public func acquire(_ target: HealthTarget, now: UInt64, force: Bool = false) -> CircuitBreaker.Permit? {
        // In place through the index: one hash of the target instead of a read and a write-back.
        guard let index = breakers.index(forKey: target) else { return .normal }
        return breakers.values[index].acquire(now: now, force: force)
    }

    public func record(_ target: HealthTarget, _ outcome: CircuitBreaker.Outcome,
                       permit: CircuitBreaker.Permit, now: UInt64) {
        guard outcome != .neutral || breakers[target] != nil else { return }
        breakers[target, default: CircuitBreaker(policy: policy(for: target))]
            .record(outcome, permit: permit, now: now)
    }

    /// The single-candidate rule: the index of the first target whose breaker allows a call;
    /// when none does, the one whose cooldown ends first, with `forced` set (acquire it with
    /// `force: true`). Nil only for an empty list.
    public func bestAvailable(_ targets: [HealthTarget], now: UInt64) -> (index: Int, forced: Bool)? {
        var soonest: (index: Int, until: UInt64)?
        for (index, target) in targets.enumerated() {
            guard let breaker = breakers[target] else { return (index, false) }
            if breaker.allows(now: now) { return (index, false) }
            if soonest == nil || breaker.openUntil < soonest!.until { soonest = (index, breaker.openUntil) }
        }
        return soonest.map { ($0.index, true) }
    }

    /// Sets the policies breakers are created with (a configuration load or reload). A breaker
    /// whose policy changed starts afresh under the new one: its window and cooldown were
    /// measured against thresholds that no longer apply. The others keep what they learned.
    public func configure(deploymentPolicy: BreakerPolicy, keyPolicy: BreakerPolicy,
                          overrides: [HealthTarget: BreakerPolicy] = [:]) {
        self.deploymentPolicy = deploymentPolicy
        self.keyPolicy = keyPolicy
        self.overrides = overrides
        for (target, breaker) in breakers where breaker.policy != policy(for: target) {
            breakers[target] = CircuitBreaker(policy: policy(for: target))
        }
    }

    /// Forgets breakers of targets no longer configured; call after a reload.
    public func retain(_ targets: Set<HealthTarget>) {
        breakers = breakers.filter { targets.contains($0.key) }
    }

    /// Every breaker's state, sorted by scope and id, for `/metrics` and `GET /admin/health`.
    public func snapshot(now: UInt64) -> [HealthEntry] {
        breakers.map { target, breaker in HealthEntry(target: target, breaker: breaker, now: now) }
            .sorted { $0.target < $1.target }
    }

    /// The policy `target`'s breaker is created with.
    public func policy(for target: HealthTarget) -> BreakerPolicy {
        overrides[target] ?? (target.scope == .deployment ? deploymentPolicy : keyPolicy)
    }
}
