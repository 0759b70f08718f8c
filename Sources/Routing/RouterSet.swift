/// Every router a configuration defines (presets plus configured ones), compiled and looked up by id.
public struct RouterSet: Sendable {
    public let routers: [Router]
    private let byID: [String: Int]

    /// Validates with `RouterConfig.validate` and compiles; throws the first problem (call
    /// `validate` directly to report them all). A configured router replaces a preset of the same id.
    public init(
        configured: [RouterConfig],
        catalog: Catalog,
        deployables: [Deployable],
        aliases: [String] = [],
        predictor: any QualityPredictor = CatalogQualityPredictor()
    ) throws(RoutingConfigError) {
        let problems = RouterConfig.validate(configured, deployables: deployables, aliases: aliases, catalog: catalog)
        if let first = problems.first { throw first }
        let ids = Set(configured.map(\.id))
        var routers: [Router] = []
        for config in Presets.all where !ids.contains(config.id) {
            // A preset with nothing to choose from (no catalogued deployable) is simply absent.
            if let router = try? Router(config, catalog: catalog, deployables: deployables, predictor: predictor) {
                routers.append(router)
            }
        }
        for config in configured {
            routers.append(try Router(config, catalog: catalog, deployables: deployables, predictor: predictor))
        }
        var byID: [String: Int] = [:]
        for (index, router) in routers.enumerated() { byID[router.id] = index }
        self.routers = routers
        self.byID = byID
    }

    public func router(named id: String) -> Router? { byID[id].map { routers[$0] } }

    public var ids: [String] { routers.map(\.id) }

    /// The same routers with another quality predictor.
    public func with(predictor: any QualityPredictor) -> RouterSet {
        RouterSet(routers: routers.map { $0.with(predictor: predictor) })
    }

    private init(routers: [Router]) {
        self.routers = routers
        var byID: [String: Int] = [:]
        for (index, router) in routers.enumerated() { byID[router.id] = index }
        self.byID = byID
    }
}
