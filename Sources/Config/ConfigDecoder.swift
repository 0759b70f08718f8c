import Yams

/// Turns a composed YAML tree into a validated `GatewayConfig`, failing on the first problem in
/// section order (top-level keys, listen, data_dir, log_level, server, timeouts, reliability,
/// providers, models, routers, …).
struct ConfigDecoder {
    let context: DecodeContext

    static let topLevelKeys = ["listen", "data_dir", "log_level", "server", "timeouts", "providers", "models",
                               "routers", "admin_key", "ledger", "metrics", "tag_limits", "reliability"]
    static let serverKeys = ["max_header_bytes", "max_header_count", "max_body_bytes", "header_timeout_ms", "idle_timeout_ms",
                             "upstream_idle_connections", "cors_allow_origins", "stream_keepalive_ms", "upstream_client"]
    static let timeoutKeys = ["connect_ms", "first_byte_ms", "idle_ms", "total_ms"]

    func decode(_ root: Node?) throws(ConfigError) -> GatewayConfig {
        guard let root, !root.isNull else { return GatewayConfig() }
        let top = try MappingReader(root, subject: "the configuration", place: MappingReader.topLevel,
                                    example: "listen: 127.0.0.1:8080 and the other settings as key: value lines",
                                    context: context)
        var elsewhere: [String: String] = [:]
        for key in Self.serverKeys { elsewhere[key] = "server" }
        for key in Self.timeoutKeys { elsewhere[key] = "timeouts" }
        for key in Self.reliabilityKeys { elsewhere[key] = "reliability" }
        try top.rejectUnknownKeys(allowed: Self.topLevelKeys, elsewhere: elsewhere)

        let listen = try decodeListen(top)
        let dataDir = try decodeDataDir(top)
        let logLevel = try decodeLogLevel(top)
        let server = try decodeServer(top.mapping("server", place: "in server", example: "server: {max_body_bytes: 1048576}"))
        let timeouts = try decodeTimeouts(
            top.mapping("timeouts", place: "in timeouts", example: "timeouts: {connect_ms: 5000}"),
            defaults: .default
        )
        let reliability = try decodeReliability(top)
        let providers = try decodeProviders(top, timeouts: timeouts)
        let models = try decodeModels(top, providers: providers, timeouts: timeouts, reliability: reliability)
        let routers = try decodeRouters(top, models: models, timeouts: timeouts, retry: reliability.retry)
        return GatewayConfig(
            listen: listen, dataDir: dataDir, logLevel: logLevel, server: server,
            timeouts: timeouts, providers: providers, models: models, routers: routers,
            adminKey: try decodeAdminKey(top),
            ledger: try decodeLedger(top.mapping("ledger", place: "in ledger", example: "ledger: {commit_interval_ms: 200}")),
            metrics: try decodeMetrics(top.mapping("metrics", place: "in metrics", example: "metrics: {label_by_key: false}")),
            tagLimits: try decodeTagLimits(top),
            reliability: reliability
        )
    }

    private func decodeListen(_ top: MappingReader) throws(ConfigError) -> ListenAddress {
        guard let text = try top.string("listen", example: "listen: 127.0.0.1:8080") else { return .default }
        switch ListenAddress.parse(text.value) {
        case .success(let address):
            return address
        case .failure(let problem):
            throw context.error(.invalidListen, at: text.position, problem.message, fix: problem.fix)
        }
    }

    private func decodeDataDir(_ top: MappingReader) throws(ConfigError) -> String {
        guard let text = try top.string("data_dir", example: "data_dir: ./switchyard-data") else {
            return GatewayConfig.defaultDataDir
        }
        guard !text.value.isEmpty else {
            throw context.error(.invalidValue, at: text.position, "'data_dir' is empty",
                                fix: "write data_dir: ./switchyard-data, or remove the key to use that default")
        }
        return text.value
    }

    private func decodeLogLevel(_ top: MappingReader) throws(ConfigError) -> LogLevel {
        guard let text = try top.string("log_level", example: "log_level: info") else { return .info }
        if let level = LogLevel(rawValue: text.value.lowercased()) { return level }
        let names = LogLevel.allCases.map(\.rawValue)
        let suggestion = text.value.lowercased() == "warn" ? "warning" : Suggestion.closest(to: text.value, among: names)
        let fix = suggestion.map { "did you mean '\($0)'? The levels are \(names.joined(separator: ", "))" }
            ?? "use one of \(names.joined(separator: ", "))"
        throw context.error(.invalidValue, at: text.position, "'\(text.value)' is not a log level", fix: fix)
    }

