import Routing

/// The difficulty model seen through catalog ids: the router asks by catalog id, the learned
/// abilities are keyed by the dataset's model names.
struct DatasetNamePredictor: QualityPredictor {
    let model: DifficultyModel
    let datasetName: [String: String]

    func quality(of model: String, abilities: ModelAbilities, features: RequestFeatures) -> Double {
        self.model.quality(of: datasetName[model] ?? model, abilities: abilities, features: features)
    }
}
