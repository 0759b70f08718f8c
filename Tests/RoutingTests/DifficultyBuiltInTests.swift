import Routing
import XCTest

final class DifficultyBuiltInTests: XCTestCase {
    func testShippedWeightsDecodeAndPredict() {
        let model = DifficultyModel.builtIn
        XCTAssertGreaterThan(model.ngramWeights.count, 1000)
        XCTAssertNotNil(model.learnedAbilities["gpt-4-1106-preview"])
        let easy = FeatureExtractor.extract(prompt: "What color is the sky on a clear day?")
        let abilities = ModelAbilities(byCategory: Array(repeating: 0.8, count: TaskCategory.allCases.count))
        let q = model.quality(of: "a-new-model", abilities: abilities, features: easy)
        XCTAssertTrue((0 ... 1).contains(q))
        // A stronger catalog entry is predicted at least as good on the same request.
        let weaker = ModelAbilities(byCategory: Array(repeating: 0.4, count: TaskCategory.allCases.count))
        XCTAssertGreaterThan(q, model.quality(of: "a-new-model", abilities: weaker, features: easy))
    }
}
