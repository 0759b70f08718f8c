@testable import Eval
import XCTest

final class TwoModelMetricsTests: XCTestCase {
    /// Worked by hand with 2 bins: edges are the 0, 50 and 100% quantiles of [0.1, 0.3, 0.5, 0.9],
    /// i.e. 0.1, 0.4 and 0.9; the points are (0%, 0.25), (50%, 0.75), (100%, 0.75).
    func testHandComputedToy() {
        let metrics = TwoModelMetrics(
            routerScores: [0.9, 0.1, 0.5, 0.3], strong: [1, 1, 1, 0], weak: [0, 1, 0, 0], bins: 2
        )
        XCTAssertEqual(metrics.points.map(\.share), [0, 0.5, 1])
        XCTAssertEqual(metrics.points.map(\.quality), [0.25, 0.75, 0.75])
        XCTAssertEqual(metrics.strongQuality, 0.75)
        XCTAssertEqual(metrics.weakQuality, 0.25)
        // AUC = 0.5 * (0.25 + 0.75) / 2 + 0.5 * 0.75 = 0.625; APGR = (0.625 - 0.25) / 0.5.
        XCTAssertEqual(metrics.apgr, 0.75, accuracy: 1e-12)
        XCTAssertEqual(metrics.cpt20!, 0.1, accuracy: 1e-12)
        XCTAssertEqual(metrics.cpt50!, 0.25, accuracy: 1e-12)
        XCTAssertEqual(metrics.cpt80!, 0.4, accuracy: 1e-12)
    }

    func testPerfectAndReversedRouters() {
        // The strong model only helps on prompts 0 and 1.
        let strong: [Double] = [1, 1, 1, 1, 0, 1, 1, 1, 1, 1]
        let weak: [Double] = [0, 0, 1, 1, 0, 1, 1, 1, 1, 1]
        let perfect = TwoModelMetrics(routerScores: [9, 8, 1, 1, 1, 1, 1, 1, 1, 1].map(Double.init), strong: strong, weak: weak)
        let reversed = TwoModelMetrics(routerScores: [0, 0, 5, 5, 5, 5, 5, 5, 5, 5].map(Double.init), strong: strong, weak: weak)
        XCTAssertGreaterThan(perfect.apgr, 0.85)
        XCTAssertLessThan(reversed.apgr, 0.2)
        XCTAssertEqual(perfect.cpt80!, 0.16, accuracy: 1e-9)
    }

    func testQuantileMatchesLinearInterpolation() {
        XCTAssertEqual(TwoModelMetrics.quantile([1, 2, 3, 4], 0.5), 2.5)
        XCTAssertEqual(TwoModelMetrics.quantile([1, 2, 3, 4], 1), 4)
        XCTAssertEqual(TwoModelMetrics.quantile([1, 2, 3, 4], 0.1), 1.3, accuracy: 1e-12)
    }

    func testUnreachedCPTIsNil() {
        let metrics = TwoModelMetrics(routerScores: [1, 2], strong: [1, 0], weak: [0, 0], bins: 1)
        // Curve: (0%, 0) and (100%, 0.5) reaches every target.
        XCTAssertEqual(metrics.cpt80!, 0.8, accuracy: 1e-12)
        XCTAssertNil(TwoModelMetrics.cpt(0.5, [QualityCost(quality: 0, cost: 0, share: 0)], strong: 1, weak: 0))
    }
}
