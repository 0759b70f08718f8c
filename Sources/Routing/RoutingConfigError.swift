/// A router definition the gateway must refuse; the config loader reports every one it gets.
public struct RoutingConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable reason.
    public enum Code: String, Sendable {
        case emptyID = "empty_router_id"
        case duplicateRouter = "duplicate_router"
        case nameClash = "name_clash"
        case zeroWeights = "zero_weights"
        case invalidWeight = "invalid_weight"
        case invalidQualityBound = "invalid_quality_bound"
        case unknownModel = "unknown_model"
        case uncataloguedModel = "uncatalogued_model"
        case noCandidates = "no_candidates"
        case invalidUtility = "invalid_utility"
    }

    public var code: Code
    /// The router at fault.
    public var router: String
    /// The model or name involved, when there is one.
    public var name: String?
    public var message: String

    public init(_ code: Code, router: String, name: String? = nil, _ message: String) {
        self.code = code
        self.router = router
        self.name = name
        self.message = message
    }

    public var description: String { "router '\(router)': \(message) [\(code.rawValue)]" }
}
