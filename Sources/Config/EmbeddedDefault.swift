/// The configuration used when no file is given, and whether it relies on the in-process simulator.
public struct EmbeddedDefault: Sendable, Hashable {
    public var config: GatewayConfig
    /// True when no provider key was found: every model is served by the `sim` provider, whose
    /// base URL is `GatewayConfig.simulatorPlaceholderURL` until `withSimulator(baseURL:)` replaces it.
    public var simulated: Bool

    public init(config: GatewayConfig, simulated: Bool) {
        self.config = config
        self.simulated = simulated
    }

    /// This default with the simulator's real endpoint filled in (see `GatewayConfig.withSimulator`).
    public func withSimulator(baseURL: String) -> EmbeddedDefault {
        EmbeddedDefault(config: config.withSimulator(baseURL: baseURL), simulated: simulated)
    }
}
