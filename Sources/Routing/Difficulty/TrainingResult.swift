/// A trained model with the out-of-fold predictions made while training it.
public struct TrainingResult: Sendable {
    public var model: DifficultyModel
    /// Every model name in the samples, sorted; the column order of `outOfFold`.
    public var modelNames: [String]
    /// Per sample (input order), per model: the calibrated quality predicted by the fold model that
    /// did not see the sample; NaN where the sample has no score for the model, empty rows when
    /// cross-fitting was off.
    public var outOfFold: [[Double]]
    /// Mean cross-entropy of the calibrated out-of-fold predictions.
    public var outOfFoldLogLoss: Double
}
