/// One provider's API keys: weighted rotation (smooth weighted round-robin, or least in flight),
/// conversation affinity by rendezvous hashing, 401/403 removal, 429 cooldowns, and each key's
/// circuit breaker in the shared `HealthRegistry`.
///
/// Keys are known by index and id only; the secrets stay with the caller. Rebuild the pool on a
/// configuration reload: that is what returns removed keys to rotation.
public final class KeyPool {
    /// How a key is chosen when the request has no affinity.
    public enum Selection: String, Sendable, Hashable {
        /// nginx's smooth weighted round-robin: shares follow the weights, evenly interleaved.
        case weightedRoundRobin = "weighted_round_robin"
        /// Fewest calls in flight relative to weight; ties go to the fewer picks so far.
        case leastUsed = "least_used"
    }

    /// One key as the pool sees it: an id for logs and health (never the key) and a weight.
    public struct Key: Sendable, Hashable {
        public var id: String
        public var weight: Int

        public init(id: String, weight: Int = 1) {
            self.id = id
            self.weight = weight
        }
    }

    public let keys: [Key]
    public let selection: Selection
    /// The rest after a 429 that carried no `retry-after`.
    public let defaultCooldownMs: UInt64
    /// No cooldown lasts longer than this, whatever a provider asks for.
    public let maxCooldownMs: UInt64
    let health: HealthRegistry?
    let targets: [HealthTarget]
    let idHashes: [UInt64]
    var currentWeights: [Int]
    var inFlight: [Int]
    var picks: [Int]
    var coolingUntil: [UInt64]
    var revoked: [Bool]
    /// Told once per key taken out after a 401/403 (not again while it stays out), so the
    /// owner can report it; the pool itself does no I/O.
    public var onRevoke: ((Key) -> Void)?

    public init(keys: [Key], selection: Selection = .weightedRoundRobin, health: HealthRegistry? = nil,
                defaultCooldownMs: UInt64 = 5_000, maxCooldownMs: UInt64 = 300_000) throws(ReliabilityError) {
        var seen = Set<String>()
        for key in keys {
            guard key.weight >= 1 else {
                throw ReliabilityError(.invalidWeight, "key \(key.id) has weight \(key.weight); weights are at least 1")
            }
            guard seen.insert(key.id).inserted else { throw ReliabilityError(.duplicateKey, "key id \(key.id) appears twice") }
        }
        self.keys = keys
        self.selection = selection
        self.health = health
        self.defaultCooldownMs = defaultCooldownMs
        self.maxCooldownMs = maxCooldownMs
        targets = keys.map { HealthTarget.key($0.id) }
        idHashes = keys.map { AffinityKey(bytes: $0.id.utf8).value }
        currentWeights = Array(repeating: 0, count: keys.count)
        inFlight = Array(repeating: 0, count: keys.count)
        picks = Array(repeating: 0, count: keys.count)
        coolingUntil = Array(repeating: 0, count: keys.count)
        revoked = Array(repeating: false, count: keys.count)
    }

    public var count: Int { keys.count }

    /// Whether key `index` may be picked now: not revoked, not cooling down, breaker allowing.
    public func isAvailable(_ index: Int, now: UInt64) -> Bool {
        !revoked[index] && coolingUntil[index] <= now && (health?.allows(targets[index], now: now) ?? true)
    }

    /// Whether any key could still ever be used (not all were revoked).
    public var hasUsableKey: Bool { revoked.contains(false) }

    /// The ids of keys taken out after a 401/403, for reporting.
    public var revokedIDs: [String] { keys.indices.filter { revoked[$0] }.map { keys[$0].id } }

    /// Takes a key out of rotation until the pool is rebuilt (its credentials were rejected).
    public func revoke(_ index: Int) {
        guard !revoked[index] else { return }
        revoked[index] = true
        onRevoke?(keys[index])
    }

    /// Rests a key for `milliseconds` (capped), e.g. a 429's `retry-after`.
    public func coolDown(_ index: Int, forMs milliseconds: UInt64, now: UInt64) {
        coolingUntil[index] = max(coolingUntil[index], now &+ min(milliseconds, maxCooldownMs))
    }

    /// When key `index`'s cooldown ends (0 when it is not cooling down).
    public func cooldownEnd(_ index: Int) -> UInt64 { coolingUntil[index] }

    /// Where each key stands, for `GET /admin/health`.
    public func snapshot(now: UInt64) -> [KeyStatus] {
        keys.indices.map { index in
            let state: KeyStatus.State = revoked[index] ? .revoked
                : coolingUntil[index] > now ? .coolingDown
                : (health?.allows(targets[index], now: now) ?? true) ? .active : .circuitOpen
            return KeyStatus(id: keys[index].id, weight: keys[index].weight, state: state,
                             coolingForMs: coolingUntil[index] > now ? coolingUntil[index] - now : 0,
                             inFlight: inFlight[index], picks: picks[index])
        }
    }
}
