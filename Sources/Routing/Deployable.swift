/// A model the gateway can serve, as the router sees it: the name requests use, its catalog entry,
/// and the gateway's index for health, statistics and allowlists.
public struct Deployable: Sendable, Equatable {
    /// The configured model name (what a request's `model` and a router's `models` list say).
    public var name: String
    /// Catalog id or alias of the underlying model; defaults to `name`.
    public var catalogID: String
    /// Dense index of the gateway deployment (0..<count), used by `LiveStats`, `DeploymentSet` and health.
    public var deployment: Int

    public init(name: String, catalogID: String? = nil, deployment: Int) {
        self.name = name
        self.catalogID = catalogID ?? name
        self.deployment = deployment
    }
}
