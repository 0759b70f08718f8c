extension AttemptPlan {
    /// The first attempt: the first healthy candidate; when there is none, the single-candidate
    /// rule sends it to the best one anyway, through an open circuit or a cooling key, rather
    /// than failing a request nothing else could serve.
    mutating func first(now: UInt64) -> Attempt? {
        if let attempt = moveOn(from: 0, now: now) { return attempt }
        let usable = candidates.indices.filter { index in
            fitsContext(index) && (candidates[index].keys.map { $0.count == 0 || $0.hasUsableKey } ?? true)
        }
        let targets = usable.map { candidates[$0].target }
        guard let best = health?.bestAvailable(targets, now: now) ?? (usable.isEmpty ? nil : (index: 0, forced: false)) else {
            return finish(.noCandidate)
        }
        let index = usable[best.index]
        guard let attempt = issue(index, delay: 0, now: now, forced: true) else { return finish(.noCandidate) }
        return attempt
    }

    /// The first candidate from `start` on that fits the request, is healthy and has a key.
    mutating func moveOn(from start: Int, now: UInt64) -> Attempt? {
        guard start < candidates.count else { return nil }
        for index in start..<candidates.count where fitsContext(index) {
            if let attempt = issue(index, delay: 0, now: now, forced: false) { return attempt }
        }
        return nil
    }

    /// The same candidate again after a backoff (or the provider's `retry-after`), if it has
    /// attempts left and its breaker still allows it.
    mutating func retrySame(_ index: Int, _ failure: FailureClass, now: UInt64) -> Attempt? {
        guard attemptsOn[index] < policy.maxAttemptsPerCandidate,
              let delay = policy.retryDelay(retry: attemptsOn[index], retryAfterMs: failure.retryAfterMs,
                                            using: &random) else { return nil }
        return issue(index, delay: delay, now: now, forced: false)
    }

    /// The same candidate with a key that has not failed this request, at once. Not counted
    /// against the candidate's attempts: the deployment was not at fault (`maxAttempts` still is).
    mutating func retryOtherKey(_ index: Int, now: UInt64) -> Attempt? {
        guard candidates[index].keys != nil else { return nil }
        return issue(index, delay: 0, now: now, forced: false, counted: false)
    }

    /// The same candidate and a rate-limited key once its cooldown is over, when that is soon
    /// enough for the policy and the budget.
    mutating func waitForKey(_ index: Int, _ failure: FailureClass, now: UInt64) -> Attempt? {
        guard case .coolDown = failure.key, attemptsOn[index] < policy.maxAttemptsPerCandidate,
              let pool = candidates[index].keys, let key = pool.soonestUnrevoked() else { return nil }
        let wait = pool.cooldownEnd(key) > now ? pool.cooldownEnd(key) - now : 0
        guard let delay = policy.retryDelay(retry: attemptsOn[index], retryAfterMs: wait, using: &random) else {
            return nil
        }
        return issue(index, delay: delay, now: now, forced: false, key: key)
    }

    func fitsContext(_ index: Int) -> Bool {
        requiredContext == 0 || (candidates[index].contextWindow ?? 0) >= requiredContext
    }

    /// Claims the candidate's breaker and a key, and hands the attempt out; nil when either
    /// refuses or the wait would overrun the budget. `key` forces that key (a cooled one after
    /// its wait); `forced` lets the attempt through an open circuit and a cooling key; `counted`
    /// false keeps it off the candidate's attempt count.
    mutating func issue(_ index: Int, delay: UInt64, now: UInt64, forced: Bool, key: Int? = nil,
                        counted: Bool = true) -> Attempt? {
        guard delay < remainingMs(now: now) else {
            budgetRefused = true
            return nil
        }
        let target = candidates[index].target
        guard forced || (health?.allows(target, now: now) ?? true) else { return nil }
        var lease: KeyPool.Lease?
        if let pool = candidates[index].keys, pool.count > 0 {
            if let key {
                lease = pool.lease(key, now: now, force: true)
            } else {
                lease = pool.pick(now: now, affinity: affinity, excluding: failedKeys[index])
                if lease == nil && forced { lease = pool.pickAnyway(now: now, excluding: failedKeys[index]) }
            }
            guard lease != nil else { return nil }
        }
        var permit = CircuitBreaker.Permit.normal
        if let health {
            guard let granted = health.acquire(target, now: now, force: forced) else {
                if let lease { candidates[index].keys?.abandon(lease, now: now) }
                return nil
            }
            permit = granted
        }
        issued += 1
        if counted { attemptsOn[index] += 1 }
        let attempt = Attempt(number: issued, candidate: index, delayMs: delay,
                              remainingMs: remainingMs(now: now) - delay, forced: forced,
                              sendAt: now &+ delay, lease: lease, permit: permit)
        pending = attempt
        last = attempt
        return attempt
    }
}
