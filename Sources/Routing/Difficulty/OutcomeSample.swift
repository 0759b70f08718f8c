/// One training prompt for the difficulty model: its features, its category and how each model did.
public struct OutcomeSample: Sendable, Equatable {
    public var features: RequestFeatures
    public var category: TaskCategory
    /// Model name (as in the data) -> score in 0...1; models without a score are simply absent.
    public var scores: [String: Double]

    public init(features: RequestFeatures, category: TaskCategory, scores: [String: Double]) {
        self.features = features
        self.category = category
        self.scores = scores
    }
}
