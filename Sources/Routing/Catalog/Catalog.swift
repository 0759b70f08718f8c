/// The models the router knows: the built-in data merged with configuration overrides.
///
/// Lookups by id or alias use a dictionary: they happen when routers are configured, never per request.
public struct Catalog: Sendable {
    public private(set) var models: [CatalogModel]
    private var index: [String: Int]

    /// Builds a catalog; ids and aliases must be unique across all entries.
    public init(models: [CatalogModel]) throws(CatalogError) {
        var index: [String: Int] = [:]
        for (position, model) in models.enumerated() {
            for name in [model.id] + model.aliases {
                if let other = index[name] {
                    throw CatalogError(.duplicateID, model: model.id, "name '\(name)' is also used by \(models[other].id)")
                }
                index[name] = position
            }
        }
        self.models = models
        self.index = index
    }

    /// The entry whose id or alias is `name`.
    public func model(named name: String) -> CatalogModel? {
        index[name].map { models[$0] }
    }

    public func contains(_ name: String) -> Bool { index[name] != nil }

    public var ids: [String] { models.map(\.id) }

    /// The built-in catalog shipped in the package (see `CatalogData` for sources and method).
    public static let builtIn: Catalog = {
        do {
            var catalog = try Catalog.decode(CatalogData.frontier)
            try catalog.add(Catalog.decode(CatalogData.open))
            try catalog.add(Catalog.decode(CatalogData.legacy))
            return catalog
        } catch {
            preconditionFailure("built-in catalog is invalid: \(error)")
        }
    }()

    /// Appends every entry of `other`; an id already present is an error (use `merging` to replace).
    public mutating func add(_ other: Catalog) throws(CatalogError) {
        self = try Catalog(models: models + other.models)
    }

    /// A catalog where each override patches the entry with its id, or adds a complete new entry.
    public func merging(_ overrides: [CatalogOverride]) throws(CatalogError) -> Catalog {
        var result = models
        var positions: [String: Int] = [:]
        for (position, model) in result.enumerated() { positions[model.id] = position }
        for override in overrides {
            if let position = positions[override.id] ?? index[override.id] {
                result[position] = override.applied(to: result[position])
            } else {
                positions[override.id] = result.count
                result.append(try override.complete())
            }
        }
        return try Catalog(models: result)
    }
}
