import Routing
import XCTest

final class DifficultySerializationTests: XCTestCase {
    func testRoundTripIsExact() throws {
        var options = DifficultyTrainer.Options()
        options.folds = 0
        let model = DifficultyTrainer(options: options).train(DifficultySynthetic.samples(DifficultySynthetic.make(count: 400, seed: 3))).model
        XCTAssertGreaterThan(model.ngramWeights.count, 0)
        XCTAssertFalse(model.residuals.isEmpty)
        let text = String(decoding: model.encoded(), as: UTF8.self)
        let decoded = try DifficultyModel.decode(text)
        XCTAssertEqual(decoded, model)
        XCTAssertEqual(String(decoding: decoded.encoded(), as: UTF8.self), text)
        let features = FeatureExtractor.extract(prompt: "tell me about quantum topology", category: .knowledge)
        let abilities = ModelAbilities(byCategory: Array(repeating: 0.7, count: TaskCategory.allCases.count))
        for name in ["big", "small", "unknown"] {
            XCTAssertEqual(
                decoded.quality(of: name, abilities: abilities, features: features),
                model.quality(of: name, abilities: abilities, features: features)
            )
        }
    }

    func testRejectsOtherFormatsAndBadShapes() {
        XCTAssertThrowsError(try DifficultyModel.decode("{")) { XCTAssertEqual(($0 as? DifficultyError)?.code, .invalidJSON) }
        XCTAssertThrowsError(try DifficultyModel.decode(#"{"format":99,"hash_bits":18,"hash_version":1}"#)) {
            XCTAssertEqual(($0 as? DifficultyError)?.code, .unsupportedFormat)
        }
        var text = String(decoding: DifficultyModel().encoded(), as: UTF8.self)
        text = text.replacingFirst(#""ngram_index_deltas":[]"#, with: #""ngram_index_deltas":[1]"#)
        XCTAssertThrowsError(try DifficultyModel.decode(text)) { XCTAssertEqual(($0 as? DifficultyError)?.code, .wrongShape) }
    }

    func testSparseWeightsLookup() {
        let weights = SparseWeights(entries: [(5, 0.5), (262_143, -1), (7, 0), (5, 0.25)])
        XCTAssertEqual(weights.count, 2)
        XCTAssertEqual(weights.weight(5), 0.25)
        XCTAssertEqual(weights.weight(6), 0)
        XCTAssertEqual(weights.sum([5, 262_143, 9]), -0.75)
        XCTAssertEqual(weights.entries.map(\.index), [5, 262_143])
    }

    func testPlattScalingFit() {
        // Logits twice as confident as the truth: Platt should halve them.
        var logits: [Double] = [], targets: [Double] = []
        for i in -20 ... 20 {
            let z = Double(i) / 5
            logits.append(2 * z)
            targets.append(Logistic.sigmoid(z))
        }
        let platt = PlattScaling.fit(logits: logits, targets: targets)
        XCTAssertEqual(platt.a, 0.5, accuracy: 0.02)
        XCTAssertEqual(platt.b, 0, accuracy: 0.02)
    }

    func testAbilityLinkFit() {
        let catalog = [0.5, 0.73105857863, 0.88079707797]
        let link = AbilityLink.fit(catalog: catalog, theta: [1, 3, 5])!
        XCTAssertEqual(link.slope, 2, accuracy: 1e-6)
        XCTAssertEqual(link.intercept, 1, accuracy: 1e-6)
        XCTAssertNil(AbilityLink.fit(catalog: [], theta: []))
        let single = AbilityLink.fit(catalog: [0.5], theta: [2], fallbackSlope: 1.5)!
        XCTAssertEqual(single.slope, 1.5)
        XCTAssertEqual(single.intercept, 2, accuracy: 1e-9)
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
