import Routing
import XCTest

final class PromptTermScalingTests: XCTestCase {
    /// Out-of-fold parts where the outcome follows `ability − truth`; `text` is `truth` in
    /// category `informative` and unrelated noise in category `noisy`.
    static func parts(count: Int, informative: Int, noisy: Int) -> [PromptTermScaling.Parts] {
        var generator = SeededGenerator(seed: 11)
        var parts: [PromptTermScaling.Parts] = []
        for i in 0 ..< count {
            let category = i % 2 == 0 ? informative : noisy
            let truth = Double(generator.next() % 2001) / 500 - 2
            let noise = Double(generator.next() % 2001) / 500 - 2
            let u = Double(generator.next() % 10_000) / 10_000
            let target: Double = u < Logistic.sigmoid(0.5 - truth) ? 1 : 0
            parts.append(PromptTermScaling.Parts(
                category: category, ability: 0.5, text: category == informative ? truth : noise, residual: 0, target: target
            ))
        }
        return parts
    }

    func testTrustsInformativeTextAndDropsNoise() {
        let knowledge = TaskCategory.knowledge.index, chat = TaskCategory.chat.index
        let scaling = PromptTermScaling.fit(Self.parts(count: 6_000, informative: knowledge, noisy: chat), platt: .identity)
        XCTAssertEqual(scaling.text[knowledge], 1, accuracy: 0.2)
        XCTAssertEqual(scaling.text[chat], 0, accuracy: 0.1)
        // No residual signal either way, and categories without data: left as trained.
        XCTAssertEqual(scaling.residual[knowledge], 1)
        XCTAssertEqual(scaling.text[TaskCategory.code.index], 1)
    }

    func testFewPredictionsLeaveTheCategoryAsTrained() {
        let chat = TaskCategory.chat.index
        let scaling = PromptTermScaling.fit(Self.parts(count: 400, informative: chat, noisy: chat), platt: .identity)
        XCTAssertEqual(scaling, .identity)
    }

    func testModelAppliesTheScalingAndRoundTrips() throws {
        let features = FeatureExtractor.extract(prompt: "prove that the series converges", category: .math)
        let abilities = ModelAbilities(byCategory: Array(repeating: 0.6, count: TaskCategory.allCases.count))
        var model = DifficultyModel(
            categoryBias: Array(repeating: 0.25, count: TaskCategory.allCases.count),
            denseWeights: Array(repeating: 0.1, count: DenseFeatures.count)
        )
        let full = model.assess(features).difficulty
        var text = Array(repeating: 1.0, count: TaskCategory.allCases.count)
        text[TaskCategory.math.index] = 0
        model.termScaling = PromptTermScaling(text: text, residual: PromptTermScaling.identity.residual)
        // With the text term off, the difficulty is the category's bias alone.
        XCTAssertNotEqual(full, 0.25)
        XCTAssertEqual(model.assess(features).difficulty, 0.25)
        let decoded = try DifficultyModel.decode(String(decoding: model.encoded(), as: UTF8.self))
        XCTAssertEqual(decoded, model)
        XCTAssertEqual(decoded.quality(of: "x", abilities: abilities, features: features),
                       model.quality(of: "x", abilities: abilities, features: features))
    }

    func testWeightsWithoutScalingStillDecode() throws {
        var text = String(decoding: DifficultyModel().encoded(), as: UTF8.self)
        let start = text.range(of: #""term_scaling":"#)!.lowerBound
        let end = text.range(of: #""links":"#)!.lowerBound
        text.removeSubrange(start ..< end)
        XCTAssertEqual(try DifficultyModel.decode(text).termScaling, .identity)
    }
}
