/// A circuit breaker for one deployment or one key, fed by real traffic; time is passed in.
///
/// closed → open when the window's failures cross the policy's thresholds; open → half-open when
/// the cooldown has passed, letting exactly one probe through; the probe's success closes it,
/// its failure reopens it with a longer cooldown (capped). A call is let through by `acquire`,
/// which returns the permit its outcome must be recorded with.
public struct CircuitBreaker: Sendable, Hashable {
    /// What the breaker lets through.
    public enum State: String, Sendable, Hashable {
        case closed
        case open
        /// Cooldown over: one probe may go, or is on its way.
        case halfOpen = "half_open"

        /// 0 closed, 1 half-open, 2 open: the value of a Prometheus gauge.
        public var gaugeValue: Int {
            switch self {
            case .closed: 0
            case .halfOpen: 1
            case .open: 2
            }
        }
    }

    /// How a call that went through turned out, as far as this breaker is concerned.
    public enum Outcome: String, Sendable, Hashable {
        case success
        case failure
        /// Says nothing about this breaker's target (the client left, another key was at fault);
        /// frees a probe slot without judging.
        case neutral
    }

    /// Why a call was let through; recorded outcomes are weighed by it.
    public enum Permit: Sendable, Hashable {
        /// The breaker was closed.
        case normal
        /// The one call allowed to test a half-open (or, forced, an open) breaker.
        case probe
    }

    private enum Phase: Sendable, Hashable {
        case closed
        case open
        /// A probe is out; nothing else goes until it reports or `probeTimeoutMs` passes.
        case probing
    }

    public let policy: BreakerPolicy
    private var phase = Phase.closed
    private var window: BreakerWindow
    /// When the current opening ends; meaningful while open or probing.
    public private(set) var openUntil: UInt64 = 0
    private var probeSince: UInt64 = 0
    /// The cooldown of the current (or next) opening.
    public private(set) var cooldownMs: UInt64
    /// Times this breaker has opened, reopenings included.
    public private(set) var openings = 0

    public init(policy: BreakerPolicy = BreakerPolicy()) {
        self.policy = policy
        window = BreakerWindow(windowMs: policy.windowMs)
        cooldownMs = policy.cooldownMs
    }

    public func state(now: UInt64) -> State {
        switch phase {
        case .closed: .closed
        case .open: now >= openUntil ? .halfOpen : .open
        case .probing: .halfOpen
        }
    }

    /// Whether a call could go now. A query only: `acquire` is what claims the probe slot.
    public func allows(now: UInt64) -> Bool {
        switch phase {
        case .closed: true
        case .open: now >= openUntil
        case .probing: now &- probeSince >= policy.probeTimeoutMs
        }
    }

    /// Lets a call through if the breaker allows it, claiming the probe slot when half-open.
    /// `force` lets it through an open breaker too, as its probe (the caller has no other
    /// candidate; refusing would be an outage of our own making).
    public mutating func acquire(now: UInt64, force: Bool = false) -> Permit? {
        if phase == .closed { return .normal }
        guard allows(now: now) || force else { return nil }
        phase = .probing
        probeSince = now
        return .probe
    }

    /// Feeds the outcome of a call let through with `permit`.
    public mutating func record(_ outcome: Outcome, permit: Permit, now: UInt64) {
        switch phase {
        case .closed:
            guard outcome != .neutral else { return }
            window.add(success: outcome == .success, now: now)
            if outcome == .failure && shouldOpen(now: now) { open(now: now) }
        case .probing:
            // Calls let through before the breaker opened may still report; only the probe decides.
            guard permit == .probe else { return }
            switch outcome {
            case .success: close()
            case .failure:
                cooldownMs = policy.grown(cooldownMs)
                open(now: now)
            case .neutral: phase = .open
            }
        case .open:
            return
        }
    }

    /// Calls and failures in the current window (zero while open: the window restarts on closing).
    public func windowCounts(now: UInt64) -> (total: Int, failures: Int) {
        window.counts(now: now)
    }

    private func shouldOpen(now: UInt64) -> Bool {
        let (total, failures) = window.counts(now: now)
        if total < policy.minimumVolume { return failures >= policy.failureThreshold }
        return Double(failures) >= policy.errorRate * Double(total)
    }

    private mutating func open(now: UInt64) {
        phase = .open
        openUntil = now &+ cooldownMs
        openings += 1
        window.reset()
    }

    private mutating func close() {
        phase = .closed
        cooldownMs = policy.cooldownMs
        window.reset()
    }
}
