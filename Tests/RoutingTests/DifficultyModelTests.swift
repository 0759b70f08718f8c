import Routing
import XCTest

final class DifficultyModelTests: XCTestCase {
    private static let train = DifficultySynthetic.make(count: 1200, seed: 1)
    private static let test = DifficultySynthetic.make(count: 400, seed: 2)

    private func trained(catalog: Catalog? = nil) -> TrainingResult {
        var options = DifficultyTrainer.Options()
        options.folds = 3
        return DifficultyTrainer(options: options, catalog: catalog).train(DifficultySynthetic.samples(Self.train))
    }

    func testLearnsPlantedDifficultyBeyondTheCatalogBaseline() {
        let model = trained().model
        let abilities = ModelAbilities(byCategory: Array(repeating: 0.6, count: TaskCategory.allCases.count))
        let baseline = CatalogQualityPredictor()
        for name in ["big", "mid", "small"] {
            let labels = Self.test.map { $0.scores[name]! }
            let learned = Self.test.map {
                model.quality(of: name, abilities: abilities, features: FeatureExtractor.extract(prompt: $0.prompt, category: .knowledge))
            }
            let flat = Self.test.map {
                baseline.quality(of: name, abilities: abilities, features: FeatureExtractor.extract(prompt: $0.prompt, category: .knowledge))
            }
            XCTAssertEqual(DifficultySynthetic.auc(flat, labels), 0.5, accuracy: 1e-9)
            XCTAssertGreaterThan(DifficultySynthetic.auc(learned, labels), 0.75, name)
        }
        let difficulty = Self.test.map { model.assess(FeatureExtractor.extract(prompt: $0.prompt, category: .knowledge)).difficulty }
        let truth = Self.test.map(\.difficulty)
        XCTAssertGreaterThan(Self.correlation(difficulty, truth), 0.8)
    }

    func testAbilityOrderIsLearned() {
        let model = trained().model
        let k = TaskCategory.knowledge.index
        let theta = ["big", "mid", "small"].map { model.learnedAbilities[$0]![k] }
        XCTAssertGreaterThan(theta[0], theta[1])
        XCTAssertGreaterThan(theta[1], theta[2])
    }

    func testNewModelIsRoutedFromItsCatalogEntryAlone() throws {
        // Catalog abilities that order the models like the truth; "held-out" is absent from training.
        let quality: [String: Double] = ["big": 0.85, "mid": 0.7, "small": 0.5, "held-out": 0.78]
        let catalog = try Catalog(models: quality.map { Self.catalogModel($0.key, knowledge: $0.value) })
        let model = trained(catalog: catalog).model
        XCTAssertNil(model.learnedAbilities["held-out"])
        let abilities = catalog.model(named: "held-out")!.abilities
        let predicted = Self.test.map {
            model.quality(of: "held-out", abilities: abilities, features: FeatureExtractor.extract(prompt: $0.prompt, category: .knowledge))
        }
        XCTAssertGreaterThan(DifficultySynthetic.auc(predicted, Self.test.map { $0.scores["held-out"]! }), 0.75)
        // Linked between mid and big, as its catalog ability is.
        let k = TaskCategory.knowledge.index
        let linked = model.ability(of: "held-out", abilities: abilities, category: .knowledge)
        XCTAssertGreaterThan(linked, model.learnedAbilities["mid"]![k])
        XCTAssertLessThan(linked, model.learnedAbilities["big"]![k])
    }

    func testOutOfFoldPredictionsAndDeterminism() {
        let a = trained(), b = trained()
        XCTAssertEqual(a.model, b.model)
        XCTAssertEqual(a.outOfFold.count, Self.train.count)
        XCTAssertEqual(a.modelNames, ["big", "mid", "small"])
        XCTAssertTrue(a.outOfFold.allSatisfy { $0.count == 3 && $0.allSatisfy { (0 ... 1).contains($0) } })
        XCTAssertLessThan(a.outOfFoldLogLoss, 0.6)
    }

    func testCategoryInference() {
        XCTAssertEqual(CategoryInference.category(of: FeatureExtractor.extract(prompt: "Write a python function that sorts a list")), .code)
        XCTAssertEqual(CategoryInference.category(of: FeatureExtractor.extract(prompt: "Solve the equation 3x + 5 = 20 for x")), .math)
        XCTAssertEqual(CategoryInference.category(of: FeatureExtractor.extract(prompt: "Write a short poem about autumn")), .creative)
        XCTAssertEqual(CategoryInference.category(of: FeatureExtractor.extract(prompt: "Extract the names and summarize them")), .extraction)
        XCTAssertEqual(CategoryInference.category(of: FeatureExtractor.extract(prompt: "Which is larger?\nA. the sun\nB. the moon")), .knowledge)
        XCTAssertEqual(CategoryInference.category(of: FeatureExtractor.extract(prompt: "Explain why this argument is a contradiction")), .reasoning)
        XCTAssertEqual(CategoryInference.category(of: FeatureExtractor.extract(prompt: "Hi there, how are you?")), .chat)
        XCTAssertEqual(CategoryInference.category(of: FeatureExtractor.extract(prompt: "Hi", category: .math)), .math)
    }

    static func catalogModel(_ id: String, knowledge: Double) -> CatalogModel {
        CatalogModel(
            id: id, family: "test", host: "test",
            pricing: Pricing(inputPerMTok: 1, outputPerMTok: 2, readOn: "2026-01-01"),
            contextWindow: 8192, maxOutputTokens: 1024, capabilities: [],
            abilities: ModelAbilities([.knowledge: knowledge], default: knowledge),
            seedLatency: LatencySeed(ttftMs: 100, tokensPerSecond: 50), activeParamsB: 10
        )
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
