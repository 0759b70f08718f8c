/// What `DifficultyModel.assess` works out once per request, shared by every candidate.
public struct RequestAssessment: Sendable, Equatable {
    public var category: TaskCategory
    /// d(x) on the ability scale: a model with θ = d answers well with probability σ(b).
    public var difficulty: Double
    /// Kept for the per-model residuals of trained models.
    public var features: RequestFeatures

    public init(category: TaskCategory, difficulty: Double, features: RequestFeatures) {
        self.category = category
        self.difficulty = difficulty
        self.features = features
    }
}
