@testable import Eval
import XCTest

final class CostSavingsTests: XCTestCase {
    /// Strong always right at cost 1; weak right on the first two prompts at cost 0.1. The
    /// predictions put the weak model within 0.05 and 0.1 of the strong one exactly there.
    static let table = ReplayTable(
        models: ["strong", "weak"],
        scores: [[1, 1], [1, 1], [1, 0], [1, 0]],
        costs: [[1, 0.1], [1, 0.1], [1, 0.1], [1, 0.1]],
        predicted: [[0.9, 0.85], [0.9, 0.8], [0.9, 0.3], [0.9, 0.2]],
        predictedCosts: Array(repeating: [1, 0.1], count: 4)
    )

    func testSinglesOracleAndStrongest() {
        let t = Self.table
        XCTAssertEqual(t.strongest, 0)
        XCTAssertEqual(t.single(0), QualityCost(quality: 1, cost: 1))
        XCTAssertEqual(t.single(1), QualityCost(quality: 0.5, cost: 0.1))
        XCTAssertEqual(t.oracle.quality, 1)
        XCTAssertEqual(t.oracle.cost, 0.55, accuracy: 1e-12)
    }

    func testThresholdPolicy() {
        let p = RoutingPolicy.threshold
        XCTAssertEqual(p.choices(Self.table, knob: -1, strongest: 0), [0, 0, 0, 0])
        XCTAssertEqual(p.choices(Self.table, knob: 0.05, strongest: 0), [1, 0, 0, 0])
        XCTAssertEqual(p.choices(Self.table, knob: 0.1, strongest: 0), [1, 1, 0, 0])
        XCTAssertEqual(p.choices(Self.table, knob: 1, strongest: 0), [1, 1, 1, 1])
    }

    func testUtilityChargesTheStrongestItsOwnCost() {
        // Record 0 is an expensive prompt type (strong costs 3, twice the mean c̄ = 1.5), record 1
        // a cheap one (strong costs 0). Same predictions on both. At knob 0.1 the strong model is
        // worth 0.9 − 0.1 · 2 = 0.7 on record 0, below the weak one's 0.75 − 0.1 · 0.1 / 1.5;
        // a flat charge of c̄ (0.9 − 0.1 = 0.8) would have kept it.
        let table = ReplayTable(
            models: ["strong", "weak"],
            scores: [[1, 1], [1, 1]], costs: [[3, 0.1], [0, 0.1]],
            predicted: [[0.9, 0.75], [0.9, 0.75]],
            predictedCosts: [[3, 0.1], [0, 0.1]]
        )
        XCTAssertEqual(RoutingPolicy.utility.choices(table, knob: 0.1, strongest: 0), [1, 0])
    }

    func testCalibrationPicksTheCheapestPointThatReachesEachTarget() {
        let calibration = SuiteCalibration.calibrate(suite: "toy", table: Self.table, costs: CostTable())
        XCTAssertEqual(calibration.strongest, "strong")
        for policy in RoutingPolicy.allCases {
            let report = EvalCommand.report(table: Self.table, calibration: calibration, policy: policy)
            XCTAssertEqual(report.operatingPoints.map(\.target), ["1.00", "0.99", "0.95"])
            for point in report.operatingPoints {
                // Sending prompts 0 and 1 to the weak model keeps quality at 100% for 45% less.
                XCTAssertEqual(point.qualityFraction, 1, accuracy: 1e-12, policy.rawValue)
                XCTAssertEqual(point.costSaved, 0.45, accuracy: 1e-12, policy.rawValue)
            }
            XCTAssertNotNil(report.twoModel)
            // What the training summary prints: the same point seen on the calibration records.
            let seen = calibration.outOfFold[policy.rawValue]?["0.99"]
            XCTAssertEqual(seen?.quality ?? 0, 1, accuracy: 1e-12, policy.rawValue)
            XCTAssertEqual(seen?.saved ?? 0, 0.45, accuracy: 1e-12, policy.rawValue)
        }
    }

    func testTargetsBelowReachKeepTheStrongest() {
        // A router whose predictions are backwards: every switch loses quality.
        var backwards = Self.table
        backwards.predicted = [[0.9, 0.2], [0.9, 0.3], [0.9, 0.85], [0.9, 0.8]]
        let calibration = SuiteCalibration.calibrate(suite: "toy", table: backwards, costs: CostTable())
        XCTAssertEqual(calibration.knobs["threshold"]?["1.00"], -1)
        let report = EvalCommand.report(table: backwards, calibration: calibration, policy: .threshold)
        XCTAssertEqual(report.operatingPoints[0].costSaved, 0)
    }

    func testJSONReportHasTheRequiredMembers() throws {
        let calibration = SuiteCalibration.calibrate(suite: "toy", table: Self.table, costs: CostTable())
        let report = EvalCommand.report(table: Self.table, calibration: calibration, policy: .threshold)
        let json = try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as! [String: Any]
        for key in ["router", "strongest", "oracle", "cost_saved_at", "apgr", "cpt50", "cpt80"] {
            XCTAssertNotNil(json[key], key)
        }
        let router = json["router"] as! [String: Any]
        XCTAssertNotNil(router["quality"])
        XCTAssertNotNil(router["cost"])
        XCTAssertEqual((json["strongest"] as! [String: Any])["model"] as? String, "strong")
        XCTAssertEqual(Set((json["cost_saved_at"] as! [String: Double]).keys), ["1.00", "0.99", "0.95"])
        let svg = CostQualityPlot().svg(report)
        XCTAssertTrue(svg.hasPrefix("<svg"))
        XCTAssertTrue(svg.contains("oracle"))
        XCTAssertTrue(svg.contains("<polyline"))
    }
}
