/// A routing decision: the chosen model, the fallbacks in order, and every candidate's numbers.
///
/// Reusable: `Router.decide(_:…into:)` overwrites a plan in place and keeps its storage, so a
/// caller that keeps one plan per connection allocates nothing per request.
public struct Plan: Sendable, Equatable {
    public internal(set) var routerID: String = ""
    public internal(set) var reason: PlanReason = .noCandidate
    /// Every candidate, in the router's candidate order.
    public internal(set) var candidates: [CandidateOutcome] = []
    /// Indices into `candidates`: the chosen one first, then the fallbacks in order.
    public internal(set) var order: [Int] = []
    /// Prompt tokens the estimates used.
    public internal(set) var inputTokens: Int = 0
    /// Visible output tokens the estimates used.
    public internal(set) var outputTokens: Int = 0

    public init() {}

    public var chosen: CandidateOutcome? { order.first.map { candidates[$0] } }

    /// The fallback candidates, in the order to try them.
    public var fallbacks: [CandidateOutcome] { order.dropFirst().map { candidates[$0] } }

    mutating func reset(routerID: String, inputTokens: Int, outputTokens: Int, capacity: Int) {
        self.routerID = routerID
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        reason = .noCandidate
        candidates.removeAll(keepingCapacity: true)
        order.removeAll(keepingCapacity: true)
        candidates.reserveCapacity(capacity)
        order.reserveCapacity(capacity)
    }
}

/// How the plan's choice was made.
public enum PlanReason: String, Sendable {
    /// The highest weighted score among eligible candidates.
    case scored
    /// Nothing was eligible; the strongest candidate passing the hard filters serves.
    case belowFloorFallback = "below_floor_fallback"
    /// No candidate passed the hard filters.
    case noCandidate = "no_candidate"
}
