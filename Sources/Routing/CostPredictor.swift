/// Replaces the router's price-based cost estimate with a learned one (e.g. mean cost per model
/// and task category from a deployment's history, or a dataset's training split).
///
/// Called on the request path once per candidate: implementations must be pure, allocation-free
/// and deterministic (no I/O, no clock).
public protocol CostPredictor: Sendable {
    /// Estimated USD of `model` (catalog id) answering this request; `estimate` is the router's
    /// own figure (catalog price × estimated input and output tokens), to return or adjust.
    func cost(of model: String, features: RequestFeatures, estimate: Double) -> Double
}
