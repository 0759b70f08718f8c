/// How a router ranks the candidates that are eligible for a request.
public enum RoutingRule: Sendable, Equatable {
    /// The weighted score over min-max normalised cost, quality, latency and carbon (`Scorer`).
    case scoring
    /// Highest predicted quality minus priced cost (`UtilityRule`); the weights are not used.
    case utility(UtilityRule)

    /// The configuration spelling: `scoring` or `utility`.
    public var name: String {
        switch self {
        case .scoring: "scoring"
        case .utility: "utility"
        }
    }
}
