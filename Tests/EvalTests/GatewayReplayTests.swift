@testable import Eval
import Routing
import XCTest

/// `scoring:savings` runs the gateway's `Router.decide` with the utility rule; it must report
/// exactly what the offline `utility` policy reports on the same weights and test records.
final class GatewayReplayTests: XCTestCase {
    private var folder = ""

    override func setUp() {
        folder = NSTemporaryDirectory() + "switchyard-replay-\(UUID().uuidString)"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Catalog entries for the synthetic suite's two models (the gateway router needs them).
    static let catalog: Catalog = try! Catalog(models: ["strong", "weak"].map { id in
        CatalogModel(
            id: id, family: id, host: id,
            pricing: Pricing(inputPerMTok: id == "strong" ? 10 : 0.5, outputPerMTok: id == "strong" ? 30 : 0.5, readOn: "2026-11-29"),
            contextWindow: 1_000_000, maxOutputTokens: 100_000, capabilities: [],
            abilities: ModelAbilities(byCategory: Array(repeating: 0.5, count: TaskCategory.allCases.count)),
            seedLatency: LatencySeed(ttftMs: 100, tokensPerSecond: 100), activeParamsB: 10
        )
    })

    func testTheGatewayUtilityRouterReplaysTheOfflineUtilityPolicy() throws {
        try OutcomeFile.write(CommandTests.records(600, seed: 1), to: folder + "/train.jsonl")
        let test = CommandTests.records(300, seed: 2)
        var options = DifficultyTrainer.Options()
        options.folds = 3
        try RouterTrainCommand.run(train: [folder + "/train.jsonl"], out: folder + "/weights.json", options: options, catalog: nil)
        let weights = try WeightsFile.read(folder + "/weights.json")
        let scale = try XCTUnwrap(weights.suites.first?.utilityCostScale)
        XCTAssertEqual(scale, 0.01, accuracy: 1e-12, "the strong model's mean training cost")

        let offline = try EvalCommand.evaluate(weights: weights, records: test, router: "utility", catalog: Self.catalog)
        let gateway = try EvalCommand.evaluate(weights: weights, records: test, router: "scoring:savings", catalog: Self.catalog)
        XCTAssertEqual(gateway.router, "scoring:savings")
        XCTAssertEqual(gateway.operatingPoints, offline.operatingPoints)
        XCTAssertGreaterThan(offline.operatingPoints.map(\.costSaved).max() ?? 0, 0.3, "the planted signal is routed on")

        // A weights file from before c̄ was stored: both replays fall back to the same scale.
        var old = weights
        old.suites[0].utilityCostScale = nil
        XCTAssertEqual(try EvalCommand.evaluate(weights: old, records: test, router: "scoring:savings", catalog: Self.catalog).operatingPoints,
                       try EvalCommand.evaluate(weights: old, records: test, router: "utility", catalog: Self.catalog).operatingPoints)
    }

    func testTheCostScaleSurvivesTheWeightsFile() throws {
        let costs = CostTable(means: ["a": ["*": 1]])
        let suite = SuiteCalibration(suite: "s", models: ["a", "b"], strongest: "a", costs: costs, knobs: [:], utilityCostScale: 0.0042)
        let file = WeightsFile(model: DifficultyModel(), suites: [suite])
        XCTAssertEqual(try WeightsFile.decode(file.encoded()).suites.first?.utilityCostScale, 0.0042)
    }
}
