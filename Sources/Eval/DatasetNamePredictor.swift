import Routing

/// The difficulty model seen through catalog ids: the router asks by catalog id, the learned
/// abilities are keyed by the dataset's model names.
struct DatasetNamePredictor: QualityPredictor {
    let model: DifficultyModel
    let datasetName: [String: String]

    func quality(of model: String, abilities: ModelAbilities, features: RequestFeatures) -> Double {
        self.model.quality(of: datasetName[model] ?? model, abilities: abilities, features: features)
    }

    func assessment(of features: RequestFeatures) -> RequestAssessment? {
        model.assess(features)
    }

    // The same arithmetic as the offline table's predictions (difficulty computed once per record).
    func quality(of model: String, abilities: ModelAbilities, features: RequestFeatures,
                 assessment: RequestAssessment?) -> Double {
        guard let assessment else { return quality(of: model, abilities: abilities, features: features) }
        return self.model.quality(of: datasetName[model] ?? model, abilities: abilities, assessment: assessment)
    }
}
