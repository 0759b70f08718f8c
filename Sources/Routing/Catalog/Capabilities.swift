/// What a model can do beyond plain chat; the hard filters compare it with what a request needs.
public struct Capabilities: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let tools = Capabilities(rawValue: 1 << 0)
    public static let vision = Capabilities(rawValue: 1 << 1)
    public static let jsonSchema = Capabilities(rawValue: 1 << 2)
    public static let reasoning = Capabilities(rawValue: 1 << 3)

    /// Catalog spelling of each flag, in a fixed order (also the rendering order).
    public static let names: [(String, Capabilities)] = [
        ("tools", .tools), ("vision", .vision), ("json_schema", .jsonSchema), ("reasoning", .reasoning),
    ]

    /// Parses one catalog name; nil for an unknown name.
    public init?(name: String) {
        guard let match = Self.names.first(where: { $0.0 == name }) else { return nil }
        self = match.1
    }

    /// Catalog names of the set flags, in `names` order.
    public var nameList: [String] { Self.names.filter { contains($0.1) }.map(\.0) }

    /// What a request needs, from its features.
    public init(requiredBy features: RequestFeatures) {
        var needed: Capabilities = []
        if features.usesTools { needed.insert(.tools) }
        if features.hasImages { needed.insert(.vision) }
        if features.wantsJSONSchema { needed.insert(.jsonSchema) }
        self = needed
    }
}
