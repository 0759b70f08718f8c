/// Predicts how well a catalog model will answer a request, from the request's features alone.
///
/// Called on the request path once per candidate: implementations must be pure, allocation-free
/// and deterministic (no I/O, no clock).
public protocol QualityPredictor: Sendable {
    /// Predicted quality in 0...1 of `model` (catalog id) on this request.
    func quality(of model: String, abilities: ModelAbilities, features: RequestFeatures) -> Double

    /// The per-request part of a prediction, computed once before the candidates are scored
    /// (the learned model's difficulty: otherwise recomputed for every candidate); nil when the
    /// predictor has none.
    func assessment(of features: RequestFeatures) -> RequestAssessment?

    /// `quality(of:abilities:features:)` given the request's assessment.
    func quality(of model: String, abilities: ModelAbilities, features: RequestFeatures,
                 assessment: RequestAssessment?) -> Double
}

extension QualityPredictor {
    public func assessment(of features: RequestFeatures) -> RequestAssessment? { nil }

    public func quality(of model: String, abilities: ModelAbilities, features: RequestFeatures,
                        assessment: RequestAssessment?) -> Double {
        quality(of: model, abilities: abilities, features: features)
    }
}
