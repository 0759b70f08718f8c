/// A token bucket refilled continuously at a per-minute rate; time is passed in as milliseconds.
///
/// The level is kept in fixed point, 1/60,000 of a token: a rate of N per minute then adds exactly
/// N fixed-point units per millisecond, so refill is integer arithmetic with no drift and no
/// rounding, whatever the rate. The clock may be any millisecond clock (the loop's cached time);
/// if it goes backwards the bucket rebases on it and refills nothing for the gap.
///
/// Invariants: `level <= capacity`; `level >= minimumLevel`; the level is negative only after
/// `settle` charged more than was reserved (a debt later admissions wait out).
public struct TokenBucket: Sendable, Equatable {
    /// Fixed-point units per token: milliseconds per minute.
    public static let unitsPerToken: Int64 = 60_000
    /// Floor for debts from `settle`, far below any real debt; only guards against overflow.
    static let minimumLevel: Int64 = -(1 << 62)

    /// The rate and burst this bucket enforces.
    public private(set) var limit: RateLimit
    /// Current level in 1/60,000 tokens, as of `updatedAt`.
    public private(set) var level: Int64
    /// The clock reading the level was last brought up to date at.
    public private(set) var updatedAt: Int64

    /// A full bucket for `limit` at time `now`.
    public init(_ limit: RateLimit, now: Int64) {
        self.limit = limit
        self.level = limit.burst &* Self.unitsPerToken
        self.updatedAt = now
    }

    /// Capacity in fixed-point units.
    var capacity: Int64 { limit.burst &* Self.unitsPerToken }

    /// Brings the level up to date at `now`; refilling is idempotent, so it is safe to call at
    /// any point, including before a check that ends in a denial.
    public mutating func refill(now: Int64) {
        let elapsed = now &- updatedAt
        updatedAt = now
        guard elapsed > 0 else { return }
        let deficit = capacity &- level
        guard deficit > 0 else { return }
        // A rate of N per minute adds N units per millisecond; a product that overflows is
        // certainly more than the deficit.
        let (gain, overflow) = elapsed.multipliedReportingOverflow(by: limit.perMinute)
        level = overflow || gain >= deficit ? capacity : level &+ gain
    }

    /// Whether `amount` tokens can be taken now, assuming `refill(now:)` was just called.
    public func check(_ amount: Int64) -> Decision {
        let amount = min(max(amount, 0), RateLimit.maxValue)
        if amount > limit.burst { return .tooLarge }
        let need = amount &* Self.unitsPerToken
        if level >= need { return .allowed }
        // A zero rate has a zero burst: only a debt left by `settle` gets here, and it is never repaid.
        let rate = limit.perMinute
        if rate == 0 { return .tooLarge }
        return Decision(code: .limited, waitMs: (need &- level &+ rate &- 1) / rate)
    }

    /// Takes `amount` tokens without checking; the level may go negative. Pair with `check`.
    public mutating func take(_ amount: Int64) {
        let units = min(max(amount, 0), RateLimit.maxValue) &* Self.unitsPerToken
        level = max(level &- units, Self.minimumLevel)
    }

    /// Refills, then takes `amount` tokens if they are all there; otherwise changes nothing.
    public mutating func tryTake(_ amount: Int64, now: Int64) -> Decision {
        refill(now: now)
        let decision = check(amount)
        if decision.isAllowed { take(amount) }
        return decision
    }

    /// Settles a reservation of `reserved` tokens to the `actual` use.
    ///
    /// Unused tokens go back, up to the capacity (a bucket never holds more than its burst). Use
    /// beyond the reservation is taken even if it drives the level negative: the tokens were
    /// really spent, so the scope owes them and later admissions wait until the debt has refilled.
    public mutating func settle(reserved: Int64, actual: Int64, now: Int64) {
        refill(now: now)
        let reserved = min(max(reserved, 0), RateLimit.maxValue)
        let actual = min(max(actual, 0), RateLimit.maxValue)
        let delta = (reserved &- actual) &* Self.unitsPerToken
        level = delta > 0 ? min(level &+ delta, capacity) : max(level &+ delta, Self.minimumLevel)
    }

    /// Switches to a new limit, keeping the level (clamped to the new capacity): a reloaded
    /// configuration neither grants a fresh burst nor forgets tokens already taken.
    public mutating func update(_ newLimit: RateLimit, now: Int64) {
        refill(now: now)
        limit = newLimit
        level = min(level, capacity)
    }
}
