/// What a spend report groups by: `key`, `team`, `tag:NAME`, `model`, `router` or `provider`.
public enum SpendGrouping: Sendable, Equatable, CustomStringConvertible {
    case key
    case team
    case tag(String)
    /// The served model; the requested one for rows that never reached a model.
    case model
    case router
    case provider

    /// The group of rows that have no value for the grouping (no key, no router, no such tag).
    public static let noneLabel = "(none)"

    /// Parses the CLI and admin API spelling (`key`, `tag:agent`, …).
    public init(parsing text: String) throws(LedgerError) {
        switch text {
        case "key": self = .key
        case "team": self = .team
        case "model": self = .model
        case "router": self = .router
        case "provider": self = .provider
        default:
            guard text.hasPrefix("tag:"), text.count > 4 else {
                throw LedgerError(.invalid, "unknown grouping '\(text)': use key, team, tag:NAME, model, router or provider")
            }
            self = .tag(String(text.dropFirst(4)))
        }
    }

    public var description: String {
        switch self {
        case .key: "key"
        case .team: "team"
        case .tag(let name): "tag:\(name)"
        case .model: "model"
        case .router: "router"
        case .provider: "provider"
        }
    }

    /// The SQL expression over `requests r` giving the group; nil for tags (a `json_each` join).
    var column: String? {
        switch self {
        case .key: "r.key_id"
        case .team: "r.team"
        case .tag: nil
        case .model: "COALESCE(r.served_model, r.requested_model)"
        case .router: "r.router"
        case .provider: "r.provider"
        }
    }
}
