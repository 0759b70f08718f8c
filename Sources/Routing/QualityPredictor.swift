/// Predicts how well a catalog model will answer a request, from the request's features alone.
///
/// Called on the request path once per candidate: implementations must be pure, allocation-free
/// and deterministic (no I/O, no clock).
public protocol QualityPredictor: Sendable {
    /// Predicted quality in 0...1 of `model` (catalog id) on this request.
    func quality(of model: String, abilities: ModelAbilities, features: RequestFeatures) -> Double
}
