@testable import Eval
import Routing
import XCTest

/// Knobs per category: the same predictions in two categories, right in one and wrong in the other.
final class CategoryKnobSearchTests: XCTestCase {
    /// Strong (cost 1) always right; weak (cost 0.1) predicted 0.05 behind everywhere, but right
    /// on every code prompt and wrong on every knowledge prompt. At scale 1 the utility rule moves
    /// a prompt to weak once the knob passes 0.05 / 0.9 ≈ 0.056.
    static func table(perCategory n: Int) -> ReplayTable {
        let codeScores = Array(repeating: [1.0, 1.0], count: n), knowledgeScores = Array(repeating: [1.0, 0.0], count: n)
        return ReplayTable(
            models: ["strong", "weak"], scores: codeScores + knowledgeScores,
            costs: Array(repeating: [1, 0.1], count: 2 * n),
            predicted: Array(repeating: [0.9, 0.85], count: 2 * n),
            predictedCosts: Array(repeating: [1, 0.1], count: 2 * n),
            categories: Array(repeating: .code, count: n) + Array(repeating: .knowledge, count: n)
        )
    }

    func testEachCategoryGetsItsOwnExchangeRate() throws {
        let found = CategoryKnobSearch.calibrate(table: Self.table(perCategory: 200), strongest: 0, costScale: 1)
        let full = try XCTUnwrap(found["1.00"])
        XCTAssertGreaterThan(try XCTUnwrap(full.knobs[.code]), 0.05 / 0.9)
        XCTAssertLessThan(try XCTUnwrap(full.knobs[.knowledge]), 0.05 / 0.9)
        XCTAssertEqual(full.point.quality, 1, accuracy: 1e-12)
        XCTAssertEqual(full.point.saved, 0.45, accuracy: 1e-12)
        // One knob cannot tell the categories apart: at 100% it keeps the strong model everywhere.
        let table = Self.table(perCategory: 200)
        let single = SuiteCalibration.calibrate(suite: "toy", table: table, costs: CostTable())
        XCTAssertEqual(single.outOfFold["utility"]?["1.00"]?.saved ?? -1, 0, accuracy: 1e-12)
        XCTAssertEqual(single.outOfFold[SuiteCalibration.byCategory]?["1.00"]?.saved ?? -1, 0.45, accuracy: 1e-12)
        // The offline replay with those knobs lands on the same point.
        let knobs = single.knobByCategory(target: "1.00")
        let choice = RoutingPolicy.utility.choices(table, knob: 0, strongest: 0, costScale: 1, knobByCategory: knobs)
        XCTAssertEqual(table.replay(choice).cost, 0.55, accuracy: 1e-12)
    }

    func testSmallCategoriesKeepOneKnob() {
        XCTAssertTrue(CategoryKnobSearch.calibrate(table: Self.table(perCategory: CategoryKnobSearch.minimumRecords - 1),
                                                   strongest: 0, costScale: 1).isEmpty)
    }

    func testTheParetoFrontDropsDominatedPoints() {
        let points = [(0.9, 1.0), (0.9, 2.0), (0.8, 0.5), (0.7, 0.6), (0.6, 0.1)].map {
            CategoryKnobSearch.Point(quality: $0.0, cost: $0.1, knobs: [:])
        }
        XCTAssertEqual(CategoryKnobSearch.paretoFront(points).map(\.cost), [1.0, 0.5, 0.1])
    }
}
