/// The baseline predictor: the catalog ability for the request's category, or the mean when unknown.
public struct CatalogQualityPredictor: QualityPredictor {
    public init() {}

    public func quality(of model: String, abilities: ModelAbilities, features: RequestFeatures) -> Double {
        guard let category = features.category else { return abilities.mean }
        return abilities[category]
    }
}
