import Routing

/// A `CostTable` as the router's cost estimate: mean training cost per model and category,
/// looked up by the dataset's model name for the catalog id the router asks about.
struct CostTablePredictor: CostPredictor {
    let table: CostTable
    let datasetName: [String: String]

    func cost(of model: String, features: RequestFeatures, estimate: Double) -> Double {
        table.cost(of: datasetName[model] ?? model, category: features.category) ?? estimate
    }
}