    private func decodeServer(_ reader: MappingReader?) throws(ConfigError) -> ServerLimits {
        let defaults = ServerLimits.default
        guard let reader else { return defaults }
        try reader.rejectUnknownKeys(allowed: Self.serverKeys)
        return ServerLimits(
            maxHeaderBytes: try reader.positiveInt("max_header_bytes", default: defaults.maxHeaderBytes, unit: "bytes"),
            maxHeaderCount: try reader.positiveInt("max_header_count", default: defaults.maxHeaderCount, unit: "headers"),
            maxBodyBytes: try reader.positiveInt("max_body_bytes", default: defaults.maxBodyBytes, unit: "bytes"),
            headerTimeoutMs: try reader.positiveInt("header_timeout_ms", default: defaults.headerTimeoutMs, unit: "milliseconds"),
            idleTimeoutMs: try reader.positiveInt("idle_timeout_ms", default: defaults.idleTimeoutMs, unit: "milliseconds"),
            upstreamIdleConnections: try reader.positiveInt("upstream_idle_connections", default: defaults.upstreamIdleConnections,
                                                            unit: "connections"),
            corsAllowOrigins: try corsOrigins(reader),
            streamKeepaliveMs: try reader.positiveInt("stream_keepalive_ms", default: defaults.streamKeepaliveMs,
                                                      unit: "milliseconds"),
            nativeUpstreamHTTP: try upstreamClient(reader)
        )
    }

    /// `upstream_client`: `native` (plain-HTTP upstreams over the gateway's own
    /// connections, the rest through curl) or `curl` (everything through curl).
    private func upstreamClient(_ reader: MappingReader) throws(ConfigError) -> Bool {
        guard let value = try reader.string("upstream_client", example: "upstream_client: native") else { return true }
        switch value.value {
        case "native": return true
        case "curl": return false
        default:
            throw context.error(.invalidValue, at: value.position,
                                "server.upstream_client is '\(value.value)'; known: native, curl",
                                fix: "write upstream_client: native (the default) or upstream_client: curl")
        }
    }

    /// `cors_allow_origins`: `*`, or origins as a browser sends them (scheme, host, optional
    /// port; no path, no trailing slash), which are compared byte for byte.
    private func corsOrigins(_ reader: MappingReader) throws(ConfigError) -> [String] {
        let example = "cors_allow_origins: [\"https://app.example.com\"]"
        guard let origins = try reader.stringList("cors_allow_origins", example: example) else { return [] }
        for origin in origins where origin.value != "*" {
            let text = origin.value
            let rest = text.hasPrefix("https://") ? text.dropFirst(8) : text.hasPrefix("http://") ? text.dropFirst(7) : nil
            guard let rest, !rest.isEmpty, !rest.contains("/") else {
                throw context.error(.invalidValue, at: origin.position, "'\(text)' is not an origin",
                                    fix: "write the scheme and host as the browser sends them, such as https://app.example.com, or * for any origin")
            }
        }
        return origins.map(\.value)
    }

    /// Reads a timeouts mapping; keys it leaves out keep their value from `defaults`.
    func decodeTimeouts(_ reader: MappingReader?, defaults: UpstreamTimeouts) throws(ConfigError) -> UpstreamTimeouts {
        guard let reader else { return defaults }
        try reader.rejectUnknownKeys(allowed: Self.timeoutKeys)
        return UpstreamTimeouts(
            connectMs: try reader.positiveInt("connect_ms", default: defaults.connectMs, unit: "milliseconds"),
            firstByteMs: reader.entry("first_byte_ms") == nil ? defaults.firstByteMs
                : try reader.positiveInt("first_byte_ms", default: UpstreamTimeouts.defaultStreamFirstByteMs, unit: "milliseconds"),
            idleMs: try reader.positiveInt("idle_ms", default: defaults.idleMs, unit: "milliseconds"),
            totalMs: try reader.positiveInt("total_ms", default: defaults.totalMs, unit: "milliseconds")
        )
    }

    /// "provider 'openai'" when the entry has a literal name, else "provider #2"; used to label
    /// messages before the entry is validated, so the name is the unexpanded text.
    static func entryLabel(_ kind: String, number: Int, node: Node) -> String {
        if case .mapping(let mapping) = node, let name = mapping["name"], !name.isNull, case .scalar(let scalar) = name {
            return "\(kind) '\(scalar.string)'"
        }
        return "\(kind) #\(number)"
    }
}
