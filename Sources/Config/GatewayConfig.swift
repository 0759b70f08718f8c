/// Switchyard's validated configuration: where to listen, server limits, upstream providers and models.
///
/// Produced by `ConfigLoader` (which enforces the invariants documented on each field's type) or by
/// `GatewayConfig.embeddedDefault(environment:)`. The memberwise initialiser does not validate;
/// when names repeat there, lookups return the first definition.
public struct GatewayConfig: Sendable, Hashable {
    /// `./switchyard-data`, relative to the working directory.
    public static let defaultDataDir = "./switchyard-data"

    public let listen: ListenAddress
    /// Directory for the SQLite store and other state.
    public let dataDir: String
    public let logLevel: LogLevel
    public let server: ServerLimits
    /// Global upstream timeouts; each provider carries its effective copy.
    public let timeouts: UpstreamTimeouts
    public let providers: [ProviderConfig]
    public let models: [ModelConfig]
    /// User-defined routers (the presets need no entry).
    public let routers: [RouterEntry]
    /// Guards `/admin/*`; without it the admin API answers 404.
    public let adminKey: APIKey?
    public let ledger: LedgerSettings
    public let metrics: MetricsSettings
    /// Rate limits per tag value (`agent=triage`), across all keys.
    public let tagLimits: [TagLimit]
    /// Retries and circuit breakers (models and routers may override parts).
    public let reliability: ReliabilitySettings

    /// Model names and aliases to indexes in `models`, so request-time lookups are one hash.
    private let modelIndex: [String: Int]
    private let providerIndex: [String: Int]

    public init(
        listen: ListenAddress = .default,
        dataDir: String = GatewayConfig.defaultDataDir,
        logLevel: LogLevel = .info,
        server: ServerLimits = .default,
        timeouts: UpstreamTimeouts = .default,
        providers: [ProviderConfig] = [],
        models: [ModelConfig] = [],
        routers: [RouterEntry] = [],
        adminKey: APIKey? = nil,
        ledger: LedgerSettings = .default,
        metrics: MetricsSettings = .default,
        tagLimits: [TagLimit] = [],
        reliability: ReliabilitySettings = .default
    ) {
        self.tagLimits = tagLimits
        self.reliability = reliability
        self.routers = routers
        self.adminKey = adminKey
        self.ledger = ledger
        self.metrics = metrics
        self.listen = listen
        self.dataDir = dataDir
        self.logLevel = logLevel
        self.server = server
        self.timeouts = timeouts
        self.providers = providers
        self.models = models

        var modelIndex: [String: Int] = [:]
        for (index, model) in models.enumerated() {
            for name in [model.name] + model.aliases where modelIndex[name] == nil {
                modelIndex[name] = index
            }
        }
        var providerIndex: [String: Int] = [:]
        for (index, provider) in providers.enumerated() where providerIndex[provider.name] == nil {
            providerIndex[provider.name] = index
        }
        self.modelIndex = modelIndex
        self.providerIndex = providerIndex
    }

    /// The model called `name`, or whose aliases include it.
    public func model(named name: String) -> ModelConfig? {
        modelIndex[name].map { models[$0] }
    }

    /// The provider called `name`.
    public func provider(named name: String) -> ProviderConfig? {
        providerIndex[name].map { providers[$0] }
    }

    /// The provider that serves `model`.
    public func provider(for model: ModelConfig) -> ProviderConfig? {
        provider(named: model.provider)
    }

    /// A copy with each provider passed through `transform`; models and settings unchanged.
    public func mappingProviders(_ transform: (ProviderConfig) -> ProviderConfig) -> GatewayConfig {
        GatewayConfig(
            listen: listen,
            dataDir: dataDir,
            logLevel: logLevel,
            server: server,
            timeouts: timeouts,
            providers: providers.map(transform),
            models: models,
            routers: routers,
            adminKey: adminKey,
            ledger: ledger,
            metrics: metrics,
            tagLimits: tagLimits,
            reliability: reliability
        )
    }
}

extension GatewayConfig {
    /// A copy listening on `address` (the command line's `--listen` wins over the file).
    public func listening(on address: ListenAddress) -> GatewayConfig {
        GatewayConfig(listen: address, dataDir: dataDir, logLevel: logLevel, server: server,
                      timeouts: timeouts, providers: providers, models: models, routers: routers,
                      adminKey: adminKey, ledger: ledger, metrics: metrics, tagLimits: tagLimits,
                      reliability: reliability)
    }
}
