/// Why a hard filter removed a candidate (checked in this order; the first failing one is recorded).
public enum FilterReason: String, Sendable, CaseIterable {
    /// The router's own rules (required capabilities, families, price cap).
    case routerRule = "router_rule"
    /// Prompt plus `max_tokens` exceeds the context window.
    case contextWindow = "context_window"
    /// `max_tokens` exceeds the model's maximum output.
    case maxOutput = "max_output"
    case tools
    case vision
    case jsonSchema = "json_schema"
    /// Not on the API key's allowlist.
    case notAllowed = "not_allowed"
    case unhealthy
}

/// Why a candidate that passed the hard filters was not eligible.
public enum Ineligibility: String, Sendable, CaseIterable {
    /// Predicted quality below the router's `minQuality`.
    case belowFloor = "below_floor"
    /// Predicted quality more than `maxQualityDrop` below the best candidate's.
    case beyondMaxDrop = "beyond_max_drop"
}

/// What became of one candidate in a plan.
public enum CandidateStatus: Sendable, Equatable {
    case chosen
    /// Tried in this order (1 = first) if the chosen model fails.
    case fallback(rank: Int)
    case ineligible(Ineligibility)
    case filtered(FilterReason)

    /// Short label for tables, summaries and JSON.
    public var label: String {
        switch self {
        case .chosen: "chosen"
        case .fallback(let rank): "fallback \(rank)"
        case .ineligible(let why): why.rawValue
        case .filtered(let why): "filtered: \(why.rawValue)"
        }
    }
}
