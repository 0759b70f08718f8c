#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-deployment moving averages of time to first token and tokens per second, seeded from the catalog.
///
/// Invariant: a deployment with no recent samples drifts back to its seed with half-life `staleHalfLife`,
/// so one slow hour does not brand a model slow forever. Time is passed in (seconds, any monotonic origin).
public struct LiveStats: Sendable {
    struct Entry: Sendable {
        var seed: LatencySeed
        var ttftMs: Double
        var tokensPerSecond: Double
        var updatedAt: Double
        var samples: Int
    }

    private(set) var entries: [Entry]
    /// Weight of a new sample in the moving average.
    public var alpha: Double
    /// Seconds after which an unrefreshed average is halfway back to its seed.
    public var staleHalfLife: Double

    /// Seeds indexed by deployment.
    public init(seeds: [LatencySeed], alpha: Double = 0.2, staleHalfLife: Double = 600) {
        entries = seeds.map { Entry(seed: $0, ttftMs: $0.ttftMs, tokensPerSecond: $0.tokensPerSecond, updatedAt: 0, samples: 0) }
        self.alpha = alpha
        self.staleHalfLife = staleHalfLife
    }

    /// Seeds for every deployment from its catalog entry; `fallback` for deployments the catalog lacks.
    public init(
        deployables: [Deployable],
        catalog: Catalog,
        fallback: LatencySeed = LatencySeed(ttftMs: 800, tokensPerSecond: 60)
    ) {
        let count = (deployables.map(\.deployment).max() ?? -1) + 1
        var seeds = Array(repeating: fallback, count: count)
        for deployable in deployables {
            if let model = catalog.model(named: deployable.catalogID) { seeds[deployable.deployment] = model.seedLatency }
        }
        self.init(seeds: seeds)
    }

    public var count: Int { entries.count }

    /// Folds one measured response in; a nil or non-positive value leaves that average alone
    /// (e.g. no tokens/s for a non-streamed answer).
    public mutating func record(deployment: Int, ttftMs: Double?, tokensPerSecond: Double?, now: Double) {
        guard entries.indices.contains(deployment) else { return }
        let current = estimate(deployment: deployment, now: now)
        var entry = entries[deployment]
        entry.ttftMs = current.ttftMs
        entry.tokensPerSecond = current.tokensPerSecond
        if let ttftMs, ttftMs > 0, ttftMs.isFinite { entry.ttftMs += alpha * (ttftMs - entry.ttftMs) }
        if let tokensPerSecond, tokensPerSecond > 0, tokensPerSecond.isFinite {
            entry.tokensPerSecond += alpha * (tokensPerSecond - entry.tokensPerSecond)
        }
        entry.updatedAt = now
        entry.samples += 1
        entries[deployment] = entry
    }

    /// The current estimate: the moving average decayed towards the seed by the time since the last sample.
    /// `deployment` must be in `0..<count` (`latencyMs` checks; this is the unchecked read).
    public func estimate(deployment: Int, now: Double) -> LatencySeed {
        let entry = entries[deployment]
        guard entry.samples > 0 else { return entry.seed }
        let age = max(0, now - entry.updatedAt)
        let keep = age == 0 ? 1 : exp2(-age / staleHalfLife)
        return LatencySeed(
            ttftMs: entry.seed.ttftMs + (entry.ttftMs - entry.seed.ttftMs) * keep,
            tokensPerSecond: entry.seed.tokensPerSecond + (entry.tokensPerSecond - entry.seed.tokensPerSecond) * keep
        )
    }

    /// Predicted milliseconds until `outputTokens` have streamed; nil for a deployment without statistics.
    @inline(__always)
    public func latencyMs(deployment: Int, outputTokens: Double, now: Double) -> Double? {
        guard deployment >= 0, deployment < entries.count else { return nil }
        return estimate(deployment: deployment, now: now).latencyMs(outputTokens: outputTokens)
    }

    /// Samples recorded for a deployment (0 when only the seed is known).
    public func samples(deployment: Int) -> Int {
        entries.indices.contains(deployment) ? entries[deployment].samples : 0
    }
}
