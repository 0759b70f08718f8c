/// Configurations get logged, so their textual forms go through `ProviderConfig`'s redacting ones.
extension GatewayConfig: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "GatewayConfig(listen: \(listen), dataDir: \(dataDir), logLevel: \(logLevel.rawValue), "
            + "server: \(server), timeouts: \(timeouts), "
            + "providers: [\(providers.map(\.description).joined(separator: "; "))], "
            + "models: [\(models.map(Self.summaryText(of:)).joined(separator: ", "))])"
    }

    public var debugDescription: String { description }

    /// Leaves out the lookup indexes and reaches providers only through their redacting mirror.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "listen": listen,
                "dataDir": dataDir,
                "logLevel": logLevel,
                "server": server,
                "timeouts": timeouts,
                "providers": providers,
                "models": models,
            ],
            displayStyle: .struct
        )
    }
}
