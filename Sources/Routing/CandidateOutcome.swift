/// One candidate's predictions in a plan.
public struct CandidateOutcome: Sendable, Equatable {
    /// Configured model name.
    public var model: String
    public var catalogID: String
    public var deployment: Int
    /// Predicted quality in 0...1.
    public var quality: Double
    /// Estimated USD for this request (prompt + expected output, hidden reasoning included).
    public var costUSD: Double
    /// Predicted milliseconds until the expected output has streamed.
    public var latencyMs: Double
    /// Estimated gCO2e for this request.
    public var carbonGrams: Double
    /// Weighted score in 0...1 (utility rule: q̂ − knob · cost / reference, any sign); nil unless
    /// the candidate was eligible and scoring ran.
    public var score: Double?
    public var status: CandidateStatus

    // Scratch for scoring: logs computed once per candidate, not part of the explanation.
    var logCost: Double = 0
    var logCarbon: Double = 0
    var eligible: Bool = false

    public static func == (a: CandidateOutcome, b: CandidateOutcome) -> Bool {
        a.model == b.model && a.catalogID == b.catalogID && a.deployment == b.deployment && a.quality == b.quality
            && a.costUSD == b.costUSD && a.latencyMs == b.latencyMs && a.carbonGrams == b.carbonGrams
            && a.score == b.score && a.status == b.status
    }
}
