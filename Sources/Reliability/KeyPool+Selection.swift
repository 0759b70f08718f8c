extension KeyPool {
    /// A key chosen for one attempt; give it back with `finish(_:_:now:)` exactly once.
    public struct Lease: Sendable, Hashable {
        public let index: Int
        let permit: CircuitBreaker.Permit
    }

    /// Chooses a key among the available ones not in `excluding`: the conversation's key by
    /// rendezvous hashing when `affinity` is given, else by the pool's selection. Nil when no
    /// key is available.
    public func pick(now: UInt64, affinity: AffinityKey? = nil, excluding: Set<Int> = []) -> Lease? {
        let eligible = { (index: Int) in !excluding.contains(index) && self.isAvailable(index, now: now) }
        let chosen: Int?
        if let affinity {
            chosen = rendezvous(affinity, eligible)
        } else {
            switch selection {
            case .weightedRoundRobin: chosen = smoothWeighted(eligible)
            case .leastUsed: chosen = leastUsed(eligible)
            }
        }
        guard let chosen else { return nil }
        return lease(chosen, now: now, force: false)
    }

    /// The last resort when no key is available: the unrevoked key (not in `excluding`) whose
    /// cooldown ends first, let through its breaker even if open. Nil when every key is revoked.
    public func pickAnyway(now: UInt64, excluding: Set<Int> = []) -> Lease? {
        soonestUnrevoked(excluding: excluding).flatMap { lease($0, now: now, force: true) }
    }

    /// Returns a lease with its attempt's verdict (nil for a success): counts the call out,
    /// revokes or cools the key, and feeds its breaker.
    public func finish(_ lease: Lease, _ verdict: FailureClass?, now: UInt64) {
        let index = lease.index
        inFlight[index] = max(0, inFlight[index] - 1)
        let outcome: CircuitBreaker.Outcome
        if let verdict {
            switch verdict.key {
            case .keep: break
            case .revoke: revoke(index)
            case .coolDown(let retryAfterMs): coolDown(index, forMs: retryAfterMs ?? defaultCooldownMs, now: now)
            }
            outcome = verdict.blame == .key ? .failure : .neutral
        } else {
            outcome = .success
        }
        health?.record(targets[index], outcome, permit: lease.permit, now: now)
    }

    /// Returns a lease whose attempt ended without a verdict on the key (the client left).
    public func abandon(_ lease: Lease, now: UInt64) {
        inFlight[lease.index] = max(0, inFlight[lease.index] - 1)
        health?.record(targets[lease.index], .neutral, permit: lease.permit, now: now)
    }

    /// The unrevoked key whose cooldown ends first.
    func soonestUnrevoked(excluding: Set<Int> = []) -> Int? {
        var best: Int?
        for index in keys.indices where !revoked[index] && !excluding.contains(index) {
            if best == nil || coolingUntil[index] < coolingUntil[best!] { best = index }
        }
        return best
    }

    func lease(_ index: Int, now: UInt64, force: Bool) -> Lease? {
        var permit = CircuitBreaker.Permit.normal
        if let health {
            guard let granted = health.acquire(targets[index], now: now, force: force) else { return nil }
            permit = granted
        }
        inFlight[index] += 1
        picks[index] += 1
        return Lease(index: index, permit: permit)
    }

    /// nginx's smooth weighted round-robin over the eligible keys: each adds its weight to its
    /// current weight, the largest wins and gives back the round's total. Ineligible keys sit
    /// the round out, so a cooling key does not come back with a burst.
    private func smoothWeighted(_ eligible: (Int) -> Bool) -> Int? {
        var total = 0
        var best: Int?
        for index in keys.indices where eligible(index) {
            currentWeights[index] += keys[index].weight
            total += keys[index].weight
            if best == nil || currentWeights[index] > currentWeights[best!] { best = index }
        }
        if let best { currentWeights[best] -= total }
        return best
    }

    /// Weighted rendezvous (highest random weight) over the eligible keys: each conversation
    /// keeps its key while that key is available, shares follow the weights, and a key going
    /// away moves only its own conversations. Scores from the precomputed id hashes, so a pick
    /// allocates nothing.
    private func rendezvous(_ affinity: AffinityKey, _ eligible: (Int) -> Bool) -> Int? {
        var best: Int?
        var bestScore = 0.0
        for index in keys.indices where eligible(index) {
            let score = affinity.rendezvousScore(member: idHashes[index], weight: keys[index].weight)
            if best == nil || score > bestScore { (best, bestScore) = (index, score) }
        }
        return best
    }

    private func leastUsed(_ eligible: (Int) -> Bool) -> Int? {
        var best: Int?
        for index in keys.indices where eligible(index) {
            guard let current = best else { best = index; continue }
            // Cross-multiplied so the comparison of inFlight/weight stays in integers.
            let load = inFlight[index] * keys[current].weight
            let currentLoad = inFlight[current] * keys[index].weight
            if load < currentLoad
                || (load == currentLoad && picks[index] * keys[current].weight < picks[current] * keys[index].weight) {
                best = index
            }
        }
        return best
    }
}
