@testable import Eval
import Routing
import XCTest

/// Train -> weights.json -> eval, end to end on synthetic records with a planted signal.
final class CommandTests: XCTestCase {
    private var folder = ""

    override func setUp() {
        folder = NSTemporaryDirectory() + "switchyard-cmd-\(UUID().uuidString)"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Prompts about "integrals" need the strong model; "colors" prompts do not.
    static func records(_ count: Int, seed: UInt64) -> [OutcomeRecord] {
        var rng = SeededGenerator(seed: seed)
        return (0 ..< count).map { i in
            let hard = rng.next() % 2 == 0
            let topic = hard ? "compute the integrals of this tricky polynomial" : "name the colors of the rainbow"
            let weakRight = hard ? rng.next() % 10 < 2 : rng.next() % 10 < 9
            let strongRight = rng.next() % 10 < 9
            return OutcomeRecord(
                id: "\(seed)-\(i)", prompt: "\(topic) please \(i % 7)", group: "demo", dataset: "demo",
                scores: ["strong": strongRight ? 1 : 0, "weak": weakRight ? 1 : 0],
                costs: ["strong": 0.01, "weak": 0.0005]
            )
        }
    }

    func testTrainThenEval() throws {
        try OutcomeFile.write(Self.records(600, seed: 1), to: folder + "/train.jsonl")
        try OutcomeFile.write(Self.records(300, seed: 2), to: folder + "/test.jsonl")
        var options = DifficultyTrainer.Options()
        options.folds = 3
        let summary = try RouterTrainCommand.run(train: [folder + "/train.jsonl"], out: folder + "/weights.json", options: options, catalog: nil)
        XCTAssertTrue(summary.contains("suite demo"))
        let weights = try WeightsFile.read(folder + "/weights.json")
        XCTAssertEqual(weights.suites.map(\.suite), ["demo"])
        XCTAssertEqual(weights.suites[0].strongest, "strong")
        // The gateway's reader accepts the same file.
        XCTAssertNoThrow(try DifficultyModel.decode(try String(contentsOfFile: folder + "/weights.json", encoding: .utf8)))

        let output = try EvalCommand.run(
            weights: folder + "/weights.json", test: [folder + "/test.jsonl"], router: "threshold",
            json: true, plot: folder + "/plot.svg"
        )
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        // Half the prompts need the strong model, so a perfect ranking has APGR 0.75.
        XCTAssertGreaterThan(json["apgr"] as! Double, 0.7)
        let saved = json["cost_saved_at"] as! [String: Double]
        XCTAssertGreaterThan(saved["0.95"]!, 0.3)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/plot.svg"))
        let text = try EvalCommand.run(weights: folder + "/weights.json", test: [folder + "/test.jsonl"], router: "utility", plot: folder + "/u.svg")
        XCTAssertTrue(text.contains("APGR"))
    }

    func testErrors() throws {
        try OutcomeFile.write(Self.records(60, seed: 3), to: folder + "/train.jsonl")
        var options = DifficultyTrainer.Options()
        options.folds = 2
        try RouterTrainCommand.run(train: [folder + "/train.jsonl"], out: folder + "/w.json", options: options, catalog: nil)
        let weights = try WeightsFile.read(folder + "/w.json")
        XCTAssertThrowsError(try EvalCommand.evaluate(weights: weights, records: Self.records(5, seed: 4), router: "nope")) {
            XCTAssertEqual(($0 as? EvalError)?.code, .unknownRouter)
        }
        var other = Self.records(5, seed: 5)
        other[0].dataset = "elsewhere"
        XCTAssertThrowsError(try EvalCommand.evaluate(weights: weights, records: other, router: "threshold")) {
            XCTAssertEqual(($0 as? EvalError)?.code, .invalidArgument)
        }
        let unknown = other.map { var r = $0; r.dataset = "elsewhere"; return r }
        XCTAssertThrowsError(try EvalCommand.evaluate(weights: weights, records: unknown, router: "threshold")) {
            XCTAssertEqual(($0 as? EvalError)?.code, .noCalibration)
        }
        XCTAssertThrowsError(try OutcomeFile.read(folder + "/missing.jsonl")) { XCTAssertEqual(($0 as? EvalError)?.code, .io) }
    }

    func testLeaveOneOut() throws {
        var records = Self.records(300, seed: 6)
        for i in records.indices { records[i].group = "g\(i % 3)" }
        var options = DifficultyTrainer.Options()
        options.epochs = 4
        let result = try LeaveOneOutCommand.evaluate(records: records, options: options, catalog: nil)
        XCTAssertEqual(result.groups, 3)
        XCTAssertGreaterThan(result.pooled.apgr, 0.6)
    }
}
