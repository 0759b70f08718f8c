import Config
import Reliability

/// The retry and breaker policies of one configuration, converted once per load: the global
/// ones, and those of models and routers that override them.
///
/// `Config` says what the file says (validated integers); `Reliability` enforces policies. This
/// is where one becomes the other, so neither module depends on the other.
struct ReliabilityPolicies {
    let retry: RetryPolicy
    /// Retry policies of models (by name and alias) and routers (by id) that set `retry:`.
    let retryByName: [String: RetryPolicy]
    let deploymentBreaker: BreakerPolicy
    let keyBreaker: BreakerPolicy
    /// Breakers of deployments whose model sets `breaker:`.
    let breakerOverrides: [HealthTarget: BreakerPolicy]

    init(_ config: GatewayConfig) {
        let settings = config.reliability
        retry = Self.retryPolicy(settings.retry)
        deploymentBreaker = Self.breakerPolicy(settings.breaker)
        keyBreaker = Self.breakerPolicy(settings.keyBreaker)
        var byName: [String: RetryPolicy] = [:]
        var overrides: [HealthTarget: BreakerPolicy] = [:]
        for model in config.models {
            if let retry = model.retry {
                for name in [model.name] + model.aliases { byName[name] = Self.retryPolicy(retry) }
            }
            if let breaker = model.breaker {
                for id in model.deploymentIDs { overrides[.deployment(id)] = Self.breakerPolicy(breaker) }
            }
        }
        for router in config.routers {
            if let retry = router.retry { byName[router.name] = Self.retryPolicy(retry) }
        }
        retryByName = byName
        breakerOverrides = overrides
    }

    /// The retry policy of a request naming `model` (a model, an alias or a router id).
    func retry(for model: String) -> RetryPolicy {
        retryByName.isEmpty ? retry : retryByName[model] ?? retry
    }

    static func retryPolicy(_ settings: RetrySettings) -> RetryPolicy {
        RetryPolicy(maxAttempts: settings.maxAttempts, budgetMs: UInt64(settings.timeLimitMs),
                    baseDelayMs: UInt64(settings.baseBackoffMs), maxDelayMs: UInt64(settings.maxBackoffMs))
    }

    static func breakerPolicy(_ settings: BreakerSettings) -> BreakerPolicy {
        let defaults = BreakerPolicy()
        // A configured cooldown above the built-in ceiling raises the ceiling: growth never shrinks it.
        return BreakerPolicy(failureThreshold: settings.failures, windowMs: UInt64(settings.windowMs),
                             errorRate: settings.errorRate, minimumVolume: settings.minimumRequests,
                             cooldownMs: UInt64(settings.cooldownMs),
                             maxCooldownMs: max(defaults.maxCooldownMs, UInt64(settings.cooldownMs)))
    }
}
