import Yams

extension ConfigDecoder {
    static let reliabilityKeys = ["retry", "breaker", "key_breaker"]
    static let retryKeys = ["max_attempts", "base_backoff_ms", "max_backoff_ms", "time_limit_ms"]
    static let breakerKeys = ["failures", "window_ms", "error_rate", "minimum_requests", "cooldown_ms"]

    /// Reads the top-level `reliability:` section; what it leaves out keeps the built-in defaults.
    func decodeReliability(_ top: MappingReader) throws(ConfigError) -> ReliabilitySettings {
        let defaults = ReliabilitySettings.default
        guard let reader = try top.mapping("reliability", place: "in reliability",
                                           example: "reliability: {retry: {max_attempts: 3}}") else { return defaults }
        try reader.rejectUnknownKeys(allowed: Self.reliabilityKeys)
        return ReliabilitySettings(
            retry: try decodeRetry(reader, owner: "reliability", defaults: defaults.retry) ?? defaults.retry,
            breaker: try decodeBreaker(reader, owner: "reliability", defaults: defaults.breaker) ?? defaults.breaker,
            keyBreaker: try decodeBreaker(reader, key: "key_breaker", owner: "reliability", defaults: defaults.keyBreaker)
                ?? defaults.keyBreaker)
    }

    /// Reads `retry:` under `parent` (the reliability section, a model, a router); nil when it is
    /// absent. Keys it leaves out keep their value from `defaults`.
    func decodeRetry(_ parent: MappingReader, owner: String, defaults: RetrySettings) throws(ConfigError) -> RetrySettings? {
        guard let reader = try parent.mapping("retry", place: "in the retry settings of \(owner)",
                                              example: "retry: {max_attempts: 3, base_backoff_ms: 100}") else { return nil }
        try reader.rejectUnknownKeys(allowed: Self.retryKeys, elsewhere: Dictionary(uniqueKeysWithValues: Self.breakerKeys.map { ($0, "breaker") }))
        let settings = RetrySettings(
            maxAttempts: try reader.positiveInt("max_attempts", default: defaults.maxAttempts, unit: "attempts"),
            baseBackoffMs: try reader.nonNegativeInt("base_backoff_ms", default: defaults.baseBackoffMs, unit: "milliseconds"),
            maxBackoffMs: try reader.positiveInt("max_backoff_ms", default: defaults.maxBackoffMs, unit: "milliseconds"),
            timeLimitMs: try reader.positiveInt("time_limit_ms", default: defaults.timeLimitMs, unit: "milliseconds"))
        if settings.baseBackoffMs > settings.maxBackoffMs {
            let position = (reader.entry("base_backoff_ms") ?? reader.entry("max_backoff_ms"))?.position ?? reader.position
            throw context.error(.outOfRange, at: position,
                                "the base backoff (\(settings.baseBackoffMs) ms) \(reader.place) is longer than the maximum backoff (\(settings.maxBackoffMs) ms)",
                                fix: "lower base_backoff_ms, or raise max_backoff_ms to at least \(settings.baseBackoffMs)")
        }
        return settings
    }

    /// Reads a breaker mapping (`breaker:` or `key_breaker:`) under `parent`; nil when absent.
    /// Keys it leaves out keep their value from `defaults`.
    func decodeBreaker(_ parent: MappingReader, key: String = "breaker", owner: String,
                       defaults: BreakerSettings) throws(ConfigError) -> BreakerSettings? {
        guard let reader = try parent.mapping(key, place: "in the \(key) settings of \(owner)",
                                              example: "\(key): {failures: 5, window_ms: 30000, cooldown_ms: 5000}") else { return nil }
        try reader.rejectUnknownKeys(allowed: Self.breakerKeys, elsewhere: Dictionary(uniqueKeysWithValues: Self.retryKeys.map { ($0, "retry") }))
        var settings = defaults
        settings.failures = try reader.positiveInt("failures", default: defaults.failures, unit: "failures")
        settings.windowMs = try reader.positiveInt("window_ms", default: defaults.windowMs, unit: "milliseconds")
        if settings.windowMs < BreakerSettings.minimumWindowMs, let entry = reader.entry("window_ms") {
            throw context.error(.outOfRange, at: entry.position,
                                "\(reader.label("window_ms")) must be at least \(BreakerSettings.minimumWindowMs) ms, not \(settings.windowMs)",
                                fix: "use a window of a few seconds, such as \(defaults.windowMs) (the default)")
        }
        if let rate = try reader.fraction("error_rate", example: "error_rate: \(defaults.errorRate)") {
            // 0 would open the breaker on any failure once the volume is reached: `failures` says that better.
            guard rate > 0 else {
                throw context.error(.outOfRange, at: reader.entry("error_rate")?.position ?? reader.position,
                                    "\(reader.label("error_rate")) must be above 0",
                                    fix: "use a fraction in (0, 1], such as \(defaults.errorRate) (the default)")
            }
            settings.errorRate = rate
        }
        settings.minimumRequests = try reader.positiveInt("minimum_requests", default: defaults.minimumRequests, unit: "requests")
        settings.cooldownMs = try reader.positiveInt("cooldown_ms", default: defaults.cooldownMs, unit: "milliseconds")
        return settings
    }

    /// A provider's `key_selection:`; weighted round-robin when absent.
    func decodeKeySelection(_ reader: MappingReader) throws(ConfigError) -> KeySelection {
        guard let text = try reader.string("key_selection", example: "key_selection: weighted_round_robin") else {
            return .weightedRoundRobin
        }
        if let selection = KeySelection(rawValue: text.value.lowercased()) { return selection }
        let names = KeySelection.allCases.map(\.rawValue)
        let fix = Suggestion.closest(to: text.value, among: names).map { "did you mean '\($0)'? The choices are \(names.joined(separator: ", "))" }
            ?? "use one of \(names.joined(separator: ", "))"
        throw context.error(.invalidValue, at: text.position, "\(reader.label("key_selection")) is '\(text.value)', not a key selection", fix: fix)
    }
}
