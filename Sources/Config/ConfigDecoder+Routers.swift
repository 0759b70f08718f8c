import Yams

extension ConfigDecoder {
    static let routerKeys = ["name", "weights", "min_quality", "max_quality_drop", "models", "timeouts", "retry",
                             "policy", "knob", "reference_cost_usd", "knob_by_category"]
    static let weightKeys = ["cost", "quality", "latency", "carbon"]

    /// Reads `routers:`; names must not clash with models, aliases or the built-in presets.
    func decodeRouters(_ top: MappingReader, models: [ModelConfig], timeouts: UpstreamTimeouts,
                       retry: RetrySettings = .default) throws(ConfigError) -> [RouterEntry] {
        let example = "routers: [{name: support, weights: {cost: 0.6, quality: 0.4}, models: [gpt-4o-mini]}]"
        guard let nodes = try top.sequence("routers", example: example) else { return [] }
        var taken: [String: String] = [:]
        for model in models {
            taken[model.name] = "a model"
            for alias in model.aliases { taken[alias] = "an alias of model '\(model.name)'" }
        }
        for preset in RouterEntry.presetNames where taken[preset] == nil { taken[preset] = "a built-in router" }
        var routers: [RouterEntry] = []
        for (index, node) in nodes.enumerated() {
            let label = Self.entryLabel("router", number: index + 1, node: node)
            let reader = try MappingReader(node, subject: label, place: "in \(label)",
                                           example: "- {name: support, weights: {cost: 0.6, quality: 0.4}}", context: context)
            try reader.rejectUnknownKeys(allowed: Self.routerKeys)
            let name = try reader.requiredString("name", subject: label, example: "name: <a router id clients send as model>")
            try checkName(name, kind: "router")
            if let holder = taken[name.value] {
                throw context.error(.duplicateName, at: name.position, "router name '\(name.value)' is already \(holder)",
                                    fix: "give the router a name no model, alias, preset (auto, fast, economy, quality, savings) or other router uses")
            }
            taken[name.value] = "a router"
            let weights = try reader.mapping("weights", place: "in the weights of router '\(name.value)'",
                                             example: "weights: {cost: 0.6, quality: 0.2, latency: 0.15, carbon: 0.05}")
            try weights?.rejectUnknownKeys(allowed: Self.weightKeys)
            let cost = try weights?.fraction("cost", example: "cost: 0.6") ?? 0
            let quality = try weights?.fraction("quality", example: "quality: 0.2") ?? 0
            let latency = try weights?.fraction("latency", example: "latency: 0.15") ?? 0
            let carbon = try weights?.fraction("carbon", example: "carbon: 0.05") ?? 0
            let policy = try decodeRouterPolicy(reader, router: name.value)
            if cost + quality + latency + carbon == 0, policy == .scoring {
                throw context.error(.invalidValue, at: weights.map { _ in name.position } ?? name.position,
                                    "router '\(name.value)' has no weight on cost, quality, latency or carbon",
                                    fix: "give at least one weight above 0, e.g. weights: {cost: 0.5, quality: 0.5}")
            }
            var candidates: [String] = []
            let modelNames = Set(models.flatMap { [$0.name] + $0.aliases })
            for model in try reader.stringList("models", example: "models: [gpt-4o-mini, gpt-4o]") ?? [] {
                guard modelNames.contains(model.value) else {
                    throw context.error(.unknownProvider, at: model.position,
                                        "router '\(name.value)' lists model '\(model.value)', which is not configured",
                                        fix: "add it under models:, or use one of: \(models.map(\.name).joined(separator: ", "))")
                }
                candidates.append(model.value)
            }
            let routerTimeouts = try reader.mapping("timeouts", place: "in the timeouts of router '\(name.value)'",
                                                    example: "timeouts: {first_byte_ms: 20000}")
            routers.append(RouterEntry(
                name: name.value, cost: cost, quality: quality, latency: latency, carbon: carbon,
                minQuality: try reader.fraction("min_quality", example: "min_quality: 0.7"),
                maxQualityDrop: try reader.fraction("max_quality_drop", example: "max_quality_drop: 0.02"),
                models: candidates,
                timeouts: try routerTimeouts.map { (r) throws(ConfigError) in try decodeTimeouts(r, defaults: timeouts) },
                retry: try decodeRetry(reader, owner: "router '\(name.value)'", defaults: retry),
                line: name.position.line,
                policy: policy))
        }
        return routers
    }

    static let ledgerKeys = ["enabled", "commit_interval_ms", "batch_rows", "retention_days", "store_bodies"]

    func decodeLedger(_ reader: MappingReader?) throws(ConfigError) -> LedgerSettings {
        let defaults = LedgerSettings.default
        guard let reader else { return defaults }
        try reader.rejectUnknownKeys(allowed: Self.ledgerKeys)
        return LedgerSettings(
            enabled: try reader.bool("enabled", default: defaults.enabled),
            commitIntervalMs: try reader.positiveInt("commit_interval_ms", default: defaults.commitIntervalMs, unit: "milliseconds"),
            batchRows: try reader.positiveInt("batch_rows", default: defaults.batchRows, unit: "rows"),
            retentionDays: try reader.nonNegativeInt("retention_days", default: defaults.retentionDays, unit: "days"),
            storeBodies: try reader.bool("store_bodies", default: defaults.storeBodies))
    }

    func decodeMetrics(_ reader: MappingReader?) throws(ConfigError) -> MetricsSettings {
        guard let reader else { return .default }
        try reader.rejectUnknownKeys(allowed: ["label_by_key"])
        return MetricsSettings(labelByKey: try reader.bool("label_by_key", default: false))
    }

    func decodeAdminKey(_ top: MappingReader) throws(ConfigError) -> APIKey? {
        guard let text = try top.string("admin_key", example: "admin_key: \"${SWITCHYARD_ADMIN_KEY}\"") else { return nil }
        guard text.value.count >= 16 else {
            throw context.error(.invalidValue, at: text.position, "'admin_key' is shorter than 16 characters",
                                fix: "use a long random secret, e.g. from `openssl rand -hex 24`, through ${SWITCHYARD_ADMIN_KEY}")
        }
        return APIKey(text.value)
    }
}

extension ConfigDecoder {
    /// `tag_limits: [{tag: agent=triage, rpm: 60, tpm: 100000}]`.
    func decodeTagLimits(_ top: MappingReader) throws(ConfigError) -> [TagLimit] {
        let example = "tag_limits: [{tag: agent=triage, rpm: 60}]"
        guard let nodes = try top.sequence("tag_limits", example: example) else { return [] }
        var out: [TagLimit] = []
        for node in nodes {
            let reader = try MappingReader(node, subject: "a tag limit", place: "in a tag limit", example: example, context: context)
            try reader.rejectUnknownKeys(allowed: ["tag", "rpm", "tpm"])
            let tag = try reader.requiredString("tag", subject: "a tag limit", example: "tag: agent=triage")
            guard tag.value.split(separator: "=", omittingEmptySubsequences: false).count == 2 else {
                throw context.error(.invalidValue, at: tag.position, "tag '\(tag.value)' is not name=value", fix: "write tag: agent=triage")
            }
            let rpm = try reader.nonNegativeInt("rpm", default: 0, unit: "requests per minute")
            let tpm = try reader.nonNegativeInt("tpm", default: 0, unit: "tokens per minute")
            out.append(TagLimit(tag: tag.value, rpm: rpm > 0 ? rpm : nil, tpm: tpm > 0 ? tpm : nil))
        }
        return out
    }
}
